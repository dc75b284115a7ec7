"""What every `offre` verb shares: French help, one spelling per option, clean errors.

Exit codes follow pre-commit's convention: 0 clean, 1 data or usage error reported to
the user, 3 an unexpected bug (with its traceback, to attach to a bug report). Options
used by several verbs are declared here once, French spelling first, the English one
kept as an alias so that no script written for it breaks.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable
from datetime import date
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from ..data.errors import DataError, UserError

EXIT_DATA = 1
EXIT_BUG = 3

F = TypeVar("F", bound=Callable[..., Any])


def guarded(func: F) -> F:
    """Data and usage errors print cleanly; anything else is a bug and says so."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except DataError as exc:
            click.echo(exc.report.render(), err=True)
            sys.exit(EXIT_DATA)
        except UserError as exc:
            click.echo(f"Erreur : {exc}", err=True)
            sys.exit(EXIT_DATA)
        except KeyboardInterrupt:
            sys.exit(130)
        except Exception:
            traceback.print_exc()
            click.echo(
                "\nErreur interne de l'outil (ce n'est pas un problème de données) : "
                "merci de signaler ce message avec le texte ci-dessus.",
                err=True,
            )
            sys.exit(EXIT_BUG)

    return wrapper  # type: ignore[return-value]


_HEADINGS = {"Options": "Options", "Commands": "Commandes", "Arguments": "Arguments"}


class FrenchHelpFormatter(click.HelpFormatter):
    """Click writes its headings in English; editors read French."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, prefix="Utilisation : ")

    def write_heading(self, heading: str) -> None:
        super().write_heading(_HEADINGS.get(heading, heading))


class FrenchContext(click.Context):
    formatter_class = FrenchHelpFormatter


class FrenchCommand(click.Command):
    context_class = FrenchContext


class FrenchGroup(click.Group):
    context_class = FrenchContext
    command_class = FrenchCommand


CONTEXT = {"help_option_names": ["-h", "--help"]}
HELP_OPTION = click.help_option("-h", "--help", help="Afficher cette aide.")


def verb(name: str) -> Callable[[Callable[..., Any]], click.Command]:
    """A verb of `offre`: French help, `-h`, and errors printed for editors."""

    def decorate(func: Callable[..., Any]) -> click.Command:
        command = click.command(name, cls=FrenchCommand, context_settings=CONTEXT)(
            HELP_OPTION(func)
        )
        command.callback = guarded(func)
        return command

    return decorate


def group(name: str) -> Callable[[Callable[..., Any]], click.Group]:
    """A verb with sub-verbs (`offre classeur exporter`)."""

    def decorate(func: Callable[..., Any]) -> click.Group:
        return click.group(
            name,
            cls=FrenchGroup,
            context_settings=CONTEXT,
            subcommand_metavar="COMMANDE [ARGUMENTS]...",
        )(HELP_OPTION(func))

    return decorate


DATA_OPTION = click.option(
    "--donnees",
    "--data",
    "dossier",
    default="offer_data",
    type=click.Path(path_type=Path),
    help="Dossier des données (par défaut : offer_data).",
)
CONFIG_OPTION = click.option(
    "--config",
    "config_file",
    default="mkdocs.yml",
    show_default=True,
    type=click.Path(path_type=Path, exists=True, dir_okay=False),
    help="Fichier de configuration MkDocs du projet.",
)
DRY_RUN_OPTION = click.option(
    "--essai", "--dry-run", "dry_run", is_flag=True, help="Afficher le bilan sans rien écrire."
)

# The importers of places (data·inclusion, France services, the State's directory) share
# their options: same spelling, same meaning, same checks.
DEPARTEMENTS_OPTION = click.option(
    "--departements",
    default=None,
    metavar="44,49,…",
    help="Départements à importer, séparés par des virgules (par défaut : ceux du "
    "référentiel géographique, 44,49,53,72,85).",
)
REMOVE_VANISHED_OPTION = click.option(
    "--supprimer-disparus",
    "remove_vanished",
    is_flag=True,
    help="Supprimer les lieux importés qui ne sont plus dans le fichier (sauf ceux modifiés "
    "à la main).",
)
IGNORE_INVALID_OPTION = click.option(
    "--ignorer-invalides",
    "ignore_invalid",
    is_flag=True,
    help="Importer les enregistrements valides même si d'autres sont invalides (par défaut, "
    "une seule erreur annule l'import).",
)
CONSULTED_OPTION = click.option(
    "--date",
    "consulted",
    default=None,
    metavar="AAAA-MM-JJ",
    help="Date de consultation notée dans les lieux écrits (par défaut : aujourd'hui).",
)


def parse_date(value: str | None, option: str = "--date") -> date | None:
    """An AAAA-MM-JJ option, or a French error naming it."""
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        raise UserError(f"{option} : date « {value} » invalide : attendu AAAA-MM-JJ.") from None


def parse_departements(value: str | None) -> tuple[str, ...] | None:
    """The `--departements` list, or None for the geographic extract's own."""
    if value is None:
        return None
    chosen = tuple(d.strip().upper() for d in value.split(",") if d.strip())
    if not chosen:
        raise UserError("--departements vide : donnez des codes séparés par des virgules.")
    return chosen
