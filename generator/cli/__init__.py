"""The `offre` command: one module per verb, each a thin wrapper around one library call.

`shell` holds what the verbs share (French help, the options spelled the same way
everywhere, the clean error exits); each verb's module parses its arguments and calls
the stage that does the work, imported lazily so that `offre --help` stays instant.
"""

from __future__ import annotations

import click

from . import (
    build,
    import_annuaire,
    import_data_inclusion,
    import_france_services,
    import_territoires,
    links,
    pages,
    report,
    schema,
    validate,
    vocabularies,
    workbook,
)
from .shell import CONTEXT, HELP_OPTION, FrenchGroup


@click.group(
    cls=FrenchGroup, context_settings=CONTEXT, subcommand_metavar="COMMANDE [ARGUMENTS]..."
)
@click.version_option(
    package_name="offre-clefop", message="offre %(version)s", help="Afficher la version."
)
@HELP_OPTION
def main() -> None:
    """Offre de services des Clefop des Pays de la Loire : valider les données et
    construire le site."""


for _module in (
    validate,
    schema,
    import_territoires,
    import_data_inclusion,
    import_france_services,
    import_annuaire,
    vocabularies,
    build,
    report,
    links,
    workbook,
    pages,
):
    main.add_command(_module.command)


def run() -> None:  # pragma: no cover - console entry used by python -m generator
    main(prog_name="offre")
