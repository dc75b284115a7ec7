"""What a directory import was asked to do, and what it counted along the way."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path


@dataclass(frozen=True)
class Options:
    json_file: Path
    root: Path
    mapping_file: Path | None = None
    departements: tuple[str, ...] | None = None
    dry_run: bool = False
    remove_vanished: bool = False
    ignore_invalid: bool = False
    consulte_le: date | None = None


@dataclass
class Counts:
    read: int = 0
    kept: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    unmapped_types: Counter[str] = field(default_factory=Counter)
    """Directory types met in the chosen départements that no rule relates to a provider."""
    by_provider: Counter[str] = field(default_factory=Counter)
    hours_osm: int = 0
    hours_text: int = 0
