"""The 404 page served under a sub-path, as a CDN serves it for any missing address."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.support.datasets import build_site, copy_fixture

from .conftest import Tab

PREFIX = "/offre/"


class _NotFoundHandler(http.server.SimpleHTTPRequestHandler):
    """Answers a missing file with the site's 404.html and status 404."""

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / PREFIX.strip("/") / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def sub_path_site(tmp_path_factory: pytest.TempPathFactory, chromium_path: Path) -> Iterator[str]:
    base = tmp_path_factory.mktemp("sous-chemin")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("OFFRE_URL_SITE", f"https://partenaire.example{PREFIX}")
        code, output = build_site(copy_fixture(base / "donnees"), base / "site")
    assert code == 0, output
    root = base / "www"
    root.mkdir()
    shutil.copytree(base / "site", root / PREFIX.strip("/"))
    handler = functools.partial(_NotFoundHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_the_404_page_under_a_sub_path_loads_its_css_js_and_links(
    sub_path_site: str, tab: Tab
) -> None:
    failed: list[str] = []
    page = tab.page
    page.on(
        "response",
        lambda r: (
            failed.append(f"{r.status} {r.url}")
            if r.status >= 400 and r.request.resource_type != "document"
            else None
        ),
    )
    page.on("requestfailed", lambda request: failed.append(f"échec {request.url}"))
    response = page.goto(f"{sub_path_site}{PREFIX}nulle/part/tres/profond/")
    assert response is not None and response.status == 404
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").first.inner_text() == "Page introuvable"
    assert failed == []
    # Chromium logs the document's own 404 status as a console error; nothing else.
    document_404 = "Failed to load resource: the server responded with a status of 404"
    assert [e for e in tab.errors if not e.startswith(document_404)] == []
    assert len(tab.errors) == 1
    # The theme's stylesheet applied, and its script ran (it exposes document$).
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") in (
        "sticky",
        "fixed",
    )
    assert page.evaluate("typeof window.document$") == "object"
    links = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
    internal = sorted({link.split("#")[0] for link in links if link.startswith(sub_path_site)})
    assert len(internal) > 5
    for link in internal:
        assert urlsplit(link).path.startswith(PREFIX), link
        assert page.request.get(link).status == 200, link
    page.fill("#offre-404-q", "mobilité")
    page.click(".offre-formulaire-404 button")
    page.wait_for_load_state("networkidle")
    assert urlsplit(page.url).path == f"{PREFIX}recherche/"
    assert page.locator("#offre-resultats [data-dispositif]").count() > 0
