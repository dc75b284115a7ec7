"""The import's report, in French: rows read and kept, hours converted, and what happens to
each place file (new, changed, unchanged, disappeared, edited by hand)."""

from __future__ import annotations

from datetime import date

from ...data import dates
from ..places import frame
from ..places.plan import Plan
from ..places.progress import group
from .options import Counts, Options


def render_summary(
    counts: Counts, changes: Plan, options: Options, chosen: list[str], list_date: date
) -> str:
    lines = [
        frame.dry_run_notice(options),
        f"Liste ANCT du {dates.format_fr(list_date)} : {group(counts.rows_read)} France services "
        f"lues, {group(counts.kept)} retenues (départements {', '.join(chosen)}).",
    ]
    if counts.skipped:
        lines.append(f"  écartées : {frame.counter_text(counts.skipped)}.")
    lines.append(
        f"Horaires : {group(counts.hours_osm)} au format OpenStreetMap, {group(counts.hours_text)}"
        f" repris en clair, {group(counts.hours_none)} sans horaires ; "
        f"{group(counts.placeholder_spans)} plage(s) « 00:00 - 00:00 » ignorée(s) (ce ne sont "
        "pas des horaires)."
    )
    lines += frame.changes_report(changes, options, source="de la liste", invalid="ligne invalide")
    return frame.joined(lines)
