"""Pages render in a real browser, print cleanly, make no outside request, and pass axe-core."""

from __future__ import annotations

import pytest

from .conftest import Server, Tab, assert_nothing_but_content_printed, serious_violations

PAGES = {
    "accueil": "",
    "territoire": "territoires/sarthe/",
    "dispositif": "dispositifs/aide-mobilite-essai/",
    "porteur": "porteurs/france-travail-essai/",
    "recherche": "recherche/?q=mobilite",
    "thematique": "thematiques/mobilite/",
    "plan": "plan/",
}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_renders_without_error_or_outside_request(name: str, site: Server, tab: Tab) -> None:
    response = tab.page.goto(site.url(PAGES[name]))
    assert response is not None and response.status == 200
    tab.page.wait_for_load_state("networkidle")
    assert tab.page.locator("h1").first.is_visible()
    assert tab.page.get_attribute("html", "lang") == "fr"
    assert tab.errors == []
    assert tab.outside(site.url()) == []


@pytest.mark.parametrize("name", ["accueil", "territoire", "dispositif", "porteur", "recherche"])
def test_axe_finds_no_serious_or_critical_violation(name: str, site: Server, tab: Tab) -> None:
    tab.page.goto(site.url(PAGES[name]))
    tab.page.wait_for_load_state("networkidle")
    if name == "recherche":
        tab.page.wait_for_selector("#offre-resultats [data-dispositif]")
    assert serious_violations(tab.page) == []


def test_scheme_page_prints_without_navigation(site: Server, tab: Tab) -> None:
    page = tab.page
    page.goto(site.url(PAGES["dispositif"]))
    page.emulate_media(media="print")
    assert_nothing_but_content_printed(page)
    footer = page.locator(".offre-pied-impression")
    assert footer.is_visible()
    text = footer.inner_text()
    assert site.url(PAGES["dispositif"]) in text
    assert "vérifiée auprès du porteur le 1er octobre 2026" in text
    shown_url = page.evaluate(
        "() => getComputedStyle(document.querySelector('.offre-sources a'), '::after').content"
    )
    assert "https://example.org/source-mobilite" in shown_url
    page.emulate_media(media="screen")
    assert page.locator(".md-sidebar--primary").first.is_visible()
    assert not footer.is_visible()


def test_print_and_copy_link_actions(site: Server, tab: Tab) -> None:
    page = tab.page
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(site.url(PAGES["dispositif"]))
    page.get_by_role("button", name="Copier le lien").click()
    page.wait_for_function(
        "() => document.querySelector('.offre-actions__etat').textContent.includes('copié')"
    )
    assert page.evaluate("() => navigator.clipboard.readText()") == site.url(PAGES["dispositif"])
    page.evaluate(
        "() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; }"
    )
    page.get_by_role("button", name="Imprimer la fiche").click()
    assert page.evaluate("() => window.__printed") == 1


def test_former_address_redirects_in_the_browser(site: Server, tab: Tab) -> None:
    tab.page.goto(site.url("dispositifs/ancienne-aide-mobilite/"))
    tab.page.wait_for_url("**/dispositifs/aide-mobilite-essai/")
    assert tab.page.locator("h1").inner_text() == "Aide à la mobilité (essai)"


def test_header_search_leads_to_scheme_results(site: Server, tab: Tab) -> None:
    page = tab.page
    page.goto(site.url("territoires/sarthe/"))
    page.get_by_role("searchbox", name="Rechercher un dispositif").fill("mobilité")
    page.keyboard.press("Enter")
    page.wait_for_url("**/recherche/?q=mobilit*")
    result = page.wait_for_selector("#offre-resultats [data-dispositif='aide-mobilite-essai']")
    assert result is not None and result.is_visible()


def test_home_commune_box_goes_to_the_territory(site: Server, tab: Tab) -> None:
    page = tab.page
    page.goto(site.url())
    box = page.locator("#offre-commune-accueil")
    box.fill("le mans")
    link = page.locator("[data-offre-commune-resultats] a[data-territoire='sarthe']").first
    link.wait_for()
    assert link.inner_text().startswith("Le Mans (72) → territoire")
    assert link.get_attribute("href") == "./territoires/sarthe/"
    box.press("Enter")
    page.wait_for_url("**/territoires/sarthe/")
