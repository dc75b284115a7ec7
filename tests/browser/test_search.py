"""The search page in headless Chromium: ranking as Python ranks, facets, URL state,
phone layout, keyboard, empty states, snippets, communes."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from devtools.relevance import DEFAULT_FILTERS, load_queries

from generator.catalog.load import load_catalog
from generator.outputs.search.engine import Engine
from generator.rules import text
from tests.support.paths import REPO

from .conftest import Server, Tab

ACTIVE_REGIONAL = {
    "aide-mobilite-essai",
    "formation-qualifiante-essai",
    "accompagnement-jeunes-essai",
}

# True once the facet counts (loaded after the first results) are shown.
COUNTS_SHOWN = (
    "() => document.querySelector(\"label[for='offre-f-public-jeunes']\").textContent.includes('(')"
)


def results(tab: Tab, query: str, site: Server) -> list[str]:
    tab.page.goto(site.url("recherche/" + query))
    return shown(tab)


def wait_ready(tab: Tab) -> None:
    tab.page.wait_for_function("() => window.OffreRecherche && window.OffreRecherche.ready()")


def shown(tab: Tab) -> list[str]:
    tab.page.wait_for_timeout(100)  # the typing debounce, when a key was just pressed
    wait_ready(tab)
    return [
        e.get_attribute("data-dispositif")
        for e in tab.page.locator("#offre-resultats [data-dispositif]").all()
    ]


CASES = [
    ("?q=mobilite", {"aide-mobilite-essai", "permis-jeunes-essai"}),
    ("?q=permis&public=jeunes", {"permis-jeunes-essai"}),
    ("?q=l%27apprentissage", {"apprentissage-essai"}),
    ("?q=POEI", {"formation-qualifiante-essai"}),
    ("?territoire=anjou-maine", ACTIVE_REGIONAL | {"apprentissage-essai"}),
    ("?territoire=sarthe&thematique=mobilite", {"aide-mobilite-essai", "permis-jeunes-essai"}),
    ("?statut=termine", {"aide-terminee-essai"}),
    ("?statut=remplace&statut=suspendu", {"garantie-essai", "atelier-suspendu-essai"}),
    ("?porteur=region-essai&type=formation", {"formation-qualifiante-essai"}),
    ("?q=zzzzz", set()),
]


def test_query_and_facets_return_the_expected_schemes(site: Server, tab: Tab) -> None:
    for query, expected in CASES:
        assert set(results(tab, query, site)) == expected, query
    assert tab.errors == []
    assert tab.outside(site.url()) == []


def typed(tab: Tab, query: str) -> list[str]:
    tab.page.locator("#offre-q").fill(query)
    return shown(tab)


def test_accent_free_and_accented_queries_agree(site: Server, tab: Tab) -> None:
    results(tab, "", site)
    for plain, accented in [
        ("mobilite", "Mobilité"),
        ("deplacement", "déplacement"),
        ("REGION", "Région"),
    ]:
        first = typed(tab, plain)
        assert first == typed(tab, accented)
        assert first


def test_facet_counts_match_the_data(site: Server, tab: Tab) -> None:
    catalog, _ = load_catalog(site.data)
    assert catalog is not None
    results(tab, "", site)
    tab.page.wait_for_function(COUNTS_SHOWN)
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
    assert colleague.locator("#offre-q").input_value() == "permis"
    assert colleague.locator("#offre-f-public-jeunes").is_checked()
    assert [
        e.get_attribute("data-dispositif")
        for e in colleague.locator("#offre-resultats [data-dispositif]").all()
    ] == ["permis-jeunes-essai"]


# ---------------------------------------------------------------------------- communes


def _commune(tab: Tab, typed: str) -> Any:
    tab.page.locator("#offre-commune-recherche").fill(typed)
    tab.page.wait_for_timeout(400)
    return tab.page.locator("#offre-recherche-commune [data-offre-commune-resultats]")


def test_commune_lookup(site: Server, tab: Tab) -> None:
    results(tab, "", site)
    for typed_text, commune, territory in [
        ("Laval", "53130", "anjou-maine"),
        ("sable sur sarthe", "72264", "sarthe"),  # accents and hyphens optional
        ("St Nazaire", "44184", "littoral"),  # "St" for "Saint"
        ("Louerre", "49003", "anjou-maine"),  # former commune, now Tuffalun
        ("44109", "44109", "littoral"),  # INSEE code
    ]:
        box = _commune(tab, typed_text)
        item = box.locator(f"li[data-commune='{commune}'] a").first
        assert item.get_attribute("data-territoire") == territory
        assert item.get_attribute("href") == f"../territoires/{territory}/"


def test_commune_messages_and_filter(site: Server, tab: Tab) -> None:
    results(tab, "?q=permis", site)
    box = _commune(tab, "72600")
    assert "22 communes trouvées" in box.inner_text()
    assert box.locator("li").count() == 8
    assert "commune sans intercommunalité" in _commune(tab, "85113").inner_text()
    assert "Alençon (61) est hors des Pays de la Loire" in _commune(tab, "Alencon").inner_text()
    assert "sans doute hors région" in _commune(tab, "35000").inner_text()
    box = _commune(tab, "Sargé")  # one commune: its territory filters at once
    tab.page.wait_for_function("() => location.search.includes('territoire=sarthe')")
    assert box.locator("li").count() == 1
    box = _commune(tab, "lès-le-Mans")  # several: each offers to filter
    assert box.locator("li").count() > 1
    box.get_by_role("button", name="Filtrer la recherche sur ce territoire").first.click()
    assert tab.page.locator("#offre-territoire").input_value() == "sarthe"
    assert shown(tab) == ["permis-jeunes-essai"]


# ---------------------------------------------------------------------------- keyboard


def _tab_to(tab: Tab, selector: str, limit: int = 80) -> None:
    for _ in range(limit):
        tab.page.keyboard.press("Tab")
        if tab.page.evaluate(f"() => document.activeElement.matches({json.dumps(selector)})"):
            return
    raise AssertionError(f"{selector} jamais atteint au clavier")


FOCUS_RING = """() => {
  const style = getComputedStyle(document.activeElement);
  return [style.outlineStyle, parseFloat(style.outlineWidth)];
}"""


def test_keyboard_only_search_with_a_visible_focus_ring(site: Server, tab: Tab) -> None:
    page = tab.page
    results(tab, "", site)
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    rings = {}
    _tab_to(tab, "#offre-q")
    rings["boîte"] = page.evaluate(FOCUS_RING)
    page.keyboard.type("jeunes")
    page.wait_for_function("() => location.search.includes('q=jeunes')")
    _tab_to(tab, "#offre-filtres-bouton")
    rings["bouton Filtres"] = page.evaluate(FOCUS_RING)
    _tab_to(tab, "#offre-territoire")
    rings["territoire"] = page.evaluate(FOCUS_RING)
    _tab_to(tab, "#offre-f-public-demandeurs-emploi")
    rings["case à cocher"] = page.evaluate(FOCUS_RING)
    page.keyboard.press("Space")
    page.wait_for_function("() => location.search.includes('public=demandeurs-emploi')")
    assert shown(tab) == ["accompagnement-jeunes-essai"]
    assert page.locator("#offre-compte").inner_text() == "1 dispositif trouvé."
    assert page.locator("#offre-compte").get_attribute("aria-live") == "polite"
    _tab_to(tab, "#offre-resultats a")
    rings["résultat"] = page.evaluate(FOCUS_RING)
    for control, (style, width) in rings.items():
        assert style != "none" and width >= 2, (control, style, width)
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


# ---------------------------------------------------------------------------- facets


def test_filters_panel_counts_collapses_and_clears(site: Server, tab: Tab) -> None:
    page = tab.page
    toggle = page.locator("#offre-filtres-bouton")
    results(tab, "?q=permis", site)
    assert toggle.inner_text() == "Filtres"
    assert page.locator("#offre-effacer").is_hidden()
    results(tab, "?q=permis&public=jeunes&territoire=sarthe", site)
    assert toggle.inner_text() == "Filtres (2)"
    expanded = toggle.get_attribute("aria-expanded") == "true"
    assert page.locator("#offre-recherche-filtres").is_visible() is expanded
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == ("false" if expanded else "true")
    assert page.locator("#offre-recherche-filtres").is_visible() is not expanded
    page.locator("#offre-effacer").click()
    page.wait_for_function("() => location.search === '?q=permis'")
    assert toggle.inner_text() == "Filtres"
    assert "permis-jeunes-essai" in shown(tab)


def test_values_without_schemes_are_hidden_unless_selected(site: Server, tab: Tab) -> None:
    page = tab.page
    results(tab, "?q=permis", site)
    page.wait_for_function(COUNTS_SHOWN)
    assert page.locator("#offre-f-public-jeunes").is_visible()
    assert page.locator("#offre-f-public-employeurs").is_hidden()  # (0)
    results(tab, "?q=permis&public=employeurs", site)
    assert page.locator("#offre-f-public-employeurs").is_visible()  # selected: kept
    label = page.locator("label[for='offre-f-public-employeurs']").inner_text()
    assert label.endswith("(0)")


def test_empty_results_offer_what_to_drop(site: Server, tab: Tab) -> None:
    page = tab.page
    assert results(tab, "?q=permis&public=employeurs", site) == []
    empty = page.locator("#offre-vide")
    drop = empty.get_by_role(
        "button", name="Retirer le filtre « Public : Employeurs » (1 dispositif)"
    )
    drop.click()
    page.wait_for_function("() => !location.search.includes('employeurs')")
    assert shown(tab) == ["permis-jeunes-essai"]
    assert empty.is_hidden()
    assert results(tab, "?q=zzzzz", site) == []
    assert (
        empty.get_by_role("button", name="Voir tous les dispositifs, sans les mots-clés").count()
        == 1
    )
    assert results(tab, "?q=zzzzz&statut=termine", site) == []
    assert "Vérifiez l'orthographe" not in empty.inner_text()
    empty.get_by_role(
        "button", name="Chercher sans les mots-clés, avec les seuls filtres (1 dispositif)"
    ).click()
    page.wait_for_function("() => !location.search.includes('zzzzz')")
    assert shown(tab) == ["aide-terminee-essai"]
    assert page.locator("#offre-q").input_value() == ""


def test_snippets_mark_the_words_found_and_data_stays_text(site: Server, tab: Tab) -> None:
    page = tab.page
    results(tab, "?q=d%C3%A9placements", site)
    item = page.locator("[data-dispositif='aide-mobilite-essai'] .offre-item__resume")
    marks = item.locator("mark").all_inner_texts()
    assert marks and all(text.stems(m) == text.stems("déplacement") for m in marks)
    # A title and a condition written with markup are shown as text, never as markup.
    assert results(tab, "?q=pi%C3%A8ge+html", site)[0] == "piege-html-essai"
    title = page.locator("[data-dispositif='piege-html-essai'] .offre-item__titre")
    assert title.inner_text() == "Fiche piège <b>HTML</b> (essai)"
    made = page.evaluate(
        """() => [...document.querySelectorAll('#offre-resultats *')]
                 .map(e => e.tagName).filter(t => !['LI','A','SPAN','MARK'].includes(t))"""
    )
    assert made == []
    assert page.evaluate(
        "() => [...document.querySelectorAll('#offre-resultats mark')]"
        ".every(m => m.children.length === 0)"
    )


# ---------------------------------------------------------------------------- shipped data


@pytest.fixture(scope="module")
def shipped(real_site: Server, browser: Any) -> Iterator[tuple[Any, Engine, list[str]]]:
    """A page of the real site, its engine in the browser, the same engine in Python."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    page = context.new_page()
    page.goto(real_site.url("recherche/"))
    page.wait_for_function("() => window.OffreRecherche && window.OffreRecherche.ready()")
    index_url = page.locator("#offre-recherche").get_attribute("data-index")
    folder = real_site.root / "recherche"
    name = Path(index_url).name
    engine = Engine(
        json.loads((folder / name).read_text()), lambda n: json.loads((folder / n).read_text())
    )
    catalog, _ = load_catalog(real_site.data)
    assert catalog is not None
    from generator.outputs.search.documents import ordered_schemes

    yield page, engine, [d.id for d in ordered_schemes(catalog)]
    context.close()


AGREEMENT_QUERIES = [
    "",
    " ",
    "de la",
    "mobilite",
    "Mobilité ",
    "formations",
    "l'apprentissage",
    "d'emploi",
    "jeu",
    "jeunes ",
    "demandeurs d'emploi",
    "DE",
    "de",
    "permis",
    "perm",
    "permis ",
    "permis de conduire",
    "garde d'enfants",
    "POEI",
    "CEJ",
    "RQTH",
    "QPV",
    "BRSA",
    "handicapés",
    "travailleurs handicapés",
    "salaries",
    "salariées",
    "prépa",
    "prepa",
    "professionnell",
    "sociau",
    "mobilté",
    "acompagnement",
    "formaton qualifiante",
    "chômage partiel",
    "activité partielle",
    "aide-soignant",
    "sans diplôme",
    "jeune sans diplôme",
    "sans permis",
    "sans dipl",
    "sans emploi ni formation",
    "création d'entreprise",
    "créer une entreprise",
    "r",
    "fo",
    "form",
    "cv",
]


def test_python_and_the_browser_rank_alike(shipped: tuple[Any, Engine, list[str]]) -> None:
    """Same order, same counts, for every benchmark query, typed (last word a prefix) or
    complete, and for the queries above (prefixes, typos, synonyms, stop words)."""
    page, engine, _ = shipped
    queries = [q.text for q in load_queries(REPO / "tests" / "relevance" / "requetes.yaml")]
    queries = AGREEMENT_QUERIES + queries + [q + " " for q in queries]
    filters = [
        DEFAULT_FILTERS,
        {"public": ["jeunes"]},
        {"territoire": ["laval"], "axe": ["relance"]},
        {"nature": ["instance", "plan", "information"], "doute": ["a-confirmer"]},
    ]
    browser_side = page.evaluate(
        """async ([queries, filters]) => {
             const m = OffreRecherche.moteur();
             await m.loadFacets();
             const out = [];
             for (const q of queries) {
               await m.prepare(q);
               for (const f of filters) {
                 const o = m.search(q, f);
                 out.push([o.numbers, o.counts, o.also]);
               }
             }
             return out;
           }""",
        [queries, filters],
    )
    python_side = []
    for query in queries:
        for f in filters:
            outcome = engine.search(query, f)
            python_side.append([outcome.numbers, outcome.counts, outcome.also])
    differences = [
        (queries[i // len(filters)], filters[i % len(filters)], js[0][:5], py[0][:5])
        for i, (js, py) in enumerate(zip(browser_side, python_side, strict=True))
        if js != py
    ]
    assert differences == []
    # Most queries find something with the default filters (the comparison means something).
    assert sum(1 for js in browser_side[:: len(filters)] if js[0]) > len(queries) * 0.8


def test_python_and_the_browser_normalise_words_alike(
    shipped: tuple[Any, Engine, list[str]], real_site: Server
) -> None:
    page = shipped[0]
    catalog, _ = load_catalog(real_site.data)
    assert catalog is not None
    tokens: set[str] = set()
    for d in catalog.dispositifs.values():
        for value in (d.titre, d.resume, d.description, *d.mots_cles, *d.conditions):
            tokens.update(text.tokenize(value))
    tokens.update(["DE", "ET", "Œuvre", "ÉTÉ", "salariées", "E2C", "1er", "Ǆ", "straße"])
    ordered = sorted(tokens)
    browser_side = page.evaluate(
        """(tokens) => {
             const stop = OffreRecherche.moteur().stopWords;
             return tokens.map(t => {
               const w = OffreTexte.word(t, stop);
               return w ? [w.folded, w.stem] : null;
             });
           }""",
        ordered,
    )
    python_side = []
    for token in ordered:
        found = text.word(token)
        python_side.append([found.folded, found.stem] if found else None)
    assert len(ordered) > 1500
    assert [t for t, a, b in zip(ordered, browser_side, python_side, strict=True) if a != b] == []


def test_facet_values_sort_in_french_order_like_python(
    shipped: tuple[Any, Engine, list[str]],
) -> None:
    page, engine, _ = shipped
    for facet in ("public", "thematique", "axe", "porteur", "type", "statut", "nature", "doute"):
        shown_labels = page.locator(f"[data-facette={facet}] label").evaluate_all(
            "labels => labels.map(l => l.getAttribute('data-libelle'))"
        )
        python_order = [e["libelle"] for e in engine.facets[facet]]
        assert shown_labels == python_order, facet
    publics = [e["libelle"] for e in engine.facets["public"]]
    assert (
        publics.index("Demandeurs d’emploi")
        < publics.index("Étudiants")
        < publics.index("Familles")
    )
    options = page.locator("#offre-territoire option[value]:not([value=''])").evaluate_all(
        "options => options.map(o => o.getAttribute('data-libelle'))"
    )
    assert options == [e["libelle"] for e in engine.facets["territoire"]]


def test_on_a_phone_the_first_result_shows_without_scrolling(
    real_site: Server, browser: Any
) -> None:
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, locale="fr-FR", is_mobile=True, has_touch=True
    )
    page = context.new_page()
    for query in (
        "?q=formation",
        "?q=salari%C3%A9+qui+veut+changer+de+m%C3%A9tier&public=salaries",
    ):
        page.goto(real_site.url("recherche/" + query))
        page.wait_for_function("() => window.OffreRecherche && window.OffreRecherche.ready()")
        assert page.evaluate("() => window.scrollY") == 0
        first = page.locator(
            "#offre-resultats [data-dispositif] .offre-item__titre"
        ).first.bounding_box()
        assert first is not None and first["y"] + first["height"] <= 844, (query, first)
        assert page.locator("#offre-recherche-filtres").is_hidden()
        count = page.locator("#offre-compte").bounding_box()
        box = page.locator("#offre-q").bounding_box()
        assert (
            count is not None and box is not None and count["y"] - (box["y"] + box["height"]) < 80
        )
    assert page.locator("#offre-filtres-bouton").inner_text() == "Filtres (1)"
    page.locator("#offre-filtres-bouton").click()
    assert page.locator("#offre-recherche-filtres").is_visible()
    context.close()


def test_shipped_data_acceptance(real_site: Server, tab: Tab) -> None:
    """Advisers' queries from the issue find their schemes in the page itself; the
    Clefop priority is a facet."""
    page = tab.page
    assert results(tab, "?q=GPEC", real_site)[0] == "periode-de-reconversion"
    assert "gestion prévisionnelle" in page.locator("#offre-aussi").inner_text()
    assert "objectif-premier-emploi" not in typed(tab, "sans diplôme")[:3]
    with_axe = results(tab, "?axe=mutations-economiques", real_site)
    assert "periode-de-reconversion" in with_axe and "agepi" not in with_axe
    assert tab.errors == []
    assert tab.outside(real_site.url()) == []


def test_a_render_overtaken_while_its_results_load_still_shows_them(site: Server, tab: Tab) -> None:
    # The first render waits for its fiches; a second one with the same results (here
    # the same query typed again) starts meanwhile. The second must show them: the first,
    # overtaken, never will. Fiches are held back to make this order certain.
    page = tab.page
    held: list[Any] = []
    page.route("**/recherche/fiches/**", lambda route: held.append(route))
    page.goto(site.url("recherche/?q=mobilite"))
    for _ in range(200):
        if held:
            break
        page.wait_for_timeout(25)
    assert held, "the first render never asked for its fiches"
    page.locator("#offre-q").fill("mobilite")
    page.wait_for_timeout(600)  # the typing debounce: the second render has started
    for route in list(held):
        route.continue_()
    page.unroute("**/recherche/fiches/**")
    page.wait_for_selector("#offre-resultats [data-dispositif]", timeout=10_000)
    assert "aide-mobilite-essai" in shown(tab)
