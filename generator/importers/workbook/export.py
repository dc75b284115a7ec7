"""`offre classeur exporter`: the offer as an .xlsx workbook, one sheet per record kind.

openpyxl writes what an editor needs to type safely: drop-downs (data validation) fed
by a hidden "Listes" sheet, real date cells, text-formatted code columns (so "01004"
is not turned into 1004), the help of each field as a comment on its header, a frozen
header row, and a "Lisez-moi" sheet. A territory's workbook (`--territoire`) holds that
territory's row, its places and local schemes, and the regional schemes on a protected
sheet for reference.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ...catalog.catalog import Catalog
from ...catalog.load import load_catalog
from ...data.errors import DataError, UserError, display_path
from ...data.geo import Commune, Departement
from .columns import Column, build_columns, cell_problem, cell_values, count_slots
from .fields import Node, Shape, model_nodes
from .kinds import (
    REF_COMMUNES,
    REF_DISPOSITIFS,
    REF_EPCI,
    REF_LIEUX,
    REF_PERIMETRES,
    REF_PORTEURS,
    REF_TERRITOIRES,
    REF_ZONES,
    KindSheet,
    active_kinds,
)
from .layout import (
    COORDINATOR_FIELDS,
    FINGERPRINT_SUFFIX,
    FORMAT,
    HEADER_ROW,
    LISTS_SHEET,
    META_SHEET,
    READ_ONLY_SHEET,
    README_SHEET,
    SPARE_ITEMS,
    column_help,
    file_fingerprint,
    list_name,
    parent_nodes,
)
from .lisezmoi import readme_lines
from .records import Record, read_records
from .sheets import SheetPlan

# Drop-downs and text formats reach this many rows below the data, for new records.
NEW_ROWS = 300
_HEADER_FILL = PatternFill("solid", fgColor="DDE4EE")
_LOCKED_FILL = PatternFill("solid", fgColor="EEEEEE")
_BANNER_FILL = PatternFill("solid", fgColor="FFF2CC")
_DATE_FORMAT = "YYYY-MM-DD"
_TEXT_FORMAT = "@"


@dataclass
class ExportSummary:
    path: Path
    rows: dict[str, int] = field(default_factory=dict)  # sheet → rows written


def export_workbook(root: Path, target: Path, *, territoire: str | None = None) -> ExportSummary:
    catalog, report = load_catalog(root)
    if catalog is None:
        raise DataError(report)
    if territoire is not None and territoire not in catalog.territoires:
        known = ", ".join(sorted(catalog.territoires))
        raise UserError(f"territoire « {territoire} » inconnu ; territoires : {known}.")
    records = {kind.kind: read_records(root, kind) for kind in active_kinds()}
    _refuse_values_cells_cannot_hold(root, records)
    plans = _plan(catalog, records, territoire)
    workbook = _workbook(catalog, plans, records, territoire, root)
    _save(workbook, target)
    return ExportSummary(target, {p.title: len(p.records) for p in plans})


# ------------------------------------------------------------------ which rows, which sheets


def _plan(
    catalog: Catalog, records: dict[str, list[Record]], territoire: str | None
) -> list[SheetPlan]:
    plans: list[SheetPlan] = []
    reference: list[SheetPlan] = []
    kinds = active_kinds()
    if territoire is not None:
        # A coordinator's own row first, then what happens in the territory.
        kinds = sorted(kinds, key=lambda k: k.kind != "territoire")
    for kind in kinds:
        rows = records[kind.kind]
        if territoire is None:
            plans.append(SheetPlan(kind, kind.sheet, rows, _columns(kind, rows)))
            continue
        if kind.kind == "porteur":
            # A coordinator picks providers from the drop-down; new ones go via the Cariforef.
            continue
        if kind.kind == "territoire":
            mine = [r for r in rows if r.ident == territoire]
            plans.append(
                SheetPlan(kind, kind.sheet, mine, _columns(kind, mine), False, COORDINATOR_FIELDS)
            )
        elif kind.kind == "dispositif":
            local = [r for r in rows if _local_scheme(catalog, r, territoire)]
            regional = [r for r in rows if _regional_scheme(r)]
            columns = _columns(kind, local + regional)
            plans.append(SheetPlan(kind, kind.sheet, local, columns))
            reference.append(SheetPlan(kind, READ_ONLY_SHEET, regional, columns, read_only=True))
        else:
            mine = [r for r in rows if _local_place(catalog, r, territoire)]
            plans.append(SheetPlan(kind, kind.sheet, mine, _columns(kind, mine)))
    return plans + reference


def _columns(kind: KindSheet, rows: list[Record]) -> list[Column]:
    nodes = model_nodes(kind.model)
    dumps = [_dump(r) for r in rows]
    counts = count_slots(nodes, dumps)
    slots = {path: count + SPARE_ITEMS for path, count in counts.items()}
    for parent in parent_nodes(nodes):
        slots.setdefault(parent, SPARE_ITEMS)
    return build_columns(nodes, slots, kind.key_names)


def _dump(record: Record) -> dict[str, Any]:
    assert record.item is not None  # the dataset passed load_catalog
    return record.item.model_dump()


def _regional_scheme(record: Record) -> bool:
    return bool(getattr(record.item, "everywhere", False))


def _local_scheme(catalog: Catalog, record: Record, territoire: str) -> bool:
    if _regional_scheme(record):
        return False
    return territoire in catalog.scheme_territories.get(record.ident, [])


def _local_place(catalog: Catalog, record: Record, territoire: str) -> bool:
    """A place of the territory as its page lists it: it stands there, or serves it."""
    return record.ident in catalog.territory_places.get(territoire, [])


def _refuse_values_cells_cannot_hold(root: Path, records: dict[str, list[Record]]) -> None:
    problems: list[str] = []
    for kind in active_kinds():
        columns = _columns(kind, records[kind.kind])
        for record in records[kind.kind]:
            problem = cell_problem(_dump(record), columns)
            if problem:
                problems.append(f"{display_path(record.path, root)} : {problem}")
    if problems:
        raise UserError(
            "des valeurs ne tiendraient pas telles quelles dans une cellule du classeur : "
            "reformulez-les dans les fichiers YAML.\n  " + "\n  ".join(problems)
        )


# ------------------------------------------------------------------ the workbook


def _workbook(
    catalog: Catalog,
    plans: list[SheetPlan],
    records: dict[str, list[Record]],
    territoire: str | None,
    root: Path,
) -> Workbook:
    workbook = Workbook()
    readme = workbook.active
    assert readme is not None
    readme.title = README_SHEET
    lists = _Lists(catalog, records)
    for plan in plans:
        sheet = workbook.create_sheet(plan.title)
        _fill_sheet(sheet, plan, lists)
    _write_readme(readme, plans, territoire, root)
    lists.write(workbook)
    _write_meta(workbook, plans, territoire)
    return workbook


def _fill_sheet(sheet: Worksheet, plan: SheetPlan, lists: _Lists) -> None:
    header_row = HEADER_ROW + (1 if plan.read_only else 0)
    first_row = header_row + 1
    if plan.read_only:
        banner = sheet.cell(1, 1, _read_only_banner())
        banner.font = Font(bold=True)
        banner.fill = _BANNER_FILL
        sheet.sheet_properties.tabColor = "999999"
    parents = parent_nodes(model_nodes(plan.kind.model))
    editable = plan.editable_fields
    last_row = first_row + len(plan.records) - 1
    format_until = max(last_row, first_row) + (0 if plan.read_only or editable else NEW_ROWS)
    for index, column in enumerate(plan.columns, start=1):
        letter = get_column_letter(index)
        cell = sheet.cell(header_row, index, column.header)
        cell.font = Font(bold=True)
        locked = (
            plan.read_only
            or (editable is not None and column.top not in editable)
            or column.top in plan.kind.read_only_fields
        )
        cell.fill = _LOCKED_FILL if locked else _HEADER_FILL
        comment = Comment(column_help(plan.kind, column, parents), "offre")
        comment.width, comment.height = 320, 160
        cell.comment = comment
        number_format = _number_format(column)
        if number_format:
            sheet.column_dimensions[letter].number_format = number_format
        if not locked:
            _validation(sheet, plan, column, letter, first_row, format_until, lists)
    widths = [len(c.header) + 2 for c in plan.columns]
    for row_number, record in enumerate(plan.records, start=first_row):
        for index, value in enumerate(cell_values(_dump(record), plan.columns), start=1):
            cell = _text_cell(sheet.cell(row_number, index, value))
            column = plan.columns[index - 1]
            number_format = _number_format(column)
            if number_format:
                cell.number_format = number_format
            cell.alignment = Alignment(vertical="top")
            if column.top in plan.kind.read_only_fields:
                cell.fill = _LOCKED_FILL
            if value is not None:
                widths[index - 1] = max(widths[index - 1], min(len(str(value)), 60))
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(10, min(width, 60))
    sheet.freeze_panes = f"B{first_row}"
    last_letter = get_column_letter(len(plan.columns))
    if not plan.read_only:
        sheet.auto_filter.ref = f"A{header_row}:{last_letter}{max(last_row, first_row)}"
    if plan.read_only or editable is not None:
        _protect(sheet, plan, first_row, last_row)


def _number_format(column: Column) -> str | None:
    shape = column.node.shape
    if shape is Shape.DATE and not column.node.is_list and not column.is_key:
        return _DATE_FORMAT
    if (
        shape in (Shape.TEXT, Shape.PARTIAL_DATE, Shape.CHOICE)
        or column.is_key
        or column.node.is_list
    ):
        return _TEXT_FORMAT
    return None


def _validation(
    sheet: Worksheet,
    plan: SheetPlan,
    column: Column,
    letter: str,
    first_row: int,
    last_row: int,
    lists: _Lists,
) -> None:
    name = list_name(plan.kind, column)
    if name is None:
        return
    source = lists.range_of(name, plan.kind, column)
    if source is None:
        return
    closed = column.node.shape in (Shape.CHOICE, Shape.BOOL)
    single = not column.node.is_list
    validation = DataValidation(type="list", formula1=source, allow_blank=True)
    # A list cell holds several values joined by « | »: the drop-down helps to pick one,
    # but must not refuse the joined text. Vocabularies and ids may grow (a provider
    # added in the same workbook), so a value outside the list is only a warning; the
    # import checks every value anyway.
    validation.showErrorMessage = single
    validation.errorStyle = "stop" if closed else "warning"
    validation.errorTitle = "Valeur hors liste"
    validation.error = (
        "Choisissez une valeur de la liste déroulante."
        if closed
        else "Cette valeur n'est pas dans la liste : vérifiez-la (l'import la contrôlera)."
    )
    sheet.add_data_validation(validation)
    validation.add(f"{letter}{first_row}:{letter}{last_row}")


def _protect(sheet: Worksheet, plan: SheetPlan, first_row: int, last_row: int) -> None:
    """Protect the sheet (no password: this prevents slips, not people), leaving a
    coordinator's columns editable."""
    if plan.editable_fields is not None and not plan.read_only:
        for index, column in enumerate(plan.columns, start=1):
            if column.top in plan.editable_fields:
                for row in range(first_row, max(last_row, first_row) + 1):
                    sheet.cell(row, index).protection = Protection(locked=False)
            else:
                for row in range(first_row, max(last_row, first_row) + 1):
                    sheet.cell(row, index).fill = _LOCKED_FILL
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False  # widening a column stays possible
    sheet.protection.autoFilter = False
    sheet.protection.sort = False


def _read_only_banner() -> str:
    return (
        "Consultation seule : dispositifs valables dans toute la région, pour référence. "
        "Cette feuille est protégée et ignorée à l'import ; pour signaler une correction, "
        "écrivez au Cariforef."
    )


def _write_readme(
    sheet: Worksheet, plans: list[SheetPlan], territoire: str | None, root: Path
) -> None:
    sheet.column_dimensions["A"].width = 110
    for number, (text, style) in enumerate(readme_lines(plans, territoire, root.name), start=1):
        cell = sheet.cell(number, 1, text)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if style == "titre":
            cell.font = Font(bold=True, size=14)
        elif style == "section":
            cell.font = Font(bold=True)


def _write_meta(workbook: Workbook, plans: list[SheetPlan], territoire: str | None) -> None:
    """What the workbook was exported with: the import reports rows that disappeared
    only among the ones exported, and skips the read-only sheet."""
    sheet = workbook.create_sheet(META_SHEET)
    sheet.sheet_state = "hidden"
    rows = [
        ("format", FORMAT),
        ("territoire", territoire or ""),
        ("exporte_le", date.today().isoformat()),
        ("lecture_seule", " | ".join(p.title for p in plans if p.read_only)),
    ]
    for number, (key, value) in enumerate(rows, start=1):
        sheet.cell(number, 1, key)
        sheet.cell(number, 2, value)
    editable = [p for p in plans if not p.read_only]
    for offset, plan in enumerate(editable, start=4):
        sheet.cell(1, offset, plan.title)
        for number, record in enumerate(plan.records, start=2):
            sheet.cell(number, offset, record.ident)
    for offset, plan in enumerate(editable, start=4 + len(editable)):
        sheet.cell(1, offset, plan.title + FINGERPRINT_SUFFIX)
        for number, record in enumerate(plan.records, start=2):
            sheet.cell(number, offset, file_fingerprint(record.text))


def _text_cell(cell: Any) -> Any:
    """A value typed by an editor stays a text, never a formula the spreadsheet computes
    (openpyxl takes every string starting with `=` for a formula)."""
    if isinstance(cell.value, str) and cell.value.startswith("="):
        cell.data_type = "s"
    return cell


class _Lists:
    """The hidden "Listes" sheet: one column of values (and one of labels) per list."""

    def __init__(self, catalog: Catalog, records: dict[str, list[Record]]) -> None:
        self.catalog = catalog
        ids = {kind: sorted(r.ident for r in items) for kind, items in records.items()}
        territories = ids.get("territoire", [])
        territory_names = [(i, catalog.territoires[i].nom) for i in territories]
        self.values: dict[str, list[tuple[str, str]]] = {
            REF_PORTEURS: [(i, self._porteur_name(i)) for i in ids.get("porteur", [])],
            REF_TERRITOIRES: territory_names,
            REF_DISPOSITIFS: [(i, catalog.dispositifs[i].titre) for i in ids.get("dispositif", [])],
            REF_LIEUX: [(i, catalog.lieux[i].nom) for i in ids.get("lieu", [])],
            "oui-non": [("oui", ""), ("non", "")],
        }
        geo = catalog.geo
        communes = [(c.code, _commune_label(c)) for c in sorted(geo.communes, key=_code)]
        epcis = [(e.siren, e.nom) for e in sorted(geo.epcis, key=lambda e: e.siren)]
        # A perimeter or a served zone: territory ids first, then the codes they are made of.
        zones = (
            [(i, f"{name} (territoire)") for i, name in territory_names]
            + [(d.code, f"{d.nom} (département)") for d in sorted(geo.departements, key=_code)]
            + [(siren, f"{name} (EPCI)") for siren, name in epcis]
            + [(code, f"{label} (commune)") for code, label in communes]
        )
        self.values |= {
            REF_COMMUNES: communes,
            REF_EPCI: epcis,
            REF_ZONES: zones,
            REF_PERIMETRES: [("tous", "toute la région"), *zones],
        }
        self.order: list[str] = []

    def _porteur_name(self, ident: str) -> str:
        porteur = self.catalog.porteurs.get(ident)
        return porteur.nom if porteur else ""

    def range_of(self, name: str, kind: KindSheet, column: Column) -> str | None:
        if name not in self.values:
            self.values[name] = self._lookup(name, column.node)
        if not self.values[name]:
            return None
        if name not in self.order:
            self.order.append(name)
        index = self.order.index(name) * 2 + 1
        letter = get_column_letter(index)
        return f"{LISTS_SHEET}!${letter}$2:${letter}${len(self.values[name]) + 1}"

    def _lookup(self, name: str, node: Node) -> list[tuple[str, str]]:
        if node.shape is Shape.CHOICE:
            return [(c, "") for c in node.choices]
        vocab = self.catalog.vocab
        return [(v, vocab.label(name, v)) for v in vocab.values(name)]

    def write(self, workbook: Workbook) -> None:
        sheet = workbook.create_sheet(LISTS_SHEET)
        sheet.sheet_state = "hidden"
        for position, name in enumerate(self.order):
            values_col, labels_col = position * 2 + 1, position * 2 + 2
            sheet.cell(1, values_col, name).font = Font(bold=True)
            sheet.cell(1, labels_col, f"{name} (libellé)").font = Font(bold=True)
            for number, (value, label) in enumerate(self.values[name], start=2):
                sheet.cell(number, values_col, value)
                if label:
                    _text_cell(sheet.cell(number, labels_col, label))
            sheet.column_dimensions[get_column_letter(values_col)].width = 40
            sheet.column_dimensions[get_column_letter(labels_col)].width = 40


def _code(item: Commune | Departement) -> str:
    return item.code


def _commune_label(commune: Commune) -> str:
    postcodes = ", ".join(commune.codes_postaux)
    return f"{commune.nom} ({postcodes})" if postcodes else commune.nom


def _save(workbook: Workbook, target: Path) -> None:
    """Write beside the target and rename: an interrupted export leaves no half file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
    )
    os.close(handle)
    try:
        workbook.save(temporary)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
