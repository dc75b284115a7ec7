"""Situation first on the search page: the person's commune, age and situation narrow the
results, live in the address, and come first on a phone."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

from .conftest import Server, Tab, serious_violations
from .test_search import shown, wait_ready

# Test data: formation-qualifiante-essai is for 26 and over, permis-jeunes-essai for 18
# to 25 (situation « jeunes »), the others state no age bound.
BOUNDS: dict[str, tuple[int | None, int | None]] = {
    "formation-qualifiante-essai": (26, None),
    "permis-jeunes-essai": (18, 25),
}


def _params(page: Any) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def _fits(scheme: str, age: int) -> bool:
    low, high = BOUNDS.get(scheme, (None, None))
    return (low is None or age >= low) and (high is None or age <= high)


def _fill_person(page: Any, commune: str, age: str, situation: str) -> None:
    page.locator("#offre-commune-recherche").fill(commune)
    page.wait_for_function("() => new URLSearchParams(location.search).get('commune')")
    page.locator("#offre-age").fill(age)
    page.wait_for_function(f"() => new URLSearchParams(location.search).get('age') === '{age}'")
    page.locator("#offre-situation").select_option(situation)
    page.wait_for_function("() => new URLSearchParams(location.search).get('situation')")


def test_a_young_job_seeker_in_le_mans(site: Server, tab: Tab) -> None:
    page = tab.page
    page.goto(site.url("recherche/"))
    everyone = shown(tab)
    assert "formation-qualifiante-essai" in everyone and "apprentissage-essai" in everyone

    _fill_person(page, "Le Mans", "19", "demandeurs-emploi")
    narrowed = shown(tab)
    params = _params(page)
    assert params["commune"] == ["72181"] and params["territoire"] == ["sarthe"]
    assert params["age"] == ["19"] and params["situation"] == ["demandeurs-emploi"]
    assert narrowed and set(narrowed) < set(everyone)
    assert all(_fits(s, 19) for s in narrowed), narrowed
    assert "formation-qualifiante-essai" not in narrowed  # 26 and over
    assert "apprentissage-essai" not in narrowed  # Anjou-Maine only, young people
    assert "accompagnement-jeunes-essai" in narrowed
    item = page.locator("[data-dispositif='accompagnement-jeunes-essai']")
    assert "Conditions d'âge non précisées" in item.inner_text()
    # The places within reach of Le Mans are shown under the person's box.
    page.wait_for_function("() => document.querySelector('#offre-lieux').textContent.trim()")
    assert "Le Mans" in page.locator("#offre-lieux").inner_text()

    # Reload: same state, same results, same controls.
    page.reload()
    assert shown(tab) == narrowed
    assert page.locator("#offre-age").input_value() == "19"
    assert page.locator("#offre-situation").input_value() == "demandeurs-emploi"
    assert page.locator("#offre-commune-recherche").input_value() == "Le Mans"

    # Back: the situation, then the age go away; forward brings them back.
    page.go_back()
    page.wait_for_function("() => !location.search.includes('situation=')")
    wait_ready(tab)
    assert page.locator("#offre-situation").input_value() == ""
    page.go_forward()
    page.wait_for_function("() => location.search.includes('situation=demandeurs-emploi')")
    assert shown(tab) == narrowed
    assert page.locator("#offre-situation").input_value() == "demandeurs-emploi"

    # A 30-year-old sees the scheme for 26 and over, not the one for 18 to 25.
    page.locator("#offre-situation").select_option("")
    page.locator("#offre-age").fill("30")
    page.wait_for_function("() => new URLSearchParams(location.search).get('age') === '30'")
    older = shown(tab)
    assert "formation-qualifiante-essai" in older and "permis-jeunes-essai" not in older
    assert "De 26 ans" not in page.locator("#offre-resultats").inner_text()
    assert (
        "À partir de 26 ans"
        in page.locator("[data-dispositif='formation-qualifiante-essai']").inner_text()
    )
    assert tab.errors == []
    assert tab.outside(site.base) == []
    assert serious_violations(page) == []


def test_on_a_phone_the_person_form_comes_first(site: Server, browser: Any) -> None:
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, locale="fr-FR", is_mobile=True, has_touch=True
    )
    page = context.new_page()
    page.goto(site.url("recherche/?age=19"))
    page.wait_for_function("() => window.OffreRecherche && window.OffreRecherche.ready()")
    assert page.evaluate("() => window.scrollY") == 0
    for control in ("#offre-q", "#offre-commune-recherche", "#offre-age", "#offre-situation"):
        box = page.locator(control).bounding_box()
        assert box is not None and box["y"] + box["height"] <= 844, (control, box)
    # No control of the page's content comes before the person's commune, then keywords.
    first_in_main = page.evaluate(
        "() => [...document.querySelectorAll('.md-content :is(input, select, button)')]"
        ".find(e => e.offsetParent !== null).id"
    )
    assert first_in_main == "offre-commune-recherche"
    page.screenshot(path=str(site.root.parent / "situation-telephone.png"), full_page=False)
    first = page.locator("#offre-resultats [data-dispositif]").first.bounding_box()
    assert first is not None and first["y"] < 844 * 1.5, first
    context.close()


def test_the_home_page_form_opens_the_search_for_the_person(site: Server, browser: Any) -> None:
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, locale="fr-FR", is_mobile=True, has_touch=True
    )
    page = context.new_page()
    scripts: list[str] = []
    page.on("request", lambda r: scripts.append(r.url) if r.resource_type == "script" else None)
    page.goto(site.url(""))
    form = page.locator("form.offre-situation")
    for control in ("#offre-accueil-q", "#offre-accueil-commune", "#offre-accueil-age"):
        box = page.locator(control).bounding_box()
        assert box is not None and box["y"] + box["height"] <= 844, (control, box)
    names = [u.rsplit("/", 1)[-1] for u in scripts]
    assert names and not [n for n in names if n.startswith(("recherche.", "moteur."))], names
    form.locator("#offre-accueil-q").fill("permis")
    form.locator("#offre-accueil-commune").fill("Le Mans")
    form.locator("#offre-accueil-age").fill("19")
    form.locator("#offre-accueil-situation").select_option("jeunes")
    form.get_by_role("button", name="Chercher les dispositifs").click()
    page.wait_for_function("() => new URLSearchParams(location.search).get('commune') === '72181'")
    page.wait_for_function("() => window.OffreRecherche && window.OffreRecherche.ready()")
    params = _params(page)
    assert params["territoire"] == ["sarthe"] and params["age"] == ["19"]
    assert params["situation"] == ["jeunes"] and params["q"] == ["permis"]
    page.wait_for_function("() => window.OffreRecherche.ready()")
    # The commune settles asynchronously and re-renders: wait for the list it leads to.
    page.wait_for_selector("#offre-resultats [data-dispositif]")
    found = [
        e.get_attribute("data-dispositif")
        for e in page.locator("#offre-resultats [data-dispositif]").all()
    ]
    assert found and found[0] == "permis-jeunes-essai"
    assert "De 18 à 25 ans" in page.locator("[data-dispositif='permis-jeunes-essai']").inner_text()
    # The commune read from the home page completed the address, it added no step:
    # « back » returns to the home page.
    page.go_back()
    page.wait_for_function("() => !location.pathname.includes('recherche')")
    context.close()


def _tabs_to_first_result(page: Any) -> int:
    page.locator("#offre-q").focus()
    for presses in range(1, 40):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.matches('#offre-resultats a')"):
            return presses
    raise AssertionError("premier résultat jamais atteint au clavier")


def test_from_the_search_box_to_the_first_result_in_five_tab_presses(
    site: Server, browser: Any
) -> None:
    measured = {}
    for width, height in ((1280, 900), (390, 844)):
        context = browser.new_context(viewport={"width": width, "height": height}, locale="fr-FR")
        page = context.new_page()
        for query in ("?q=permis", "?q=jeunes&public=jeunes&commune=72181&age=19"):
            page.goto(site.url("recherche/" + query))
            page.wait_for_function("() => window.OffreRecherche && window.OffreRecherche.ready()")
            measured[(width, query)] = _tabs_to_first_result(page)
        context.close()
    print("Tab presses from the search box to the first result:", measured)
    assert all(n <= 5 for n in measured.values()), measured
