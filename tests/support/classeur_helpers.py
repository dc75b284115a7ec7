"""Helpers shared by the workbook tests: export, edit a cell as an editor would, compare."""

from __future__ import annotations

import difflib
import shutil
import subprocess
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.utils import column_index_from_string
from openpyxl.worksheet.worksheet import Worksheet

from tests.support.datasets import run_cli
from tests.support.paths import REPO

SHIPPED = REPO / "offer_data"


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file of a dataset, by relative path: the proof that nothing was touched."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def export(root: Path, target: Path, *extra: str) -> Path:
    code, output = run_cli("classeur", "exporter", str(target), "--data", str(root), *extra)
    assert code == 0, output
    return target


def import_(workbook: Path, root: Path, *extra: str) -> tuple[int, str]:
    return run_cli("classeur", "importer", str(workbook), "--data", str(root), *extra)


def headers(sheet: Worksheet, row: int = 1) -> list[str]:
    return [str(c.value) if c.value is not None else "" for c in sheet[row]]


def drop_downs(book: Workbook, sheet_name: str) -> dict[str, tuple[list[str], str]]:
    """Header → (values of its drop-down, read on the "Listes" sheet; its error style)."""
    sheet = book[sheet_name]
    names = headers(sheet)
    lists = book["Listes"]
    found = {}
    for validation in sheet.data_validations.dataValidation:
        first = str(validation.sqref).split(":")[0]
        column = column_index_from_string(first.rstrip("0123456789"))
        source_sheet, cells = validation.formula1.split("!")
        assert source_sheet == "Listes"
        top, bottom = cells.replace("$", "").split(":")
        values = [str(c.value) for (c,) in lists[f"{top}:{bottom}"]]
        found[names[column - 1]] = (values, str(validation.errorStyle))
    return found


def row_of(sheet: Worksheet, ident: str, header_row: int = 1) -> int:
    for number in range(header_row + 1, sheet.max_row + 1):
        if sheet.cell(number, 1).value == ident:
            return number
    raise AssertionError(f"{ident} absent de la feuille {sheet.title}")


def column_of(sheet: Worksheet, header: str, header_row: int = 1) -> int:
    return headers(sheet, header_row).index(header) + 1


def edit(workbook: Path, sheet_name: str, ident: str, changes: dict[str, Any]) -> str:
    """Set cells of the row of `ident`; returns the reference of the last cell set."""
    book = load_workbook(workbook)
    sheet = book[sheet_name]
    row = row_of(sheet, ident)
    ref = ""
    for header, value in changes.items():
        cell = sheet.cell(row, column_of(sheet, header))
        cell.value = value  # sheet.cell(…, value=None) would not empty the cell
        ref = cell.coordinate
    book.save(workbook)
    return ref


def add_row(workbook: Path, sheet_name: str, values: dict[str, Any]) -> int:
    book = load_workbook(workbook)
    sheet = book[sheet_name]
    row = sheet.max_row + 1
    while row > 2 and all(c.value is None for c in sheet[row - 1]):
        row -= 1
    for header, value in values.items():
        sheet.cell(row, column_of(sheet, header), value)
    book.save(workbook)
    return row


def delete_row(workbook: Path, sheet_name: str, ident: str) -> None:
    book = load_workbook(workbook)
    sheet = book[sheet_name]
    sheet.delete_rows(row_of(sheet, ident))
    book.save(workbook)


def changed_lines(before: bytes, after: bytes) -> list[str]:
    """The lines a diff shows as removed (-) or added (+), without context."""
    diff = difflib.unified_diff(
        before.decode().splitlines(), after.decode().splitlines(), lineterm="", n=0
    )
    return [line for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---")]


def copy_shipped(target: Path) -> Path:
    shutil.copytree(SHIPPED, target)
    return target


def soffice_convert(source: Path, extension: str, out_dir: Path, profile: Path) -> Path:
    """Open and save `source` with LibreOffice Calc, as a user's "Enregistrer sous" does."""
    out_dir.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            extension,
            "--outdir",
            str(out_dir),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    converted = out_dir / f"{source.stem}.{extension}"
    assert converted.is_file()
    return converted


# A place as the data·inclusion import writes it: its `origine` block is provenance.
IMPORTED_PLACE = "lieux/france-travail-essai/agence-importee-saint-nazaire.yaml"
IMPORTED_PLACE_TEXT = """\
# Jeu de données d'essai pour les tests : lieu fictif importé (provenance inventée).
id: agence-importee-saint-nazaire
nom: Agence importée d'essai de Saint-Nazaire
porteur: france-travail-essai
reseaux_porteurs: [france-travail]
adresse:
  ligne: 3 rue de l'Essai
  code_postal: "44600"
  commune: "44184"
telephone: 02 00 00 00 02
zone_desservie: ["244400644"]
sources:
  - url: https://example.org/data-inclusion/agence-importee
    titre: Fiche data·inclusion (essai)
consulte_le: 2026-08-20
origine:
  source: data-inclusion
  producteur: france-travail
  identifiant: ft-essai-0001
  date_maj: 2026-08-15
  empreinte: 5d41402abc4b2a76b9719d911017c592
"""


def add_imported_place(root: Path) -> Path:
    path = root / IMPORTED_PLACE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(IMPORTED_PLACE_TEXT, encoding="utf-8")
    return path
