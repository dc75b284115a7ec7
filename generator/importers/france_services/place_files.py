"""Which place files are an import's, the id of each place, and what a run changes.

The data·inclusion importer's `plan.scan` lists every place file (imported or written by
hand); here the files of one source (`origine.source`) are picked out and checked with
that import's own header (its `Codec`: the ANCT list's `record` module, or the
directory's), then `plan.build_plan` compares them with the new records and its `writer`
applies the result. Ids are stable: a place keeps the id of its file. A new place is
named after the site (`france-services-de-cholet`); when that id is taken, its source id
is appended.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Protocol

import yaml

from ...data.fields import MAX_ID_LENGTH
from ...rules.urls import slugify
from ..data_inclusion import place as di_place
from ..places import plan
from . import record


class Codec(Protocol):
    """How one import recognises and writes its files."""

    def imported_identifier(self, data: Any) -> str | None: ...

    def is_intact(self, text: str, data: Any) -> bool: ...

    def render(self, record: dict[str, Any]) -> str: ...


try:  # parsing existing files only; the result is the same with either loader
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader


def scan(root: Path, codec: Codec = record.ANCT_LIST) -> plan.Existing:
    """Our files, by `id_fs`; `taken` holds the ids of every place file."""
    everything = plan.scan(root)
    mine = plan.Existing(taken=set(everything.taken))
    folder = root / plan.PLACES_DIR
    for found in everything.files:
        try:
            text = found.path.read_text(encoding="utf-8")
            data: Any = yaml.load(text, Loader=_Loader)
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            continue
        identifier = codec.imported_identifier(data)
        if identifier is None:
            continue
        expected = folder / str(data.get("porteur")) / f"{found.place_id}.yaml"
        intact = found.path == expected and codec.is_intact(text, data)
        content = di_place.content_key(data) if intact else None
        mine.files.append(
            plan.ExistingFile(found.path, found.place_id, identifier, intact, content)
        )
    for found in mine.files:
        known = mine.by_identifier.get(found.identifier or "")
        # Two files claiming one row (a copy): the intact one is the import's.
        if known is None or (found.intact and not known.intact):
            mine.by_identifier[found.identifier or ""] = found
    return mine


def assign_ids(names: dict[str, str], existing: plan.Existing) -> dict[str, str]:
    """`id_fs` → place id, keeping every id already given; `names`: `id_fs` → site name."""
    ids: dict[str, str] = {}
    fresh: list[str] = []
    for source_id in sorted(names, key=_natural):
        known = existing.by_identifier.get(source_id)
        if known is not None:
            ids[source_id] = known.place_id
        else:
            fresh.append(source_id)
    taken = set(existing.taken) | set(ids.values())
    for source_id in fresh:
        base = slugify(names[source_id])[:MAX_ID_LENGTH].strip("-") or "lieu"
        candidate = base
        if candidate in taken:
            suffix = slugify(source_id) or "fs"
            candidate = f"{base[: MAX_ID_LENGTH - len(suffix) - 1].strip('-')}-{suffix}"
        number = 2
        while candidate in taken:
            candidate = f"{base[: MAX_ID_LENGTH - 8].strip('-')}-{source_id}-{number}"
            number += 1
        taken.add(candidate)
        ids[source_id] = candidate
    return ids


def _natural(source_id: str) -> tuple[int, str]:
    return (int(source_id), "") if source_id.isdigit() else (1 << 62, source_id)


def build_plan(
    records: Iterable[dict[str, Any]],
    existing: plan.Existing,
    root: Path,
    invalid: set[str],
    codec: Codec = record.ANCT_LIST,
) -> plan.Plan:
    """The data·inclusion importer's plan, each file to write rendered under our header."""
    records = list(records)
    by_id = {r["id"]: r for r in records}
    changes = plan.build_plan(records, existing, root, invalid_ids=invalid)
    changes.actions = [
        dataclasses.replace(a, text=codec.render(by_id[a.place_id])) if a.text is not None else a
        for a in changes.actions
    ]
    return changes
