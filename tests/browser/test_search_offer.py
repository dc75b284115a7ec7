"""The search page on the shipped data, as an adviser uses it: mobilisable schemes by
default (other kinds of record one click away), schemes in doubt marked as such, and
the places serving a commune typed in the commune box."""

from __future__ import annotations

import re
from typing import Any

import pytest

from generator.catalog import reach
from generator.catalog.catalog import Catalog
from generator.catalog.load import load_catalog
from generator.rules import display

from .conftest import Server, Tab

READY = "() => window.OffreRecherche && window.OffreRecherche.ready()"


@pytest.fixture(scope="module")
def catalog(real_site: Server) -> Catalog:
    loaded, report = load_catalog(real_site.data)
    assert loaded is not None, report.render()
    return loaded


def _open(tab: Tab, site: Server, query: str = "") -> Any:
    tab.page.goto(site.url("recherche/" + query))
    tab.page.wait_for_function(READY)
    return tab.page


def _count(page: Any) -> int:
    found = re.match(r"(\d+) dispositifs? trouvés?", page.locator("#offre-compte").inner_text())
    assert found is not None, page.locator("#offre-compte").inner_text()
    return int(found.group(1))


def test_default_results_are_mobilisable_and_the_rest_one_click_away(
    real_site: Server, tab: Tab, catalog: Catalog
) -> None:
    page = _open(tab, real_site)
    schemes = [d for d in catalog.dispositifs.values() if d.is_open and d.is_scheme]
    others = [d for d in catalog.dispositifs.values() if d.is_open and not d.is_scheme]
    assert others
    assert _count(page) == len(schemes)
    button = page.locator("#offre-natures")
    assert button.is_visible()
    assert button.inner_text() == (
        f"Inclure les instances, plans et services d'information ({len(others)})"
    )
    button.click()
    page.wait_for_function(READY)
    assert _count(page) == len(schemes) + len(others)
    assert "nature=" in page.url
    assert button.inner_text() == "Ne montrer que les dispositifs mobilisables"
    # A governance body found by name carries its kind as a badge.
    page.locator("#offre-q").fill("Clefop")
    page.wait_for_timeout(100)
    page.wait_for_function(READY)
    clefop = page.locator("#offre-resultats [data-dispositif=clefop]")
    assert display.NATURE_LABELS["instance"] in clefop.locator(".offre-item__badges").inner_text()
    button.click()
    page.wait_for_function(READY)
    assert page.locator("#offre-resultats [data-dispositif=clefop]").count() == 0
    assert "nature=" not in page.url
    assert tab.errors == []


def test_a_scheme_in_doubt_says_so_and_never_reads_actif(
    real_site: Server, tab: Tab, catalog: Catalog
) -> None:
    doubtful = sorted(
        (did for did in catalog.status_doubt if catalog.dispositifs[did].is_scheme),
        key=lambda did: catalog.dispositifs[did].titre,
    )
    assert doubtful
    page = _open(tab, real_site, "?doute=a-confirmer")
    assert _count(page) == sum(1 for did in doubtful if catalog.dispositifs[did].statut == "actif")
    items = page.locator("#offre-resultats [data-dispositif]")
    assert items.count() > 0
    for n in range(items.count()):
        badges = items.nth(n).locator(".offre-item__badges").inner_text()
        assert display.DOUBT_LABEL in badges and "Actif" not in badges
    # The first result for « permis jeune » is a 2021 measure: it must not look current.
    page = _open(tab, real_site, "?q=permis+jeune")
    first = page.locator("#offre-resultats [data-dispositif]").first
    ident = first.get_attribute("data-dispositif")
    if ident in catalog.status_doubt:
        assert display.DOUBT_LABEL in first.locator(".offre-item__badges").inner_text()
    # A scheme not in doubt has no such badge.
    settled = page.locator("#offre-resultats [data-dispositif]").evaluate_all(
        "items => items.map(i => [i.getAttribute('data-dispositif'),"
        " i.querySelector('.offre-item__badges').textContent])"
    )
    for ident, badges in settled:
        assert (display.DOUBT_LABEL in badges) == (ident in catalog.status_doubt), ident
    assert tab.errors == []


def test_a_commune_typed_shows_the_places_that_serve_it(
    real_site: Server, tab: Tab, catalog: Catalog
) -> None:
    code, lids = next(iter(sorted(catalog.commune_places.items())))
    commune = catalog.geo.commune(code)
    assert commune is not None
    page = _open(tab, real_site)
    page.locator("#offre-commune-recherche").fill(code)
    box = page.locator("#offre-lieux")
    box.locator("h3").wait_for()
    assert box.locator("h3").inner_text() == (
        f"Lieux d'accueil qui servent {commune.nom} ({len(lids)})"
    )
    shown = box.locator("li[data-lieu]").evaluate_all(
        "items => items.map(i => [i.getAttribute('data-lieu'), i.querySelector('a').href,"
        " i.textContent])"
    )
    assert sorted(i for i, _, _ in shown) == sorted(lids)
    for ident, href, text in shown:
        place = catalog.lieux[ident]
        assert href == real_site.url(f"lieux/{ident}/")
        town = catalog.geo.commune(place.adresse.commune)
        assert town is not None and town.nom in text and place.nom in text
    # A commune no known place serves gets the nearest ones, with the area named (the
    # rule of generator/catalog/reach.py), rather than nothing.
    served = set(catalog.commune_places)
    lonely = next(c for c in catalog.geo.communes if c.code not in served)
    near = reach.nearest(catalog, list(catalog.lieux), lonely.code)
    page.locator("#offre-commune-recherche").fill(lonely.code)
    page.wait_for_function(
        "(name) => document.querySelector('#offre-lieux').textContent.includes(name)",
        arg=lonely.nom,
    )
    shown_near = box.locator("li[data-lieu]").evaluate_all(
        "items => items.map(i => i.getAttribute('data-lieu'))"
    )
    assert shown_near == [n.lid for n in near]
    if near:
        assert box.locator("h3").inner_text() == (
            f"Lieux d'accueil {reach.area_phrase(near[0])} ({len(near)})"
        )
    else:
        assert "Aucun lieu d'accueil connu" in box.inner_text()
    assert tab.errors == []
    assert tab.outside(real_site.url()) == []
