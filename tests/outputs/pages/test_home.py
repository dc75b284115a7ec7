"""Blocks docs/ pages ask for with a marker (pages/home.py)."""

from __future__ import annotations

import pytest

from generator.outputs.pages.home import BLOCKS, LATEST_COUNT, render_home_blocks
from generator.outputs.pages.renderer import Renderer, RenderError
from generator.rules import urls
from tests.support.datasets import BuiltSite
from tests.support.render_fixtures import SITE_URL, make_renderer


@pytest.fixture(scope="module")
def renderer(tmp_path_factory: pytest.TempPathFactory) -> Renderer:
    return make_renderer(tmp_path_factory.mktemp("accueil"))


def test_each_marker_becomes_its_block_and_other_text_stays(renderer: Renderer) -> None:
    markdown = "\n".join(["# Titre", *(f"<!-- offre:{b} -->" for b in BLOCKS), "Fin."])
    html = render_home_blocks(markdown, "", renderer)
    assert html.startswith("# Titre\n") and html.endswith("Fin.")
    assert "offre:" not in html
    assert 'class="offre-territoires"' in html and 'class="offre-nouveautes"' in html
    assert 'class="offre-chiffres"' in html and "data-offre-commune" in html
    assert html.count('<li><time datetime="') == min(
        LATEST_COUNT, len(renderer.catalog.dispositifs)
    )


def test_an_unknown_marker_is_left_as_written(renderer: Renderer) -> None:
    markdown = "<!-- offre:inconnu -->\n"
    assert render_home_blocks(markdown, "", renderer) == markdown
    assert render_home_blocks("sans marqueur", "", renderer) == "sans marqueur"


def test_the_commune_box_needs_the_communes_file(renderer: Renderer) -> None:
    bare = Renderer(renderer.catalog, SITE_URL, {})
    with pytest.raises(RenderError, match="communes"):
        render_home_blocks("<!-- offre:commune -->", "", bare)
    # Blocks that link to no produced file render without them.
    assert "offre-territoires" in render_home_blocks("<!-- offre:territoires -->", "", bare)


def test_blocks_link_relative_to_their_page(renderer: Renderer) -> None:
    html = render_home_blocks("<!-- offre:nouveautes -->", "donnees/", renderer)
    assert f'href="{urls.relative("donnees/", urls.FEED_URL)}"' in html


def test_the_donnees_page_links_every_file(built_site: BuiltSite) -> None:
    site, catalog = built_site.site, built_site.catalog
    html = (site / "donnees" / "index.html").read_text(encoding="utf-8")
    expected = [
        urls.OPEN_DATA_JSON_URL,
        urls.OPEN_DATA_SCHEMA_URL,
        urls.OPEN_DATA_CSV_URL,
        urls.DATA_INCLUSION_STRUCTURES_URL,
        urls.DATA_INCLUSION_SERVICES_URL,
        urls.FEED_URL,
    ]
    expected += [urls.territory_data_url(t) for t in catalog.territoires]
    expected += [urls.territory_feed_url(t) for t in catalog.territoires]
    for path in expected:
        assert f'href="{urls.relative("donnees/", path)}"' in html, path
    assert "Licence Ouverte 2.0" in html
    assert "actifs ou suspendus" in html
