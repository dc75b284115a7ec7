"""`offre import-france-services`: the ANCT's list of France services → our places.

The whole file is read and every row of the chosen départements checked before anything
is written. A row the model would refuse (unreadable phone, unknown commune, missing id)
stops the import: every such error is listed with its line and column, no file is
written, exit 1 — unless `--ignorer-invalides` is given: then the valid rows are
imported and the files of the invalid ones are left as they are. A site no longer in
the list is reported as disappeared and only deleted with `--supprimer-disparus`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ...data.errors import Issue, Severity, UserError, display_path
from ...data.geo import Geo
from ...data.input_limits import check_regular, load_limits
from ..data_inclusion import place as di_place
from ..places import frame
from ..places.plan import Existing
from . import place_files, record
from .options import Counts, Options
from .summary import render_summary
from .table import BadFile, read_rows

SKIP_ELSEWHERE = "hors des départements choisis"
SKIP_INVALID = "invalides, ignorées (--ignorer-invalides)"


@dataclass
class _State:
    options: Options
    geo: Geo
    chosen: frozenset[str]
    list_date: date
    counts: Counts = field(default_factory=Counts)
    errors: list[Issue] = field(default_factory=list)
    kept: dict[str, record.Parsed] = field(default_factory=dict)
    seen: dict[str, int] = field(default_factory=dict)
    """`id_fs` of the rows of the chosen départements → their line."""
    invalid_ids: set[str] = field(default_factory=set)


def list_date_from_name(name: str) -> date | None:
    """`liste-fs-20240801.csv` → 2024-08-01 (the ANCT names its files after the date)."""
    found = re.search(r"(?<!\d)(20\d{2})-?([01]\d)-?([0-3]\d)(?!\d)", name)
    if not found:
        return None
    try:
        return date(int(found.group(1)), int(found.group(2)), int(found.group(3)))
    except ValueError:
        return None


def run_import(options: Options) -> int:
    # A FIFO or a device would block the read forever; an oversized file is refused
    # before it is read (limits of reglages.yaml, shared with the other importers).
    check_regular(options.csv_file, load_limits(options.root), label="Liste France services :")
    geo, chosen = frame.open_data_folder(options)
    state = _State(options, geo, chosen, _list_date(options))
    display = display_path(options.csv_file)
    try:
        _read(state, display)
    except BadFile as exc:
        return frame.cancel(frame.listed(state.errors, Severity.ERROR), exc.issue.format())
    if state.errors and not options.ignore_invalid:
        return frame.refuse_invalid(
            frame.listed(state.errors, Severity.ERROR),
            len(state.errors),
            "les lignes des départements choisis",
            "les lignes valides",
        )
    frame.warn(frame.listed(state.errors, Severity.WARNING))

    def records() -> tuple[list[dict[str, Any]], Existing]:
        existing = place_files.scan(options.root)
        names = {sid: parsed.fields["nom"] for sid, parsed in state.kept.items()}
        ids = place_files.assign_ids(names, existing)
        day = options.consulte_le or date.today()
        made = [record.finish(state.kept[sid], ids[sid], day) for sid in sorted(state.kept)]
        return made, existing

    def problems(made: dict[str, Any]) -> list[str]:
        line = state.kept[made["origine"]["identifiant"]].line
        return [f"{display}:{line}: {p}" for p in di_place.check_with_model(made)]

    return frame.write_places(
        options,
        records=records,
        problems=problems,
        plan=lambda made, existing: place_files.build_plan(
            made, existing, options.root, state.invalid_ids
        ),
        summary=lambda changes: render_summary(
            state.counts, changes, options, sorted(state.chosen), state.list_date
        ),
    )


def _list_date(options: Options) -> date:
    list_date = options.list_date or list_date_from_name(options.csv_file.name)
    if list_date is None:
        raise UserError(
            f"date de la liste inconnue : le nom « {options.csv_file.name} » ne la contient pas "
            "(l'ANCT nomme ses fichiers liste-fs-AAAAMMJJ.csv) ; donnez-la avec "
            "--date-liste AAAA-MM-JJ."
        )
    return list_date


def _read(state: _State, display: str) -> None:
    counts = state.counts
    _, rows = read_rows(state.options.csv_file, display, state.options.root)
    for row in rows:
        counts.rows_read += 1
        if not row.problem and record.departement_of(row) not in state.chosen:
            counts.skipped[SKIP_ELSEWHERE] += 1
            continue
        parsed = record.parse(row, display, state.geo, state.list_date)
        ident = parsed.source_id
        if ident and ident in state.seen:
            parsed.issues.append(
                Issue(
                    display,
                    row.line,
                    row.col("id_fs"),
                    "colonne id_fs",
                    f"identifiant « {ident} » déjà donné à la ligne {state.seen[ident]} : "
                    "chaque France services a un identifiant unique.",
                )
            )
        elif ident:
            state.seen[ident] = row.line
        if parsed.issues:
            state.errors.extend(parsed.issues)
            counts.skipped[SKIP_INVALID] += 1
            if ident:
                state.invalid_ids.add(ident)
            continue
        assert parsed.hours is not None
        counts.placeholder_spans += parsed.hours.placeholders
        if parsed.hours.osm:
            counts.hours_osm += 1
        elif parsed.hours.text:
            counts.hours_text += 1
        else:
            counts.hours_none += 1
        counts.kept += 1
        state.kept[ident] = parsed
    if counts.rows_read == 0:
        raise BadFile(
            Issue(
                display,
                2,
                1,
                "",
                "aucune ligne après l'en-tête : un fichier vide importé ferait disparaître "
                "tous les lieux.",
            )
        )
