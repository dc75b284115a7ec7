"""Atom feeds opened in Chromium: the XSLT beside them makes a readable French page, under
the site's Content-Security-Policy sent as a response header (as a CDN would)."""

from __future__ import annotations

import functools
import http.server
import threading
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import pytest

from generator.rules import urls
from generator.site.csp import policy

from .conftest import Server

ATOM = "{http://www.w3.org/2005/Atom}"


class _StrictHandler(http.server.SimpleHTTPRequestHandler):
    """Serves every file with the site's policy as a header (no page can carry a <meta>
    in a feed) and the XSLT with its registered media type."""

    extensions_map: ClassVar[dict[str, str]] = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".xsl": "application/xslt+xml",
        ".xml": "application/xml",
    }

    def end_headers(self) -> None:
        self.send_header("Content-Security-Policy", policy(""))
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def strict(site: Server) -> Iterator[str]:
    handler = functools.partial(_StrictHandler, directory=str(site.root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/partenaire/offre/"
    server.shutdown()


def _titles(root: Path, path: str) -> list[str]:
    feed = ET.parse(root / "partenaire" / "offre" / path).getroot()
    return [entry.findtext(f"{ATOM}title", "") for entry in feed.iter(f"{ATOM}entry")]


@pytest.mark.parametrize("path", [urls.FEED_URL, urls.territory_feed_url("sarthe")])
def test_a_feed_opened_in_a_browser_reads_as_a_french_page(
    path: str, site: Server, strict: str, browser: Any
) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="fr-FR")
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    failed: list[str] = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    responses: list[str] = []
    page.on("response", lambda r: responses.append(r.url) if r.status >= 400 else None)
    try:
        page.goto(strict + path)
        assert page.locator("html").get_attribute("lang") == "fr"
        assert page.locator("h1").inner_text().startswith("Offre de services des Clefop")
        assert "flux Atom" in page.locator(".flux-explication").inner_text()
        expected = _titles(site.root, path)
        assert expected
        assert page.locator("article.flux-entree h2").all_inner_texts() == expected
        # The feed's stylesheet (beside the XSLT) applies despite the strict policy.
        background = page.locator(".flux-explication").evaluate(
            "node => getComputedStyle(node).backgroundColor"
        )
        assert background == "rgb(238, 242, 251)"
        # Each entry of a scheme says what changed, then status, dates, conditions, places.
        mobility = page.locator("article.flux-entree", has_text="Aide à la mobilité (essai)").first
        text = mobility.inner_text()
        assert "Ce qui change :" in text
        for heading in ("Statut", "Dates", "Conditions", "Lieux d'accueil"):
            assert heading in text, heading
        assert "Être inscrit comme demandeur d'emploi." in text
        assert "Agence fictive d'essai du Mans (Le Mans)" in text
        link = mobility.locator("h2 a").get_attribute("href")
        assert link and link.endswith("dispositifs/aide-mobilite-essai/")
        assert not failed, failed
        assert not [u for u in responses if not u.endswith("favicon.ico")], responses
        # Chromium 156 adds its own banner to any page made by XSLT ("being removed from
        # this browser"), with style attributes and an inline handler that the policy
        # blocks. Our page has none: every element with a style or an on* attribute is
        # that banner, and the only policy messages are about inline code.
        foreign = page.evaluate(
            """() => Array.from(document.querySelectorAll('*')).filter(node =>
                 Array.from(node.attributes).some(
                   a => a.name === 'style' || a.name.startsWith('on'))
               ).map(node => node.localName)"""
        )
        assert set(foreign) <= {"xslt-warning-banner"}, foreign
        page.screenshot(path=f"/tmp/appointment-shots/flux-{path.replace('/', '-')}.png")
        others = [p for p in problems if "Failed to load resource" not in p]
        assert all("inline" in p and "Content Security Policy" in p for p in others), others

    finally:
        context.close()
