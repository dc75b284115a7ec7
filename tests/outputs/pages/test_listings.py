"""Theme, public and index pages and the site map (pages/listings.py)."""

from __future__ import annotations

import re

import pytest
from markupsafe import escape

from generator.outputs.pages.listings import (
    SITE_SECTIONS,
    index_pages,
    public_pages,
    site_map_page,
    theme_pages,
)
from generator.outputs.pages.renderer import Renderer
from generator.rules import display, urls
from tests.support.render_fixtures import make_renderer


@pytest.fixture(scope="module")
def renderer(tmp_path_factory: pytest.TempPathFactory) -> Renderer:
    return make_renderer(tmp_path_factory.mktemp("listes"))


def test_one_page_per_theme_category_and_per_public(renderer: Renderer) -> None:
    catalog = renderer.catalog
    categories = {
        renderer.site.category(t) for d in catalog.dispositifs.values() for t in d.thematiques
    }
    assert [p.url for p in theme_pages(renderer)] == [
        urls.page_url("thematique", c) for c in sorted(categories)
    ]
    publics = sorted({p for d in catalog.dispositifs.values() for p in d.publics})
    pages = public_pages(renderer)
    assert [p.url for p in pages] == [urls.page_url("public", p) for p in publics]
    jeunes = next(p for p in pages if p.url == "publics/jeunes/").render()
    assert 'href="../../recherche/?public=jeunes"' in jeunes


def test_section_indexes_and_the_a_to_z(renderer: Renderer) -> None:
    pages = {p.url: p for p in index_pages(renderer)}
    # Priorities have their own module (pages/priorities.py).
    elsewhere = {"priorite"}
    assert set(pages) == {urls.page_url(k) for k in urls.SECTIONS if k not in elsewhere} | {
        urls.OTHER_KINDS_URL
    }
    a_to_z = pages["dispositifs/"].render()
    letters = re.findall(r'<h2 id="(lettre-[a-z]|autres)">', a_to_z)
    assert letters and letters == sorted(letters)  # "#" (autres) first, then A–Z
    assert (
        '<a href="garantie-essai/">Garantie d&#39;essai</a> <span class="offre-note">remplacé'
        in (a_to_z)
    )
    providers = pages["porteurs/"].render()
    levels = re.findall(r'<h2 id="([a-z]+)">', providers)
    assert levels == [lvl for lvl in display.LEVEL_LABELS if lvl in levels]


def test_site_map_lists_every_section_first(renderer: Renderer) -> None:
    page = site_map_page(renderer)
    assert page.url == urls.SITE_MAP_URL
    html = page.render()
    for url, label in SITE_SECTIONS:
        assert f'<a href="{urls.relative(urls.SITE_MAP_URL, url)}">{escape(label)}</a>' in html, (
            label
        )
    for territoire in renderer.catalog.territoires.values():
        shown = display.territory_label(territoire.nom, territoire.statut == "provisoire")
        assert f">{escape(shown)}</a>" in html
