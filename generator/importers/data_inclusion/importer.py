"""`offre import-data-inclusion`: data·inclusion's structures and services → our places.

Two passes over the files, each a stream. The structures pass validates every record
with the official model and keeps those located in the chosen départements whose network
the mapping file relates to one of our providers; the services pass validates every
service and adds to each kept place the schemes its services map to, and the zone they
cover. Memory holds the kept places, not the files.

Nothing is written until both files have been read to the end without error. A record
that fails the official model in the chosen départements stops the import (every such
error is listed, no file is written, exit 1) unless `--ignorer-invalides` is given: then
the valid records are imported and the files of the invalid ones are left as they are.
An invalid record elsewhere in France cannot be imported anyway; it is only counted.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from data_inclusion.schema import v1 as di
from pydantic import ValidationError

from ...data.errors import UserError, display_path
from ...data.input_limits import check_regular, load_limits, open_regular, refuse
from ...data.model import LimitesEntrees
from ..places import frame, plan
from ..places.plan import Existing
from ..places.progress import Progress, group
from . import place
from .location import Locator, departement_of
from .mapping import MAPPING_FILE, Mapping, load_mapping
from .options import Counts, Options
from .record_errors import RecordIssue, hostile_text, record_id, validation_messages
from .stream import MalformedFile, iter_records
from .summary import render_summary

MAX_LISTED_ERRORS = 200

SKIP_ELSEWHERE = "hors des départements choisis"
SKIP_UNLOCATED = "sans code commune ni code postal"
SKIP_UNMAPPED = "réseau non relié à un porteur (voir le fichier de correspondances)"
SKIP_NO_COMMUNE = "commune introuvable dans le référentiel géographique"
SKIP_INVALID = "invalides, ignorées (--ignorer-invalides)"
SKIP_DUPLICATE = "identifiant déjà vu plus haut dans le fichier"


class ErrorLog:
    """Record errors, all counted, the first few hundred kept (memory stays bounded)."""

    def __init__(self) -> None:
        self.listed: list[RecordIssue] = []
        self.total = 0

    def add(self, issue: RecordIssue) -> None:
        self.total += 1
        if len(self.listed) < MAX_LISTED_ERRORS:
            self.listed.append(issue)

    def record(self, display: str, index: int, raw: Any, exc: ValidationError) -> None:
        for field_path, message in validation_messages(exc, raw):
            self.add(RecordIssue(display, index, record_id(raw), field_path, message))

    def render(self, *, severity: str) -> list[str]:
        lines = [
            RecordIssue(i.file, i.index, i.record_id, i.field, i.message, severity).format()
            for i in self.listed
        ]
        if self.total > len(self.listed):
            lines.append(f"… et {group(self.total - len(self.listed))} autres erreurs.")
        return lines


@dataclass
class _State:
    options: Options
    mapping: Mapping
    locator: Locator
    chosen: frozenset[str]
    limits: LimitesEntrees
    counts: Counts = field(default_factory=Counts)
    errors: ErrorLog = field(default_factory=ErrorLog)
    drafts: dict[str, place.Draft] = field(default_factory=dict)
    in_scope: dict[str, int] = field(default_factory=dict)
    """Ids of the structures located in the chosen départements → their record number."""
    invalid_ids: set[str] = field(default_factory=set)


def run_import(options: Options) -> int:
    state = _prepare(options)
    for path, label in ((options.structures, "--structures"), (options.services, "--services")):
        check_regular(path, state.limits, label=f"{label} :")
    try:
        _read_structures(state)
        _read_services(state)
    except MalformedFile as exc:
        return frame.cancel(state.errors.render(severity="error"), exc.issue.format())
    if state.errors.total and not options.ignore_invalid:
        return frame.refuse_invalid(
            state.errors.render(severity="error"),
            state.errors.total,
            "les enregistrements des départements choisis",
            "les enregistrements valides",
        )
    frame.warn(state.errors.render(severity="warning"))

    def records() -> tuple[list[dict[str, Any]], Existing]:
        existing = plan.scan(options.root)
        ids = plan.assign_ids(state.drafts, existing)
        day = options.consulte_le or date.today()
        made = [place.finish(state.drafts[sid], ids[sid], day) for sid in sorted(state.drafts)]
        return made, existing

    def problems(made: dict[str, Any]) -> list[str]:
        where = f"{display_path(options.structures)}: id « {made['origine']['identifiant']} »"
        found = place.check_with_model(made) or place.check_written(place.render(made))
        return [f"{where}: {problem}" for problem in found]

    return frame.write_places(
        options,
        records=records,
        problems=problems,
        plan=lambda made, existing: plan.build_plan(
            made, existing, options.root, invalid_ids=state.invalid_ids
        ),
        summary=lambda changes: render_summary(
            state.counts, changes, options, sorted(state.chosen)
        ),
    )


def _prepare(options: Options) -> _State:
    geo, chosen = frame.open_data_folder(options)
    mapping = load_mapping(options.mapping_file or options.root / MAPPING_FILE, options.root)
    return _State(options, mapping, Locator(geo), chosen, load_limits(options.root))


def _stream(state: _State, path: Path, label: str, option: str) -> Iterator[tuple[int, Any]]:
    limits = state.limits
    handle = open_regular(path, limits, label=f"{option} :")
    progress = Progress(label, os.fstat(handle.fileno()).st_size)
    display = display_path(path)
    records = iter_records(
        path,
        display,
        progress.update,
        max_depth=limits.profondeur_json_max,
        max_text=limits.json_texte_octets_max,
        handle=handle,
    )
    try:
        for index, raw in enumerate(records, start=1):
            if index > limits.enregistrements_max:
                raise refuse(
                    f"{display} ({option}) : plus de {limits.enregistrements_max} enregistrements",
                    limits.enregistrements_max,
                    "enregistrements_max",
                )
            yield index, raw
    finally:
        progress.finish()


def _wrong_kind(display: str, index: int, raw: dict[str, Any], option: str) -> UserError:
    """The structures file given as --services or the reverse: said at once, not 0 places."""
    if option == "--structures":
        message = (
            "cet enregistrement a un « structure_id » : c'est un service, pas une structure. "
            "Les fichiers semblent inversés : --structures reçoit le fichier des structures "
            "(structures.json), --services celui des services (services.json)."
        )
    else:
        message = (
            "cet enregistrement n'a pas de « structure_id » : c'est une structure, pas un "
            "service. Les fichiers semblent inversés : --structures reçoit le fichier des "
            "structures (structures.json), --services celui des services (services.json)."
        )
    where = RecordIssue(display, index, record_id(raw), "", message).format()
    return UserError(f"{where} Import annulé : aucun fichier n'a été écrit.")


def _screened(state: _State, display: str, index: int, raw: Any) -> bool:
    """False (and the error logged) for a record no model should even see."""
    hostile = hostile_text(raw)
    if hostile is None:
        return True
    field_path, message = hostile
    state.errors.add(RecordIssue(display, index, record_id(raw), field_path, message))
    return False


def _not_an_object(state: _State, display: str, index: int) -> None:
    state.errors.add(
        RecordIssue(display, index, None, "", "l'enregistrement n'est pas un objet JSON ({…}).")
    )


def _read_structures(state: _State) -> None:
    options, counts = state.options, state.counts
    display = display_path(options.structures)
    for index, raw in _stream(
        state, options.structures, f"Structures ({options.structures.name})", "--structures"
    ):
        counts.structures_read += 1
        if not isinstance(raw, dict):
            _not_an_object(state, display, index)
            continue
        if index == 1 and "structure_id" in raw:
            raise _wrong_kind(display, index, raw, "--structures")
        if not _screened(state, display, index, raw):
            ident = record_id(raw)
            if ident:
                state.invalid_ids.add(ident)
            continue
        departement = departement_of(raw.get("code_insee"), raw.get("code_postal"))
        located = departement in state.chosen
        try:
            structure = di.Structure.model_validate(raw)
        except ValidationError as exc:
            if not located:
                counts.invalid_elsewhere += 1
                continue
            state.errors.record(display, index, raw, exc)
            counts.skipped[SKIP_INVALID] += 1
            ident = record_id(raw)
            if ident:
                state.invalid_ids.add(ident)
                state.in_scope.setdefault(ident, index)
            continue
        if not located:
            counts.skipped[SKIP_UNLOCATED if departement is None else SKIP_ELSEWHERE] += 1
            continue
        if not structure.id.strip():
            state.errors.add(
                RecordIssue(
                    display,
                    index,
                    None,
                    "id",
                    "identifiant vide : chaque structure doit avoir un identifiant (celui de "
                    "data·inclusion) ; corrigez la source ou écartez l'enregistrement.",
                )
            )
            counts.skipped[SKIP_INVALID] += 1
            continue
        if structure.id in state.in_scope:
            state.errors.add(
                RecordIssue(
                    display,
                    index,
                    structure.id,
                    "id",
                    f"identifiant déjà donné à l'enregistrement n° {state.in_scope[structure.id]}"
                    " : chaque structure doit avoir un identifiant unique.",
                )
            )
            counts.skipped[SKIP_DUPLICATE] += 1
            continue
        state.in_scope[structure.id] = index
        _keep_structure(state, structure)


def _keep_structure(state: _State, structure: Any) -> None:
    counts = state.counts
    networks = frozenset(str(r.value) for r in structure.reseaux_porteurs or ())
    provider = state.mapping.provider_for(networks, structure.source)
    if provider is None:
        counts.skipped[SKIP_UNMAPPED] += 1
        counts.unmapped_networks.update(sorted(networks) or ["(aucun réseau)"])
        return
    commune = state.locator.commune(structure.code_insee, structure.code_postal, structure.commune)
    if commune is None:
        counts.skipped[SKIP_NO_COMMUNE] += 1
        return
    state.drafts[structure.id] = place.draft(structure, provider, commune, state.mapping.source)


def _read_services(state: _State) -> None:
    options, counts = state.options, state.counts
    display = display_path(options.services)
    for index, raw in _stream(
        state, options.services, f"Services ({options.services.name})", "--services"
    ):
        counts.services_read += 1
        if not isinstance(raw, dict):
            _not_an_object(state, display, index)
            continue
        if index == 1 and "structure_id" not in raw:
            raise _wrong_kind(display, index, raw, "--services")
        if not _screened(state, display, index, raw):
            continue
        structure_id = raw.get("structure_id")
        located = isinstance(structure_id, str) and structure_id in state.in_scope
        try:
            service = di.Service.model_validate(raw)
        except ValidationError as exc:
            if located:
                state.errors.record(display, index, raw, exc)
            else:
                counts.invalid_elsewhere += 1
            continue
        draft = state.drafts.get(service.structure_id)
        if draft is None:
            continue
        counts.services_of_places += 1
        draft.zone |= state.locator.zone_codes(service.zone_eligibilite or ())
        themes = [str(t.value) for t in service.thematiques or ()]
        schemes = state.mapping.schemes_for(service.nom, themes, draft.networks)
        if schemes:
            counts.services_mapped += 1
            counts.schemes.update(schemes)
            draft.schemes.update(schemes)
