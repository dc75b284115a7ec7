"""What an import changes in `lieux/`: the files already there, the id of each place, and
for each record whether it is new, changed, unchanged, vanished or edited by hand.

Ids are stable: a record keeps the id of the file already written for it. A new record
gets its data·inclusion id made into one of ours (lowercase ASCII, digits, single
hyphens, at most 80 characters); when that id is taken, or the source id had to be cut
or changed to fit, a short hash of the source id is appended. New records are given ids
in the order of their source ids, so the same files and the same input give the same ids.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ...data.errors import UserError, display_path
from ...data.yamlsource import UnreadableFile, read_data_file
from ...rules.urls import slugify
from ..data_folder import is_locked_here
from ..data_inclusion import place

ID_MAX = 80
PLACES_DIR = "lieux"

try:  # parsing existing files only; the result is the same with either loader
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader


@dataclass(frozen=True)
class ExistingFile:
    path: Path
    place_id: str
    identifier: str | None
    """data·inclusion id when the file was written by this import."""
    intact: bool
    content: str | None
    """`place.content_key` of an intact file."""


@dataclass
class Existing:
    files: list[ExistingFile] = field(default_factory=list)
    by_identifier: dict[str, ExistingFile] = field(default_factory=dict)
    taken: set[str] = field(default_factory=set)
    root: Path | None = None
    stamps: dict[Path, tuple[int, int, int]] = field(default_factory=dict)
    """Each place file's (inode, size, mtime) when scanned: `writer.apply` refuses to
    write if they changed since (another import wrote in between)."""
    locked: bool = False
    """Scanned while this process held the import lock (`writer.import_lock`)."""


def snapshot(root: Path) -> dict[Path, tuple[int, int, int]]:
    stamps: dict[Path, tuple[int, int, int]] = {}
    folder = root / PLACES_DIR
    if not folder.is_dir():
        return stamps
    for path in sorted(folder.rglob("*.yaml")):
        try:
            info = path.lstat()
        except OSError:
            continue
        stamps[path] = (info.st_ino, info.st_size, info.st_mtime_ns)
    return stamps


def scan(root: Path) -> Existing:
    """Every place file under `lieux/`, imported or written by hand.

    A file that cannot be read (rights, encoding, special file) stops the import with a
    located error: skipped, it would be taken for a vanished place."""
    existing = Existing(root=root, locked=is_locked_here(root) if root.is_dir() else False)
    existing.stamps = snapshot(root)
    folder = root / PLACES_DIR
    if not folder.is_dir():
        return existing
    for path in sorted(folder.rglob("*.yaml")):
        if path.name.startswith("."):
            continue
        existing.files.append(_read(path, folder))
    for found in existing.files:
        existing.taken.add(found.place_id)
        existing.taken.add(found.path.stem)
        if found.identifier is None:
            continue
        known = existing.by_identifier.get(found.identifier)
        # Two files claiming one source record (a copy): the intact one is the import's.
        if known is None or (found.intact and not known.intact):
            existing.by_identifier[found.identifier] = found
    return existing


def _read(path: Path, folder: Path) -> ExistingFile:
    try:
        text = read_data_file(path).decode("utf-8")
    except UnreadableFile as exc:
        raise UserError(
            f"{display_path(path)} : {exc} Import annulé : rien n'a été écrit."
        ) from None
    except UnicodeDecodeError:
        raise UserError(
            f"{display_path(path)} : le fichier n'est pas en UTF-8 ; corrigez-le (ou "
            "supprimez-le) puis relancez l'import. Rien n'a été écrit."
        ) from None
    try:
        data: Any = yaml.load(text, Loader=_Loader)
    except yaml.YAMLError:
        return ExistingFile(path, path.stem, None, False, None)
    place_id = data.get("id") if isinstance(data, dict) else None
    if not isinstance(place_id, str):
        place_id = path.stem
    identifier = place.imported_identifier(data)
    expected = folder / str(data.get("porteur")) / f"{place_id}.yaml" if identifier else None
    intact = identifier is not None and path == expected and place.is_intact(text, data)
    content = place.content_key(data) if intact else None
    return ExistingFile(path, place_id, identifier, intact, content)


# ---------------------------------------------------------------------------- ids


def _short_hash(text: str, length: int) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:length]


def base_id(source_id: str) -> str:
    slug = slugify(source_id) or "lieu"
    if len(slug) <= ID_MAX:
        return slug
    return _with_hash(slug, source_id, 8)


def _with_hash(slug: str, source_id: str, length: int) -> str:
    head = slug[: ID_MAX - length - 1].rstrip("-")
    return f"{head}-{_short_hash(source_id, length)}"


def assign_ids(source_ids: Iterable[str], existing: Existing) -> dict[str, str]:
    """Source id → place id, keeping every id already given."""
    ids: dict[str, str] = {}
    taken = set(existing.taken)
    fresh = []
    for source_id in sorted(set(source_ids)):
        known = existing.by_identifier.get(source_id)
        if known is not None:
            ids[source_id] = known.place_id
        else:
            fresh.append(source_id)
    taken |= set(ids.values())
    for source_id in fresh:
        candidate = base_id(source_id)
        length = 8
        while candidate in taken:
            candidate = _with_hash(slugify(source_id) or "lieu", source_id, length)
            length += 4
        taken.add(candidate)
        ids[source_id] = candidate
    return ids


# ---------------------------------------------------------------------------- plan


NEW, CHANGED, UNCHANGED, HAND_EDITED = "nouveau", "modifié", "inchangé", "modifié à la main"


@dataclass(frozen=True)
class Action:
    status: str
    place_id: str
    path: Path
    text: str | None = None
    """The file to write (new or changed)."""
    old_path: Path | None = None
    """A changed place that moved (its provider changed): the file to remove."""


@dataclass
class Plan:
    actions: list[Action] = field(default_factory=list)
    vanished: list[ExistingFile] = field(default_factory=list)
    """Intact imported files whose record is no longer imported."""
    vanished_edited: list[ExistingFile] = field(default_factory=list)
    kept_invalid: list[ExistingFile] = field(default_factory=list)
    """Files of records skipped as invalid this time (--ignorer-invalides): kept as is."""
    root: Path | None = None
    existing: Existing | None = None
    """What `build_plan` was given: `writer.apply` checks it is still what is on disk."""

    def count(self, status: str) -> int:
        return sum(1 for a in self.actions if a.status == status)

    @property
    def writes(self) -> list[Action]:
        return [a for a in self.actions if a.text is not None]


def build_plan(
    records: Iterable[dict[str, Any]],
    existing: Existing,
    root: Path,
    *,
    invalid_ids: set[str],
) -> Plan:
    plan = Plan(root=root, existing=existing)
    produced: set[str] = set()
    for record in records:
        identifier = record["origine"]["identifiant"]
        produced.add(identifier)
        path = root / PLACES_DIR / record["porteur"] / f"{record['id']}.yaml"
        known = existing.by_identifier.get(identifier)
        if known is None:
            plan.actions.append(Action(NEW, record["id"], path, place.render(record)))
        elif not known.intact:
            plan.actions.append(Action(HAND_EDITED, known.place_id, known.path))
        elif known.content == place.content_key(record) and known.path == path:
            plan.actions.append(Action(UNCHANGED, record["id"], path))
        else:
            old = known.path if known.path != path else None
            plan.actions.append(Action(CHANGED, record["id"], path, place.render(record), old))
    for found in existing.files:
        if found.identifier is None or found.identifier in produced:
            continue
        if existing.by_identifier.get(found.identifier) is not found:
            continue  # a copy of another imported file: written by hand, not ours
        if found.identifier in invalid_ids:
            plan.kept_invalid.append(found)
        elif found.intact:
            plan.vanished.append(found)
        else:
            plan.vanished_edited.append(found)
    return plan
