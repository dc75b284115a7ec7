"""`offre classeur exporter|importer`: the editors' workbook round trip."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..data.errors import Issue, UserError
from .shell import DATA_OPTION, DRY_RUN_OPTION, group, verb


@group("classeur")
def command() -> None:
    """Modifier l'offre dans un tableur : exporter un classeur, puis l'importer."""


@verb("exporter")
@click.argument("fichier", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--territoire",
    default=None,
    metavar="ID",
    help="Classeur d'un coordinateur : ce territoire, ses lieux et ses dispositifs locaux "
    "(les dispositifs régionaux en lecture seule).",
)
@DATA_OPTION
@click.option("--ecraser", is_flag=True, help="Remplacer FICHIER s'il existe déjà.")
def export(fichier: Path, territoire: str | None, dossier: Path, ecraser: bool) -> None:
    """Écrire l'offre dans le classeur FICHIER.xlsx (une feuille par type de fiche)."""
    from ..importers.workbook.export import export_workbook

    if fichier.suffix.lower() != ".xlsx":
        raise UserError(f"{fichier.name} : le classeur exporté doit avoir l'extension .xlsx.")
    if fichier.exists() and not ecraser:
        raise UserError(
            f"{fichier} existe déjà : choisissez un autre nom, ou ajoutez --ecraser pour le "
            "remplacer (les saisies qu'il contient seraient perdues)."
        )
    if not dossier.is_dir():
        raise UserError(f"dossier de données introuvable : {dossier}")
    summary = export_workbook(dossier, fichier, territoire=territoire)
    rows = ", ".join(f"{sheet} : {count}" for sheet, count in summary.rows.items())
    click.echo(f"Classeur écrit dans {summary.path} ({rows}).")


@verb("importer")
@click.argument("fichier", type=click.Path(path_type=Path))  # checked in French by the import
@DATA_OPTION
@DRY_RUN_OPTION
@click.option(
    "--territoire",
    default=None,
    metavar="ID",
    help="Classeur d'un coordinateur : n'accepter que ce que ce territoire peut modifier "
    "(par défaut : le territoire noté dans le classeur à l'export).",
)
def import_(fichier: Path, dossier: Path, dry_run: bool, territoire: str | None) -> None:
    """Vérifier le classeur FICHIER (.xlsx ou .ods) et mettre à jour les fichiers de
    l'offre ; rien n'est écrit s'il reste une erreur."""
    from ..importers.workbook.importer import import_workbook, summary_lines
    from ..importers.workbook.reading import CellIssue

    result = import_workbook(fichier, dossier, dry_run=dry_run, territoire=territoire)
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
        sys.exit(1)
    for line in summary_lines(result, dry_run=dry_run):
        click.echo(line)


command.add_command(export)
command.add_command(import_)
