"""`offre import-france-services`: the ANCT's official list of France services counters."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .shell import (
    CONSULTED_OPTION,
    DATA_OPTION,
    DEPARTEMENTS_OPTION,
    DRY_RUN_OPTION,
    IGNORE_INVALID_OPTION,
    REMOVE_VANISHED_OPTION,
    parse_date,
    parse_departements,
    verb,
)


@verb("import-france-services")
@click.argument("fichier", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@DEPARTEMENTS_OPTION
@DATA_OPTION
@click.option(
    "--date-liste",
    "list_day",
    default=None,
    metavar="AAAA-MM-JJ",
    help="Date de la liste (par défaut : celle du nom du fichier, liste-fs-AAAAMMJJ.csv).",
)
@DRY_RUN_OPTION
@REMOVE_VANISHED_OPTION
@IGNORE_INVALID_OPTION
@CONSULTED_OPTION
def command(
    fichier: Path,
    departements: str | None,
    dossier: Path,
    list_day: str | None,
    dry_run: bool,
    remove_vanished: bool,
    ignore_invalid: bool,
    consulted: str | None,
) -> None:
    """Importer les France services de la liste officielle de l'ANCT (fichier CSV
    « Liste des structures France services » de data.gouv.fr)."""
    from ..importers.france_services import Options, run_import

    options = Options(
        csv_file=fichier,
        root=dossier,
        departements=parse_departements(departements),
        list_date=parse_date(list_day, "--date-liste"),
        dry_run=dry_run,
        remove_vanished=remove_vanished,
        ignore_invalid=ignore_invalid,
        consulte_le=parse_date(consulted),
    )
    sys.exit(run_import(options))
