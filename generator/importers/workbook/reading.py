"""Read a workbook back: its sheets, their header row, their rows as header → cell."""

from __future__ import annotations

import os
import re
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ...data.errors import Severity, UserError
from ...data.input_limits import check_regular, check_zip_parts, count_rows_and_cells, refuse
from ...data.messages import did_you_mean
from ...data.model import LimitesEntrees
from . import office
from .columns import Column, build_columns
from .fields import Form, Node, model_nodes
from .kinds import KindSheet, by_sheet_name
from .layout import FINGERPRINT_SUFFIX, HEADER_ROW, LISTS_SHEET, META_SHEET, README_SHEET

_NUMBER = re.compile(r"^\d+$")


@dataclass(frozen=True)
class CellIssue:
    """A problem located in the workbook: `FICHIER.xlsx:Feuille!D12: error: clé: message`."""

    workbook: str
    sheet: str | None
    cell: str | None
    key_path: str
    message: str
    severity: Severity = Severity.ERROR
    order: tuple[int, int, int] = (0, 0, 0)  # sheet, row, column: sorting only

    def format(self) -> str:
        where = self.workbook
        if self.sheet:
            where += f":{_quoted_sheet(self.sheet)}" + (f"!{self.cell}" if self.cell else "")
        key = f" {self.key_path}:" if self.key_path else ""
        return f"{where}: {self.severity.value}:{key} {self.message}"


def _quoted_sheet(name: str) -> str:
    # Spreadsheets quote a sheet name with spaces in a reference: 'Mon onglet'!A1.
    return f"'{name}'" if " " in name else name


@dataclass
class Row:
    number: int
    cells: dict[str, Any]


@dataclass
class SheetContent:
    kind: KindSheet
    title: str
    position: int
    nodes: tuple[Node, ...]
    columns: list[Column]  # the columns present, in the sheet's order
    letters: dict[str, str]  # header → column letter
    rows: list[Row] = field(default_factory=list)

    def cell(self, header: str | None, row: int) -> str:
        letter = self.letters.get(header or "", "A")
        return f"{letter}{row}"

    def column_index(self, header: str | None) -> int:
        letter = self.letters.get(header or "")
        return list(self.letters.values()).index(letter) + 1 if letter else 0


@dataclass
class WorkbookContent:
    display: str
    sheets: list[SheetContent]
    territoire: str | None
    read_only: list[str]
    exported: dict[str, list[str]] | None  # sheet → ids, when the workbook says
    ignored: list[str]
    issues: list[CellIssue]
    sheet_names: list[str] = field(default_factory=list)
    fingerprints: dict[str, dict[str, str]] = field(default_factory=dict)


def read_workbook(
    path: Path, display: str, *, limits: LimitesEntrees | None = None
) -> WorkbookContent:
    limits = limits or LimitesEntrees()
    if not os.path.lexists(path):
        raise UserError(f"classeur introuvable : {path}")
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".xlsm", ".ods"):
        raise UserError(f"{display} : format non reconnu (attendu : .xlsx ou .ods).")
    # A FIFO or a device is refused before it is opened; sizes before anything is inflated.
    check_regular(path, limits, label="classeur")
    if suffix == ".ods":
        office.require(path)  # say what to install before judging the file
    check_zip_parts(path, limits)
    if suffix == ".ods":
        with tempfile.TemporaryDirectory(prefix="offre-classeur-ods-") as folder:
            converted = office.convert(path, "xlsx", Path(folder))
            check_zip_parts(converted, limits)
            return _read_xlsx(converted, display, limits)
    return _read_xlsx(path, display, limits)


def _read_xlsx(path: Path, display: str, limits: LimitesEntrees) -> WorkbookContent:
    formula_issues = _check_sheet_parts(path, display, limits)
    try:
        workbook = load_workbook(path, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise UserError(f"{display} : classeur illisible ({exc}).") from None
    meta = _meta(workbook[META_SHEET]) if META_SHEET in workbook.sheetnames else None
    read_only = [s for s in (meta or {}).get("lecture_seule", "").split(" | ") if s]
    kinds = by_sheet_name()
    sheets: list[SheetContent] = []
    issues: list[CellIssue] = []
    ignored: list[str] = []
    for position, name in enumerate(workbook.sheetnames):
        if name in (README_SHEET, LISTS_SHEET, META_SHEET) or name in read_only:
            continue
        kind = kinds.get(name)
        if kind is None:
            ignored.append(name)
            hint = did_you_mean(name, kinds)
            issues.append(
                CellIssue(
                    display,
                    name,
                    None,
                    "",
                    f"feuille « {name} » ignorée : seules les feuilles "
                    f"{', '.join(kinds)} sont relues.{hint}",
                    Severity.WARNING,
                    (position, 0, 0),
                )
            )
            continue
        sheet, sheet_issues = _read_sheet(workbook[name], kind, position, display)
        issues.extend(sheet_issues)
        if sheet is not None:
            sheets.append(sheet)
    exported = _exported(workbook[META_SHEET]) if meta is not None else None
    fingerprints = _fingerprints(workbook[META_SHEET]) if meta is not None else {}
    territoire = (meta or {}).get("territoire") or None
    read_sheets = {s.title for s in sheets}
    issues.extend(i for i in formula_issues if i.sheet in read_sheets)
    return WorkbookContent(
        display,
        sheets,
        territoire,
        read_only,
        exported,
        ignored,
        issues,
        list(workbook.sheetnames),
        fingerprints,
    )


def _sheet_parts(archive: zipfile.ZipFile) -> list[tuple[str, str]]:
    """(sheet name, zip member of its XML), from the workbook's own index."""
    names = set(archive.namelist())
    if "xl/workbook.xml" not in names or "xl/_rels/workbook.xml.rels" not in names:
        return []
    try:
        book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except ElementTree.ParseError:
        return []
    targets = {r.get("Id"): r.get("Target", "") for r in rels}
    parts = []
    for sheet in book.iter(f"{{{_MAIN_NS}}}sheet"):
        target = targets.get(sheet.get(f"{{{_REL_NS}}}id"), "")
        member = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        if member in names:
            parts.append((sheet.get("name", ""), member))
    return parts


def _check_sheet_parts(path: Path, display: str, limits: LimitesEntrees) -> list[CellIssue]:
    """Rows and cells of each sheet counted from its XML before openpyxl builds them, and
    formulas whose result was never computed (no cached value: it would read as empty)."""
    issues: list[CellIssue] = []
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise UserError(f"{display} : classeur illisible ({exc}).") from None
    with archive:
        for position, (name, member) in enumerate(_sheet_parts(archive)):
            rows, cells = count_rows_and_cells(archive, member, limits)
            if rows > limits.classeur_lignes_max:
                raise refuse(
                    f"{display}:{_quoted_sheet(name)} : plus de {limits.classeur_lignes_max} "
                    "lignes",
                    limits.classeur_lignes_max,
                    "classeur_lignes_max",
                )
            if cells > limits.classeur_cellules_max:
                raise refuse(
                    f"{display}:{_quoted_sheet(name)} : plus de "
                    f"{limits.classeur_cellules_max} cellules",
                    limits.classeur_cellules_max,
                    "classeur_cellules_max",
                )
            issues.extend(_uncomputed_formulas(archive, member, name, position, display))
    return issues


def _uncomputed_formulas(
    archive: zipfile.ZipFile, member: str, name: str, position: int, display: str
) -> list[CellIssue]:
    with archive.open(member) as stream:
        found, tail = False, b""
        while not found and (chunk := stream.read(1 << 20)):
            found = _FORMULA.search(tail + chunk) is not None
            tail = chunk[-8:]
        if not found:
            return []  # no formula at all: the usual case, no XML parsing
    issues = []
    with archive.open(member) as stream:
        for _, element in ElementTree.iterparse(stream):
            if element.tag != f"{{{_MAIN_NS}}}c":
                continue
            formula = element.find(f"{{{_MAIN_NS}}}f")
            value = element.findtext(f"{{{_MAIN_NS}}}v")
            # openpyxl and scripts write `<v></v>` or no <v> at all: nothing was computed.
            if formula is not None and not value and element.get("t") != "inlineStr":
                cell = element.get("r", "")
                issues.append(
                    CellIssue(
                        display,
                        name,
                        cell,
                        "",
                        f"formule sans valeur calculée (={formula.text or ''}) : elle serait "
                        "lue comme une cellule vide. Ouvrez le classeur dans le tableur, "
                        "recalculez et enregistrez-le, ou remplacez la formule par sa valeur.",
                        order=(position, _row_of(cell), 0),
                    )
                )
            element.clear()
    return issues


def _row_of(cell: str) -> int:
    digits = "".join(c for c in cell if c.isdigit())
    return int(digits) if digits else 0


_MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")


def _read_sheet(
    sheet: Worksheet, kind: KindSheet, position: int, display: str
) -> tuple[SheetContent | None, list[CellIssue]]:
    nodes = model_nodes(kind.model)
    issues: list[CellIssue] = []

    def problem(cell: str | None, message: str, column: int = 0) -> None:
        issues.append(
            CellIssue(display, sheet.title, cell, "", message, order=(position, 1, column))
        )

    headers: dict[int, str] = {}
    for column in range(1, (sheet.max_column or 0) + 1):
        value = sheet.cell(HEADER_ROW, column).value
        if value is not None and str(value).strip():
            headers[column] = str(value).strip()
    templates = _templates(nodes, kind)
    slots: dict[str, int] = {}
    known: dict[int, str] = {}
    seen: dict[str, int] = {}
    for column, header in headers.items():
        letter = get_column_letter(column)
        template, groups = _template_of(header)
        if template not in templates:
            hint = did_you_mean(header, [t.replace("#", "1") for t in templates])
            problem(f"{letter}{HEADER_ROW}", f"colonne « {header} » inconnue.{hint}", column)
            continue
        if header in seen:
            problem(
                f"{letter}{HEADER_ROW}",
                f"colonne « {header} » en double (déjà en {get_column_letter(seen[header])}"
                f"{HEADER_ROW}) : gardez-en une seule.",
                column,
            )
            continue
        seen[header] = column
        known[column] = header
        for group, number in groups.items():
            slots[group] = max(slots.get(group, 0), number)
    if "id" not in known.values():
        problem(
            None, "colonne « id » absente : elle est obligatoire (identifiant de chaque fiche)."
        )
        return None, issues
    all_columns = {c.header: c for c in build_columns(nodes, slots, kind.key_names)}
    present = [all_columns[h] for h in known.values() if h in all_columns]
    letters = {header: get_column_letter(column) for column, header in known.items()}
    content = SheetContent(kind, sheet.title, position, nodes, present, letters)
    for column in range(1, (sheet.max_column or 0) + 1):
        if column in headers:
            continue
        filled = next(
            (
                r
                for r in range(HEADER_ROW + 1, (sheet.max_row or 0) + 1)
                if _filled(sheet.cell(r, column).value)
            ),
            None,
        )
        if filled is not None:
            problem(
                f"{get_column_letter(column)}{filled}",
                "valeur dans une colonne sans en-tête : elle ne serait pas relue ; "
                "donnez un en-tête à la colonne ou videz-la.",
                column,
            )
    for number, row_cells in enumerate(
        sheet.iter_rows(min_row=HEADER_ROW + 1), start=HEADER_ROW + 1
    ):
        cells = {}
        for index, cell in enumerate(row_cells):
            if getattr(cell, "data_type", None) == "e":
                # #N/A, #REF!, #DIV/0!…: a failed formula, never a text to import.
                problem(
                    f"{get_column_letter(index + 1)}{number}",
                    f"valeur d'erreur du tableur « {cell.value} » : la formule de cette "
                    "cellule a échoué ; corrigez-la ou remplacez-la par une valeur.",
                    index + 1,
                )
                continue
            if index + 1 in known:
                cells[known[index + 1]] = cell.value
        if any(_filled(v) for v in cells.values()):
            content.rows.append(Row(number, cells))
    return content, issues


def _filled(value: Any) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def _template_of(header: str) -> tuple[str, dict[str, int]]:
    """`sources.2.url` → (`sources.#.url`, {`sources`: 2})."""
    parts = header.split(".")
    groups: dict[str, int] = {}
    names: list[str] = []
    out: list[str] = []
    for part in parts:
        if _NUMBER.match(part) and int(part) >= 1:
            groups[".".join(names)] = int(part)
            out.append("#")
        else:
            names.append(part)
            out.append(part)
    return ".".join(out), groups


def _templates(nodes: tuple[Node, ...], kind: KindSheet) -> set[str]:
    ones = dict.fromkeys(_group_paths(nodes), 1)
    return {_template_of(c.header)[0] for c in build_columns(nodes, ones, kind.key_names)}


def _group_paths(nodes: tuple[Node, ...]) -> list[str]:
    out: list[str] = []
    for node in nodes:
        if node.form in (Form.ITEMS, Form.KEYED):
            out.append(node.path)
        out.extend(_group_paths(node.children))
    return out


def _meta(sheet: Worksheet) -> dict[str, str]:
    meta: dict[str, str] = {}
    for key, value in sheet.iter_rows(min_row=1, max_col=2, values_only=True):
        if isinstance(key, str):
            meta[key] = "" if value is None else str(value)
    return meta


def _fingerprints(sheet: Worksheet) -> dict[str, dict[str, str]]:
    """Sheet → id → fingerprint of its file when exported (none in older workbooks)."""
    columns: dict[str, int] = {}
    for c in range(4, (sheet.max_column or 0) + 1):
        title = sheet.cell(1, c).value
        if isinstance(title, str):
            columns[title] = c
    out: dict[str, dict[str, str]] = {}
    for title, column in columns.items():
        if not title.endswith(FINGERPRINT_SUFFIX):
            continue
        ids_column = columns.get(title.removesuffix(FINGERPRINT_SUFFIX))
        if ids_column is None:
            continue
        out[title.removesuffix(FINGERPRINT_SUFFIX)] = {
            str(sheet.cell(row, ids_column).value): str(sheet.cell(row, column).value)
            for row in range(2, (sheet.max_row or 0) + 1)
            if sheet.cell(row, ids_column).value is not None
            and sheet.cell(row, column).value is not None
        }
    return out


def _exported(sheet: Worksheet) -> dict[str, list[str]]:
    exported: dict[str, list[str]] = {}
    for column in range(4, (sheet.max_column or 0) + 1):
        title = sheet.cell(1, column).value
        if not isinstance(title, str) or title.endswith(FINGERPRINT_SUFFIX):
            continue
        ids = [
            str(sheet.cell(row, column).value)
            for row in range(2, (sheet.max_row or 0) + 1)
            if sheet.cell(row, column).value is not None
        ]
        exported[title] = ids
    return exported
