"""`offre import-territoires`: the official perimeter of the territories (Région's EFOP file)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..data.errors import UserError
from .shell import DATA_OPTION, DRY_RUN_OPTION, verb


@verb("import-territoires")
@click.argument("fichier", type=click.Path(path_type=Path))  # checked in French by the import
@DATA_OPTION
@click.option(
    "--source", default=None, help="Adresse web du fichier officiel, notée dans les fiches."
)
@DRY_RUN_OPTION
def command(fichier: Path, dossier: Path, source: str | None, dry_run: bool) -> None:
    """Importer le périmètre officiel des territoires (fichier EFOP de la Région, CSV)."""
    from ..importers.territories import import_territories

    if not dossier.is_dir():
        raise UserError(f"dossier de données introuvable : {dossier}")
    sys.exit(import_territories(fichier, dossier, source=source, dry_run=dry_run))
