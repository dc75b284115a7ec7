"""« Ma sélection » in Chromium: added from scheme, place and search pages, reopened from its
address in a new browser, sent by e-mail and SMS, printed on at most two A4 pages."""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import unquote

from playwright.sync_api import expect

from generator.catalog.load import load_catalog
from generator.outputs.pages.selection import part_of, selection_files

from .conftest import Server, Tab, serious_violations
from .pdf import page_count

READY = "#offre-selection[data-etat=pret]"
ITEMS = "[data-offre-selection-liste] article"


def _add_from(page: Any, site: Server, path: str) -> None:
    page.goto(site.url(path))
    page.get_by_role("link", name="Ajouter à ma sélection").click()
    page.wait_for_selector(READY)


def _items(page: Any) -> list[str]:
    return [
        node.get_attribute("data-dispositif") or f"lieu:{node.get_attribute('data-lieu')}"
        for node in page.locator(ITEMS).all()
    ]


def _build_selection(site: Server, tab: Tab) -> Any:
    page = tab.page
    _add_from(page, site, "dispositifs/aide-mobilite-essai/")
    _add_from(page, site, "dispositifs/permis-jeunes-essai/")
    _add_from(page, site, "lieux/agence-fictive-le-mans/")
    page.get_by_label("Commune de la personne").fill("Le Mans")
    page.get_by_label("Commune de la personne").press("Enter")
    page.get_by_label("Note pour la personne").fill("Rappeler l'agence lundi.")
    expect(page).to_have_url(re.compile("n=Rappeler"))
    return page


def test_two_schemes_and_a_place_kept_in_the_address_and_reopened_elsewhere(
    site: Server, tab: Tab, browser: Any
) -> None:
    page = _build_selection(site, tab)
    expected = ["aide-mobilite-essai", "permis-jeunes-essai", "lieu:agence-fictive-le-mans"]
    assert _items(page) == expected
    mobility = page.locator("[data-dispositif='aide-mobilite-essai']")
    # Where to go for the person's commune: the place that serves Le Mans, with its phone.
    assert "Agence fictive d'essai du Mans" in mobility.inner_text()
    assert mobility.get_by_role("link", name="02 00 00 00 01").get_attribute("href") == (
        "tel:0200000001"
    )
    assert "Être inscrit comme demandeur d'emploi." in mobility.inner_text()
    # Found in the commune's part of the places table: the place serving Le Mans only,
    # not every place of the territory with a warning.
    assert "Zone desservie non précisée" not in mobility.inner_text()
    assert "Antenne fictive d'essai de Mamers" not in mobility.inner_text()
    address = page.url
    assert "#d=aide-mobilite-essai,permis-jeunes-essai&l=agence-fictive-le-mans&c=72181" in address

    # A new browser (no shared storage) opening the address finds the same selection.
    other = browser.new_context(viewport={"width": 390, "height": 844}, locale="fr-FR")
    try:
        fresh = other.new_page()
        fresh.goto(address)
        fresh.wait_for_selector(READY)
        assert _items(fresh) == expected
        assert fresh.get_by_label("Note pour la personne").input_value() == (
            "Rappeler l'agence lundi."
        )
        assert fresh.get_by_label("Commune de la personne").input_value() == "Le Mans"
    finally:
        other.close()

    # Removing an item changes the address; the back button brings it back.
    permis = "Permis de conduire pour les jeunes (essai)"
    page.get_by_role("button", name=f"Retirer « {permis} » de la sélection").click()
    assert _items(page) == ["aide-mobilite-essai", "lieu:agence-fictive-le-mans"]
    assert "permis-jeunes-essai" not in page.url
    page.go_back()
    expect(page.locator(ITEMS)).to_have_count(3)
    assert _items(page) == expected
    assert not tab.outside(site.base), tab.outside(site.base)
    assert not tab.errors, tab.errors
    assert not serious_violations(page)


def test_mail_and_sms_carry_the_selection_text_and_address(site: Server, tab: Tab) -> None:
    page = _build_selection(site, tab)
    # The address as the page writes it (the note percent-encoded), also printed under the list.
    address = page.locator("[data-offre-selection-adresse]").inner_text()
    assert address.startswith(site.url("selection/#d=aide-mobilite-essai,"))
    assert address.endswith("&n=Rappeler%20l'agence%20lundi.")
    mail = unquote(page.get_by_role("link", name="Envoyer par courriel").get_attribute("href"))
    assert mail.startswith("mailto:?subject=Votre sélection")
    for text in (
        "Aide à la mobilité (essai)",
        "Permis de conduire pour les jeunes (essai)",
        "Agence fictive d'essai du Mans, 1 rue de l'Essai, 72000 Le Mans, 02 00 00 00 01",
        "Note : Rappeler l'agence lundi.",
        address,
    ):
        assert text in mail, text
    sms = unquote(page.get_by_role("link", name="Envoyer par SMS").get_attribute("href"))
    # The QR code holds the address without the note (personal, and it would make the
    # code denser than a phone reads on paper).
    qr = page.locator("[data-offre-selection-qr]")
    assert qr.is_visible() and qr.locator("svg path").count() == 1
    assert qr.get_attribute("data-adresse") == address.split("&n=")[0]
    assert sms.startswith("sms:?body=Votre sélection : Aide à la mobilité (essai), ")
    assert address in sms
    assert len(sms) < len(mail)


def test_three_schemes_print_on_at_most_two_pages_without_internal_notes(
    site: Server, tab: Tab
) -> None:
    page = tab.page
    # The suspended workshop has points to check and sources: neither may be printed.
    page.goto(
        site.url(
            "selection/#d=aide-mobilite-essai,permis-jeunes-essai,atelier-suspendu-essai&c=72181"
        )
    )
    page.wait_for_selector(READY)
    assert len(_items(page)) == 3
    page.emulate_media(media="print")
    printed = page.locator("article.md-content__inner").inner_text()
    assert "Atelier numérique suspendu (essai)" in printed
    assert "Sélection préparée le" in printed
    assert page.locator("h1").inner_text() == (
        "Vos démarches : dispositifs et lieux vus avec votre conseiller"
    )
    assert "Retrouver cette sélection : " + site.url("selection/#d=aide-mobilite-essai,") in printed
    for internal in ("Points à vérifier", "Date de reprise des ateliers", "example.org/source"):
        assert internal not in printed, internal
    for screen_only in ("Imprimer", "Envoyer par courriel", "Retirer", "Note pour la personne"):
        assert not page.get_by_text(screen_only, exact=True).first.is_visible(), screen_only
    assert page_count(page.pdf(format="A4")) <= 2


def test_a_printed_scheme_page_leaves_out_points_to_check_and_sources(
    site: Server, tab: Tab
) -> None:
    page = tab.page
    page.goto(site.url("dispositifs/atelier-suspendu-essai/"))
    assert page.locator("#points-a-verifier").is_visible()
    assert page.locator(".offre-sources").is_visible()
    page.emulate_media(media="print")
    for selector in ("#points-a-verifier", "#sources", ".offre-sources", ".offre-ajouter"):
        assert not page.locator(selector).is_visible(), selector
    assert page.locator("h1").is_visible()


def test_search_results_offer_to_add_a_scheme(site: Server, tab: Tab) -> None:
    page = tab.page
    page.goto(site.url("recherche/?q=mobilite"))
    item = page.locator("#offre-resultats [data-dispositif='aide-mobilite-essai']")
    item.wait_for()
    item.get_by_role("link", name="Ajouter « Aide à la mobilité (essai) » à ma sélection").click()
    page.wait_for_selector(READY)
    assert _items(page) == ["aide-mobilite-essai"]


def test_a_link_with_a_former_scheme_id_opens_the_scheme_under_its_id(
    site: Server, tab: Tab
) -> None:
    page = tab.page
    page.goto(site.url("selection/#d=ancienne-aide-mobilite,aide-mobilite-essai"))
    page.wait_for_selector(READY)
    assert _items(page) == ["aide-mobilite-essai"]
    assert page.url.endswith("selection/#d=aide-mobilite-essai")


def test_the_page_finds_records_spread_over_several_parts(
    site: Server, tab: Tab, tmp_path_factory: Any
) -> None:
    """The catalogue cut in parts of two records (as 10,000 schemes would be in parts of
    a hundred): the page fetches only the parts holding what it shows."""
    catalog, report = load_catalog(site.data)
    assert catalog is not None, report.render()
    files, names = selection_files(catalog, part_size=2)
    for path, content in files.items():
        target = site.root / "partenaire" / "offre" / path
        if not target.exists():
            target.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    # JavaScript and Python put each id in the same part.
    page = tab.page
    page.goto(site.url("selection/"))
    page.wait_for_selector(READY)
    ids = [*catalog.dispositifs, *catalog.lieux, "", "a", "été"]
    for count in (1, 3, 7):
        js = page.evaluate(
            "([ids, n]) => ids.map(id => OffreSelection.partie(id, n))", [ids, count]
        )
        assert js == [part_of(i, count) for i in ids]
    # A copy of the page reading the parted index.
    html = (site.root / "partenaire" / "offre" / "selection" / "index.html").read_text("utf-8")
    default = re.search(r'data-donnees="([^"]+)"', html)
    assert default is not None
    parted = default.group(1).rsplit("/", 1)[0] + "/" + names["selection_donnees"].split("/")[-1]
    copy = site.root / "partenaire" / "offre" / "selection" / "parties" / "index.html"
    copy.parent.mkdir(exist_ok=True)
    copy.write_text(
        html.replace(default.group(0), f'data-donnees="{parted}"').replace('="../', '="../../'),
        encoding="utf-8",
    )
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(site.url("selection/parties/#d=aide-mobilite-essai,permis-jeunes-essai&c=72181"))
    page.wait_for_selector(READY)
    assert _items(page) == ["aide-mobilite-essai", "permis-jeunes-essai"]
    mobility = page.locator("[data-dispositif='aide-mobilite-essai']")
    assert "Agence fictive d'essai du Mans" in mobility.inner_text()
    index = json.loads(files[names["selection_donnees"]])
    wanted = {
        index["parties"]["dispositifs"][part_of(i, len(index["parties"]["dispositifs"]))]
        for i in ("aide-mobilite-essai", "permis-jeunes-essai")
    }
    loaded = {u.rsplit("/", 1)[1] for u in fetched if "/selection-dispositifs-" in u}
    assert loaded == wanted
    assert len(index["parties"]["dispositifs"]) > len(loaded)
    assert not tab.errors, tab.errors
