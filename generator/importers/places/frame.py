"""The run every import of places shares: data·inclusion, France services, the State's directory.

Each importer reads its own format and turns records into place documents; the rest is
the same for all, and lives here once: the options they all take, the data folder and
the départements checked before reading, the errors listed (the first few hundred) and
the import cancelled with nothing written unless `--ignorer-invalides`, every produced
place checked against the model, ids given, the plan made against the files already
there and applied all or nothing under the data folder's lock, and the part of the
report that says what happens to each file.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import click

from ...data.errors import UserError, display_path
from ...data.geo import GEO_FILE, Geo, GeoDataError, load_geo
from . import writer
from .plan import CHANGED, HAND_EDITED, NEW, UNCHANGED, Existing, Plan
from .progress import group

MAX_LISTED_ERRORS = 200
MAX_LISTED_FILES = 50
CANCELLED = "Import annulé : aucun fichier n'a été écrit."


@dataclass(frozen=True, kw_only=True)
class ImportOptions:
    """What every import of places is asked, beside the files it reads."""

    root: Path
    departements: tuple[str, ...] | None = None
    dry_run: bool = False
    remove_vanished: bool = False
    ignore_invalid: bool = False
    consulte_le: date | None = None


def open_data_folder(options: ImportOptions) -> tuple[Geo, frozenset[str]]:
    """The data folder's geography and the départements to import, checked before reading."""
    root = options.root
    if not root.is_dir():
        raise UserError(f"dossier de données introuvable : {root}")
    try:
        geo = load_geo(root / GEO_FILE)
    except GeoDataError as exc:
        raise UserError(str(exc)) from None
    known = tuple(d.code for d in geo.departements)
    chosen = options.departements or known
    unknown = [d for d in chosen if d not in known]
    if unknown:
        raise UserError(
            f"--departements : {', '.join(unknown)} hors du référentiel géographique des "
            f"données ; départements possibles : {', '.join(known)}."
        )
    return geo, frozenset(chosen)


def listed(issues: Sequence[Any], severity: Any, total: int | None = None) -> list[str]:
    """The first few hundred errors, at `severity`, then how many more there are."""
    total = len(issues) if total is None else total
    lines = [
        dataclasses.replace(issue, severity=severity).format()
        for issue in issues[:MAX_LISTED_ERRORS]
    ]
    if total > min(len(issues), MAX_LISTED_ERRORS):
        lines.append(f"… et {group(total - min(len(issues), MAX_LISTED_ERRORS))} autres erreurs.")
    return lines


def cancel(lines: Iterable[str], *reasons: str) -> int:
    """Print what stopped the import and that nothing was written; exit code 1."""
    for line in lines:
        click.echo(line, err=True)
    for reason in reasons:
        click.echo(reason, err=True)
    click.echo(CANCELLED, err=True)
    return 1


def refuse_invalid(lines: Iterable[str], total: int, where: str, valid: str) -> int:
    """Invalid records without `--ignorer-invalides`: all listed, nothing written."""
    for line in lines:
        click.echo(line, err=True)
    click.echo(
        f"{group(total)} erreur(s) dans {where}. {CANCELLED} (Pour importer quand même "
        f"{valid} : --ignorer-invalides.)",
        err=True,
    )
    return 1


def warn(lines: Iterable[str]) -> None:
    """Invalid records left out with `--ignorer-invalides`: still listed, as warnings."""
    for line in lines:
        click.echo(line, err=True)


def write_places(
    options: ImportOptions,
    *,
    records: Callable[[], tuple[list[dict[str, Any]], Existing]],
    problems: Callable[[dict[str, Any]], Iterable[str]],
    plan: Callable[[list[dict[str, Any]], Existing], Plan],
    summary: Callable[[Plan], str],
) -> int:
    """Make the places, check each against the model, plan and apply, under the lock.

    `records` reads the place files already there (for ids) and makes the documents;
    the lock is held from that reading to the last write, so that a second import waits
    and then reads what this one wrote. A dry run takes no lock and writes nothing.
    """
    if options.dry_run:
        return _write(options, records, problems, plan, summary)
    with writer.import_lock(options.root):
        return _write(options, records, problems, plan, summary)


def _write(
    options: ImportOptions,
    records: Callable[[], tuple[list[dict[str, Any]], Existing]],
    problems: Callable[[dict[str, Any]], Iterable[str]],
    plan: Callable[[list[dict[str, Any]], Existing], Plan],
    summary: Callable[[Plan], str],
) -> int:
    made, existing = records()
    refused = [problem for record in made for problem in problems(record)]
    if refused:
        return cancel(
            f"{line} (lieu produit refusé par le modèle Lieu : erreur de l'outil)"
            for line in refused[:MAX_LISTED_ERRORS]
        )
    changes = plan(made, existing)
    click.echo(summary(changes), nl=False)
    if not options.dry_run:
        writer.apply(changes, remove=changes.vanished if options.remove_vanished else ())
    return 0


def counter_text(counter: Counter[str], limit: int = 15) -> str:
    """« réseau A 12, réseau B 3, … (4 autres) », the most frequent first."""
    items = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))
    text = ", ".join(f"{name} {group(n)}" for name, n in items[:limit])
    return text + (f", … ({len(items) - limit} autres)" if len(items) > limit else "")


def _files(label: str, paths: list[Path]) -> list[str]:
    paths = sorted(paths)
    lines = [f"  {label} : {display_path(p)}" for p in paths[:MAX_LISTED_FILES]]
    if len(paths) > MAX_LISTED_FILES:
        lines.append(f"  … et {group(len(paths) - MAX_LISTED_FILES)} autres ({label}).")
    return lines


def changes_report(
    changes: Plan, options: ImportOptions, *, source: str, invalid: str
) -> list[str]:
    """What happens to each place file: the same words for every import.

    `source` says what a vanished place is missing from (« de la liste », « de
    l'annuaire »); `invalid` names an invalid record (« ligne invalide »…).
    """
    lines = [
        f"Lieux : {group(changes.count(NEW))} nouveau(x), {group(changes.count(CHANGED))} "
        f"modifié(s), {group(changes.count(UNCHANGED))} inchangé(s), "
        f"{group(len(changes.vanished))} disparu(s) {source}, "
        f"{group(changes.count(HAND_EDITED) + len(changes.vanished_edited))} modifié(s) à la main."
    ]
    by_status: dict[str, list[Path]] = {NEW: [], CHANGED: [], HAND_EDITED: []}
    for action in changes.actions:
        if action.status in by_status:
            by_status[action.status].append(action.path)
    lines += _files("nouveau", by_status[NEW])
    lines += _files("modifié", by_status[CHANGED])
    hand = by_status[HAND_EDITED] + [f.path for f in changes.vanished_edited]
    lines += _files("modifié à la main, laissé tel quel", hand)
    lines += _files(f"{invalid}, fichier laissé tel quel", [f.path for f in changes.kept_invalid])
    if options.remove_vanished:
        label = "disparu, sera supprimé" if options.dry_run else "disparu, supprimé"
    else:
        label = f"disparu {source}, conservé (--supprimer-disparus pour le retirer)"
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
    return lines


def dry_run_notice(options: ImportOptions) -> str:
    return "Essai (--essai) : aucun fichier ne sera écrit." if options.dry_run else ""


def joined(lines: Iterable[str]) -> str:
    """The report's lines, empty ones left out, ending with a newline."""
    return "\n".join(line for line in lines if line) + "\n"
