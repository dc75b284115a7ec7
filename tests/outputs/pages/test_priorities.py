"""Pages by Clefop priority (pages/priorities.py) and the territory pages' links to them."""

from __future__ import annotations

import re
from html import unescape

import pytest

from generator.outputs.pages.priorities import priority_pages
from generator.outputs.pages.renderer import Renderer
from generator.outputs.pages.territories import territory_page
from generator.rules import display, urls
from tests.support.render_fixtures import make_renderer


@pytest.fixture(scope="module")
def renderer(tmp_path_factory: pytest.TempPathFactory) -> Renderer:
    return make_renderer(tmp_path_factory.mktemp("priorites"))


def _page(renderer: Renderer, axis: str) -> str:
    url = urls.page_url("priorite", axis)
    return next(p for p in priority_pages(renderer) if p.url == url).render()


def test_an_index_then_a_page_per_priority_of_the_vocabulary(renderer: Renderer) -> None:
    axes = renderer.catalog.vocab.values("axes_clefop")
    pages = priority_pages(renderer)
    assert [p.url for p in pages] == [urls.page_url("priorite")] + [
        urls.page_url("priorite", a) for a in axes
    ]
    index = pages[0].render()
    for axis in axes:
        assert f'href="{axis}/"' in index


def test_the_toolbox_groups_open_schemes_by_provider(renderer: Renderer) -> None:
    catalog = renderer.catalog
    html = _page(renderer, "freins-peripheriques")
    toolbox = [
        d
        for d in catalog.dispositifs.values()
        if "freins-peripheriques" in d.axes_clefop and d.is_open and d.is_scheme
    ]
    assert toolbox  # the test dataset has one: the rest of this test means something
    for scheme in toolbox:
        provider = catalog.porteurs[scheme.porteur]
        heading = re.search(rf'<h3 id="porteur-{scheme.porteur}">([^<]*)', html)
        assert heading is not None and provider.nom in heading.group(1)
        assert f'href="../../dispositifs/{scheme.id}/"' in html
    assert "Boîte à outils" in html and "?axe=freins-peripheriques" in html


def test_closed_schemes_are_apart(renderer: Renderer) -> None:
    catalog = renderer.catalog
    closed = [d for d in catalog.dispositifs.values() if "relance" in d.axes_clefop]
    assert closed and all(not d.is_open for d in closed)
    html = _page(renderer, "relance")
    assert "Aucun dispositif mobilisable" in html
    before, _, after = html.partition('id="dispositifs-fermes"')
    for scheme in closed:
        assert f"dispositifs/{scheme.id}/" not in before and f"dispositifs/{scheme.id}/" in after


def test_the_count_per_territory_and_the_territories_that_chose_it(renderer: Renderer) -> None:
    catalog = renderer.catalog
    html = _page(renderer, "freins-peripheriques")
    rows = {
        unescape(name): (int(count), chosen)
        for name, count, chosen in re.findall(
            r'<tr><th scope="row"><a href="[^"]*">([^<]*)</a></th><td>(\d+)</td><td>([^<]*)</td>',
            html,
        )
    }
    assert len(rows) == len(catalog.territoires)
    for tid, territory in catalog.territoires.items():
        expected = sum(
            1
            for did in catalog.territory_schemes.get(tid, [])
            if "freins-peripheriques" in catalog.dispositifs[did].axes_clefop
            and catalog.dispositifs[did].is_open
            and catalog.dispositifs[did].is_scheme
        )
        chosen = "oui" if "freins-peripheriques" in territory.priorites else "non renseigné"
        shown = display.territory_label(territory.nom, territory.statut == "provisoire")
        assert rows[shown] == (expected, chosen), tid
    assert any(count for count, _ in rows.values())


def test_territory_pages_link_their_chosen_priorities(renderer: Renderer) -> None:
    catalog = renderer.catalog
    chosen = {tid: t.priorites for tid, t in catalog.territoires.items() if t.priorites}
    assert chosen
    for tid, axes in chosen.items():
        html = territory_page(renderer, tid).render()
        for axis in axes:
            assert f'href="../../priorites/{axis}/"' in html, (tid, axis)
