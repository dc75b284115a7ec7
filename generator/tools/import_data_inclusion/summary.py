"""The import's report, in French: what was read, why records were skipped, and what
happens to each place file."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from ...errors import display_path
from .plan import CHANGED, HAND_EDITED, NEW, UNCHANGED, ExistingFile, Plan
from .progress import group

if TYPE_CHECKING:
    from .options import Counts, Options

MAX_LISTED = 50


def _counter(counter: Counter[str], limit: int = 12) -> str:
    items = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))
    text = ", ".join(f"{name} {group(n)}" for name, n in items[:limit])
    return text + (f", … ({len(items) - limit} autres)" if len(items) > limit else "")


def _files(label: str, paths: list[Path]) -> list[str]:
    lines = [f"  {label} : {display_path(p)}" for p in paths[:MAX_LISTED]]
    if len(paths) > MAX_LISTED:
        lines.append(f"  … et {group(len(paths) - MAX_LISTED)} autres ({label}).")
    return lines


def render_summary(counts: Counts, changes: Plan, options: Options, chosen: list[str]) -> str:
    kept = len(changes.actions)
    lines = [
        "Essai (--essai) : aucun fichier ne sera écrit." if options.dry_run else "",
        f"Structures : {group(counts.structures_read)} lues, {group(kept)} retenues comme "
        f"lieux (départements {', '.join(chosen)}).",
    ]
    if counts.skipped:
        lines.append(f"  écartées : {_counter(counts.skipped)}.")
    if counts.unmapped_networks:
        lines.append(
            f"  réseaux non reliés, dans ces départements : {_counter(counts.unmapped_networks)}."
        )
    lines.append(
        f"Services : {group(counts.services_read)} lus, {group(counts.services_of_places)} "
        f"proposés par les lieux retenus, {group(counts.services_mapped)} reliés à un dispositif"
        + (f" ({_counter(counts.schemes)})." if counts.schemes else ".")
    )
    if counts.invalid_elsewhere:
        lines.append(
            f"Enregistrements invalides hors des départements choisis, ignorés : "
            f"{group(counts.invalid_elsewhere)}."
        )
    vanished = len(changes.vanished)
    lines.append(
        f"Lieux : {group(changes.count(NEW))} nouveau(x), {group(changes.count(CHANGED))} "
        f"modifié(s), {group(changes.count(UNCHANGED))} inchangé(s), {group(vanished)} "
        f"disparu(s), {group(changes.count(HAND_EDITED) + len(changes.vanished_edited))} "
        "modifié(s) à la main."
    )
    by_status: dict[str, list[Path]] = {NEW: [], CHANGED: [], HAND_EDITED: []}
    for action in changes.actions:
        if action.status in by_status:
            by_status[action.status].append(action.path)
    lines += _files("nouveau", sorted(by_status[NEW]))
    lines += _files("modifié", sorted(by_status[CHANGED]))
    hand = by_status[HAND_EDITED] + [f.path for f in changes.vanished_edited]
    lines += _files("modifié à la main, laissé tel quel", sorted(hand))
    lines += _files(
        "enregistrement invalide, laissé tel quel", sorted(_paths(changes.kept_invalid))
    )
    if options.remove_vanished:
        label = "disparu, sera supprimé" if options.dry_run else "disparu, supprimé"
    else:
        label = "disparu, conservé (--supprimer-disparus pour le retirer)"
    lines += _files(label, sorted(_paths(changes.vanished)))
    writes = len(changes.writes)
    removed = vanished if options.remove_vanished else 0
    if options.dry_run:
        lines.append(
            f"Essai : {group(writes)} fichier(s) seraient écrits, {group(removed)} supprimé(s) ;"
            " aucun fichier n'a été écrit."
        )
    else:
        lines.append(f"{group(writes)} fichier(s) écrit(s), {group(removed)} supprimé(s).")
    return "\n".join(line for line in lines if line) + "\n"


def _paths(files: list[ExistingFile]) -> list[Path]:
    return [f.path for f in files]
