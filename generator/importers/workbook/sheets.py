"""What one sheet of an exported workbook holds: shared by the export and the "Lisez-moi"."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .columns import Column
from .kinds import KindSheet
from .records import Record


@dataclass
class SheetPlan:
    kind: KindSheet
    title: str
    records: list[Record]
    columns: list[Column]
    read_only: bool = False
    # Columns (top-level fields) a coordinator may change; None: all of them.
    editable_fields: Sequence[str] | None = None
