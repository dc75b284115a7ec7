"""`offre import-data-inclusion`: places from data·inclusion's open data files."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..data.errors import UserError
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


@verb("import-data-inclusion")
@click.option(
    "--structures",
    type=click.Path(path_type=Path),  # checked in French by the import (input_limits)
    metavar="FICHIER",
    help="Obligatoire : fichier JSON des structures publié par data·inclusion (tableau de "
    "Structure v1).",
)
@click.option(
    "--services",
    type=click.Path(path_type=Path),  # checked in French by the import (input_limits)
    metavar="FICHIER",
    help="Obligatoire : fichier JSON des services publié par data·inclusion (tableau de "
    "Service v1).",
)
@DEPARTEMENTS_OPTION
@DATA_OPTION
@click.option(
    "--correspondances",
    "mapping_file",
    default=None,
    type=click.Path(path_type=Path),  # checked in French by the import
    metavar="FICHIER",
    help="Fichier de correspondances (par défaut : DOSSIER/correspondances-data-inclusion.yaml).",
)
@DRY_RUN_OPTION
@REMOVE_VANISHED_OPTION
@IGNORE_INVALID_OPTION
@CONSULTED_OPTION
def command(
    structures: Path | None,
    services: Path | None,
    departements: str | None,
    dossier: Path,
    mapping_file: Path | None,
    dry_run: bool,
    remove_vanished: bool,
    ignore_invalid: bool,
    consulted: str | None,
) -> None:
    """Importer les lieux (structures et services) des fichiers open data de
    data·inclusion, selon le fichier de correspondances."""
    from ..importers.data_inclusion import Options, run_import

    if structures is None or services is None:
        raise UserError(
            "indiquez les deux fichiers de data·inclusion : --structures FICHIER "
            "--services FICHIER."
        )
    options = Options(
        structures=structures,
        services=services,
        root=dossier,
        mapping_file=mapping_file,
        departements=parse_departements(departements),
        dry_run=dry_run,
        remove_vanished=remove_vanished,
        ignore_invalid=ignore_invalid,
        consulte_le=parse_date(consulted),
    )
    sys.exit(run_import(options))
