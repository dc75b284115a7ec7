"""The records of a dataset as files: where each one is, its text, its value.

Read with the project's own YAML reader (`read_yaml`) and checked with the models, so
the workbook compares exactly the values the validator sees.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from ...errors import display_path
from ...yamlsource import read_yaml
from .kinds import KindSheet


@dataclass(frozen=True)
class Record:
    kind: str
    path: Path
    text: bytes
    data: dict[str, Any]  # as the reader parsed it
    item: BaseModel | None  # None when the file fails its own checks

    @property
    def ident(self) -> str:
        value = self.data.get("id")
        return value if isinstance(value, str) else self.path.stem


def read_records(root: Path, kind: KindSheet) -> list[Record]:
    """Every file of one kind, sorted by path (the order rows are written in)."""
    folder = root / kind.folder
    if not folder.is_dir():
        return []
    records = []
    for path in sorted(folder.rglob("*.yaml")):
        if path.name.startswith(".") or not path.is_file():
            continue
        doc, _ = read_yaml(path, display_path(path, root))
        if doc is None or not isinstance(doc.data, dict):
            continue
        try:
            item: BaseModel | None = kind.model.model_validate(doc.data)
        except ValidationError:
            item = None
        records.append(Record(kind.kind, path, path.read_bytes(), doc.data, item))
    return records
