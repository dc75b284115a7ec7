"""The search page (pages/search_page.py): links to every search file by its hashed name."""

from __future__ import annotations

from pathlib import Path

from generator.outputs.pages.context import SEARCH_ASSETS
from generator.outputs.pages.search_page import search_page
from tests.support.render_fixtures import make_renderer


def test_search_page_links_every_search_file(tmp_path: Path) -> None:
    renderer = make_renderer(tmp_path)
    page = search_page(renderer)
    assert page.url == "recherche/" and page.meta == {"hide": ["navigation", "toc"]}
    html = page.render()
    for name in SEARCH_ASSETS:
        path = renderer.assets[name]
        assert f'"{path.removeprefix("recherche/")}"' in html, name
    # Without JavaScript, the page says so and links every listing.
    for section in ("territoires", "thematiques", "publics", "porteurs", "dispositifs"):
        assert f'href="../{section}/"' in html
