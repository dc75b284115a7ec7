"""Flat columns for nested records, and the conversions between cells and values.

The convention an editor sees in the header row:

- one column per field, named by its key: `titre`, `statut`;
- fields of a nested object joined with dots: `modalites_mobilisation.modes`,
  `contacts.regional.telephone`;
- a list of objects gets one numbered group of columns per item, next to each other:
  `sources.1.url`, `sources.1.titre`, `sources.2.url`… A mapping keyed by an id
  (`contacts.territoires`) is the same, with a column for the key:
  `contacts.territoires.1.territoire`, `contacts.territoires.1.telephone`…;
- a list of values is one cell, the values separated by ` | `.

Numbered groups keep a record on one row, so sorting or filtering a sheet never
separates a scheme from its sources, and a new record is one new row.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from .fields import Form, Node, Shape

LIST_SEPARATOR = " | "
_SPLIT = "|"
_TRUE = {"oui", "vrai", "true", "1", "o"}
_FALSE = {"non", "faux", "false", "0", "n"}
YES, NO = "oui", "non"


class _Empty:
    def __repr__(self) -> str:
        return "EMPTY"


EMPTY: Any = _Empty()  # no value: the key is absent from the record


@dataclass(frozen=True)
class Column:
    header: str
    node: Node  # the leaf this column holds (for a key column: the mapping node)
    top: str  # the record field this column belongs to
    # Steps from the record root: field names, and item numbers (1-based) for groups.
    steps: tuple[str | int, ...]
    is_key: bool = False
    key_name: str = ""

    @property
    def field_path(self) -> str:
        """Dotted path without item numbers: `sources.url`, `contacts.territoires.territoire`."""
        if self.is_key:
            return f"{self.node.path}.{self.key_name}"
        return self.node.path


def build_columns(
    nodes: Iterable[Node], slots: Mapping[str, int], key_names: Mapping[str, str]
) -> list[Column]:
    """Every column of a sheet; `slots` gives how many item groups each list field gets."""
    columns: list[Column] = []
    for node in nodes:
        columns.extend(_columns(node, node.name, (node.name,), node.name, slots, key_names))
    return columns


def _columns(
    node: Node,
    top: str,
    steps: tuple[str | int, ...],
    header: str,
    slots: Mapping[str, int],
    key_names: Mapping[str, str],
) -> list[Column]:
    if node.form is Form.LEAF:
        return [Column(header, node, top, steps)]
    if node.form is Form.OBJECT:
        out: list[Column] = []
        for child in node.children:
            out.extend(
                _columns(
                    child, top, (*steps, child.name), f"{header}.{child.name}", slots, key_names
                )
            )
        return out
    out = []
    key_name = key_names.get(node.path, "cle")
    for number in range(1, slots.get(node.path, 1) + 1):
        group = f"{header}.{number}"
        if node.form is Form.KEYED:
            out.append(Column(f"{group}.{key_name}", node, top, (*steps, number), True, key_name))
        for child in node.children:
            out.extend(
                _columns(
                    child,
                    top,
                    (*steps, number, child.name),
                    f"{group}.{child.name}",
                    slots,
                    key_names,
                )
            )
    return out


def count_slots(nodes: Iterable[Node], records: Iterable[Mapping[str, Any]]) -> dict[str, int]:
    """Largest number of items each list-of-objects field has in `records`."""
    counts: dict[str, int] = {}
    group_nodes = [n for n in _walk(nodes) if n.form in (Form.ITEMS, Form.KEYED)]
    for record in records:
        for node in group_nodes:
            for value in _values_at(record, node.path.split(".")):
                if isinstance(value, list | dict):
                    counts[node.path] = max(counts.get(node.path, 0), len(value))
    return counts


def _walk(nodes: Iterable[Node]) -> Iterable[Node]:
    for node in nodes:
        yield node
        yield from _walk(node.children)


def _values_at(value: Any, names: list[str]) -> Iterable[Any]:
    if not names:
        yield value
        return
    if isinstance(value, list):
        for item in value:
            yield from _values_at(item, names)
    elif isinstance(value, dict):
        if names[0] in value:
            yield from _values_at(value[names[0]], names[1:])
        elif all(isinstance(v, dict) for v in value.values()):  # a keyed mapping
            for item in value.values():
                yield from _values_at(item, names)


# ------------------------------------------------------------------ record → cells


def cell_values(record: Mapping[str, Any], columns: Iterable[Column]) -> list[Any]:
    """One row: the value of each column, from a record as `model_dump()` gives it."""
    return [_to_cell(_value_at(record, column), column) for column in columns]


def _value_at(record: Mapping[str, Any], column: Column) -> Any:
    value: Any = record
    for step in column.steps:
        if isinstance(step, int):
            if isinstance(value, dict):
                keys = list(value)
                if step > len(keys):
                    return None
                key = keys[step - 1]
                value = key if column.is_key and step == column.steps[-1] else value[key]
            elif isinstance(value, list):
                if step > len(value):
                    return None
                value = value[step - 1]
            else:
                return None
        else:
            if not isinstance(value, dict) or step not in value:
                return None
            value = value[step]
    return value


def _to_cell(value: Any, column: Column) -> Any:
    if value is None:
        return None
    node = column.node
    if column.is_key:
        return str(value)
    if node.is_list:
        items = [_scalar_to_text(v) for v in value]
        return LIST_SEPARATOR.join(items) if items else None
    if node.shape is Shape.BOOL:
        return YES if value else NO
    return value


def _scalar_to_text(value: Any) -> str:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return YES if value else NO
    return str(value)


MAX_CELL_TEXT = 32_767  # the most characters a spreadsheet cell holds


def cell_problem(record: Mapping[str, Any], columns: Iterable[Column]) -> str | None:
    """A value that a cell could not give back unchanged."""
    for column, cell in zip(columns, cell_values(record, columns), strict=True):
        if isinstance(cell, str) and len(cell) > MAX_CELL_TEXT:
            return (
                f"{column.header} : texte de {len(cell)} caractères (une cellule en contient "
                f"au plus {MAX_CELL_TEXT})"
            )
        if not column.node.is_list or column.is_key:
            continue
        for item in _value_at(record, column) or []:
            if isinstance(item, str) and _SPLIT in item:
                return f"{column.header} : « {item} » contient « | », le séparateur des listes"
    return None


# ------------------------------------------------------------------ cells → record


@dataclass
class RowValues:
    """A row turned back into the raw value the model validates, and where items went."""

    raw: dict[str, Any]
    # For each group field (dotted path of the list with its own item numbers, e.g.
    # `sources`), the item number of each list index after empty groups are skipped.
    items: dict[str, list[int]] = field(default_factory=dict)
    # For each keyed field, the item number of each key.
    keys: dict[str, dict[str, int]] = field(default_factory=dict)
    problems: list[tuple[str, str]] = field(default_factory=list)  # (header, message)


def row_values(
    nodes: Iterable[Node], columns: Iterable[Column], cells: Mapping[str, Any]
) -> RowValues:
    """Rebuild the nested value from the cells of the present columns (header → cell)."""
    tree: dict[Any, Any] = {}
    for column in columns:
        if column.header not in cells:
            continue
        value = from_cell(cells[column.header], column)
        if value is EMPTY:
            continue
        node: dict[Any, Any] = tree
        for step in column.steps[:-1]:
            node = node.setdefault(step, {})
        last = column.steps[-1]
        if column.is_key:
            node.setdefault(last, {})[_KEY] = (value, column.header)
        else:
            node[last] = value
    result = RowValues({})
    for top in nodes:
        value = _assemble(top, tree.get(top.name, {}), top.name, result)
        if value is not EMPTY:
            result.raw[top.name] = value
    return result


class _KeyMarker:
    pass


_KEY = _KeyMarker()


def _assemble(node: Node, subtree: Any, where: str, result: RowValues) -> Any:
    if node.form is Form.LEAF:
        return subtree if not isinstance(subtree, dict) or subtree else EMPTY
    if node.form is Form.OBJECT:
        obj = _assemble_object(node, subtree, where, result)
        if obj is EMPTY and node.required:
            # A required block whose keys are all optional: `modalites_mobilisation: {}`.
            return {}
        return obj
    numbers = sorted(k for k in subtree if isinstance(k, int))
    if node.form is Form.ITEMS:
        items: list[Any] = []
        kept: list[int] = []
        for number in numbers:
            obj = _assemble_object(node, subtree[number], f"{where}.{number}", result)
            if obj is not EMPTY:
                items.append(obj)
                kept.append(number)
        result.items[where] = kept
        return items if items else EMPTY
    mapping: dict[str, Any] = {}
    keys: dict[str, int] = {}
    for number in numbers:
        group = dict(subtree[number])
        key_info = group.pop(_KEY, None)
        obj = _assemble_object(node, group, f"{where}.{number}", result)
        if key_info is None:
            if obj is not EMPTY:
                result.problems.append(
                    (
                        f"{where}.{number}",
                        "identifiant manquant pour ce groupe de colonnes : remplissez sa "
                        "première colonne, ou videz les autres.",
                    )
                )
            continue
        key, header = key_info
        key = str(key)
        if key in mapping:
            result.problems.append(
                (header, f"« {key} » figure déjà dans le groupe {keys[key]} : fusionnez les deux.")
            )
            continue
        mapping[key] = obj if obj is not EMPTY else {}
        keys[key] = number
    result.keys[where] = keys
    return mapping if mapping else EMPTY


def _assemble_object(node: Node, subtree: Any, where: str, result: RowValues) -> Any:
    if not isinstance(subtree, dict):
        return EMPTY
    obj: dict[str, Any] = {}
    for child in node.children:
        if child.name in subtree:
            value = _assemble(child, subtree[child.name], f"{where}.{child.name}", result)
            if value is not EMPTY:
                obj[child.name] = value
    if not obj:
        return EMPTY
    for child in node.children:
        if child.name not in obj and child.form is Form.OBJECT and child.required:
            obj[child.name] = {}
    return {c.name: obj[c.name] for c in node.children if c.name in obj}


def from_cell(cell: Any, column: Column) -> Any:
    """The raw value a cell stands for; the model then checks it and says what is wrong."""
    if cell is None or (isinstance(cell, str) and not cell.strip()):
        return EMPTY
    node = column.node
    if column.is_key:
        return _text(cell)
    if node.is_list:
        text = _text(cell)
        items = [part.strip() for part in text.split(_SPLIT)]
        values = [_scalar(part, node.shape) for part in items if part]
        return values if values else EMPTY
    if isinstance(cell, str):
        return _scalar(cell.replace("\r\n", "\n").strip(), node.shape)
    return _typed(cell, node.shape)


def _text(cell: Any) -> str:
    if isinstance(cell, str):
        return cell.replace("\r\n", "\n").strip()
    if isinstance(cell, bool):
        return YES if cell else NO
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, datetime):
        return cell.date().isoformat() if cell.time() == time() else cell.isoformat()
    if isinstance(cell, date):
        return cell.isoformat()
    return str(cell)


def _scalar(text: str, shape: Shape) -> Any:
    if shape is Shape.BOOL:
        lowered = text.lower()
        if lowered in _TRUE:
            return True
        if lowered in _FALSE:
            return False
    return text


def _typed(cell: Any, shape: Shape) -> Any:
    """A cell the spreadsheet stored as a number, a date or a boolean."""
    if shape is Shape.DATE:
        return cell.date() if isinstance(cell, datetime) else cell
    if shape is Shape.PARTIAL_DATE:
        if isinstance(cell, datetime | date):
            return _text(cell)
        if isinstance(cell, float) and cell.is_integer():
            return int(cell)
        return cell
    if shape is Shape.BOOL:
        if isinstance(cell, bool):
            return cell
        if isinstance(cell, int | float) and cell in (0, 1):
            return bool(cell)
        return _text(cell)
    if shape is Shape.NUMBER:
        return cell
    return _text(cell)


# ------------------------------------------------------------------ problem → column


def locate(
    nodes: Iterable[Node],
    key_path: tuple[str | int, ...],
    row: RowValues,
    headers: Iterable[str],
    key_names: Mapping[str, str],
) -> str | None:
    """The column of the sheet where a problem at `key_path` should be shown."""
    present = list(headers)
    prefix = _header_prefix(tuple(nodes), key_path, row, key_names)
    if prefix is None:
        return None
    if prefix in present:
        return prefix
    under = [h for h in present if h.startswith(f"{prefix}.")]
    if under:
        return under[0]
    # The item or key does not exist: fall back to the nearest existing parent.
    while "." in prefix:
        prefix = prefix.rsplit(".", 1)[0]
        if prefix in present:
            return prefix
        under = [h for h in present if h.startswith(f"{prefix}.")]
        if under:
            return under[0]
    return None


def _header_prefix(
    nodes: tuple[Node, ...],
    key_path: tuple[str | int, ...],
    row: RowValues,
    key_names: Mapping[str, str],
) -> str | None:
    header = ""
    current: tuple[Node, ...] = nodes
    parts = list(key_path)
    while parts:
        part = parts.pop(0)
        node = next((n for n in current if n.name == part), None)
        if node is None:
            return header or None
        header = f"{header}.{node.name}" if header else node.name
        if node.form is Form.LEAF:
            return header  # a list item index points at the list's cell
        if node.form is Form.OBJECT:
            current = node.children
            continue
        if not parts:
            return header
        index = parts.pop(0)
        if node.form is Form.ITEMS:
            numbers = row.items.get(header, [])
            if not isinstance(index, int):
                return header
            number = numbers[index] if 0 <= index < len(numbers) else index + 1
        else:
            keys = row.keys.get(header, {})
            number = keys.get(str(index), 1)
            if not parts:
                # A problem with the key itself (unknown territory): its own column.
                return f"{header}.{number}.{key_names.get(node.path, 'cle')}"
        header = f"{header}.{number}"
        current = node.children
    return header or None
