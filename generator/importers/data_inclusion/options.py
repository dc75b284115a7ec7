"""What an import was asked to do, and what it counted along the way."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..places.frame import ImportOptions


@dataclass(frozen=True, kw_only=True)
class Options(ImportOptions):
    structures: Path
    services: Path
    mapping_file: Path | None = None


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
