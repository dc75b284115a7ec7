"""What `offre classeur exporter` and `offre classeur importer` do, for the thin CLI."""

from __future__ import annotations

from pathlib import Path

import click

from ...errors import Issue, UserError
from .importer import import_workbook, summary_lines
from .reading import CellIssue


def run_export(target: Path, root: Path, *, territoire: str | None, overwrite: bool) -> int:
    from .export import export_workbook

    if target.suffix.lower() != ".xlsx":
        raise UserError(f"{target.name} : le classeur exporté doit avoir l'extension .xlsx.")
    if target.exists() and not overwrite:
        raise UserError(
            f"{target} existe déjà : choisissez un autre nom, ou ajoutez --ecraser pour le "
            "remplacer (les saisies qu'il contient seraient perdues)."
        )
    if not root.is_dir():
        raise UserError(f"dossier de données introuvable : {root}")
    summary = export_workbook(root, target, territoire=territoire)
    rows = ", ".join(f"{sheet} : {count}" for sheet, count in summary.rows.items())
    click.echo(f"Classeur écrit dans {summary.path} ({rows}).")
    return 0


def run_import(source: Path, root: Path, *, dry_run: bool, territoire: str | None = None) -> int:
    result = import_workbook(source, root, dry_run=dry_run, territoire=territoire)
    cells = sorted((i for i in result.issues if isinstance(i, CellIssue)), key=lambda i: i.order)
    files = sorted(i for i in result.issues if isinstance(i, Issue))
    for line in [c.format() for c in cells] + [f.format() for f in files]:
        click.echo(line, err=True)
    if result.errors:
        count = len(result.errors)
        click.echo(
            f"{count} erreur{'s' if count > 1 else ''} : aucun fichier n'a été modifié. "
            "Corrigez les cellules signalées et relancez l'import.",
            err=True,
        )
        return 1
    for line in summary_lines(result, dry_run=dry_run):
        click.echo(line)
    return 0
