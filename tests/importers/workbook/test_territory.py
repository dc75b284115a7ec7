"""A coordinator's workbook (`offre classeur exporter --territoire`): what is in it, what
can be changed, and the import of an edited one."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from generator.catalog.load import load_catalog
from tests.importers.workbook.test_workbook import NEW_SCHEME
from tests.support.classeur_helpers import (
    add_row,
    changed_lines,
    column_of,
    edit,
    export,
    import_,
    row_of,
    snapshot,
)
from tests.support.datasets import run_cli

READ_ONLY = "Régionaux (lecture seule)"
SARTHE = "territoires/sarthe.yaml"


def _ids(sheet_rows: list[object]) -> list[str]:
    return [str(v) for v in sheet_rows if v is not None]


def test_territory_workbook_holds_the_territory_its_schemes_and_regional_ones_read_only(
    dataset: Path, tmp_path: Path
) -> None:
    workbook = export(dataset, tmp_path / "sarthe.xlsx", "--territoire", "sarthe")
    book = load_workbook(workbook)
    assert [s for s in book.sheetnames if book[s].sheet_state == "visible"] == [
        "Lisez-moi",
        "Territoires",
        "Dispositifs",
        "Lieux",
        READ_ONLY,
    ]
    catalog, _ = load_catalog(dataset)
    assert catalog is not None
    local = sorted(
        i for i in catalog.territory_schemes["sarthe"] if not catalog.dispositifs[i].everywhere
    )
    regional = sorted(i for i, d in catalog.dispositifs.items() if d.everywhere)
    assert local == ["permis-jeunes-essai", "piege-html-essai"]  # an EPCI code, the territory id
    schemes = book["Dispositifs"]
    assert sorted(_ids([c.value for c in schemes["A"][1:]])) == local
    assert not schemes.protection.sheet
    reference = book[READ_ONLY]
    assert reference.protection.sheet
    assert "Consultation seule" in str(reference["A1"].value)
    assert sorted(_ids([c.value for c in reference["A"][2:]])) == regional
    territories = book["Territoires"]
    assert _ids([c.value for c in territories["A"][1:]]) == ["sarthe"]
    assert territories.protection.sheet
    assert territories.cell(2, column_of(territories, "epci")).protection.locked
    assert not territories.cell(2, column_of(territories, "priorites")).protection.locked
    assert not territories.cell(2, column_of(territories, "contacts.1.role")).protection.locked
    assert not territories.cell(2, column_of(territories, "contacts.2.courriel")).protection.locked


def test_edited_coordinator_workbook_updates_only_its_territory(
    dataset: Path, tmp_path: Path
) -> None:
    workbook = export(dataset, tmp_path / "sarthe.xlsx", "--territoire", "sarthe")
    edit(
        workbook,
        "Territoires",
        "sarthe",
        {
            "priorites": "mutations-economiques | relance | freins-peripheriques",
            "contacts.2.role": "Agence France Travail (essai)",
            "contacts.2.telephone": "02 43 00 00 01",
        },
    )
    # An edit on the protected regional sheet (a user may unprotect it) is not imported.
    book = load_workbook(workbook)
    reference = book[READ_ONLY]
    row = row_of(reference, "garantie-essai", header_row=2)
    reference.cell(row, 2, "Titre changé sur la feuille de consultation")
    book.save(workbook)
    before = snapshot(dataset)
    code, output = import_(workbook, dataset)
    assert code == 0, output
    after = snapshot(dataset)
    assert {p for p in before if before[p] != after[p]} == {SARTHE}
    assert changed_lines(before[SARTHE], after[SARTHE]) == [
        "+- freins-peripheriques",
        "+- role: Agence France Travail (essai)",
        "+  telephone: 02 43 00 00 01",
    ]
    assert (
        "Territoires : 0 créés ; 1 modifié (sarthe : priorites, contacts) ; 0 inchangés." in output
    )
    assert "Dispositifs : 0 créés ; 0 modifiés ; 2 inchangés." in output
    # Schemes of other territories are not in this workbook: not reported as removed.
    assert "absents du classeur" not in output
    assert run_cli("validate", str(dataset))[0] == 0


def test_coordinator_adds_a_local_scheme(dataset: Path, tmp_path: Path) -> None:
    workbook = export(dataset, tmp_path / "sarthe.xlsx", "--territoire", "sarthe")
    add_row(workbook, "Dispositifs", {**NEW_SCHEME, "territoires": "sarthe"})
    code, output = import_(workbook, dataset)
    assert code == 0, output
    assert (dataset / "dispositifs" / "association-essai" / "atelier-cv-essai.yaml").is_file()
    assert run_cli("validate", str(dataset))[0] == 0


def test_coordinator_cannot_overwrite_a_scheme_not_in_the_workbook(
    dataset: Path, tmp_path: Path
) -> None:
    """A new row with the id of a regional scheme is a duplicate, not an edit of it."""
    workbook = export(dataset, tmp_path / "sarthe.xlsx", "--territoire", "sarthe")
    row = add_row(workbook, "Dispositifs", {**NEW_SCHEME, "id": "garantie-essai"})
    before = snapshot(dataset)
    code, output = import_(workbook, dataset)
    assert code == 1
    assert snapshot(dataset) == before
    assert (
        f"sarthe.xlsx:Dispositifs!A{row}: error: id: "
        "identifiant « garantie-essai » déjà utilisé par" in output
    )


def test_unknown_territory_is_a_clear_error(dataset: Path, tmp_path: Path) -> None:
    code, output = run_cli(
        "classeur",
        "exporter",
        str(tmp_path / "x.xlsx"),
        "--data",
        str(dataset),
        "--territoire",
        "sartre",
    )
    assert code == 1
    assert "territoire « sartre » inconnu" in output
    assert not (tmp_path / "x.xlsx").exists()
