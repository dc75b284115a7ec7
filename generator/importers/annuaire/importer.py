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

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ...data.errors import Issue, display_path
from ...data.geo import Geo
from ...data.input_limits import check_regular, load_limits
from ..data_inclusion import place as di_place
from ..data_inclusion.record_errors import RecordIssue
from ..france_services import place_files as files
from ..places import frame
from ..places.plan import Existing, Plan
from ..places.progress import group
from . import record
from .mapping import MAPPING_FILE, Mapping, load_mapping
from .options import Counts, Options
from .stream import MalformedFile, iter_records

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
    geo, chosen = frame.open_data_folder(options)
    mapping = load_mapping(options.mapping_file or options.root / MAPPING_FILE, options.root)
    state = _State(options, geo, mapping, chosen)
    display = display_path(options.json_file)
    try:
        _read(state, display)
    except MalformedFile as exc:
        return frame.cancel(frame.listed(state.errors, "error"), exc.issue.format())
    if state.errors and not options.ignore_invalid:
        return frame.refuse_invalid(
            frame.listed(state.errors, "error"),
            len(state.errors),
            "les services retenus",
            "les services valides",
        )
    frame.warn(frame.listed(state.errors, "warning"))

    def records() -> tuple[list[dict[str, Any]], Existing]:
        existing = files.scan(options.root, record.DIRECTORY)
        names = {sid: parsed.fields["nom"] for sid, parsed in state.kept.items()}
        ids = files.assign_ids(names, existing)
        day = options.consulte_le or date.today()
        made = [record.finish(state.kept[sid], ids[sid], day) for sid in sorted(state.kept)]
        return made, existing

    def problems(made: dict[str, Any]) -> list[str]:
        index = state.kept[made["origine"]["identifiant"]].index
        return [
            f"{display}: enregistrement n° {index}: {p}" for p in di_place.check_with_model(made)
        ]

    return frame.write_places(
        options,
        records=records,
        problems=problems,
        plan=lambda made, existing: files.build_plan(
            made, existing, options.root, state.invalid_ids, record.DIRECTORY
        ),
        summary=lambda changes: _summary(state, changes),
    )


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


def _summary(state: _State, changes: Plan) -> str:
    counts, options = state.counts, state.options
    lines = [
        frame.dry_run_notice(options),
        f"Annuaire : {group(counts.read)} services lus, {group(counts.kept)} retenus comme lieux "
        f"(départements {', '.join(sorted(state.chosen))}).",
    ]
    if counts.by_provider:
        lines.append(f"  par porteur : {frame.counter_text(counts.by_provider)}.")
    if counts.skipped:
        lines.append(f"  écartés : {frame.counter_text(counts.skipped)}.")
    if counts.unmapped_types:
        lines.append(
            f"  types non reliés, dans ces départements : "
            f"{frame.counter_text(counts.unmapped_types)}."
        )
    lines.append(
        f"Horaires : {group(counts.hours_osm)} au format OpenStreetMap, "
        f"{group(counts.hours_text)} repris en clair."
    )
    lines += frame.changes_report(
        changes, options, source="de l'annuaire", invalid="service invalide"
    )
    return frame.joined(lines)
