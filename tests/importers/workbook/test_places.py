"""The "Lieux" sheet: places in the workbook, their edits, new places, located errors,
a coordinator's places, and the read-only provenance of imported places."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from generator.catalog.load import load_catalog
from tests.support.classeur_helpers import (
    IMPORTED_PLACE,
    add_imported_place,
    add_row,
    changed_lines,
    column_of,
    drop_downs,
    edit,
    export,
    headers,
    import_,
    row_of,
    snapshot,
)
from tests.support.datasets import run_cli

LE_MANS = "lieux/france-travail-essai/agence-fictive-le-mans.yaml"
PROVENANCE = [
    "origine.source",
    "origine.producteur",
    "origine.identifiant",
    "origine.date_maj",
    "origine.empreinte",
]

NEW_PLACE = {
    "id": "permanence-essai-sable",
    "nom": "Permanence d'essai de Sablé-sur-Sarthe",
    "porteur": "association-essai",
    "reseaux_porteurs": "mission-locale",
    "adresse.ligne": "5 place de l'Essai",
    "adresse.code_postal": 72300,  # typed as a number: it must stay a quoted code
    "adresse.commune": "72264",
    "telephone": "02 43 00 00 09",
    "horaires_osm": "Tu 09:00-12:00",
    "zone_desservie": "247200090",
    "dispositifs": "permis-jeunes-essai",
    "sources.1.url": "https://example.org/permanence-sable",
    "consulte_le": datetime.datetime(2026, 9, 20),
}


@pytest.fixture
def with_import(dataset: Path) -> Path:
    add_imported_place(dataset)
    assert run_cli("validate", str(dataset))[0] == 0
    return dataset


def test_places_sheet_has_its_columns_drop_downs_and_cells(
    with_import: Path, tmp_path: Path
) -> None:
    book = load_workbook(export(with_import, tmp_path / "classeur.xlsx"))
    sheet = book["Lieux"]
    names = headers(sheet)
    assert names[:4] == ["id", "nom", "porteur", "reseaux_porteurs"]
    assert names[-5:] == PROVENANCE
    for header in ("adresse.commune", "adresse.code_postal", "horaires_osm", "sources.1.url"):
        assert header in names
    row = row_of(sheet, "agence-fictive-le-mans")
    commune = sheet.cell(row, column_of(sheet, "adresse.commune"))
    assert commune.value == "72181" and commune.number_format == "@"
    assert sheet.cell(row, column_of(sheet, "consulte_le")).is_date
    date_publication = sheet.cell(row, column_of(sheet, "sources.1.date_publication"))
    assert date_publication.value == "2026-06" and date_publication.number_format == "@"
    validated = drop_downs(book, "Lieux")
    assert "france-travail-essai" in validated["porteur"][0]
    assert "france-travail" in validated["reseaux_porteurs"][0]
    assert "garantie-essai" in validated["dispositifs"][0]
    zones = validated["zone_desservie"][0]
    assert zones[:3] == ["anjou-maine", "littoral", "sarthe"]  # territories, then codes
    assert {"72", "247200132", "72181"} <= set(zones)
    communes = validated["adresse.commune"][0]
    assert "72181" in communes and "72" not in communes and "sarthe" not in communes
    assert not any(h.startswith("origine.") for h in validated)  # nothing to pick
    lists = book["Listes"]
    labels = {
        lists.cell(r, c).value: lists.cell(r, c + 1).value
        for c in range(1, lists.max_column + 1, 2)
        if lists.cell(1, c).value == "communes"
        for r in range(2, lists.max_row + 1)
    }
    assert labels["72181"] == "Le Mans (72000, 72100)"
    comment = sheet.cell(1, column_of(sheet, "adresse.commune")).comment
    assert comment is not None and "ce n'est pas le code postal" in comment.text
    comment = sheet.cell(1, column_of(sheet, "origine.empreinte")).comment
    assert comment is not None
    assert "Lecture seule : rempli par l'import data·inclusion." in comment.text
    imported = row_of(sheet, "agence-importee-saint-nazaire")
    assert sheet.cell(imported, column_of(sheet, "origine.identifiant")).value == "ft-essai-0001"
    assert sheet.cell(imported, column_of(sheet, "origine.date_maj")).is_date


def test_unedited_workbook_with_an_imported_place_changes_nothing(
    with_import: Path, tmp_path: Path
) -> None:
    before = snapshot(with_import)
    code, output = import_(export(with_import, tmp_path / "classeur.xlsx"), with_import)
    assert code == 0, output
    assert snapshot(with_import) == before
    assert "Lieux : 0 créés ; 0 modifiés ; 3 inchangés." in output


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        (
            {"telephone": "02 43 00 00 01"},
            ["-telephone: 02 00 00 00 01", "+telephone: 02 43 00 00 01"],
        ),
        (  # a key of the nested address
            {"adresse.ligne": "2 rue de l'Essai"},
            ["-  ligne: 1 rue de l'Essai", "+  ligne: 2 rue de l'Essai"],
        ),
        (  # a code typed as a number joins the quoted flow list
            {"zone_desservie": "247200132 | 72181"},
            ['-zone_desservie: ["247200132"]', '+zone_desservie: ["247200132", "72181"]'],
        ),
        (  # the structure confirmed the place
            {"verifie_le": datetime.datetime(2026, 10, 2)},
            ["+verifie_le: 2026-10-02"],
        ),
        (
            {"dispositifs": "aide-mobilite-essai"},
            ["+dispositifs: [aide-mobilite-essai]"],
        ),
    ],
    ids=["telephone", "adresse", "zone", "verifie-le", "dispositifs"],
)
def test_place_edited_in_a_cell_changes_only_that_field(
    dataset: Path, tmp_path: Path, changes: dict[str, object], expected: list[str]
) -> None:
    workbook = export(dataset, tmp_path / "classeur.xlsx")
    edit(workbook, "Lieux", "agence-fictive-le-mans", changes)
    before = snapshot(dataset)
    code, output = import_(workbook, dataset)
    assert code == 0, output
    after = snapshot(dataset)
    assert {p for p in after if before.get(p) != after[p]} == {LE_MANS}
    assert changed_lines(before[LE_MANS], after[LE_MANS]) == expected
    field = next(iter(changes)).split(".")[0]
    assert f"Lieux : 0 créés ; 1 modifié (agence-fictive-le-mans : {field}) ;" in output
    assert run_cli("validate", str(dataset))[0] == 0


def test_new_place_row_becomes_a_valid_file(dataset: Path, tmp_path: Path) -> None:
    workbook = export(dataset, tmp_path / "classeur.xlsx")
    add_row(workbook, "Lieux", NEW_PLACE)
    before = snapshot(dataset)
    code, output = import_(workbook, dataset)
    assert code == 0, output
    assert "Lieux : 1 créé (permanence-essai-sable) ; 0 modifiés ; 2 inchangés." in output
    created = "lieux/association-essai/permanence-essai-sable.yaml"
    after = snapshot(dataset)
    assert set(after) - set(before) == {created}
    assert all(after[p] == before[p] for p in before)
    text = after[created].decode()
    assert 'code_postal: "72300"\n' in text and 'commune: "72264"\n' in text
    data = yaml.safe_load(text)
    assert list(data) == [
        "id",
        "nom",
        "porteur",
        "reseaux_porteurs",
        "adresse",
        "telephone",
        "horaires_osm",
        "zone_desservie",
        "dispositifs",
        "sources",
        "consulte_le",
    ]
    assert data["adresse"] == {
        "ligne": "5 place de l'Essai",
        "code_postal": "72300",
        "commune": "72264",
    }
    assert data["zone_desservie"] == ["247200090"]
    assert data["consulte_le"] == datetime.date(2026, 9, 20)
    catalog, report = load_catalog(dataset)
    assert catalog is not None, report
    assert "permanence-essai-sable" in catalog.territory_places["sarthe"]


def test_invalid_place_cells_are_located_and_nothing_is_written(
    dataset: Path, tmp_path: Path
) -> None:
    workbook = export(dataset, tmp_path / "classeur.xlsx")
    sheet = load_workbook(workbook)["Lieux"]
    row = row_of(sheet, "agence-fictive-le-mans")

    def ref(header: str) -> str:
        return f"{get_column_letter(column_of(sheet, header))}{row}"

    edit(
        workbook,
        "Lieux",
        "agence-fictive-le-mans",
        {"telephone": "02 43 00", "adresse.commune": "72999", "zone_desservie": "72 | 99"},
    )
    before = snapshot(dataset)
    code, output = import_(workbook, dataset)
    assert code == 1
    assert snapshot(dataset) == before
    lines = output.splitlines()
    assert any(
        line.startswith(
            f"classeur.xlsx:Lieux!{ref('telephone')}: error: telephone: "
            "numéro de téléphone invalide « 02 43 00 »"
        )
        for line in lines
    ), output
    assert (
        f"classeur.xlsx:Lieux!{ref('adresse.commune')}: error: adresse.commune: commune "
        "« 72999 » inconnue dans la région (code INSEE) : vérifiez le code sur la fiche de la "
        "commune (ce n'est pas le code postal)." in lines
    ), output
    assert any(
        line.startswith(f"classeur.xlsx:Lieux!{ref('zone_desservie')}: error: zone_desservie[1]: ")
        and "« 99 »" in line
        for line in lines
    ), output
    assert "aucun fichier n'a été modifié" in output


def test_coordinator_workbook_holds_the_places_of_its_territory(
    with_import: Path, tmp_path: Path
) -> None:
    catalog, _ = load_catalog(with_import)
    assert catalog is not None
    for territoire in ("sarthe", "littoral", "anjou-maine"):
        book = load_workbook(
            export(with_import, tmp_path / f"{territoire}.xlsx", "--territoire", territoire)
        )
        rows = [c.value for c in book["Lieux"]["A"][1:] if c.value is not None]
        assert rows == catalog.territory_places[territoire], territoire
    assert catalog.territory_places["sarthe"] == [
        "agence-fictive-le-mans",  # serves an EPCI of the territory
        "antenne-fictive-sans-zone",  # unknown zone: stands in the territory
    ]
    assert catalog.territory_places["littoral"] == ["agence-importee-saint-nazaire"]
    assert catalog.territory_places["anjou-maine"] == []


def test_coordinator_edits_a_place_of_its_territory(dataset: Path, tmp_path: Path) -> None:
    workbook = export(dataset, tmp_path / "sarthe.xlsx", "--territoire", "sarthe")
    edit(workbook, "Lieux", "antenne-fictive-sans-zone", {"telephone": "02 43 00 00 05"})
    before = snapshot(dataset)
    code, output = import_(workbook, dataset)
    assert code == 0, output
    after = snapshot(dataset)
    path = "lieux/france-travail-essai/antenne-fictive-sans-zone.yaml"
    assert {p for p in before if before[p] != after[p]} == {path}
    assert changed_lines(before[path], after[path]) == ["+telephone: 02 43 00 00 05"]


# ---------------------------------------------------------------------------- provenance


def test_provenance_cells_cannot_be_changed(with_import: Path, tmp_path: Path) -> None:
    workbook = export(with_import, tmp_path / "classeur.xlsx")
    sheet = load_workbook(workbook)["Lieux"]
    row = row_of(sheet, "agence-importee-saint-nazaire")
    empreinte = f"{get_column_letter(column_of(sheet, 'origine.empreinte'))}{row}"
    date_maj = f"{get_column_letter(column_of(sheet, 'origine.date_maj'))}{row}"
    identifiant = edit(
        workbook,
        "Lieux",
        "agence-importee-saint-nazaire",
        {
            "telephone": "02 40 00 00 03",  # a valid edit beside: still nothing written
            "origine.empreinte": "retouchee",
            "origine.date_maj": datetime.datetime(2026, 9, 1),
            "origine.identifiant": None,
        },
    )
    before = snapshot(with_import)
    code, output = import_(workbook, with_import)
    assert code == 1
    assert snapshot(with_import) == before
    lines = output.splitlines()
    rule = (
        "cette colonne est écrite par l'import data·inclusion et ne se modifie pas dans le "
        "classeur ; remettez la valeur exportée."
    )
    assert (
        f"classeur.xlsx:Lieux!{empreinte}: error: origine.empreinte: valeur changée "
        f"(« retouchee » au lieu de « 5d41402abc4b2a76b9719d911017c592 ») : {rule}" in lines
    ), output
    assert (
        f"classeur.xlsx:Lieux!{date_maj}: error: origine.date_maj: valeur changée "
        f"(« 2026-09-01 » au lieu de « 2026-08-15 ») : {rule}" in lines
    ), output
    assert (
        f"classeur.xlsx:Lieux!{identifiant}: error: origine.identifiant: valeur changée "
        f"(cellule vide au lieu de « ft-essai-0001 ») : {rule}" in lines
    ), output
    assert "3 erreurs : aucun fichier n'a été modifié." in output


def test_other_cells_of_an_imported_place_change_and_its_provenance_stays(
    with_import: Path, tmp_path: Path
) -> None:
    workbook = export(with_import, tmp_path / "classeur.xlsx")
    edit(workbook, "Lieux", "agence-importee-saint-nazaire", {"telephone": "02 40 00 00 03"})
    # Provenance columns removed from the sheet: the file keeps its provenance.
    book = load_workbook(workbook)
    sheet = book["Lieux"]
    first = column_of(sheet, PROVENANCE[0])
    sheet.delete_cols(first, len(PROVENANCE))
    book.save(workbook)
    before = snapshot(with_import)
    code, output = import_(workbook, with_import)
    assert code == 0, output
    after = snapshot(with_import)
    assert {p for p in before if before[p] != after[p]} == {IMPORTED_PLACE}
    assert changed_lines(before[IMPORTED_PLACE], after[IMPORTED_PLACE]) == [
        "-telephone: 02 00 00 00 02",
        "+telephone: 02 40 00 00 03",
    ]


def test_new_place_row_with_provenance_is_refused(dataset: Path, tmp_path: Path) -> None:
    workbook = export(dataset, tmp_path / "classeur.xlsx")
    row = add_row(
        workbook,
        "Lieux",
        {**NEW_PLACE, "origine.source": "data-inclusion", "origine.identifiant": "copie"},
    )
    sheet = load_workbook(workbook)["Lieux"]
    source = f"{get_column_letter(column_of(sheet, 'origine.source'))}{row}"
    before = snapshot(dataset)
    code, output = import_(workbook, dataset)
    assert code == 1
    assert snapshot(dataset) == before
    assert (
        f"classeur.xlsx:Lieux!{source}: error: origine.source: colonne en lecture seule, écrite "
        "par l'import data·inclusion : une fiche ajoutée dans le classeur n'en a pas ; videz les "
        "colonnes « origine.… » de cette ligne." in output.splitlines()
    ), output
