"""What an import was asked to do, and what it counted along the way."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path


@dataclass(frozen=True)
class Options:
    structures: Path
    services: Path
    root: Path
    mapping_file: Path | None = None
    departements: tuple[str, ...] | None = None
    dry_run: bool = False
    remove_vanished: bool = False
    ignore_invalid: bool = False
    consulte_le: date | None = None


@dataclass
class Counts:
    structures_read: int = 0
    services_read: int = 0
    services_of_places: int = 0
    services_mapped: int = 0
    invalid_elsewhere: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    unmapped_networks: Counter[str] = field(default_factory=Counter)
    schemes: Counter[str] = field(default_factory=Counter)
