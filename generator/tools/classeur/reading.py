"""Read a workbook back: its sheets, their header row, their rows as header → cell."""

from __future__ import annotations

import re
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ...errors import Severity, UserError
from ...messages import did_you_mean
from . import office
from .columns import Column, build_columns
from .fields import Form, Node, model_nodes
from .kinds import KindSheet, by_sheet_name
from .layout import HEADER_ROW, LISTS_SHEET, META_SHEET, README_SHEET

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


def read_workbook(path: Path, display: str) -> WorkbookContent:
    if not path.is_file():
        raise UserError(f"classeur introuvable : {path}")
    suffix = path.suffix.lower()
    if suffix == ".ods":
        with tempfile.TemporaryDirectory(prefix="offre-classeur-ods-") as folder:
            converted = office.convert(path, "xlsx", Path(folder))
            return _read_xlsx(converted, display)
    if suffix not in (".xlsx", ".xlsm"):
        raise UserError(f"{display} : format non reconnu (attendu : .xlsx ou .ods).")
    return _read_xlsx(path, display)


def _read_xlsx(path: Path, display: str) -> WorkbookContent:
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
    territoire = (meta or {}).get("territoire") or None
    return WorkbookContent(display, sheets, territoire, read_only, exported, ignored, issues)


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
    for number, values in enumerate(
        sheet.iter_rows(min_row=HEADER_ROW + 1, values_only=True), start=HEADER_ROW + 1
    ):
        cells = {known[i + 1]: v for i, v in enumerate(values) if i + 1 in known}
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


def _exported(sheet: Worksheet) -> dict[str, list[str]]:
    exported: dict[str, list[str]] = {}
    for column in range(4, (sheet.max_column or 0) + 1):
        title = sheet.cell(1, column).value
        if not isinstance(title, str):
            continue
        ids = [
            str(sheet.cell(row, column).value)
            for row in range(2, (sheet.max_row or 0) + 1)
            if sheet.cell(row, column).value is not None
        ]
        exported[title] = ids
    return exported
