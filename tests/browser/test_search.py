"""The search page in headless Chromium: queries, facets, URL state, communes, keyboard."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from generator.catalog import Catalog
from generator.search.index import build_lunr_index, search
from generator.validate import load_catalog

from .conftest import Server, Tab

ACTIVE_REGIONAL = {
    "aide-mobilite-essai",
    "formation-qualifiante-essai",
    "accompagnement-jeunes-essai",
}


def results(tab: Tab, query: str, site: Server) -> list[str]:
    tab.page.goto(site.url("recherche/" + query))
    return shown(tab)


def shown(tab: Tab) -> list[str]:
    tab.page.wait_for_function(
        "() => document.querySelector('#offre-recherche').dataset.etat === 'pret'"
        " && window.OffreRecherche.ready()"
    )
    tab.page.wait_for_timeout(150)  # debounce of the input handler
    return [
        e.get_attribute("data-dispositif")
        for e in tab.page.locator("#offre-resultats [data-dispositif]").all()
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?q=mobilite", {"aide-mobilite-essai", "permis-jeunes-essai"}),
        ("?q=permis&public=jeunes", {"permis-jeunes-essai"}),
        ("?q=formations", {"formation-qualifiante-essai", "aide-mobilite-essai"}),
        ("?q=l%27apprentissage", {"apprentissage-essai"}),
        ("?q=POEI", {"formation-qualifiante-essai"}),
        ("?q=jeu", {"permis-jeunes-essai", "accompagnement-jeunes-essai", "apprentissage-essai"}),
        ("?territoire=anjou-maine", ACTIVE_REGIONAL | {"apprentissage-essai"}),
        ("?territoire=sarthe&thematique=mobilite", {"aide-mobilite-essai", "permis-jeunes-essai"}),
        ("?statut=termine", {"aide-terminee-essai"}),
        ("?statut=remplace&statut=suspendu", {"garantie-essai", "atelier-suspendu-essai"}),
        ("?porteur=region-essai&type=formation", {"formation-qualifiante-essai"}),
        ("?q=zzzzz", set()),
    ],
)
def test_query_and_facets_return_the_expected_schemes(
    query: str, expected: set[str], site: Server, tab: Tab
) -> None:
    assert set(results(tab, query, site)) == expected
    assert tab.errors == []
    assert tab.outside(site.url()) == []


@pytest.mark.parametrize(
    ("plain", "accented"),
    [
        ("mobilite", "Mobilité"),
        ("MOBILITE", "mobilité"),
        ("numerique", "numérique"),
        ("deplacement", "déplacement"),
        ("renforce", "renforcé"),
        ("REGION", "Région"),
    ],
)
def test_accent_free_and_accented_queries_agree(
    plain: str, accented: str, site: Server, tab: Tab
) -> None:
    first = results(tab, f"?q={plain}", site)
    second = results(tab, f"?q={accented}", site)
    assert first == second
    assert first


def test_facet_counts_match_the_data(site: Server, tab: Tab) -> None:
    catalog, _ = load_catalog(site.data)
    assert catalog is not None
    results(tab, "", site)
    for public in ("jeunes", "demandeurs-emploi"):
        expected = sum(1 for d in catalog.dispositifs.values() if d.is_open and public in d.publics)
        label = tab.page.locator(f"label[for='offre-f-public-{public}']").inner_text()
        assert label.endswith(f"({expected})"), label
    option = tab.page.locator("#offre-territoire option[value='sarthe']").inner_text()
    expected_sarthe = sum(
        1 for d in catalog.territory_schemes["sarthe"] if catalog.dispositifs[d].is_open
    )
    assert option.endswith(f"({expected_sarthe})")


def _params(tab: Tab) -> dict[str, list[str]]:
    return parse_qs(urlsplit(tab.page.url).query)


def test_url_state_round_trips_and_history_works(site: Server, tab: Tab) -> None:
    page = tab.page
    assert set(results(tab, "", site)) >= ACTIVE_REGIONAL
    page.locator("#offre-f-public-jeunes").check()
    page.wait_for_function("() => location.search.includes('public=jeunes')")
    page.locator("#offre-q").fill("permis")
    page.wait_for_function("() => location.search.includes('q=permis')")
    assert shown(tab) == ["permis-jeunes-essai"]
    assert _params(tab) == {"q": ["permis"], "public": ["jeunes"]}
    page.go_back()  # before "public=jeunes" was ticked
    page.wait_for_function("() => !location.search.includes('public=jeunes')")
    assert not page.locator("#offre-f-public-jeunes").is_checked()
    assert set(shown(tab)) >= ACTIVE_REGIONAL
    page.go_forward()
    page.wait_for_function("() => location.search.includes('public=jeunes')")
    assert page.locator("#offre-f-public-jeunes").is_checked()
    assert page.locator("#offre-q").input_value() == "permis"
    assert shown(tab) == ["permis-jeunes-essai"]
    colleague = page.context.new_page()  # a colleague opening the shared link
    colleague.goto(page.url)
    colleague.wait_for_function("() => window.OffreRecherche && window.OffreRecherche.ready()")
    colleague.wait_for_selector("#offre-resultats [data-dispositif]")
    assert colleague.locator("#offre-q").input_value() == "permis"
    assert colleague.locator("#offre-f-public-jeunes").is_checked()
    assert [
        e.get_attribute("data-dispositif")
        for e in colleague.locator("#offre-resultats [data-dispositif]").all()
    ] == ["permis-jeunes-essai"]


def _commune(tab: Tab, text: str) -> Any:
    box = tab.page.locator("#offre-commune-recherche")
    box.fill(text)
    tab.page.wait_for_timeout(400)
    return tab.page.locator("#offre-recherche-commune [data-offre-commune-resultats]")


@pytest.mark.parametrize(
    ("typed", "commune", "territory"),
    [
        ("Laval", "53130", "anjou-maine"),
        ("sable sur sarthe", "72264", "sarthe"),  # accents and hyphens optional
        ("St Nazaire", "44184", "littoral"),  # "St" for "Saint"
        ("Louerre", "49003", "anjou-maine"),  # former commune, now Tuffalun
        ("44109", "44109", "littoral"),  # INSEE code
    ],
)
def test_commune_lookup(typed: str, commune: str, territory: str, site: Server, tab: Tab) -> None:
    results(tab, "", site)
    box = _commune(tab, typed)
    item = box.locator(f"li[data-commune='{commune}'] a").first
    assert item.get_attribute("data-territoire") == territory
    assert item.get_attribute("href") == f"../territoires/{territory}/"


def test_postal_code_shared_by_several_communes_lists_them(site: Server, tab: Tab) -> None:
    results(tab, "", site)
    box = _commune(tab, "72600")
    assert "22 communes trouvées" in box.inner_text()
    assert box.locator("li").count() == 8


def test_commune_without_epci_and_outside_region_get_clear_messages(site: Server, tab: Tab) -> None:
    results(tab, "", site)
    box = _commune(tab, "85113")
    assert "commune sans intercommunalité" in box.inner_text()
    assert box.locator("a[data-territoire='littoral']").count() == 1
    assert "Alençon (61) est hors des Pays de la Loire" in _commune(tab, "Alencon").inner_text()
    assert "sans doute hors région" in _commune(tab, "35000").inner_text()
    assert (
        "Aucune commune des Pays de la Loire ne correspond"
        in _commune(tab, "Xyzville").inner_text()
    )


def test_commune_sets_the_territory_facet(site: Server, tab: Tab) -> None:
    results(tab, "?q=permis", site)
    box = _commune(tab, "Le Mans")
    box.get_by_role("button", name="Filtrer la recherche sur ce territoire").first.click()
    tab.page.wait_for_function("() => location.search.includes('territoire=sarthe')")
    assert tab.page.locator("#offre-territoire").input_value() == "sarthe"
    assert shown(tab) == ["permis-jeunes-essai"]


def _tab_to(tab: Tab, selector: str, limit: int = 80) -> None:
    for _ in range(limit):
        tab.page.keyboard.press("Tab")
        if tab.page.evaluate(f"() => document.activeElement.matches({json.dumps(selector)})"):
            return
    raise AssertionError(f"{selector} jamais atteint au clavier")


def test_keyboard_only_search(site: Server, tab: Tab) -> None:
    page = tab.page
    results(tab, "", site)
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    _tab_to(tab, "#offre-q")
    page.keyboard.type("jeunes")
    page.wait_for_function("() => location.search.includes('q=jeunes')")
    _tab_to(tab, "#offre-f-public-demandeurs-emploi")
    page.keyboard.press("Space")
    page.wait_for_function("() => location.search.includes('public=demandeurs-emploi')")
    assert shown(tab) == ["accompagnement-jeunes-essai"]
    assert "1 dispositif trouvé." in page.locator("#offre-compte").inner_text()
    assert page.locator("#offre-compte").get_attribute("aria-live") == "polite"
    _tab_to(tab, "#offre-resultats a")
    page.keyboard.press("Enter")
    page.wait_for_url("**/dispositifs/accompagnement-jeunes-essai/")


def test_without_javascript_the_page_explains_and_links(site: Server, browser: Any) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site.url("recherche/"))
    notice = page.locator("[data-offre-sans-js]")
    assert notice.is_visible()
    assert "JavaScript" in notice.inner_text()
    for href in (
        "../territoires/",
        "../thematiques/",
        "../publics/",
        "../porteurs/",
        "../dispositifs/",
    ):
        assert notice.locator(f"a[href='{href}']").count() == 1
    assert not page.locator("#offre-recherche-formulaire").is_visible()
    context.close()


AGREEMENT_QUERIES = [
    "mobilite",
    "mobilité",
    "MOBILITÉ",
    "formation",
    "formations",
    "formations ",
    "apprentissage",
    "l'apprentissage",
    "d'emploi",
    "emploi",
    "jeunes",
    "jeune",
    "jeu",
    "demandeurs d'emploi",
    "permis",
    "permis de conduire",
    "garde d'enfants",
    "enfant",
    "POEI",
    "CEJ",
    "AIF",
    "PEC",
    "CPF",
    "RQTH",
    "QPV",
    "reconversion",
    "reconversions professionnelles",
    "handicap",
    "handicapés",
    "travailleurs handicapés",
    "embauche",
    "aides à l'embauche",
    "alternance",
    "éligibilité",
    "eligibilite",
    "création d'entreprise",
    "numérique",
    "logement",
    "seniors",
    "salariés",
    "salaries",
    "transitions",
    "qualification",
    "qualifiantes",
    "prépa",
    "prepa",
    "accompagnement",
    "orientation",
    "territoire",
    "région",
    "r",
    "fo",
    "form",
    "mob",
]


def _python_results(catalog: Catalog, query: str) -> list[tuple[str, float]]:
    index = build_lunr_index(catalog)
    return [(ref, round(score, 6)) for ref, score in search(index, query)]


def test_lunr_py_and_lunr_js_agree_on_the_shipped_data(real_site: Server, tab: Tab) -> None:
    catalog, _ = load_catalog(Path(real_site.data))
    assert catalog is not None
    tab.page.goto(real_site.url("recherche/"))
    tab.page.wait_for_function("() => window.OffreRecherche && window.OffreRecherche.ready()")
    index_url = tab.page.locator("#offre-recherche").get_attribute("data-index")
    disagreements = []
    for query in AGREEMENT_QUERIES:
        browser_side = tab.page.evaluate(
            """async ([url, q]) => {
                 const data = await (await fetch(url)).json();
                 const index = OffreTexte.loadIndex(lunr, data);
                 const hits = OffreTexte.search(lunr, index, q) || [];
                 return hits.map(h => [h.ref, Math.round(h.score * 1e6) / 1e6]);
               }""",
            [index_url, query],
        )
        python_side = [[ref, score] for ref, score in _python_results(catalog, query)]
        if [r for r, _ in browser_side] != [r for r, _ in python_side]:
            disagreements.append((query, browser_side[:5], python_side[:5]))
            continue
        for (_, js_score), (_, py_score) in zip(browser_side, python_side, strict=True):
            assert abs(js_score - py_score) < 1e-3, query
    assert disagreements == []
    found = sum(1 for q in AGREEMENT_QUERIES if _python_results(catalog, q))
    # All but the two-letter prefixes ("r", "fo": not searched yet) and a few rare words.
    assert found >= len(AGREEMENT_QUERIES) - 5


def test_shipped_data_mobility_search_facets_and_commune(real_site: Server, tab: Tab) -> None:
    """The acceptance case on the shipped data: accent-free and accented queries list the
    same mobility schemes, a facet narrows them with the count it announced, and a commune
    name gives its territory."""
    catalog, _ = load_catalog(Path(real_site.data))
    assert catalog is not None
    plain = results(tab, "?q=mobilite", real_site)
    accented = results(tab, "?q=mobilit%C3%A9", real_site)
    assert plain == accented
    mobility = {
        scheme_id
        for scheme_id, scheme in catalog.dispositifs.items()
        if scheme.is_open and any(theme.startswith("mobilite") for theme in scheme.thematiques)
    }
    assert mobility
    assert mobility <= set(plain)

    by_public: dict[str, list[str]] = {}
    for scheme_id in plain:
        for public in catalog.dispositifs[scheme_id].publics:
            by_public.setdefault(public, []).append(scheme_id)
    for public, schemes in by_public.items():
        label = tab.page.locator(f"label[for='offre-f-public-{public}']").inner_text()
        assert label.endswith(f"({len(schemes)})"), label
    narrowing = max(
        (public for public, schemes in by_public.items() if len(schemes) < len(plain)),
        key=lambda public: (len(by_public[public]), public),
    )
    tab.page.locator(f"#offre-f-public-{narrowing}").check()
    tab.page.wait_for_function(f"() => location.search.includes('public={narrowing}')")
    assert shown(tab) == by_public[narrowing]

    laval = catalog.commune_territory["53130"]
    box = _commune(tab, "laval")
    link = box.locator("li[data-commune='53130'] a").first
    assert link.get_attribute("data-territoire") == laval
    assert link.get_attribute("href") == f"../territoires/{laval}/"
    assert tab.errors == []
