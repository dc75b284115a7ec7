"""`offre import-annuaire`: public counters from the State's directory (DILA export)."""

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


@verb("import-annuaire")
@click.argument("fichier", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@DEPARTEMENTS_OPTION
@DATA_OPTION
@click.option(
    "--correspondances",
    "mapping_file",
    default=None,
    type=click.Path(path_type=Path, dir_okay=False),
    metavar="FICHIER",
    help="Fichier de correspondances (par défaut : DOSSIER/correspondances-annuaire.yaml).",
)
@DRY_RUN_OPTION
@REMOVE_VANISHED_OPTION
@IGNORE_INVALID_OPTION
@CONSULTED_OPTION
def command(
    fichier: Path,
    departements: str | None,
    dossier: Path,
    mapping_file: Path | None,
    dry_run: bool,
    remove_vanished: bool,
    ignore_invalid: bool,
    consulted: str | None,
) -> None:
    """Importer les guichets publics (agences France Travail, missions locales, chambres,
    services de l'État…) de l'Annuaire de l'administration (export JSON de la DILA),
    selon le fichier de correspondances."""
    from ..importers.annuaire import Options, run_import

    options = Options(
        json_file=fichier,
        root=dossier,
        mapping_file=mapping_file,
        departements=parse_departements(departements),
        dry_run=dry_run,
        remove_vanished=remove_vanished,
        ignore_invalid=ignore_invalid,
        consulte_le=parse_date(consulted),
    )
    sys.exit(run_import(options))
