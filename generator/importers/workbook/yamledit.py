"""Change only what changed in a YAML file, keeping its comments, key order and style.

ruamel.yaml's round-trip mode keeps comments, key order, flow or block lists, quoting
and block scalars of everything it does not touch. A field is rewritten only when its
value, as the model reads it, differs: `date_debut: 2017` and a cell "2017" are the
same value, so the line stays as it is.

The project reads YAML with PyYAML (YAML 1.1), where `no` is a boolean and `01004` a
number, while ruamel.yaml writes YAML 1.2: every new string that YAML 1.1 would read as
something else is double-quoted, as the data's codes already are.
"""

from __future__ import annotations

import io
import re
from datetime import date
from functools import cache
from typing import Annotated, Any

import yaml as pyyaml
from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic_core import PydanticUndefined
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    FoldedScalarString,
    LiteralScalarString,
    SingleQuotedScalarString,
)

from ...data.fields import ALL_TERRITORIES
from .columns import EMPTY
from .fields import Form, Node, Shape, field_default, model_nodes

# (sequence indent, dash offset) of the data's two list styles: "  - item" and "- item".
_INDENTS = ((4, 2), (2, 0))
_FOLD_WIDTH = 86
_YEAR = re.compile(r"^\d{4}$")
_FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_STR_TAG = "tag:yaml.org,2002:str"
_RESOLVER = pyyaml.resolver.Resolver()


def _yaml11_type(value: str) -> str:
    tag: str = _RESOLVER.resolve(pyyaml.ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
    return tag


class Document:
    """A YAML file loaded for editing, dumped back with the style it was written in."""

    def __init__(self, text: str | None) -> None:
        self.original = text
        self.yaml, self.data = _load(text)

    def dump(self) -> str:
        stream = io.StringIO()
        self.yaml.dump(self.data, stream)
        return stream.getvalue()


def _yaml(sequence: int, offset: int) -> YAML:
    handler = YAML(typ="rt")
    handler.preserve_quotes = True
    handler.width = 4096  # never re-wrap a long line that was written on one line
    handler.indent(mapping=2, sequence=sequence, offset=offset)
    return handler


def _load(text: str | None) -> tuple[YAML, CommentedMap]:
    if text is None:
        return _yaml(*_INDENTS[0]), CommentedMap()
    for sequence, offset in _INDENTS:
        handler = _yaml(sequence, offset)
        data = handler.load(text)
        stream = io.StringIO()
        handler.dump(data, stream)
        if stream.getvalue() == text:
            return handler, data
    handler = _yaml(*_INDENTS[0])
    return handler, handler.load(text)


# ------------------------------------------------------------------ merging


def merge(
    target: CommentedMap,
    old: dict[str, Any],
    new: dict[str, Any],
    model: type[BaseModel],
    nodes: tuple[Node, ...] | None = None,
) -> list[str]:
    """Apply to `target` the fields of `new` whose value differs from `old`; return them."""
    nodes = nodes if nodes is not None else model_nodes(model)
    order = list(model.model_fields)
    changed: list[str] = []
    for node in nodes:
        name = node.name
        before, after = old.get(name, EMPTY), new.get(name, EMPTY)
        if same_value(model, name, before, after):
            continue
        changed.append(name)
        if after is EMPTY:
            if name in target:
                del target[name]
            continue
        current = target.get(name)
        if _merge_inside(current, before, after, node):
            continue
        value = yaml_value(after, current, node)
        if name in target:
            target[name] = value
        else:
            _insert(target, name, value, order)
    return changed


def _merge_inside(current: Any, before: Any, after: Any, node: Node) -> bool:
    """Edit a block in place (one key of `contacts.regional`, one source) when possible."""
    both_blocks = isinstance(before, dict) and isinstance(after, dict)
    if node.form is Form.OBJECT and isinstance(current, CommentedMap) and both_blocks:
        sub = _submodel(node)
        if sub is not None:
            merge(current, before, after, sub, node.children)
            return True
    if node.form is Form.ITEMS and isinstance(current, CommentedSeq):
        same_shape = (
            isinstance(before, list)
            and isinstance(after, list)
            and len(before) == len(after) == len(current)
            and all(isinstance(i, CommentedMap) for i in current)
            and all(isinstance(i, dict) for i in [*before, *after])
        )
        sub = _submodel(node)
        if same_shape and sub is not None:
            for item, old_item, new_item in zip(current, before, after, strict=True):
                merge(item, old_item, new_item, sub, node.children)
            return True
    if node.form is Form.KEYED and isinstance(current, CommentedMap) and both_blocks:
        sub = _submodel(node)
        if sub is None:
            return False
        for key in [k for k in current if k not in after]:
            del current[key]
        for key, value in after.items():
            if key in current and isinstance(current[key], CommentedMap):
                old_value = before.get(key)
                old_block = old_value if isinstance(old_value, dict) else {}
                merge(current[key], old_block, value, sub, node.children)
            else:
                current[key] = yaml_value(value, None, node, keyed=True)
        return True
    return False


def _submodel(node: Node) -> type[BaseModel] | None:
    return node.model


def _insert(target: CommentedMap, name: str, value: Any, order: list[str]) -> None:
    """Insert a new key after the nearest key that precedes it in the model's order."""
    rank = {key: index for index, key in enumerate(order)}
    position = 0
    for index, key in enumerate(target):
        if rank.get(key, len(order)) < rank[name]:
            position = index + 1
    target.insert(position, name, value)


# ------------------------------------------------------------------ comparing


@cache
def _adapter(model: type[BaseModel], name: str) -> TypeAdapter[Any]:
    info = model.model_fields[name]
    annotation: Any = info.annotation
    if info.metadata:
        annotation = Annotated[(annotation, *info.metadata)]
    return TypeAdapter(annotation)


# Building a default is slow (pydantic inspects the factory); it is only compared here.
_default = cache(field_default)


def same_value(model: type[BaseModel], name: str, before: Any, after: Any) -> bool:
    """Do two raw values of a field mean the same once the model has read them?"""
    default = _default(model, name)
    if before is EMPTY:
        before = default
    if after is EMPTY:
        after = default
    if before is PydanticUndefined or after is PydanticUndefined:
        return before is after
    adapter = _adapter(model, name)
    try:
        left = adapter.dump_python(adapter.validate_python(before, strict=True))
        right = adapter.dump_python(adapter.validate_python(after, strict=True))
    except ValidationError:
        return bool(before == after)
    return bool(left == right)


# ------------------------------------------------------------------ writing values


def yaml_value(value: Any, old: Any, node: Node | None, *, keyed: bool = False) -> Any:
    """A raw value as ruamel.yaml should write it, in the style of the value it replaces."""
    if isinstance(value, dict):
        mapping = CommentedMap()
        children = (
            node.children if node is not None and (keyed or node.form is not Form.KEYED) else ()
        )
        for key, item in value.items():
            child = next((c for c in children if c.name == key), None)
            if node is not None and node.form is Form.KEYED and not keyed:
                mapping[key] = yaml_value(item, None, node, keyed=True)
            else:
                mapping[key] = yaml_value(item, None, child)
        return mapping
    if isinstance(value, list):
        if node is not None and node.path == "territoires" and value == [ALL_TERRITORIES]:
            return ALL_TERRITORIES  # `territoires: tous`, as editors write it
        olds = list(old) if isinstance(old, list) else []
        seq = CommentedSeq(
            yaml_value(v, olds[i] if i < len(olds) else None, node) for i, v in enumerate(value)
        )
        flow = old.fa.flow_style() if isinstance(old, CommentedSeq) else _fits_on_one_line(value)
        if flow:
            seq.fa.set_flow_style()
        else:
            seq.fa.set_block_style()
        return seq
    if isinstance(value, str):
        return _yaml_string(value, old, node)
    return value


def _fits_on_one_line(values: list[Any]) -> bool:
    texts = [str(v) for v in values]
    return all(not isinstance(v, dict | list) for v in values) and (
        not texts or (max(len(t) for t in texts) <= 40 and sum(len(t) + 2 for t in texts) <= 80)
    )


def _yaml_string(value: str, old: Any, node: Node | None) -> Any:
    if node is not None and node.shape is Shape.PARTIAL_DATE:
        if _YEAR.match(value):
            return int(value)  # `date_debut: 2017`, as the data writes a year
        if _FULL_DATE.match(value):
            try:
                return date.fromisoformat(value)
            except ValueError:
                return DoubleQuotedScalarString(value)
    if "\n" in value or isinstance(old, LiteralScalarString):
        keep_newline = not isinstance(old, str) or old.endswith("\n")
        return LiteralScalarString(value + ("\n" if keep_newline else ""))
    if isinstance(old, FoldedScalarString):
        folded = FoldedScalarString(value + ("\n" if old.endswith("\n") else ""))
        folded.fold_pos = _fold_positions(value)
        return folded
    if isinstance(old, DoubleQuotedScalarString):
        return DoubleQuotedScalarString(value)
    if isinstance(old, SingleQuotedScalarString):
        return SingleQuotedScalarString(value)
    if _yaml11_type(value) != _STR_TAG or not value:
        return DoubleQuotedScalarString(value)
    return value


def _fold_positions(text: str) -> list[int]:
    """Spaces where a folded (`>-`) text breaks its lines, as an editor would wrap it."""
    positions: list[int] = []
    line_start = 0
    last_space = -1
    for index, char in enumerate(text):
        if char == " " and index + 1 < len(text) and text[index + 1] != " ":
            if index - line_start > _FOLD_WIDTH and last_space > line_start:
                positions.append(last_space)
                line_start = last_space + 1
            last_space = index
    if len(text) - line_start > _FOLD_WIDTH and last_space > line_start:
        positions.append(last_space)
    return positions


def new_document(raw: dict[str, Any], model: type[BaseModel]) -> Document:
    """A new record's file: its keys in the model's order, in the data's house style."""
    document = Document(None)
    for node in model_nodes(model):
        if node.name in raw and raw[node.name] is not EMPTY:
            document.data[node.name] = yaml_value(raw[node.name], None, node)
    return document
