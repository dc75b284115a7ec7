"""The import's report, in French: what was read, why records were skipped, and what
happens to each place file."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..places import frame
from ..places.plan import Plan
from ..places.progress import group

if TYPE_CHECKING:
    from .options import Counts, Options


def render_summary(counts: Counts, changes: Plan, options: Options, chosen: list[str]) -> str:
    kept = len(changes.actions)
    lines = [
        frame.dry_run_notice(options),
        f"Structures : {group(counts.structures_read)} lues, {group(kept)} retenues comme "
        f"lieux (départements {', '.join(chosen)}).",
    ]
    if counts.skipped:
        lines.append(f"  écartées : {frame.counter_text(counts.skipped, 12)}.")
    if counts.unmapped_networks:
        lines.append(
            "  réseaux non reliés, dans ces départements : "
            f"{frame.counter_text(counts.unmapped_networks, 12)}."
        )
    lines.append(
        f"Services : {group(counts.services_read)} lus, {group(counts.services_of_places)} "
        f"proposés par les lieux retenus, {group(counts.services_mapped)} reliés à un dispositif"
        + (f" ({frame.counter_text(counts.schemes, 12)})." if counts.schemes else ".")
    )
    if counts.invalid_elsewhere:
        lines.append(
            f"Enregistrements invalides hors des départements choisis, ignorés : "
            f"{group(counts.invalid_elsewhere)}."
        )
    lines += frame.changes_report(
        changes, options, source="des fichiers", invalid="enregistrement invalide"
    )
    return frame.joined(lines)
