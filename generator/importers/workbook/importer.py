"""`offre classeur importer`: check a workbook with the real validator, then update the YAML.

1. Each row becomes the value of its record (`columns.row_values`); for a record that
   exists, the YAML file is edited in place, only where a value changed (`yamledit`).
2. The resulting dataset is written to a temporary copy of the data and checked with
   `load_catalog`, the validator of `offre validate` and of the build: same checks
   (cross-record ones included), same French messages. Each problem is mapped back from
   its file and key path to the row and column it came from.
3. Nothing is written unless there is no error; then every changed file is written
   beside itself and renamed into place, all after the whole check.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from ...catalog.load import load_catalog
from ...data.errors import Issue, Severity, UserError, display_path
from ...data.fields import SLUG_PATTERN
from ...data.input_limits import load_limits, refuse
from ...data.model import LimitesEntrees
from ...data.yamlsource import parse_yaml_bytes
from ..data_folder import FileChange, apply_changes, confined, import_lock
from .columns import EMPTY, RowValues, cell_values, from_cell, locate, row_values
from .kinds import KindSheet
from .layout import file_fingerprint
from .reading import CellIssue, Row, SheetContent, WorkbookContent, read_workbook
from .records import Record, read_records
from .territory import territory_problems
from .yamledit import Document, merge, new_document, same_value

CREATED, MODIFIED, UNCHANGED = "créé", "modifié", "inchangé"
_SLUG = re.compile(SLUG_PATTERN)
_KEY_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")
# The validator speaks of YAML lines; in a workbook the same advice is about a column.
_ADD_LINE = re.compile(r"ajoutez la ligne « [^»]* »")
_YAML_PATH = re.compile(r"([^\s«»()\[\],;:]+\.yaml)(:\d+)?")


@dataclass
class Planned:
    sheet: SheetContent
    row: Row
    values: RowValues
    ident: str | None
    status: str
    relative: Path  # where the record goes, relative to the data folder
    record: Record | None = None  # the file it updates
    text: str | None = None  # new content (None: unchanged)
    changed: list[str] = field(default_factory=list)
    synthetic: bool = False  # placed under a made-up name only to be checked

    @property
    def kind(self) -> KindSheet:
        return self.sheet.kind


@dataclass
class ImportResult:
    issues: list[CellIssue | Issue]
    planned: list[Planned]
    missing: dict[str, list[Record]]  # sheet → exported records without a row
    written: list[Path] = field(default_factory=list)

    @property
    def errors(self) -> list[CellIssue | Issue]:
        return [i for i in self.issues if i.severity is Severity.ERROR]


def import_workbook(
    path: Path, root: Path, *, dry_run: bool, territoire: str | None = None
) -> ImportResult:
    if not root.is_dir():
        raise UserError(f"dossier de données introuvable : {root}")
    limits = load_limits(root)
    content = read_workbook(path, path.name, limits=limits)
    if dry_run:
        return _import(content, root, limits, dry_run=True, territoire=territoire)
    # Read the data and write it under the lock: a second import waits, then reads the
    # files as the first one left them (no edit lost).
    with import_lock(root):
        return _import(content, root, limits, dry_run=False, territoire=territoire)


def _import(
    content: WorkbookContent,
    root: Path,
    limits: LimitesEntrees,
    *,
    dry_run: bool,
    territoire: str | None,
) -> ImportResult:
    unreadable: list[Issue] = []
    existing = {
        s.kind.kind: read_records(root, s.kind, problems=unreadable) for s in content.sheets
    }
    if unreadable:  # the rows of these files cannot be told from new ones: stop here
        return ImportResult(list(content.issues) + list(unreadable), [], {})
    planned = _plan(content, existing, root, limits)
    missing = _missing(content, existing, planned)
    issues: list[CellIssue | Issue] = list(content.issues)
    issues.extend(_row_problems(content, planned))
    issues.extend(territory_problems(content, planned, root, territoire))
    issues.extend(_validate(content, root, planned))
    result = ImportResult(issues, planned, missing)
    if result.errors or dry_run:
        return result
    _check_written_values(planned)
    result.written = _write(root, planned)
    return result


# ------------------------------------------------------------------ rows → records


def _plan(
    content: WorkbookContent,
    existing: dict[str, list[Record]],
    root: Path,
    limits: LimitesEntrees | None = None,
) -> list[Planned]:
    planned: list[Planned] = []
    budget = _WriteBudget(content, limits or LimitesEntrees())
    for sheet in content.sheets:
        kind = sheet.kind
        by_id = {r.ident: r for r in existing[kind.kind]}
        exported = None if content.exported is None else set(content.exported.get(sheet.title, []))
        claimed: set[str] = set()
        present_fields = {c.top for c in sheet.columns}
        for row in sheet.rows:
            values = row_values(sheet.nodes, sheet.columns, row.cells)
            raw = values.raw
            ident = raw.get("id") if isinstance(raw.get("id"), str) else None
            record = by_id.get(ident) if ident else None
            mine = record is not None and (exported is None or ident in exported)
            if ident and ident not in claimed and mine and record is not None:
                claimed.add(ident)
                # A column missing from the sheet leaves its field as it is; a read-only
                # field always keeps the file's value (a changed cell is an error).
                values.problems.extend(_read_only_changes(sheet, row, record))
                for name in kind.read_only_fields:
                    raw.pop(name, None)
                for name, value in record.data.items():
                    if name not in present_fields or name in kind.read_only_fields:
                        raw[name] = value
                changed: list[str] = []
                text = None
                # Compare values first: ruamel.yaml is loaded only for records that changed.
                if _differs(kind, record, raw):
                    budget.spend(sheet, row)
                    document = Document(record.text.decode("utf-8"))
                    changed = merge(document.data, record.data, raw, kind.model, sheet.nodes)
                    text = document.dump() if changed else None
                exported_as = content.fingerprints.get(sheet.title, {}).get(ident)
                if changed and exported_as and exported_as != file_fingerprint(record.text):
                    values.problems.append(
                        (
                            "id",
                            f"la fiche « {ident} » a changé depuis l'export de ce classeur (un "
                            "autre import, ou une modification du fichier) : importer cette "
                            "ligne effacerait ce changement. Réexportez le classeur et "
                            "reportez-y vos modifications de cette ligne.",
                        )
                    )
                status = MODIFIED if changed else UNCHANGED
                relative = record.path.relative_to(root)
                planned.append(
                    Planned(sheet, row, values, ident, status, relative, record, text, changed)
                )
                continue
            values.problems.extend(_read_only_filled(sheet, row))
            for name in kind.read_only_fields:
                raw.pop(name, None)
            duplicate = bool(ident) and (ident in claimed or ident in by_id)
            relative, synthetic = _new_path(kind, raw, row, duplicate)
            if ident:
                claimed.add(ident)
            budget.spend(sheet, row)
            text = new_document(raw, kind.model).dump()
            planned.append(
                Planned(
                    sheet, row, values, ident, CREATED, relative, None, text, synthetic=synthetic
                )
            )
    return planned


class _WriteBudget:
    """Rows that become a written file (new or changed) cost about 15 to 80 ms each (the
    YAML is written with its comments and layout kept): past `classeur_fiches_ecrites_max`
    the import stops at once, before spending minutes on a workbook that huge."""

    def __init__(self, content: WorkbookContent, limits: LimitesEntrees) -> None:
        self.content = content
        self.limit = limits.classeur_fiches_ecrites_max
        self.spent = 0

    def spend(self, sheet: SheetContent, row: Row) -> None:
        self.spent += 1
        if self.spent > self.limit:
            where = f"{self.content.display}:{sheet.title}!A{row.number}"
            raise refuse(
                f"{where} : plus de {self.limit} fiches nouvelles ou modifiées dans le classeur "
                "(importez-le en plusieurs fois)",
                self.limit,
                "classeur_fiches_ecrites_max",
            )


def _read_only_changes(sheet: SheetContent, row: Row, record: Record) -> list[tuple[str, str]]:
    """Cells of read-only fields that no longer hold the value exported from the file."""
    source = record.item.model_dump() if record.item is not None else record.data
    problems = []
    for column in sheet.columns:
        writer = sheet.kind.read_only_fields.get(column.top)
        if writer is None or column.header not in row.cells:
            continue
        exported = from_cell(cell_values(source, [column])[0], column)
        typed = from_cell(row.cells[column.header], column)
        if _same_cell(exported, typed):
            continue
        problems.append(
            (
                column.header,
                f"valeur changée ({_shown(typed)} au lieu de {_shown(exported)}) : cette colonne "
                f"est écrite par {writer} et ne se modifie pas dans le classeur ; remettez la "
                "valeur exportée.",
            )
        )
    return problems


def _read_only_filled(sheet: SheetContent, row: Row) -> list[tuple[str, str]]:
    """A new row has no provenance: only the tool that writes it may fill it in."""
    for column in sheet.columns:
        writer = sheet.kind.read_only_fields.get(column.top)
        if writer is None or from_cell(row.cells.get(column.header), column) is EMPTY:
            continue
        return [
            (
                column.header,
                f"colonne en lecture seule, écrite par {writer} : une fiche ajoutée dans le "
                f"classeur n'en a pas ; videz les colonnes « {column.top}.… » de cette ligne.",
            )
        ]
    return []


def _same_cell(left: Any, right: Any) -> bool:
    return bool(_comparable(left) == _comparable(right))


def _comparable(value: Any) -> Any:
    # A date cell comes back as a datetime from some spreadsheets, as a text from others.
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


def _shown(value: Any) -> str:
    if value is EMPTY:
        return "cellule vide"
    return f"« {_comparable(value)} »"


def _differs(kind: KindSheet, record: Record, raw: dict[str, Any]) -> bool:
    return any(
        not same_value(kind.model, name, record.data.get(name, EMPTY), raw.get(name, EMPTY))
        for name in kind.model.model_fields
    )


def _new_path(kind: KindSheet, raw: dict[str, Any], row: Row, duplicate: bool) -> tuple[Path, bool]:
    ident = raw.get("id")
    porteur = raw.get("porteur")
    good_id = isinstance(ident, str) and bool(_SLUG.match(ident))
    good_porteur = isinstance(porteur, str) and bool(_SLUG.match(porteur))
    name = f"{ident}.yaml" if good_id else f"ligne-{row.number}.yaml"
    folder = Path(kind.folder)
    synthetic = duplicate or not good_id
    if kind.by_porteur:
        folder = folder / (str(porteur) if good_porteur else "_sans-porteur")
        synthetic = synthetic or not good_porteur
    if duplicate:
        # Checked beside the record it duplicates, so the validator reports the clash; "~"
        # sorts after every id, so the clash is reported at this row, not at the first one.
        return Path(kind.folder) / "~doublons" / f"ligne-{row.number}" / folder.relative_to(
            kind.folder
        ) / name, True
    return folder / name, synthetic


def _missing(
    content: WorkbookContent, existing: dict[str, list[Record]], planned: list[Planned]
) -> dict[str, list[Record]]:
    """Records exported in a sheet (or, without export notes, all of its kind) with no row."""
    missing: dict[str, list[Record]] = {}
    for sheet in content.sheets:
        seen = {p.ident for p in planned if p.sheet is sheet and p.record is not None}
        expected = None if content.exported is None else set(content.exported.get(sheet.title, []))
        gone = [
            r
            for r in existing[sheet.kind.kind]
            if r.ident not in seen and (expected is None or r.ident in expected)
        ]
        if gone:
            missing[sheet.title] = gone
    return missing


def _row_problems(content: WorkbookContent, planned: list[Planned]) -> list[CellIssue]:
    issues = []
    for item in planned:
        for header, message in item.values.problems:
            sheet = item.sheet
            target = header if header in sheet.letters else _first_under(sheet, header)
            issues.append(_cell_issue(content, item, target, header, message, Severity.ERROR))
    return issues


def _first_under(sheet: SheetContent, prefix: str) -> str | None:
    return next((h for h in sheet.letters if h.startswith(f"{prefix}.")), None)


def _cell_issue(
    content: WorkbookContent,
    item: Planned,
    header: str | None,
    key_path: str,
    message: str,
    severity: Severity,
) -> CellIssue:
    sheet = item.sheet
    return CellIssue(
        content.display,
        sheet.title,
        sheet.cell(header, item.row.number),
        key_path,
        message,
        severity,
        (sheet.position, item.row.number, sheet.column_index(header)),
    )


# ------------------------------------------------------------------ the real validator


def _validate(
    content: WorkbookContent, root: Path, planned: list[Planned]
) -> list[CellIssue | Issue]:
    with tempfile.TemporaryDirectory(prefix="offre-classeur-") as folder:
        copy = Path(folder) / root.name
        shutil.copytree(root, copy, symlinks=True)
        by_display: dict[str, Planned] = {}
        for item in planned:
            target = copy / item.relative
            if item.text is not None:
                # Never through a link leading out of the data (or of its copy).
                confined(root, root / item.relative)
                confined(copy, target)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(item.text, encoding="utf-8")
            by_display[display_path(target, copy)] = item
        _, report = load_catalog(copy)
        mapper = _IssueMapper(content, root, copy, by_display)
        return [m for m in (mapper.map(i) for i in report.sorted_issues()) if m is not None]


class _IssueMapper:
    def __init__(
        self, content: WorkbookContent, root: Path, copy: Path, by_display: dict[str, Planned]
    ) -> None:
        self.content = content
        self.root = root
        self.copy = copy
        self.by_display = by_display
        self.id_cells = {
            display: f"{_sheet_ref(p.sheet.title)}!{p.sheet.cell('id', p.row.number)}"
            for display, p in by_display.items()
        }

    def map(self, issue: Issue) -> CellIssue | Issue | None:
        item = self.by_display.get(issue.path)
        message = self._rewrite(issue.message)
        if item is None:
            return Issue(
                self._real(issue.path),
                issue.line,
                issue.col,
                issue.key_path,
                message,
                issue.severity,
            )
        key_path = _parse_key_path(issue.key_path)
        if (
            item.synthetic
            and issue.severity is Severity.WARNING
            and key_path[:1] in (("id",), ("porteur",))
        ):
            return None  # about the made-up file name, not about the row
        header = locate(
            item.sheet.nodes, key_path, item.values, item.sheet.letters, item.kind.key_names
        )
        if header is not None:
            message = _ADD_LINE.sub(f"remplissez la colonne « {header} »", message)
        message = message.replace("supprimez la clé", "videz la cellule")
        return _cell_issue(self.content, item, header, issue.key_path, message, issue.severity)

    def _rewrite(self, message: str) -> str:
        """References to other files of the copy: to their row, or to the real file.
        One pass over the message's path-like words (not one per row: with thousands of
        rows and of messages, that was quadratic)."""
        if ".yaml" not in message:
            return message

        def replace(match: re.Match[str]) -> str:
            cell = self.id_cells.get(match.group(1))
            return match.group(0) if cell is None else cell

        return _YAML_PATH.sub(replace, message)

    def _real(self, display: str) -> str:
        candidates = [Path(display), Path.cwd() / display, self.copy / display]
        for candidate in candidates:
            try:
                relative = candidate.resolve().relative_to(self.copy.resolve())
            except ValueError:
                continue
            return display_path(self.root / relative, self.root)
        return display


def _sheet_ref(title: str) -> str:
    return f"'{title}'" if " " in title else title


def _parse_key_path(text: str) -> tuple[str | int, ...]:
    parts: list[str | int] = []
    for name, index in _KEY_PART.findall(text):
        parts.append(int(index) if index else name)
    return tuple(parts)


# ------------------------------------------------------------------ writing


def _check_written_values(planned: list[Planned]) -> None:
    """What a new text says must be what the row says: a guard against writing bugs."""
    for item in planned:
        if item.text is None:
            continue
        doc, issues = parse_yaml_bytes(item.text.encode("utf-8"), item.relative, str(item.relative))
        model = item.kind.model
        if doc is None or issues:
            raise RuntimeError(f"texte YAML produit illisible pour {item.relative}: {issues}")
        written = _validated(model, doc.data)
        intended = _validated(model, _complete(item))
        if written != intended:
            raise RuntimeError(f"valeurs écrites ≠ valeurs du classeur pour {item.relative}")


def _complete(item: Planned) -> dict[str, Any]:
    raw = dict(item.values.raw)
    return {k: v for k, v in raw.items() if v is not EMPTY}


def _validated(model: type[BaseModel], data: Any) -> dict[str, Any] | None:
    try:
        return model.model_validate(data).model_dump()
    except ValidationError:
        return None


def _write(root: Path, planned: list[Planned]) -> list[Path]:
    """Write every changed file, all or nothing, inside the data folder (`apply_changes`)."""
    jobs = [(root / p.relative, p) for p in planned if p.text is not None]
    for target, item in jobs:
        if item.record is not None and target.read_bytes() != item.record.text:
            raise UserError(
                f"{display_path(target, root)} a changé pendant l'import : relancez l'import."
            )
        if item.record is None and target.exists():
            raise UserError(f"{display_path(target, root)} existe déjà : relancez l'import.")
    apply_changes(root, [FileChange(target, item.text or "") for target, item in jobs])
    return [target for target, _ in jobs]


# ------------------------------------------------------------------ the summary


def summary_lines(result: ImportResult, *, dry_run: bool) -> list[str]:
    lines: list[str] = []
    sheets: dict[str, list[Planned]] = {}
    for item in result.planned:
        sheets.setdefault(item.sheet.title, []).append(item)
    for title, items in sheets.items():
        created = [p for p in items if p.status == CREATED]
        modified = [p for p in items if p.status == MODIFIED]
        unchanged = [p for p in items if p.status == UNCHANGED]
        parts = [
            _count(len(created), "créé", "créés") + _names(p.ident or "?" for p in created),
            _count(len(modified), "modifié", "modifiés")
            + _names(f"{p.ident} : {', '.join(p.changed)}" for p in modified),
            _count(len(unchanged), "inchangé", "inchangés"),
        ]
        lines.append(f"{title} : " + " ; ".join(parts) + ".")
        gone = result.missing.get(title, [])
        if gone:
            lines.append(
                f"  absents du classeur, fichiers conservés (rien n'est supprimé) : "
                f"{', '.join(r.ident for r in gone)}."
            )
    for title in result.missing:
        if title not in sheets:
            lines.append(
                f"{title} : aucune ligne ; absents du classeur, fichiers conservés : "
                f"{', '.join(r.ident for r in result.missing[title])}."
            )
    if dry_run:
        lines.append("Essai (--essai) : aucun fichier écrit.")
    else:
        lines.append(_count(len(result.written), "fichier écrit", "fichiers écrits") + ".")
    return lines


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def _names(names: Iterable[str]) -> str:
    listed = list(names)
    return f" ({' ; '.join(listed)})" if listed else ""
