"""What a directory import was asked to do, and what it counted along the way."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..places.frame import ImportOptions


@dataclass(frozen=True, kw_only=True)
class Options(ImportOptions):
    json_file: Path
    mapping_file: Path | None = None


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
