"""Import the Région's official EFOP perimeter file (one row per EPCI) as territory files.

The file's exact column names are not published here, so columns are recognised by
what their header says (SIREN, EPCI name, territory code, territory name), with the
documented order as a fallback. Everything is checked before anything is written: an
unknown SIREN, a territory with two names or an EPCI in two territories stops the
import with the line of each problem, and references from schemes to territories that
would disappear are listed instead of being broken silently.
"""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass, field
from pathlib import Path

import click

from ..data.errors import Issue, Report, Severity, display_path
from ..data.geo import Geo, GeoDataError, load_geo
from ..data.input_limits import load_limits, open_regular, refuse
from ..data.model import LimitesEntrees
from ..data.reader import FOLDERS, GEO_FILE, read_dataset
from ..data.territory_files import render_territory_yaml
from ..rules import codes
from ..rules.urls import slugify
from .data_folder import FileChange, apply_changes, import_lock

COLUMNS = ("siren", "nom_epci", "code_territoire", "nom_territoire")


@dataclass
class ImportedTerritory:
    code: str
    nom: str
    epci: list[str] = field(default_factory=list)
    communes_hors_epci: list[str] = field(default_factory=list)
    first_line: int = 0


def _normalise_header(cell: str) -> str:
    return slugify(cell).replace("-", " ")


def _column_roles(header: list[str]) -> dict[str, int] | None:
    """Map our four roles to column indexes from header words; None if not a header."""
    roles: dict[str, int] = {}
    for index, raw in enumerate(header):
        words = _normalise_header(raw)
        territorial = any(w in words for w in ("territ", "efop", "clefop", "bassin"))
        if "siren" in words and "territ" not in words:
            roles.setdefault("siren", index)
        elif "code" in words and territorial:
            roles.setdefault("code_territoire", index)
        elif territorial:
            roles.setdefault("nom_territoire", index)
        elif "epci" in words or "intercommun" in words or "raison sociale" in words:
            roles.setdefault("nom_epci", index)
    if {"siren", "code_territoire", "nom_territoire"} <= roles.keys():
        return roles
    return None


def read_efop_csv(
    path: Path, geo: Geo, report: Report, *, raw: bytes | None = None
) -> dict[str, ImportedTerritory]:
    display = display_path(path)
    text = _decode(path.read_bytes() if raw is None else raw)
    if text is None:
        report.add(Issue(display, 1, 1, "", "fichier illisible : ni UTF-8 ni Windows-1252."))
        return {}
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        report.add(Issue(display, 1, 1, "", "fichier vide."))
        return {}
    delimiter = ";" if lines[0].count(";") >= lines[0].count(",") else ","
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    roles = _column_roles(rows[0])
    start = 1
    if roles is None:
        if rows[0] and codes.is_siren(rows[0][0].strip()) and len(rows[0]) >= 4:
            roles = dict(zip(COLUMNS, range(4), strict=True))
            start = 0  # no header: the documented column order
        else:
            report.add(
                Issue(
                    display,
                    1,
                    1,
                    "",
                    "en-tête non reconnu : il faut des colonnes SIREN, nom de l'EPCI, code du "
                    "territoire et nom du territoire (séparées par « ; » ou « , »).",
                )
            )
            return {}
    return _rows_to_territories(rows, start, roles, display, geo, report)


def _decode(raw: bytes) -> str | None:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def _rows_to_territories(
    rows: list[list[str]],
    start: int,
    roles: dict[str, int],
    display: str,
    geo: Geo,
    report: Report,
) -> dict[str, ImportedTerritory]:
    territories: dict[str, ImportedTerritory] = {}
    owner: dict[str, tuple[str, int]] = {}
    conflicting_names: set[tuple[str, str]] = set()
    for line_number, row in enumerate(rows[start:], start=start + 1):
        if not any(cell.strip() for cell in row):
            continue

        def cell(role: str, row: list[str] = row) -> str:
            index = roles.get(role)
            return row[index].strip() if index is not None and index < len(row) else ""

        def error(role: str, message: str, line: int = line_number) -> None:
            col = roles.get(role, 0) + 1
            report.add(Issue(display, line, col, role, message))

        code = cell("siren").replace(" ", "")
        t_code, t_name = cell("code_territoire"), cell("nom_territoire")
        if not t_code:
            error("code_territoire", "code du territoire manquant.")
        if not t_name:
            error("nom_territoire", "nom du territoire manquant.")
        is_epci = codes.is_siren(code)
        if is_epci and geo.epci(code) is None:
            error("siren", f"EPCI « {code} » inconnu dans la région (référentiel géographique).")
            continue
        if not is_epci:
            commune = geo.commune(code) if codes.is_insee_commune(code) else None
            if commune is None:
                error("siren", f"« {code} » n'est ni un SIREN d'EPCI (9 chiffres) ni une commune.")
                continue
            if commune.epci is not None:
                error("siren", f"la commune {code} appartient à un EPCI : indiquez l'EPCI.")
                continue
        if not (t_code and t_name):
            continue
        if code in owner and owner[code][0] != t_code:
            error(
                "siren",
                f"« {code} » est déjà rattaché au territoire {owner[code][0]} "
                f"(ligne {owner[code][1]}).",
            )
            continue
        owner[code] = (t_code, line_number)
        territory = territories.setdefault(
            t_code, ImportedTerritory(t_code, t_name, first_line=line_number)
        )
        if territory.nom != t_name:
            if (t_code, t_name) not in conflicting_names:
                conflicting_names.add((t_code, t_name))
                error(
                    "nom_territoire",
                    f"le territoire {t_code} s'appelle « {territory.nom} » ligne "
                    f"{territory.first_line} et « {t_name} » ici : un code, un seul nom.",
                )
            continue
        target = territory.epci if is_epci else territory.communes_hors_epci
        if code not in target:
            target.append(code)
    return territories


def import_territories(csv_path: Path, root: Path, *, source: str | None, dry_run: bool) -> int:
    raw = _read_limited(csv_path, load_limits(root))
    if dry_run:
        return _import(csv_path, raw, root, source=source, dry_run=True)
    # The territory files are read (priorities and contacts kept) and written under the
    # import lock: an import running beside it cannot lose its edit.
    with import_lock(root):
        return _import(csv_path, raw, root, source=source, dry_run=False)


def _read_limited(csv_path: Path, limits: LimitesEntrees) -> bytes:
    with open_regular(csv_path, limits, label="fichier des territoires") as handle:
        size = os.fstat(handle.fileno()).st_size
        if size > limits.csv_octets_max:
            raise refuse(
                f"{display_path(csv_path)} trop gros ({size} octets)",
                limits.csv_octets_max,
                "csv_octets_max",
            )
        return handle.read(limits.csv_octets_max + 1)


def _import(csv_path: Path, raw: bytes, root: Path, *, source: str | None, dry_run: bool) -> int:
    report = Report(files_read=1)
    try:
        geo = load_geo(root / GEO_FILE)
    except GeoDataError as exc:
        click.echo(f"Erreur : {exc}", err=True)
        return 1
    imported = read_efop_csv(csv_path, geo, report, raw=raw)
    if not imported and not report.errors:
        report.add(Issue(display_path(csv_path), 1, 1, "", "aucune ligne de territoire."))
    plan = _plan(imported, root, report)
    _report_uncovered(imported, geo, csv_path, report)
    if report.errors:
        click.echo(report.render(), err=True)
        click.echo("Import annulé : aucun fichier n'a été modifié.", err=True)
        return 1
    for issue in report.sorted_issues():
        click.echo(issue.format(), err=True)
    for tid, territory in sorted(plan.items()):
        click.echo(
            f"{'(essai) ' if dry_run else ''}{tid} : {territory.nom} — "
            f"{len(territory.epci)} EPCI, {len(territory.communes_hors_epci)} commune(s) hors EPCI"
        )
    if dry_run:
        return 0
    _write(plan, root, source)
    click.echo(f"{len(plan)} territoire(s) officiel(s) écrit(s) dans {root / 'territoires'}.")
    return 0


def _plan(
    imported: dict[str, ImportedTerritory], root: Path, report: Report
) -> dict[str, ImportedTerritory]:
    plan: dict[str, ImportedTerritory] = {}
    for territory in imported.values():
        tid = slugify(territory.nom) or slugify(territory.code)
        if tid in plan:
            tid = f"{tid}-{slugify(territory.code)}"
        plan[tid] = territory
    read = Report()
    data = read_dataset(root, read)
    # A territory file that cannot be read would be rewritten without its priorities and
    # contacts: the import stops until it is fixed, never drops what it could not read.
    for issue in read.errors:
        folder = f"{FOLDERS['territoire']}/"
        if issue.path.startswith(folder) or f"/{folder}" in issue.path:
            report.add(
                Issue(
                    issue.path,
                    issue.line,
                    issue.col,
                    issue.key_path,
                    f"{issue.message} (fichier de territoire illisible : l'import le "
                    "remplacerait sans ses priorités ni ses contacts ; corrigez-le d'abord)",
                )
            )
    current = {t.item.id for t in data.territoires}
    vanishing = current - plan.keys()
    for loaded in data.dispositifs:
        for index, ref in enumerate(loaded.item.territoires):
            if ref in vanishing:
                report.add(
                    loaded.doc.issue(
                        ("territoires", index),
                        f"le territoire « {ref} » disparaît avec l'import : remplacez-le par "
                        "les codes EPCI concernés ou par le nouvel identifiant.",
                    )
                )
        for tid in loaded.item.contacts.territoires:
            if tid in vanishing:
                report.add(
                    loaded.doc.issue(
                        ("contacts", "territoires", tid),
                        f"le territoire « {tid} » disparaît avec l'import : rattachez ce "
                        "contact au nouvel identifiant.",
                        at_key=True,
                    )
                )
    return plan


def _report_uncovered(
    imported: dict[str, ImportedTerritory], geo: Geo, csv_path: Path, report: Report
) -> None:
    covered_epci = {s for t in imported.values() for s in t.epci}
    covered_communes = {c for t in imported.values() for c in t.communes_hors_epci}
    missing = [e.siren for e in geo.epcis if e.siren not in covered_epci]
    missing += [c.code for c in geo.communes_without_epci() if c.code not in covered_communes]
    if missing:
        report.add(
            Issue(
                display_path(csv_path),
                1,
                1,
                "",
                f"{len(missing)} EPCI ou commune(s) hors EPCI de la région absents du fichier "
                f"({', '.join(missing[:8])}{'…' if len(missing) > 8 else ''}) : ils ne seront "
                "dans aucun territoire.",
                Severity.WARNING,
            )
        )


def _write(plan: dict[str, ImportedTerritory], root: Path, source: str | None) -> None:
    folder = root / "territoires"
    existing = {}
    data = read_dataset(root, Report())
    for loaded in data.territoires:
        existing[loaded.item.id] = loaded.item
    # All the territory files change together or not at all (apply_changes stages them,
    # then moves them into place), never through a link leading out of the data folder.
    changes = [
        FileChange(
            folder / f"{tid}.yaml",
            render_territory_yaml(
                tid=tid,
                nom=territory.nom,
                statut="officiel",
                epci=sorted(territory.epci),
                communes_hors_epci=sorted(territory.communes_hors_epci),
                code=territory.code,
                source=source,
                regle="Périmètre officiel importé du fichier « Territoires EFOP en Pays de la "
                "Loire » de la Région.",
                priorites=list(previous.priorites) if previous else [],
                contacts=[c.model_dump(exclude_none=True) for c in previous.contacts]
                if previous
                else [],
            ),
        )
        for tid, territory in sorted(plan.items())
        for previous in [existing.get(tid)]
    ]
    if folder.is_dir():
        changes += [
            FileChange(path, None)
            for path in sorted(folder.glob("*.yaml"))
            if path.stem not in plan and not path.name.startswith(".")
        ]
    apply_changes(root, changes)
