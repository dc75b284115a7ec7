"""The records of a dataset as files: where each one is, its text, its value.

Read with the project's own YAML reader (`read_yaml`) and checked with the models, so
the workbook compares exactly the values the validator sees.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from ...data.errors import Issue, display_path
from ...data.yamlsource import read_yaml
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


def read_records(
    root: Path, kind: KindSheet, *, problems: list[Issue] | None = None
) -> list[Record]:
    """Every file of one kind, sorted by path (the order rows are written in).

    A file that cannot be read as a record goes to `problems` (when given): skipped
    silently, its row would pass for a new record, and the import would then overwrite it.
    """
    folder = root / kind.folder
    if not folder.is_dir():
        return []
    records = []
    for path in sorted(folder.rglob("*.yaml")):
        if path.name.startswith(".") or not path.is_file():
            continue
        doc, issues = read_yaml(path, display_path(path, root))
        if doc is None or not isinstance(doc.data, dict):
            if problems is not None:
                problems.extend(
                    issues
                    or [
                        Issue(
                            display_path(path, root),
                            1,
                            1,
                            "",
                            "le fichier doit être un bloc de clés (« clé: valeur ») ; "
                            "corrigez-le avant d'importer le classeur.",
                        )
                    ]
                )
            continue
        try:
            item: BaseModel | None = kind.model.model_validate(doc.data)
        except ValidationError:
            item = None
        records.append(Record(kind.kind, path, path.read_bytes(), doc.data, item))
    return records
