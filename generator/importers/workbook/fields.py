"""The shape of a record model, read from its pydantic annotations.

The workbook is built from the models, never from a hand-kept list of fields: a field
added to `generator.data.model` (or a new record kind) gets its column, help text and
drop-down without any change here. Each field becomes a `Node`: a leaf (one cell), an
object (its fields become dotted columns), a list of objects or a mapping of objects
keyed by an identifier (numbered groups of columns, see `columns.py`).
"""

from __future__ import annotations

import enum
import types
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, BeforeValidator
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from ...data import fields as data_fields


class Shape(enum.Enum):
    """What one value of a leaf is, which decides its cell type and conversions."""

    TEXT = "texte"
    DATE = "date"
    PARTIAL_DATE = "date partielle"
    BOOL = "oui/non"
    NUMBER = "nombre"
    CHOICE = "choix"


class Form(enum.Enum):
    LEAF = "leaf"
    OBJECT = "object"
    ITEMS = "items"  # list of objects: numbered column groups
    KEYED = "keyed"  # mapping id → object: numbered column groups with a key column


@dataclass(frozen=True)
class Node:
    name: str
    path: str  # dotted field names from the record's root, without item numbers
    form: Form
    description: str
    required: bool
    shape: Shape = Shape.TEXT
    is_list: bool = False
    choices: tuple[str, ...] = ()
    min_items: int = 0
    children: tuple[Node, ...] = ()
    model: type[BaseModel] | None = None  # the model of an object, or of each item
    default: Any = None  # what an empty cell of an optional single value stands for

    def child(self, name: str) -> Node | None:
        return next((c for c in self.children if c.name == name), None)


# DatePartielle is `str` with a date-parsing validator: recognised by that validator.
_PARTIAL_DATE_MARKERS = [
    m for m in get_args(data_fields.DatePartielle)[1:] if isinstance(m, BeforeValidator)
]


def model_nodes(model: type[BaseModel], prefix: str = "") -> tuple[Node, ...]:
    return tuple(_node(name, info, f"{prefix}{name}") for name, info in model.model_fields.items())


def _node(name: str, info: FieldInfo, path: str) -> Node:
    annotation, metadata = _unwrap(info.annotation)
    metadata = [*info.metadata, *metadata]
    required = info.is_required()
    description = info.description or ""
    min_items = next((int(m.min_length) for m in metadata if hasattr(m, "min_length")), 0)
    origin = get_origin(annotation)
    if origin is list:
        item, item_metadata = _unwrap(get_args(annotation)[0])
        if _is_model(item):
            return Node(
                name,
                path,
                Form.ITEMS,
                description,
                required,
                min_items=min_items,
                children=model_nodes(item, f"{path}."),
                model=item,
            )
        shape, choices = _shape(item, [*metadata, *item_metadata])
        return Node(
            name,
            path,
            Form.LEAF,
            description,
            required,
            shape=shape,
            is_list=True,
            choices=choices,
            min_items=min_items,
        )
    if origin is dict:
        _, value = get_args(annotation)
        value, _ = _unwrap(value)
        if not _is_model(value):
            raise NotImplementedError(f"champ {path} : dictionnaire de valeurs simples")
        return Node(
            name,
            path,
            Form.KEYED,
            description,
            required,
            children=model_nodes(value, f"{path}."),
            model=value,
        )
    if _is_model(annotation):
        return Node(
            name,
            path,
            Form.OBJECT,
            description,
            required,
            children=model_nodes(annotation, f"{path}."),
            model=annotation,
        )
    shape, choices = _shape(annotation, metadata)
    default = None if required or info.default_factory is not None else info.default
    return Node(
        name, path, Form.LEAF, description, required, shape=shape, choices=choices, default=default
    )


def _shape(annotation: Any, metadata: list[Any]) -> tuple[Shape, tuple[str, ...]]:
    if get_origin(annotation) is Literal:
        return Shape.CHOICE, tuple(str(a) for a in get_args(annotation))
    if get_origin(annotation) in (list, dict):
        raise NotImplementedError("liste de listes")
    if annotation is bool:
        return Shape.BOOL, ()
    if annotation is date:
        return Shape.DATE, ()
    if annotation in (int, float):
        return Shape.NUMBER, ()
    if any(marker in metadata for marker in _PARTIAL_DATE_MARKERS):
        return Shape.PARTIAL_DATE, ()
    return Shape.TEXT, ()


def _unwrap(annotation: Any) -> tuple[Any, list[Any]]:
    """Strip `Annotated[...]` and `X | None`, keeping the metadata (validators)."""
    metadata: list[Any] = []
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation, *extra = get_args(annotation)
            metadata.extend(extra)
            continue
        if origin in (Union, types.UnionType):
            options = [a for a in get_args(annotation) if a is not type(None)]
            if len(options) == 1:
                annotation = options[0]
                continue
        return annotation, metadata


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def field_default(model: type[BaseModel], name: str) -> Any:
    """The value a missing key stands for, or PydanticUndefined for a required field."""
    info = model.model_fields[name]
    if info.is_required():
        return PydanticUndefined
    return info.get_default(call_default_factory=True)
