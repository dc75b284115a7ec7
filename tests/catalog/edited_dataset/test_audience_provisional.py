"""Wording by audience, weak sources said on the page, and « provisoire » wherever a
provisional territory is named: pages, booklets, embeds and exports."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from generator.catalog.catalog import Catalog
from generator.outputs.exports.data_inclusion import build_data_inclusion
from generator.outputs.exports.offre_json import catalogue_document
from generator.outputs.exports.tableur import catalogue_csv, places_csv
from generator.outputs.exports.territoires import territory_document
from generator.outputs.pages.embeds import embed_files
from generator.outputs.pages.renderer import Renderer
from generator.outputs.pages.territories import booklet_page
from generator.rules import urls
from tests.support.datasets import copy_fixture
from tests.support.render_fixtures import SITE_URL

EMPLOYER = "apprentissage-essai"  # made an employer's scheme below, in the provisional territory
PROVISIONAL = "littoral"  # statut: provisoire in the test data
PROVISIONAL_NAME = "Territoire d'essai Littoral"
PLACE = "agence-fictive-le-mans"  # made to serve the provisional territory below


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = copy_fixture(tmp_path_factory.mktemp("audience") / "donnees")
    scheme = data / "dispositifs" / "region-essai" / f"{EMPLOYER}.yaml"
    _edit(
        scheme,
        "frais: gratuit",
        "destinataire: employeur\nfrais: payant\nfrais_a_la_charge_de: [etat, employeur]",
    )
    _edit(scheme, "territoires: [anjou-maine]", f"territoires: [{PROVISIONAL}]")
    _edit(
        scheme,
        "  - url: https://example.org/source-apprentissage\n    date_publication: 2026-01\n",
        "  - url: https://example.org/source-apprentissage\n    date_publication: 2026-01\n"
        "  - url: https://www.lozere.gouv.fr/apprentissage\n    date_publication: 2026-02\n",
    )
    _edit(
        data / "lieux" / "france-travail-essai" / f"{PLACE}.yaml",
        'zone_desservie: ["247200132"]',
        f'zone_desservie: ["247200132", {PROVISIONAL}]',
    )
    (data / "sources-officielles.yaml").write_text(
        "officiels: [gouv.fr]\nautres_regions: [lozere.gouv.fr]\n", encoding="utf-8"
    )
    return data


def _rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


MARKED = (
    re.escape(PROVISIONAL_NAME.replace("'", "&#39;")) + r"(</a>)? ?(<span[^>]*>)?\(provisoire\)"
)


# ---------------------------------------------------------------------------- audience


def test_an_employer_scheme_is_worded_for_the_employer(pages: dict[str, str]) -> None:
    html = pages[urls.page_url("dispositif", EMPLOYER)]
    assert "<dt>Coût pour l&#39;employeur</dt><dd>Payant</dd>" in html
    assert "<dt>Financé par</dt><dd>l&#39;État et l&#39;employeur</dd>" in html
    assert "Mobilisable par : l&#39;employeur lui-même." in html
    assert "Pour les employeurs" in html
    assert "Coût pour la personne" not in html and "la personne elle-même" not in html


def test_a_person_s_scheme_keeps_the_person_s_wording(pages: dict[str, str]) -> None:
    html = pages[urls.page_url("dispositif", "aide-mobilite-essai")]
    assert "<dt>Coût pour la personne</dt>" in html
    assert "Financé par" not in html and "Pour les employeurs" not in html


def test_the_booklet_words_the_employer_scheme_for_the_employer(renderer: Renderer) -> None:
    html = booklet_page(renderer, PROVISIONAL).render()
    block = html[html.index(f'id="dispositif-{EMPLOYER}"') :]
    block = block[: block.index("</article>")]
    assert "<dt>Coût pour l&#39;employeur</dt>" in block
    assert "l&#39;employeur lui-même" in block and "Coût pour la personne" not in block


def test_exports_carry_the_audience_and_who_pays(catalog: Catalog) -> None:
    record = next(
        d for d in catalogue_document(catalog, SITE_URL)["dispositifs"] if d["id"] == EMPLOYER
    )
    assert record["destinataire"] == "employeur"
    assert record["frais_a_la_charge_de"] == ["etat", "employeur"]
    rows = {r["id"]: r for r in _rows(catalogue_csv(catalog, SITE_URL))}
    assert rows[EMPLOYER]["destinataire"] == "employeur"
    assert rows[EMPLOYER]["frais_a_la_charge_de"] == "etat | employeur"
    services = {s["id"]: s for s in build_data_inclusion(catalog, SITE_URL).services}
    precisions = services[EMPLOYER]["frais_precisions"]
    assert precisions.startswith("Coût pour l'employeur (pas pour la personne).")
    assert "Financé par l'État et l'employeur." in precisions


# ---------------------------------------------------------------------------- sources


def test_weak_sources_are_said_on_the_page_and_each_weak_source_is_marked(
    pages: dict[str, str],
) -> None:
    html = pages[urls.page_url("dispositif", "piege-html-essai")]  # one example.org source
    assert "<strong>Appui fragile</strong> : source unique, non officielle." in html
    assert "— non officielle</span>" in html
    employer = pages[urls.page_url("dispositif", EMPLOYER)]
    # Its provider's site is on example.org: official; the other is from another region.
    assert "Appui fragile" not in employer
    assert "— autre région</span>" in employer


def test_exports_say_when_the_sources_are_weak(catalog: Catalog) -> None:
    records = {d["id"]: d for d in catalogue_document(catalog, SITE_URL)["dispositifs"]}
    assert records["piege-html-essai"]["appui_sources"] == "source unique, non officielle"
    assert records[EMPLOYER]["appui_sources"] is None
    rows = {r["id"]: r for r in _rows(catalogue_csv(catalog, SITE_URL))}
    assert rows["piege-html-essai"]["appui_sources"] == "source unique, non officielle"


# ---------------------------------------------------------------------------- provisional


def test_scheme_and_place_pages_mark_the_provisional_territory(pages: dict[str, str]) -> None:
    scheme = pages[urls.page_url("dispositif", EMPLOYER)]
    assert len(re.findall(MARKED, scheme)) >= 2  # the perimeter item and its link
    place = pages[urls.page_url("lieu", PLACE)]
    assert re.search(MARKED, place)
    official = "Territoire d&#39;essai Sarthe"
    assert re.search(re.escape(official) + r"</a>[.,]", place)  # no mark on an official one


def test_booklet_and_embed_name_the_provisional_territory_with_its_mark(
    renderer: Renderer,
) -> None:
    booklet = booklet_page(renderer, PROVISIONAL).render()
    title = f"{PROVISIONAL_NAME.replace(chr(39), '&#39;')} (provisoire)"
    assert f"<h1>Dispositifs mobilisables : {title}</h1>" in booklet
    embeds = embed_files(renderer)
    assert "(provisoire)</h1>" in embeds[urls.embed_file(PROVISIONAL)]
    official = embeds[urls.embed_file("sarthe")]
    assert "provisoire" not in official


def test_exports_flag_the_provisional_territories(catalog: Catalog) -> None:
    document = catalogue_document(catalog, SITE_URL)
    records = {d["id"]: d for d in document["dispositifs"]}
    assert records[EMPLOYER]["territoires_provisoires"] == [PROVISIONAL]
    everywhere = records["aide-mobilite-essai"]
    assert everywhere["territoires_provisoires"] == [PROVISIONAL]
    assert set(everywhere["territoires_couverts"]) > {PROVISIONAL}
    places = {p["id"]: p for p in document["lieux"]}
    assert places[PLACE]["territoires_provisoires"] == [PROVISIONAL]
    rows = {r["id"]: r for r in _rows(catalogue_csv(catalog, SITE_URL))}
    assert rows[EMPLOYER]["territoires_provisoires"] == PROVISIONAL
    assert rows["piege-html-essai"]["territoires_provisoires"] == ""  # sarthe: official
    place_rows = {r["id"]: r for r in _rows(places_csv(catalog, SITE_URL))}
    assert place_rows[PLACE]["territoires_provisoires"] == PROVISIONAL
    territory = territory_document(catalog, PROVISIONAL, SITE_URL)
    assert territory["territoire"]["statut"] == "provisoire"
