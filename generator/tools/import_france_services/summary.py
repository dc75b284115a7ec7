"""The import's report, in French: rows read and kept, hours converted, and what happens to
each place file (new, changed, unchanged, disappeared, edited by hand)."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

from ... import dates
from ...errors import display_path
from ..import_data_inclusion.plan import CHANGED, HAND_EDITED, NEW, UNCHANGED, Plan
from ..import_data_inclusion.progress import group
from .options import Counts, Options

MAX_LISTED = 50


def _counter(counter: Counter[str]) -> str:
    items = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))
    return ", ".join(f"{name} {group(n)}" for name, n in items)


def _files(label: str, paths: list[Path]) -> list[str]:
    lines = [f"  {label} : {display_path(p)}" for p in sorted(paths)[:MAX_LISTED]]
    if len(paths) > MAX_LISTED:
        lines.append(f"  … et {group(len(paths) - MAX_LISTED)} autres ({label}).")
    return lines


def render_summary(
    counts: Counts, changes: Plan, options: Options, chosen: list[str], list_date: date
) -> str:
    lines = [
        "Essai (--essai) : aucun fichier ne sera écrit." if options.dry_run else "",
        f"Liste ANCT du {dates.format_fr(list_date)} : {group(counts.rows_read)} France services "
        f"lues, {group(counts.kept)} retenues (départements {', '.join(chosen)}).",
    ]
    if counts.skipped:
        lines.append(f"  écartées : {_counter(counts.skipped)}.")
    lines.append(
        f"Horaires : {group(counts.hours_osm)} au format OpenStreetMap, {group(counts.hours_text)}"
        f" repris en clair, {group(counts.hours_none)} sans horaires ; "
        f"{group(counts.placeholder_spans)} plage(s) « 00:00 - 00:00 » ignorée(s) (ce ne sont "
        "pas des horaires)."
    )
    lines.append(
        f"Lieux : {group(changes.count(NEW))} nouveau(x), {group(changes.count(CHANGED))} "
        f"modifié(s), {group(changes.count(UNCHANGED))} inchangé(s), "
        f"{group(len(changes.vanished))} disparu(s) de la liste, "
        f"{group(changes.count(HAND_EDITED) + len(changes.vanished_edited))} modifié(s) à la main."
    )
    by_status: dict[str, list[Path]] = {NEW: [], CHANGED: [], HAND_EDITED: []}
    for action in changes.actions:
        if action.status in by_status:
            by_status[action.status].append(action.path)
    lines += _files("nouveau", by_status[NEW])
    lines += _files("modifié", by_status[CHANGED])
    hand = by_status[HAND_EDITED] + [f.path for f in changes.vanished_edited]
    lines += _files("modifié à la main, laissé tel quel", hand)
    lines += _files(
        "ligne invalide, fichier laissé tel quel", [f.path for f in changes.kept_invalid]
    )
    if options.remove_vanished:
        label = "disparu, sera supprimé" if options.dry_run else "disparu, supprimé"
    else:
        label = "disparu de la liste, conservé (--supprimer-disparus pour le retirer)"
    lines += _files(label, [f.path for f in changes.vanished])
    writes = len(changes.writes)
    removed = len(changes.vanished) if options.remove_vanished else 0
    if options.dry_run:
        lines.append(
            f"Essai : {group(writes)} fichier(s) seraient écrits, {group(removed)} supprimé(s) ;"
            " aucun fichier n'a été écrit."
        )
    else:
        lines.append(f"{group(writes)} fichier(s) écrit(s), {group(removed)} supprimé(s).")
    return "\n".join(line for line in lines if line) + "\n"


__all__ = ["UNCHANGED", "render_summary"]
