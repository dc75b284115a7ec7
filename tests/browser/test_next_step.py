"""Never a dead end, in Chromium: communes of each département typed in a scheme page's box.

The site is the test dataset plus tests/fixtures/reach/ (fictitious directories, a fictitious
France services in Mayenne), built here with a real MkDocs build.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.catalog.test_reach import FS_MAYENNE, add_reach_files
from tests.support.datasets import copy_fixture

from .conftest import Server, Tab, _serve, serious_violations

SCHEME = "dispositifs/aide-mobilite-essai/"
RESULTS = "[data-offre-ou-resultats]"
HELPERS = "[data-offre-ou-aide-resultats]"
DIRECTORY = "https://example.org/annuaire-agences"
COMMUNES = ["Cholet", "Laval", "Mayenne", "La Roche-sur-Yon", "Château-Gontier-sur-Mayenne"]


@pytest.fixture(scope="module")
def reach_site(tmp_path_factory: pytest.TempPathFactory, chromium_path: Path) -> Iterator[Server]:
    from tests.support.datasets import build_site

    base = tmp_path_factory.mktemp("site-suite")
    data = add_reach_files(copy_fixture(base / "donnees"))
    code, output = build_site(data, base / "site")
    assert code == 0, output
    server, url = _serve(base / "site")
    yield Server(base / "site", url, data)
    server.shutdown()


def _choose(page: Any, commune: str) -> None:
    box = page.get_by_label("Commune de la personne (nom, code postal ou code INSEE)")
    box.fill(commune)
    box.press("Enter")
    page.locator(f"{RESULTS} .offre-ou__message").first.wait_for()


@pytest.mark.parametrize("commune", COMMUNES)
def test_every_commune_gets_a_reachable_place_or_an_official_directory(
    reach_site: Server, tab: Tab, commune: str
) -> None:
    page = tab.page
    page.goto(reach_site.url(SCHEME))
    page.wait_for_load_state("networkidle")
    _choose(page, commune)
    results = page.locator(RESULTS)
    contacts = results.locator("[data-lieu] a[href^='tel:'], [data-lieu] a[href^='mailto:']")
    directories = results.locator(f"a[href='{DIRECTORY}']")
    assert contacts.count() + directories.count() > 0, results.inner_text()
    if directories.count():  # listed in the answer: the block below does not repeat them
        assert not page.locator("[data-offre-ou-annuaires]").is_visible()
    assert "Aucun lieu d'accueil connu ne délivre" not in results.inner_text()
    # The France services are never among the places that deliver the scheme.
    assert results.locator(f"[data-lieu='{FS_MAYENNE}']").count() == 0
    assert tab.errors == []
    assert tab.outside(reach_site.url()) == []


def test_a_commune_with_a_place_shows_its_phone_and_today(reach_site: Server, tab: Tab) -> None:
    page = tab.page
    page.goto(reach_site.url(SCHEME))
    page.wait_for_load_state("networkidle")
    _choose(page, "Le Mans")
    card = page.locator(f"{RESULTS} [data-lieu='agence-fictive-le-mans']")
    assert card.locator("a[href='tel:0200000001']").count() == 1
    assert card.locator(".offre-lieu__aujourdhui").inner_text().startswith("Aujourd'hui (")


def test_the_france_services_near_the_commune_under_their_own_heading(
    reach_site: Server, tab: Tab
) -> None:
    page = tab.page
    page.goto(reach_site.url(SCHEME))
    page.wait_for_load_state("networkidle")
    section = page.locator("[data-offre-ou-aide]")
    assert section.locator("h3").inner_text() == "Pour être aidé dans ses démarches en ligne"
    assert "ne délivrent pas ce dispositif" in section.inner_text()
    _choose(page, "Mayenne")
    place = page.locator(f"{HELPERS} [data-lieu='{FS_MAYENNE}']")
    place.wait_for()
    assert place.locator("a[href='tel:0200000053']").count() == 1
    assert "Aujourd'hui (" in place.inner_text()
    # Another commune of the département: the place is offered, with the area named.
    _choose(page, "Château-Gontier-sur-Mayenne")
    page.locator(HELPERS, has_text="dans le département : Mayenne").wait_for()
    assert page.locator(f"{HELPERS} [data-lieu='{FS_MAYENNE}']").count() == 1
    # No France services in Maine-et-Loire: said, with the national map above.
    _choose(page, "Cholet")
    page.locator(HELPERS, has_text="Aucune France services").wait_for()
    assert serious_violations(page) == []


def test_a_scheme_outside_the_rule_has_no_france_services(reach_site: Server, tab: Tab) -> None:
    page = tab.page
    page.goto(reach_site.url("dispositifs/apprentissage-essai/"))
    page.wait_for_load_state("networkidle")
    assert page.locator("[data-offre-ou-aide]").count() == 0
    # No place and no directory: the provider's website is the next step.
    section = page.locator("[data-offre-ou-annuaires]")
    assert section.locator("a[href='https://example.org/region']").count() == 1


def test_without_javascript_the_directories_are_there(reach_site: Server, browser: Any) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(reach_site.url(SCHEME))
    assert not page.locator("[data-offre-ou]").is_visible()
    directories = page.locator("[data-offre-ou-annuaires]")
    assert directories.is_visible()
    assert directories.locator(f"a[href='{DIRECTORY}']").count() == 1
    assert page.locator("[data-offre-ou-aide] h3").is_visible()
    context.close()


def test_the_search_page_box_offers_the_nearest_places(reach_site: Server, tab: Tab) -> None:
    page = tab.page
    page.goto(reach_site.url("recherche/"))
    page.wait_for_load_state("networkidle")
    page.locator("#offre-commune-recherche").fill("Château-Gontier-sur-Mayenne")
    page.keyboard.press("Enter")
    heading = page.locator("#offre-lieux h3")
    heading.wait_for()
    assert heading.inner_text() == "Lieux d'accueil dans le département : Mayenne (1)"
    place = page.locator(f"#offre-lieux [data-lieu='{FS_MAYENNE}']")
    assert place.locator("a[href='tel:0200000053']").count() == 1
    assert tab.errors == []


def test_the_territory_page_box_offers_the_places_near_a_commune(
    reach_site: Server, tab: Tab
) -> None:
    page = tab.page
    page.goto(reach_site.url("territoires/sarthe/"))
    page.wait_for_load_state("networkidle")
    _choose(page, "Mamers")
    results = page.locator(RESULTS)
    assert "le plus proche, à Mamers (zone desservie non précisée)" in results.inner_text()
    assert results.locator("[data-lieu='antenne-fictive-sans-zone']").count() == 1
    assert not page.locator("[data-offre-ou-liste]").is_visible()
    _choose(page, "Le Mans")
    card = page.locator(f"{RESULTS} [data-lieu='agence-fictive-le-mans']")
    card.wait_for()
    assert "1 lieu d'accueil dessert Le Mans (72) :" in results.inner_text()
    assert card.locator("a[href='tel:0200000001']").count() == 1
    assert card.locator(".offre-lieu__aujourdhui").count() == 1
    assert tab.errors == []
    assert serious_violations(page) == []
