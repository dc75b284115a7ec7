"""Open data and Atom feeds, read back from real strict MkDocs builds of the test dataset."""

from __future__ import annotations

import csv
import io
import json
import logging
import xml.etree.ElementTree as ET
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from conftest import REPO, copy_fixture, run_cli
from data_inclusion.schema import v1 as di

from generator import urls
from generator.catalog import Catalog
from generator.exports.atom import MAX_ENTRIES, scheme_events
from generator.exports.common import LICENCE_NAME
from generator.exports.data_inclusion import build_data_inclusion, data_inclusion_files
from generator.richtext import plain_text
from generator.validate import load_catalog

ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
REGION = ["44", "49", "53", "72", "85"]


def _export_files(site: Path) -> dict[str, bytes]:
    """Every exported file (open data and feeds), by site path; not the Données page."""
    files = {}
    for folder in ("donnees", "flux"):
        for path in sorted((site / folder).rglob("*")):
            if path.is_file() and path.suffix != ".html":
                files[path.relative_to(site).as_posix()] = path.read_bytes()
    return files


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Catalog, Path, str]:
    base = tmp_path_factory.mktemp("exports")
    data = copy_fixture(base / "donnees")
    code, output = run_cli("build", "--data", str(data), "--out", str(base / "site"))
    assert code == 0, output
    catalog, report = load_catalog(data)
    assert catalog is not None, report.render()
    return catalog, base / "site", output


@pytest.fixture(scope="module")
def site(built: tuple[Catalog, Path, str]) -> Path:
    return built[1]


@pytest.fixture(scope="module")
def catalog(built: tuple[Catalog, Path, str]) -> Catalog:
    return built[0]


def _json(site: Path, path: str) -> Any:
    return json.loads((site / path).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def site_url(site: Path) -> str:
    value = _json(site, urls.OPEN_DATA_JSON_URL)["metadonnees"]["url_site"]
    assert value and value.endswith("/")
    return str(value)


# ---------------------------------------------------------------------------- offre.json


def test_catalogue_json_is_valid_against_its_published_schema(site: Path) -> None:
    document = _json(site, urls.OPEN_DATA_JSON_URL)
    schema = _json(site, urls.OPEN_DATA_SCHEMA_URL)
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(document)


def test_catalogue_schema_refuses_unknown_keys_and_missing_fields(site: Path) -> None:
    document = _json(site, urls.OPEN_DATA_JSON_URL)
    validator = jsonschema.Draft202012Validator(_json(site, urls.OPEN_DATA_SCHEMA_URL))
    document["dispositifs"][0]["inconnu"] = 1
    del document["porteurs"][0]["nom"]
    errors = list(validator.iter_errors(document))
    assert len(errors) == 2


def test_catalogue_json_holds_the_whole_catalogue(site: Path, catalog: Catalog) -> None:
    document = _json(site, urls.OPEN_DATA_JSON_URL)
    meta = document["metadonnees"]
    assert meta["licence"] == {
        "nom": "Licence Ouverte 2.0",
        "url": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
    }
    # The data's latest date, never the build day.
    assert meta["date_generation"] == catalog.latest_date().isoformat() == "2026-11-01"
    assert meta["schema"].endswith(urls.OPEN_DATA_SCHEMA_URL)
    assert [d["id"] for d in document["dispositifs"]] == sorted(catalog.dispositifs)
    assert [p["id"] for p in document["porteurs"]] == sorted(catalog.porteurs)
    assert [t["id"] for t in document["territoires"]] == sorted(catalog.territoires)
    for record in document["dispositifs"]:
        scheme = catalog.dispositifs[record["id"]]
        assert record["url"] == urls.page_url("dispositif", scheme.id)
        assert record["territoires_couverts"] == catalog.scheme_territories[scheme.id]
        assert record["verifie_le"] == scheme.verifie_le.isoformat()
        # Every field of the model is there, under its own name.
        assert set(type(scheme).model_fields) <= set(record)
    mobilite = next(d for d in document["dispositifs"] if d["id"] == "aide-mobilite-essai")
    assert mobilite["modifie_le"] == "2026-09-15"
    assert mobilite["date_debut"] == "2020-01"
    sarthe = next(t for t in document["territoires"] if t["id"] == "sarthe")
    assert "247200132" in sarthe["epci"]
    assert sarthe["nombre_communes"] == len(catalog.territory_communes["sarthe"]) > 0
    publics = {v["valeur"]: v for v in document["vocabulaires"]["publics"]}
    assert publics["jeunes"]["origine"] == "data·inclusion"
    assert publics["employeurs"] == {
        "valeur": "employeurs",
        "libelle": "Employeurs",
        "description": publics["employeurs"]["description"],
        "origine": "offre Clefop",
        "data_inclusion": None,
    }


# ---------------------------------------------------------------------------- offre.csv


def test_csv_opens_in_excel_and_reads_back_as_the_data(site: Path, catalog: Catalog) -> None:
    raw = (site / urls.OPEN_DATA_CSV_URL).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8 only with it
    assert not raw[3:].startswith(b"#")  # the header is the first line
    text = raw.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";"))
    assert [r["id"] for r in rows] == sorted(catalog.dispositifs)
    for row in rows:
        scheme = catalog.dispositifs[row["id"]]
        assert row["titre"] == scheme.titre
        assert row["porteur"] == scheme.porteur
        assert row["porteur_nom"] == catalog.porteurs[scheme.porteur].nom
        assert row["statut"] == scheme.statut
        assert row["publics"].split(" | ") == scheme.publics
        assert row["thematiques"].split(" | ") == scheme.thematiques
        assert row["territoires_couverts"].split(" | ") == catalog.scheme_territories[scheme.id]
        assert row["sources"].split(" | ") == [s.url for s in scheme.sources]
        assert row["resume"] == scheme.resume
        assert row["url"].endswith(urls.page_url("dispositif", scheme.id))
        assert row["licence"] == LICENCE_NAME
    permis = next(r for r in rows if r["id"] == "permis-jeunes-essai")
    assert permis["territoires"] == "247200132"
    assert permis["sigle"] == ""


# ---------------------------------------------------------------------------- territories


def test_territory_files_list_exactly_the_schemes_of_the_territory(
    site: Path, catalog: Catalog
) -> None:
    for tid in catalog.territoires:
        document = _json(site, urls.territory_data_url(tid))
        assert document["licence"]["nom"] == LICENCE_NAME
        assert document["territoire"]["id"] == tid
        ids = [d["id"] for d in document["dispositifs"]]
        assert ids == sorted(catalog.territory_schemes[tid])
        for record in document["dispositifs"]:
            assert record["statut"] == catalog.dispositifs[record["id"]].statut
    sarthe = {d["id"]: d for d in _json(site, urls.territory_data_url("sarthe"))["dispositifs"]}
    assert "permis-jeunes-essai" in sarthe
    assert sarthe["garantie-essai"]["statut"] == "remplace"  # closed ones are listed too
    # The territory's own contact wins over the regional one.
    assert sarthe["aide-mobilite-essai"]["contact"]["telephone"] == "02 00 00 00 00"
    littoral = _json(site, urls.territory_data_url("littoral"))["dispositifs"]
    assert "permis-jeunes-essai" not in {d["id"] for d in littoral}


# ---------------------------------------------------------------------------- data·inclusion


def test_data_inclusion_records_pass_the_official_models(
    site: Path, catalog: Catalog, site_url: str
) -> None:
    structures = _json(site, urls.DATA_INCLUSION_STRUCTURES_URL)
    services = _json(site, urls.DATA_INCLUSION_SERVICES_URL)
    for document in (structures, services):
        assert document["licence"]["nom"] == LICENCE_NAME
        assert document["source"] == "offre-clefop-pdl"
    for record in structures["structures"]:
        di.Structure.model_validate(record, context={"ignore_warnings": False})
    for record in services["services"]:
        di.Service.model_validate(record, context={"ignore_warnings": False})
    assert [s["id"] for s in structures["structures"]] == sorted(catalog.porteurs)
    current = sorted(
        did for did, d in catalog.dispositifs.items() if d.statut in ("actif", "suspendu")
    )
    assert [s["id"] for s in services["services"]] == current
    structure_ids = {s["id"] for s in structures["structures"]}
    for record in services["services"]:
        assert record["structure_id"] in structure_ids
        assert record["lien_source"] == site_url + urls.page_url("dispositif", record["id"])


def test_data_inclusion_services_map_our_fields(site: Path) -> None:
    services = {s["id"]: s for s in _json(site, urls.DATA_INCLUSION_SERVICES_URL)["services"]}
    assert services["permis-jeunes-essai"]["zone_eligibilite"] == ["247200132"]
    assert services["aide-mobilite-essai"]["zone_eligibilite"] == REGION
    assert services["atelier-suspendu-essai"]["zone_eligibilite"] == ["44"]
    # A territory id becomes the EPCI of the territory.
    assert "244900015" in services["apprentissage-essai"]["zone_eligibilite"]
    mobilite = services["aide-mobilite-essai"]
    assert mobilite["date_maj"] == "2026-09-15"  # modifie_le wins over verifie_le
    assert mobilite["type"] == "aide-financiere"
    assert mobilite["publics"] == ["demandeurs-emploi"]
    assert mobilite["conditions_acces"] == "Être inscrit comme demandeur d'emploi."
    assert "**" not in mobilite["description"]  # Markdown became plain text
    assert mobilite["description"].startswith("Prise en charge de frais de déplacement")
    assert services["permis-jeunes-essai"]["mobilisable_par"] == ["professionnels", "usagers"]
    # Our vocabulary values without a data·inclusion equivalent are dropped.
    assert services["apprentissage-essai"]["thematiques"] == [
        "choisir-un-metier--decouvrir-un-metier-ou-un-secteur-dactivite"
    ]
    piege = services["piege-html-essai"]
    assert "<script" not in piege["description"]
    assert "alert(" not in piege["description"]
    assert "lien correct (https://example.org/correct)" in piege["description"]
    assert "garantie-essai" not in services  # replaced
    assert "aide-terminee-essai" not in services  # ended


def test_data_inclusion_structures(site: Path) -> None:
    structures = {s["id"]: s for s in _json(site, urls.DATA_INCLUSION_STRUCTURES_URL)["structures"]}
    assert structures["france-travail-essai"]["reseaux_porteurs"] == ["france-travail"]
    assert structures["france-travail-essai"]["date_maj"] == "2026-11-01"
    assert "reseaux_porteurs" not in structures["association-essai"]


def test_a_record_the_official_model_rejects_is_left_out_and_logged(
    catalog: Catalog, caplog: pytest.LogCaptureFixture
) -> None:
    future = date.today() + timedelta(days=400)
    schemes = dict(catalog.dispositifs)
    schemes["permis-jeunes-essai"] = schemes["permis-jeunes-essai"].model_copy(
        update={"modifie_le": future, "titre": "Permis (essai)."}
    )
    schemes["apprentissage-essai"] = schemes["apprentissage-essai"].model_copy(
        update={"titre": "Apprentissage, etc."}
    )
    changed = Catalog(**{**catalog.__dict__, "dispositifs": schemes})
    export = build_data_inclusion(changed, "https://exemple.invalid/")
    assert [(r.ident, r.kind) for r in export.rejected] == [("permis-jeunes-essai", "service")]
    assert "date_maj" in export.rejected[0].reason
    assert "permis-jeunes-essai" not in {s["id"] for s in export.services}
    kept = {s["id"]: s for s in export.services}
    assert kept["apprentissage-essai"]["nom"] == "Apprentissage, etc."
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.offre"):
        data_inclusion_files(changed, "https://exemple.invalid/")
    notes = [r for r in caplog.records if "permis-jeunes-essai" in r.getMessage()]
    assert notes
    assert all(r.levelno == logging.INFO for r in notes)


def test_scheme_names_lose_their_final_full_stop(catalog: Catalog) -> None:
    schemes = dict(catalog.dispositifs)
    schemes["permis-jeunes-essai"] = schemes["permis-jeunes-essai"].model_copy(
        update={"titre": "Permis de conduire (essai)."}
    )
    changed = Catalog(**{**catalog.__dict__, "dispositifs": schemes})
    export = build_data_inclusion(changed, None)
    names = {s["id"]: s["nom"] for s in export.services}
    assert names["permis-jeunes-essai"] == "Permis de conduire (essai)"
    assert not export.rejected
    assert not export.warnings


def test_all_publics_stays_alone(catalog: Catalog) -> None:
    schemes = dict(catalog.dispositifs)
    schemes["piege-html-essai"] = schemes["piege-html-essai"].model_copy(
        update={"publics": ["jeunes", "tous-publics", "employeurs"]}
    )
    changed = Catalog(**{**catalog.__dict__, "dispositifs": schemes})
    services = {s["id"]: s for s in build_data_inclusion(changed, None).services}
    assert services["piege-html-essai"]["publics"] == ["tous-publics"]


def test_plain_text_keeps_lists_and_links_and_drops_markup() -> None:
    text = plain_text("Un **texte** avec [un lien](https://exemple.fr/a?b=1&c=2).\n\n- un\n- deux")
    assert text == "Un texte avec un lien (https://exemple.fr/a?b=1&c=2).\n\n- un\n- deux"
    assert plain_text("<script>alert(1)</script>Reste") == "Reste"


# ---------------------------------------------------------------------------- Atom


def _feed(site: Path, path: str) -> ET.Element:
    root = ET.fromstring((site / path).read_bytes())
    assert root.tag == f"{ATOM}feed"
    return root


def _entries(root: ET.Element) -> list[dict[str, str]]:
    entries = []
    for entry in root.findall(f"{ATOM}entry"):
        link = entry.find(f"{ATOM}link")
        assert link is not None
        entries.append(
            {
                "id": entry.findtext(f"{ATOM}id", ""),
                "title": entry.findtext(f"{ATOM}title", ""),
                "updated": entry.findtext(f"{ATOM}updated", ""),
                "summary": entry.findtext(f"{ATOM}summary", ""),
                "href": link.get("href", ""),
            }
        )
    return entries


def test_feeds_are_atom_with_dates_from_the_data(
    site: Path, catalog: Catalog, site_url: str
) -> None:
    paths = [urls.FEED_URL] + [urls.territory_feed_url(t) for t in catalog.territoires]
    for path in paths:
        root = _feed(site, path)
        assert root.get(XML_LANG) == "fr"
        for tag in ("id", "title", "updated", "rights"):
            assert root.findtext(f"{ATOM}{tag}"), (path, tag)
        assert LICENCE_NAME in root.findtext(f"{ATOM}rights", "")
        assert root.find(f"{ATOM}author/{ATOM}name") is not None
        self_link = root.find(f"{ATOM}link[@rel='self']")
        assert self_link is not None
        assert self_link.get("href") == site_url + path
        entries = _entries(root)
        assert 0 < len(entries) <= MAX_ENTRIES
        assert len({e["id"] for e in entries}) == len(entries)
        assert all(e["id"].startswith("tag:offre-clefop,2026:dispositif/") for e in entries)
        assert all(e["href"].startswith(site_url) for e in entries)
        assert root.findtext(f"{ATOM}updated") == max(e["updated"] for e in entries)
        assert [e["updated"] for e in entries] == sorted(
            (e["updated"] for e in entries), reverse=True
        )
    entries = _entries(_feed(site, urls.FEED_URL))
    mobilite = {e["id"]: e for e in entries if "/aide-mobilite-essai/" in e["id"]}
    prefix = "tag:offre-clefop,2026:dispositif/aide-mobilite-essai"
    assert mobilite[f"{prefix}/modifie/2026-09-15"]["updated"] == "2026-09-15T00:00:00Z"
    assert mobilite[f"{prefix}/verifie/2026-10-01"]["updated"] == "2026-10-01T00:00:00Z"
    assert mobilite[f"{prefix}/nouveau/2020-01"]["updated"] == "2020-01-01T00:00:00Z"
    assert mobilite[f"{prefix}/modifie/2026-09-15"]["title"] == (
        "Fiche mise à jour : Aide à la mobilité (essai)"
    )
    assert (
        mobilite[f"{prefix}/modifie/2026-09-15"]["href"]
        == site_url + "dispositifs/aide-mobilite-essai/"
    )
    ended = next(e for e in entries if e["id"].endswith("garantie-essai/termine/2022-02-28"))
    assert ended["title"] == "Terminé : Garantie d'essai"
    assert ended["updated"] == "2022-02-28T00:00:00Z"
    sarthe = {e["id"] for e in _entries(_feed(site, urls.territory_feed_url("sarthe")))}
    littoral = {e["id"] for e in _entries(_feed(site, urls.territory_feed_url("littoral")))}
    assert any("/permis-jeunes-essai/" in i for i in sarthe)
    assert not any("/permis-jeunes-essai/" in i for i in littoral)


def test_future_end_is_announced_at_the_date_it_was_recorded(catalog: Catalog) -> None:
    today = catalog.latest_date()
    scheme = catalog.dispositifs["permis-jeunes-essai"].model_copy(
        update={"date_fin": "2027-06", "date_debut": "2027-01-15"}
    )
    events = {e.kind: e for e in scheme_events(scheme, today)}
    assert events["se-termine"].day == scheme.verifie_le
    assert events["se-termine"].title == (
        "Se termine en juin 2027 : Permis de conduire pour les jeunes (essai)"
    )
    assert events["a-venir"].day == scheme.verifie_le
    assert "nouveau" not in events
    assert "termine" not in events


def test_every_page_links_to_the_feed(site: Path) -> None:
    # In the footer, not as <link rel="alternate"> in <head>: Material's script treats
    # alternate links as language versions and would fetch a sitemap.xml beside them.
    for page, href in (
        ("index.html", "flux/dispositifs.xml"),
        ("dispositifs/aide-mobilite-essai/index.html", "../../flux/dispositifs.xml"),
    ):
        html = (site / page).read_text(encoding="utf-8")
        assert f'href="{href}">Flux Atom</a>' in html
        assert 'rel="alternate"' not in html[: html.index("</head>")]


# ---------------------------------------------------------------------------- all files


def test_the_donnees_page_links_every_file(site: Path, catalog: Catalog) -> None:
    html = (site / "donnees" / "index.html").read_text(encoding="utf-8")
    expected = [
        urls.OPEN_DATA_JSON_URL,
        urls.OPEN_DATA_SCHEMA_URL,
        urls.OPEN_DATA_CSV_URL,
        urls.DATA_INCLUSION_STRUCTURES_URL,
        urls.DATA_INCLUSION_SERVICES_URL,
        urls.FEED_URL,
    ]
    expected += [urls.territory_data_url(t) for t in catalog.territoires]
    expected += [urls.territory_feed_url(t) for t in catalog.territoires]
    for path in expected:
        assert f'href="{urls.relative("donnees/", path)}"' in html, path
    assert "Licence Ouverte 2.0" in html
    assert "actifs ou suspendus" in html


def test_licence_is_stated_in_every_file(site: Path) -> None:
    files = _export_files(site)
    assert len(files) == 5 + 1 + 2 * 3  # 3 territories in the test dataset
    for path, content in files.items():
        assert LICENCE_NAME.encode() in content, path


def test_two_builds_give_identical_export_files(
    tmp_path: Path, site: Path, built: tuple[Catalog, Path, str]
) -> None:
    data = copy_fixture(tmp_path / "donnees")
    code, output = run_cli("build", "--data", str(data), "--out", str(tmp_path / "site"))
    assert code == 0, output
    assert _export_files(tmp_path / "site") == _export_files(site)


def test_build_log_reports_no_rejection_on_the_test_dataset(
    built: tuple[Catalog, Path, str],
) -> None:
    assert "non exporté" not in built[2]


def test_shipped_data_exports_every_scheme_and_provider() -> None:
    catalog, report = load_catalog(REPO / "offer_data")
    assert catalog is not None, report.render()
    export = build_data_inclusion(catalog, "https://offre-clefop.invalid/")
    assert [r.message() for r in export.rejected] == []
    assert {s["id"] for s in export.structures} == set(catalog.porteurs)
    assert {s["id"] for s in export.services} == {
        did for did, d in catalog.dispositifs.items() if d.statut in ("actif", "suspendu")
    }
