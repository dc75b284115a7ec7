"""`offre validate`: check every file of the data and report every problem at once."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .shell import verb


@verb("validate")
@click.argument("dossier", default="offer_data", type=click.Path(path_type=Path))
@click.option("--strict", is_flag=True, help="Échouer aussi sur les avertissements.")
def command(dossier: Path, strict: bool) -> None:
    """Vérifier toutes les données de DOSSIER et signaler chaque problème."""
    from ..catalog.load import load_catalog

    _, report = load_catalog(dossier)
    click.echo(report.render(), err=bool(report.issues))
    sys.exit(1 if report.errors or (strict and report.warnings) else 0)
