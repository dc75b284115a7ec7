"""Places in Chromium: the "Où s'adresser" box of a scheme page, and a place's page."""

from __future__ import annotations

from typing import Any

from .conftest import Server, Tab, serious_violations

SCHEME = "dispositifs/aide-mobilite-essai/"
RESULTS = "[data-offre-ou-resultats]"


def _open_box(site: Server, tab: Tab) -> Any:
    page = tab.page
    page.goto(site.url(SCHEME))
    page.wait_for_load_state("networkidle")
    box = page.get_by_label("Commune de la personne (nom, code postal ou code INSEE)")
    assert box.is_visible()
    return box


def test_a_commune_shows_the_places_serving_it_with_working_links(site: Server, tab: Tab) -> None:
    page = tab.page
    box = _open_box(site, tab)
    box.fill("Le Mans")
    card = page.locator(f"{RESULTS} [data-lieu='agence-fictive-le-mans']")
    card.wait_for()
    message = page.locator(f"{RESULTS} .offre-ou__message").inner_text()
    assert message == "1 lieu délivre ce dispositif pour Le Mans (72) :"
    # Only the place whose zone includes Le Mans, not the one whose zone is unknown.
    assert page.locator(f"{RESULTS} [data-lieu]").count() == 1
    assert card.get_by_role("link", name="02 00 00 00 01").get_attribute("href") == "tel:0200000001"
    mail = card.get_by_role("link", name="accueil-essai@example.org")
    assert mail.get_attribute("href") == "mailto:accueil-essai@example.org"
    assert "relevées le 1er septembre 2026" in card.inner_text()
    assert "1 rue de l'Essai\n72000 Le Mans" in card.inner_text()
    # The links by territory give way to the answer, and come back when the box empties.
    assert not page.locator("[data-offre-ou-liste]").is_visible()
    box.fill("")
    page.locator("[data-offre-ou-liste]").wait_for(state="visible")
    assert page.locator(f"{RESULTS} [data-lieu]").count() == 0
    page.goto(site.url(SCHEME + "?commune=72181"))
    page.locator(f"{RESULTS} [data-lieu='agence-fictive-le-mans'] a").first.click()
    page.wait_for_url("**/lieux/agence-fictive-le-mans/")
    assert tab.errors == []
    assert tab.outside(site.url()) == []


def test_a_commune_no_place_claims_falls_back_to_the_nearest(site: Server, tab: Tab) -> None:
    page = tab.page
    box = _open_box(site, tab)
    # Mamers: no place declares serving it, but one stands there (zone unknown).
    box.fill("Mamers")
    page.locator(f"{RESULTS} [data-lieu]").first.wait_for()
    text = page.locator(RESULTS).inner_text()
    assert "Aucun lieu connu ne dit desservir Mamers (72)" in text
    assert "à Mamers (zone desservie non précisée)" in text
    found = page.locator(f"{RESULTS} [data-lieu]").evaluate_all(
        "cards => cards.map(c => c.dataset.lieu)"
    )
    assert found == ["antenne-fictive-sans-zone"]
    # Saint-Calais: neither place is in its commune or intercommunality: the département.
    box.fill("Saint-Calais")
    box.press("Enter")
    page.locator(RESULTS, has_text="dans le département : Sarthe").wait_for()
    found = page.locator(f"{RESULTS} [data-lieu]").evaluate_all(
        "cards => cards.map(c => c.dataset.lieu)"
    )
    assert sorted(found) == ["agence-fictive-le-mans", "antenne-fictive-sans-zone"]


def test_a_commune_without_any_place_near_gets_the_next_step(site: Server, tab: Tab) -> None:
    page = tab.page
    box = _open_box(site, tab)
    box.fill("Laval")
    message = page.locator(f"{RESULTS} .offre-ou__message")
    message.wait_for()
    assert message.inner_text().startswith(
        "Aucun lieu d'accueil recensé ici ne délivre ce dispositif près de Laval (53)"
    )
    assert page.locator(f"{RESULTS} [data-lieu]").count() == 0
    # This dataset has no directory (no reseaux.yaml): the provider's site is offered.
    assert page.locator(f"{RESULTS} a[href='https://example.org/france-travail']").count() == 1
    box.fill("Zzzville")
    page.locator(RESULTS, has_text="Zzzville").wait_for()
    assert "Aucune commune des Pays de la Loire ne correspond" in page.locator(RESULTS).inner_text()


def test_the_box_works_with_the_keyboard(site: Server, tab: Tab) -> None:
    page = tab.page
    _open_box(site, tab)
    page.locator("#offre-ou-commune").focus()
    page.keyboard.type("72000")  # a postal code of Le Mans only: one commune
    page.locator(f"{RESULTS} [data-lieu='agence-fictive-le-mans']").wait_for()
    page.keyboard.press("Escape")
    page.locator("[data-offre-ou-liste]").wait_for(state="visible")
    # Several communes: a list of buttons; Tab reaches the first, Enter chooses it.
    page.keyboard.type("saint")
    first = page.locator(f"{RESULTS} button.offre-ou__commune").first
    first.wait_for()
    chosen = first.get_attribute("data-commune")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.dataset.commune") == chosen
    page.keyboard.press("Enter")
    page.locator(f"{RESULTS} button.offre-ou__commune").first.wait_for(state="detached")
    assert page.evaluate("document.activeElement.id") == "offre-ou-commune"
    # Enter in the box takes the first commune proposed.
    page.locator("#offre-ou-commune").fill("")
    page.keyboard.type("saint")
    first.wait_for()
    page.keyboard.press("Enter")
    page.locator(f"{RESULTS} button.offre-ou__commune").first.wait_for(state="detached")
    live = page.locator(RESULTS)
    assert live.get_attribute("aria-live") == "polite"
    assert live.locator(".offre-ou__message").count() == 1
    assert serious_violations(page) == []


def test_without_javascript_each_territory_links_to_its_places(site: Server, browser: Any) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site.url(SCHEME))
    assert not page.locator("[data-offre-ou]").is_visible()
    listing = page.locator("[data-offre-ou-liste]")
    assert listing.is_visible()
    assert (
        "Où s'adresser : Territoire d'essai Sarthe (2 pour ce dispositif)" in listing.inner_text()
    )
    assert listing.locator("a[href^='tel:']").count() == 0  # no place listed on the page
    listing.get_by_role("link", name="Où s'adresser : Territoire d'essai Sarthe").click()
    page.wait_for_url("**/territoires/sarthe/lieux/")
    places = page.locator("[data-offre-ou-liste]")
    assert places.is_visible()
    phone = places.locator("[data-lieu='agence-fictive-le-mans'] a[href^='tel:']")
    assert phone.count() == 1 and phone.get_attribute("href") == "tel:0200000001"
    assert "relevées le 1er septembre 2026" in places.inner_text()
    context.close()


def test_place_page(site: Server, tab: Tab) -> None:
    page = tab.page
    page.goto(site.url("lieux/agence-fictive-le-mans/"))
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").inner_text() == "Agence fictive d'essai du Mans"
    article = page.locator("article")
    assert article.locator("a[href='tel:0200000001']").count() == 1
    assert article.locator("a[href='mailto:accueil-essai@example.org']").count() == 1
    text = article.inner_text()
    assert "Du lundi au vendredi : 8 h 30 – 12 h 30, 13 h 30 – 16 h 30" in text
    assert "CU Le Mans Métropole" in text
    assert "pas encore confirmées par la structure" in text
    assert article.locator("a[href='../../dispositifs/aide-mobilite-essai/']").count() == 1
    assert tab.errors == []
    assert tab.outside(site.url()) == []
    assert serious_violations(page) == []


def test_a_link_with_a_commune_opens_on_its_answer(site: Server, tab: Tab) -> None:
    page = tab.page
    page.goto(site.url(SCHEME + "?commune=72181"))
    card = page.locator(f"{RESULTS} [data-lieu='agence-fictive-le-mans']")
    card.wait_for()
    assert page.locator("#offre-ou-commune").input_value() == "72181"
    assert not page.locator("[data-offre-ou-liste]").is_visible()


def test_printed_sheet_keeps_the_answer_not_the_box(site: Server, tab: Tab) -> None:
    page = tab.page
    page.goto(site.url(SCHEME + "?commune=72181"))
    page.locator(f"{RESULTS} [data-lieu='agence-fictive-le-mans']").wait_for()
    page.emulate_media(media="print")
    assert not page.locator("#offre-ou-commune").is_visible()
    answer = page.locator(RESULTS)
    assert answer.locator("[data-lieu='agence-fictive-le-mans']").is_visible()
    assert "relevées le 1er septembre 2026" in answer.inner_text()
    assert "02 00 00 00 01" in answer.inner_text()


def test_territory_places_page_box_and_list(site: Server, tab: Tab) -> None:
    page = tab.page
    page.goto(site.url("territoires/sarthe/lieux/"))
    page.wait_for_load_state("networkidle")
    box = page.get_by_label("Commune de la personne (nom, code postal ou code INSEE)")
    box.fill("Mamers")
    card = page.locator(f"{RESULTS} [data-lieu='antenne-fictive-sans-zone']")
    card.wait_for()
    assert "Mamers" in card.inner_text()
    box.fill("")
    page.locator("[data-offre-ou-liste]").wait_for(state="visible")
    assert page.locator("[data-offre-ou-liste] [data-lieu]").count() == 2
    assert tab.errors == []
    assert tab.outside(site.url()) == []
    assert serious_violations(page) == []
