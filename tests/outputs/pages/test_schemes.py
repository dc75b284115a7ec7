"""Scheme pages (pages/schemes.py)."""

from __future__ import annotations

from pathlib import Path

from generator.outputs.pages.schemes import scheme_page
from tests.support.render_fixtures import make_renderer


def test_scheme_page_title_acronym_date_and_replaced_schemes(tmp_path: Path) -> None:
    renderer = make_renderer(tmp_path)
    catalog = renderer.catalog
    page = scheme_page(renderer, catalog.dispositifs["accompagnement-jeunes-essai"])
    assert page.url == "dispositifs/accompagnement-jeunes-essai/"
    assert (
        page.meta["date_maj"]
        == catalog.dispositifs["accompagnement-jeunes-essai"].consulte_le.isoformat()
    )
    html = page.render()
    assert '<span class="offre-sigle">(AIJ)</span></h1>' in html
    # It replaces garantie-essai: the old scheme is linked from the new one.
    assert 'Ce dispositif remplace : <a href="../garantie-essai/">' in html
    assert "https://offre-clefop.invalid/dispositifs/accompagnement-jeunes-essai/" in html


def test_replaced_scheme_says_so_and_links_its_successor(tmp_path: Path) -> None:
    renderer = make_renderer(tmp_path, site_url=None)
    html = scheme_page(renderer, renderer.catalog.dispositifs["garantie-essai"]).render()
    assert "Dispositif remplacé" in html
    assert 'href="../accompagnement-jeunes-essai/"' in html
    # Without a public address, the printed footer shows the site-relative one.
    assert "<span data-offre-adresse>dispositifs/garantie-essai/</span>" in html
