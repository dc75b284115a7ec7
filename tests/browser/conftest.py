"""Browser tests: the built test site served on 127.0.0.1, driven in Debian's Chromium.

`playwright install` cannot download browsers here, so Playwright drives the system
Chromium. Without it these tests are skipped — except in CI (OFFRE_EXIGER_NAVIGATEUR=1),
where a skipped test fails the run.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.support.datasets import BuiltSite
from tests.support.environment import REQUIRE_BROWSER

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-gpu",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium_path() -> Path:
    if not CHROMIUM.exists():
        if REQUIRE_BROWSER:
            pytest.fail("/usr/bin/chromium manque alors que OFFRE_EXIGER_NAVIGATEUR=1")
        pytest.skip("Chromium de Debian absent (/usr/bin/chromium) : apt-get install chromium")
    return CHROMIUM


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@dataclass
class Server:
    root: Path
    base: str
    data: Path

    def url(self, path: str = "") -> str:
        return self.base + path


def _serve(root: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


@pytest.fixture(scope="session")
def site(
    tmp_path_factory: pytest.TempPathFactory, chromium_path: Path, built_site: BuiltSite
) -> Iterator[Server]:
    """The test dataset's shared build, served under a sub-path to prove relative links
    work anywhere (a copy: the shared build stays read only)."""
    root = tmp_path_factory.mktemp("navigateur") / "www"
    (root / "partenaire").mkdir(parents=True)
    shutil.copytree(built_site.site, root / "partenaire" / "offre")
    server, url = _serve(root)
    yield Server(root, url + "partenaire/offre/", built_site.data)
    server.shutdown()


@pytest.fixture(scope="session")
def real_site(chromium_path: Path, shipped_site: BuiltSite) -> Iterator[Server]:
    """The shipped data's shared build, for checks that need a realistic catalogue."""
    server, url = _serve(shipped_site.site)
    yield Server(shipped_site.site, url, shipped_site.data)
    server.shutdown()


@pytest.fixture(scope="session")
def browser(chromium_path: Path) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=str(chromium_path), args=CHROMIUM_ARGS
        )
        yield instance
        instance.close()


SERIOUS = {"serious", "critical"}


def serious_violations(page: Any) -> list[str]:
    """axe-core's serious and critical violations on the page, readable in a failure."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    assert results.response["passes"], "axe did not run any rule"
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v.get("impact") in SERIOUS
    ]


SCREEN_ONLY = (
    ".md-header",
    ".md-sidebar--primary",
    ".md-sidebar--secondary",
    ".offre-pied",
    ".offre-actions",
    ".offre-fil",
)


def assert_nothing_but_content_printed(page: Any) -> None:
    """With print media on: no header, navigation, footer, buttons or breadcrumb."""
    for selector in SCREEN_ONLY:
        assert not page.locator(selector).first.is_visible(), selector


@dataclass
class Tab:
    """A page plus what it did: requests, console errors, uncaught exceptions."""

    page: Any
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def outside(self, allowed_prefix: str) -> list[str]:
        return [u for u in self.requests if not u.startswith((allowed_prefix, "data:"))]


@pytest.fixture
def tab(browser: Any) -> Iterator[Tab]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    page = context.new_page()
    opened = Tab(page)
    page.on("request", lambda request: opened.requests.append(request.url))
    page.on("pageerror", lambda error: opened.errors.append(str(error)))
    page.on("console", lambda m: opened.errors.append(m.text) if m.type == "error" else None)
    yield opened
    context.close()
