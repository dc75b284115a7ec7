"""The list of generated pages (pages/pages.py) and the page object (pages/page.py)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from generator.outputs import richtext
from generator.outputs.pages.page import GeneratedPage, toc_of
from generator.outputs.pages.pages import all_pages
from generator.rules import urls
from tests.support.render_fixtures import make_renderer


def test_every_page_kind_is_listed_once(tmp_path: Path) -> None:
    renderer = make_renderer(tmp_path)
    catalog = renderer.catalog
    pages = all_pages(renderer)
    listed = [p.url for p in pages]
    assert not [u for u, n in Counter(listed).items() if n > 1]
    expected = {urls.page_url("dispositif", d) for d in catalog.dispositifs}
    expected |= {urls.page_url("territoire", t) for t in catalog.territoires}
    expected |= {urls.territory_booklet_url(t) for t in catalog.territoires}
    expected |= {urls.page_url("porteur", p) for p in catalog.porteurs}
    # Places' pages (and their index) come with their own renderer.
    expected |= {urls.page_url(kind) for kind in urls.SECTIONS if kind != "lieu"}
    expected |= {urls.page_url("priorite", a) for a in catalog.vocab.values("axes_clefop")}
    expected |= {urls.SEARCH_URL, urls.SITE_MAP_URL, urls.EMBED_INDEX_URL}
    assert expected <= set(listed)
    # Listing does not render: each page's HTML is made when it is asked for.
    assert all(callable(p.html) for p in pages)


def test_table_of_contents_from_the_rendered_sections() -> None:
    html = '<h2 id="a">Un <span>(2)</span></h2><p>x</p><h2 id="b">Deux</h2><h3 id="c">no</h3>'
    assert toc_of(html) == [("a", "Un (2)"), ("b", "Deux")]
    page = GeneratedPage("x/", "X", lambda: html)
    assert page.render() == html
    assert GeneratedPage("y/", "Y", "<p>déjà</p>").render() == "<p>déjà</p>"


def test_pages_render_no_markdown_the_catalogue_did_not_list(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The build renders `Catalog.markdown_texts` on both cores before the pages: a text
    # missing from that list would be rendered again, one page at a time.
    renderer = make_renderer(tmp_path)
    listed = set(renderer.catalog.markdown_texts())
    rendered: list[str] = []
    original = richtext._render

    def spy(text: str) -> str:
        rendered.append(text)
        return original(text)

    monkeypatch.setattr(richtext, "_render", spy)
    monkeypatch.setattr(richtext, "_RENDERED", {})
    for page in all_pages(renderer):
        page.render()
    assert rendered, "the pages render Markdown"
    assert set(rendered) <= listed


def test_the_booklets_come_first_and_their_blocks_are_then_forgotten(tmp_path: Path) -> None:
    renderer = make_renderer(tmp_path)
    pages = all_pages(renderer)
    booklets = {urls.territory_booklet_url(t) for t in renderer.catalog.territoires}
    booklets |= {urls.territory_list_booklet_url(t) for t in renderer.catalog.territoires}
    assert {p.url for p in pages[: len(booklets)]} == booklets
    for page in pages[: len(booklets) - 1]:
        page.render()
    assert renderer._fragments, "the booklets share rendered blocks"
    pages[len(booklets) - 1].render()
    assert renderer._fragments == {}
