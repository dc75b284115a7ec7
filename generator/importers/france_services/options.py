"""What a France services import was asked to do, and what it counted along the way."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..places.frame import ImportOptions


@dataclass(frozen=True, kw_only=True)
class Options(ImportOptions):
    csv_file: Path
    list_date: date | None = None
    """Date of the list (by default, read from the file name `liste-fs-AAAAMMJJ.csv`)."""


@dataclass
class Counts:
    rows_read: int = 0
    kept: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    placeholder_spans: int = 0
    """`00:00 - 00:00` spans dropped: the list's way of saying nothing."""
    hours_osm: int = 0
    hours_text: int = 0
    hours_none: int = 0
