"""`offre import-annuaire`: the directory's local public services → our places.

One streaming pass over the export: every record is looked at, those standing in the
chosen départements whose type the mapping file relates to a provider are checked and
kept. Nothing is written until the whole file has been read without error: a kept
record the model would refuse stops the import (every such error listed with its
record number, id and field; exit 1) unless `--ignorer-invalides` is given. A service
no longer in the directory is reported as disappeared and only deleted with
`--supprimer-disparus`.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import click

from ...errors import Issue, UserError, display_path
from ...geo import GEO_FILE, Geo, GeoDataError, load_geo
from ..import_data_inclusion import place as di_place
from ..import_data_inclusion import writer
from ..import_data_inclusion.plan import CHANGED, HAND_EDITED, NEW, UNCHANGED, Plan
from ..import_data_inclusion.progress import group
from ..import_data_inclusion.record_errors import RecordIssue
from ..import_france_services import files
from ..input_limits import check_regular, load_limits
from . import record
from .mapping import MAPPING_FILE, Mapping, load_mapping
from .options import Counts, Options
from .stream import MalformedFile, iter_records

MAX_LISTED = 200
SKIP_ELSEWHERE = "hors des départements choisis"
SKIP_UNLOCATED = "sans code commune"
SKIP_UNMAPPED = "type non relié à un porteur (voir le fichier de correspondances)"
SKIP_INVALID = "invalides, ignorés (--ignorer-invalides)"
SKIP_NOT_OBJECT = "enregistrements qui ne sont pas des objets JSON"


@dataclass
class _State:
    options: Options
    geo: Geo
    mapping: Mapping
    chosen: frozenset[str]
    counts: Counts = field(default_factory=Counts)
    errors: list[RecordIssue] = field(default_factory=list)
    kept: dict[str, record.Parsed] = field(default_factory=dict)
    invalid_ids: set[str] = field(default_factory=set)


def run_import(options: Options) -> int:
    # A FIFO or a device would block the read forever; an oversized file is refused
    # before it is read (limits of reglages.yaml, shared with the other importers).
    check_regular(options.json_file, load_limits(options.root), label="Annuaire :")
    state = _prepare(options)
    display = display_path(options.json_file)
    try:
        _read(state, display)
    except MalformedFile as exc:
        _print(state.errors, "error")
        click.echo(exc.issue.format(), err=True)
        click.echo("Import annulé : aucun fichier n'a été écrit.", err=True)
        return 1
    if state.errors and not options.ignore_invalid:
        _print(state.errors, "error")
        click.echo(
            f"{group(len(state.errors))} erreur(s) dans les services retenus. Import annulé : "
            "aucun fichier n'a été écrit. (Pour importer quand même les services valides : "
            "--ignorer-invalides.)",
            err=True,
        )
        return 1
    _print(state.errors, "warning")
    existing = files.scan(options.root, record.DIRECTORY)
    names = {sid: parsed.fields["nom"] for sid, parsed in state.kept.items()}
    ids = files.assign_ids(names, existing)
    day = options.consulte_le or date.today()
    records = [record.finish(state.kept[sid], ids[sid], day) for sid in sorted(state.kept)]
    problems = [
        f"{display}: enregistrement n° {state.kept[r['origine']['identifiant']].index}: {p}"
        for r in records
        for p in di_place.check_with_model(r)
    ]
    if problems:
        for line in problems[:MAX_LISTED]:
            click.echo(f"{line} (lieu refusé par le modèle Lieu : erreur de l'outil)", err=True)
        click.echo("Import annulé : aucun fichier n'a été écrit.", err=True)
        return 1
    changes = files.build_plan(records, existing, options.root, state.invalid_ids, record.DIRECTORY)
    click.echo(_summary(state, changes), nl=False)
    if not options.dry_run:
        writer.apply(changes, remove=changes.vanished if options.remove_vanished else ())
    return 0


def _print(errors: list[RecordIssue], severity: str) -> None:
    for issue in errors[:MAX_LISTED]:
        click.echo(dataclasses.replace(issue, severity=severity).format(), err=True)
    if len(errors) > MAX_LISTED:
        click.echo(f"… et {group(len(errors) - MAX_LISTED)} autres erreurs.", err=True)


def _prepare(options: Options) -> _State:
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
    mapping = load_mapping(options.mapping_file or root / MAPPING_FILE, root)
    return _State(options, geo, mapping, frozenset(chosen))


def _read(state: _State, display: str) -> None:
    counts = state.counts
    seen: dict[str, int] = {}
    for index, raw in enumerate(
        iter_records(state.options.json_file, display, load_limits(state.options.root)), start=1
    ):
        counts.read += 1
        if not isinstance(raw, dict):
            counts.skipped[SKIP_NOT_OBJECT] += 1
            continue
        departement = record.departement_of(raw)
        if departement is None:
            counts.skipped[SKIP_UNLOCATED] += 1
            continue
        if departement not in state.chosen:
            counts.skipped[SKIP_ELSEWHERE] += 1
            continue
        parsed = record.parse(raw, index, display, state.geo, state.mapping)
        if parsed is None:
            counts.skipped[SKIP_UNMAPPED] += 1
            counts.unmapped_types.update(record.types_of(raw) or ["(aucun type)"])
            continue
        ident = parsed.source_id
        if ident and ident in seen:
            parsed.issues.append(
                RecordIssue(
                    display,
                    index,
                    ident,
                    "id",
                    f"identifiant déjà donné à l'enregistrement n° {seen[ident]} : chaque "
                    "service a un identifiant unique.",
                )
            )
        elif ident:
            seen[ident] = index
        if parsed.issues:
            state.errors.extend(parsed.issues)
            counts.skipped[SKIP_INVALID] += 1
            if ident:
                state.invalid_ids.add(ident)
            continue
        counts.kept += 1
        counts.by_provider[parsed.fields["porteur"]] += 1
        if parsed.hours_osm:
            counts.hours_osm += 1
        elif parsed.fields.get("horaires"):
            counts.hours_text += 1
        state.kept[ident] = parsed
    if counts.read == 0:
        raise MalformedFile(
            Issue(
                display,
                1,
                1,
                "",
                "aucun service dans ce fichier : l'export de la DILA les liste sous la clé "
                "« service » ; un fichier vide importé ferait disparaître tous les lieux.",
            )
        )


def _counter(counter: Any) -> str:
    items = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))
    shown = ", ".join(f"{name} {group(n)}" for name, n in items[:15])
    return shown + (f", … ({len(items) - 15} autres)" if len(items) > 15 else "")


def _summary(state: _State, changes: Plan) -> str:
    counts, options = state.counts, state.options
    lines = [
        "Essai (--essai) : aucun fichier ne sera écrit." if options.dry_run else "",
        f"Annuaire : {group(counts.read)} services lus, {group(counts.kept)} retenus comme lieux "
        f"(départements {', '.join(sorted(state.chosen))}).",
    ]
    if counts.by_provider:
        lines.append(f"  par porteur : {_counter(counts.by_provider)}.")
    if counts.skipped:
        lines.append(f"  écartés : {_counter(counts.skipped)}.")
    if counts.unmapped_types:
        lines.append(
            f"  types non reliés, dans ces départements : {_counter(counts.unmapped_types)}."
        )
    lines.append(
        f"Horaires : {group(counts.hours_osm)} au format OpenStreetMap, "
        f"{group(counts.hours_text)} repris en clair."
    )
    lines.append(
        f"Lieux : {group(changes.count(NEW))} nouveau(x), {group(changes.count(CHANGED))} "
        f"modifié(s), {group(changes.count(UNCHANGED))} inchangé(s), "
        f"{group(len(changes.vanished))} disparu(s) de l'annuaire, "
        f"{group(changes.count(HAND_EDITED) + len(changes.vanished_edited))} modifié(s) à la main."
    )
    for status, label in (
        (NEW, "nouveau"),
        (CHANGED, "modifié"),
        (HAND_EDITED, "modifié à la main, laissé tel quel"),
    ):
        for action in sorted(changes.actions, key=lambda a: a.path):
            if action.status == status:
                lines.append(f"  {label} : {display_path(action.path)}")
    for found in changes.vanished_edited:
        lines.append(f"  modifié à la main, laissé tel quel : {display_path(found.path)}")
    if options.remove_vanished:
        label = "disparu, sera supprimé" if options.dry_run else "disparu, supprimé"
    else:
        label = "disparu de l'annuaire, conservé (--supprimer-disparus pour le retirer)"
    for found in changes.vanished:
        lines.append(f"  {label} : {display_path(found.path)}")
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
