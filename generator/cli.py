"""The `offre` command: thin wrappers, one library call each, help in French.

Exit codes follow pre-commit's convention: 0 clean, 1 data or usage error reported to
the user, 3 an unexpected bug (with its traceback, to attach to a bug report).
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from .errors import DataError, UserError

EXIT_DATA = 1
EXIT_BUG = 3

F = TypeVar("F", bound=Callable[..., Any])

DATA_DIR_HELP = "Dossier des données (par défaut : offer_data)."


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


class _FrenchHelpFormatter(click.HelpFormatter):
    """Click writes its headings in English; editors read French."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, prefix="Utilisation : ")

    def write_heading(self, heading: str) -> None:
        super().write_heading(_HEADINGS.get(heading, heading))


class _FrenchContext(click.Context):
    formatter_class = _FrenchHelpFormatter


class _FrenchCommand(click.Command):
    context_class = _FrenchContext


class _FrenchGroup(click.Group):
    context_class = _FrenchContext
    command_class = _FrenchCommand


CONTEXT = {"help_option_names": ["-h", "--help"]}
# Options every command spells the same way: French first, the English spelling kept as
# an alias so that no script written for it breaks.
HELP_OPTION = click.help_option("-h", "--help", help="Afficher cette aide.")
DATA_OPTION = click.option(
    "--donnees",
    "--data",
    "dossier",
    default="offer_data",
    type=click.Path(path_type=Path),
    help=DATA_DIR_HELP,
)
DRY_RUN_OPTION = click.option(
    "--essai", "--dry-run", "dry_run", is_flag=True, help="Afficher le bilan sans rien écrire."
)


@click.group(
    cls=_FrenchGroup, context_settings=CONTEXT, subcommand_metavar="COMMANDE [ARGUMENTS]..."
)
@click.version_option(
    package_name="offre-clefop", message="offre %(version)s", help="Afficher la version."
)
@HELP_OPTION
def main() -> None:
    """Offre de services des Clefop des Pays de la Loire : valider les données et
    construire le site."""


@main.command(context_settings=CONTEXT)
@HELP_OPTION
@click.argument("dossier", default="offer_data", type=click.Path(path_type=Path))
@click.option("--strict", is_flag=True, help="Échouer aussi sur les avertissements.")
@guarded
def validate(dossier: Path, strict: bool) -> None:
    """Vérifier toutes les données de DOSSIER et signaler chaque problème."""
    from .commands import run_validate

    sys.exit(run_validate(dossier, strict=strict))


@main.command(context_settings=CONTEXT)
@HELP_OPTION
@DATA_OPTION
@click.option(
    "--sortie",
    "--out",
    "-o",
    "output",
    type=click.Path(path_type=Path),
    default=None,
    help="Fichier où écrire le schéma (par défaut : sortie standard).",
)
@click.option(
    "--type",
    "kind",
    type=click.Choice(["dispositif", "porteur", "territoire", "lieu", "reglages", "reseaux"]),
    default="dispositif",
    show_default=True,
    help="Type de fiche décrit.",
)
@click.option(
    "--ecrire",
    "write_all",
    is_flag=True,
    help="Écrire tous les schémas dans DOSSIER/schemas/ (fichiers versionnés).",
)
@guarded
def schema(dossier: Path, output: Path | None, kind: str, write_all: bool) -> None:
    """Écrire le schéma JSON d'une fiche, pour l'autocomplétion dans l'éditeur."""
    from .commands import run_schema

    run_schema(dossier, output, kind, write_all=write_all)


@main.command("import-territoires", context_settings=CONTEXT)
@HELP_OPTION
@click.argument("fichier", type=click.Path(path_type=Path))  # checked in French by the import
@DATA_OPTION
@click.option(
    "--source", default=None, help="Adresse web du fichier officiel, notée dans les fiches."
)
@click.option(
    "--essai",
    "--dry-run",
    "essai",
    is_flag=True,
    help="Afficher ce qui changerait sans rien écrire.",
)
@guarded
def import_territoires(fichier: Path, dossier: Path, source: str | None, essai: bool) -> None:
    """Importer le périmètre officiel des territoires (fichier EFOP de la Région, CSV)."""
    from .commands import run_import_territories

    sys.exit(run_import_territories(fichier, dossier, source=source, dry_run=essai))


@main.command("import-data-inclusion", context_settings=CONTEXT)
@HELP_OPTION
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
@click.option(
    "--departements",
    default=None,
    metavar="44,49,…",
    help="Départements à importer, séparés par des virgules (par défaut : ceux du "
    "référentiel géographique, 44,49,53,72,85).",
)
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
@click.option(
    "--supprimer-disparus",
    is_flag=True,
    help="Supprimer les lieux importés qui ne sont plus dans l'import (sauf ceux modifiés "
    "à la main).",
)
@click.option(
    "--ignorer-invalides",
    is_flag=True,
    help="Importer les enregistrements valides même si d'autres sont invalides (par défaut, "
    "une seule erreur annule l'import).",
)
@click.option(
    "--date",
    "day",
    default=None,
    metavar="AAAA-MM-JJ",
    help="Date de consultation notée dans les lieux écrits (par défaut : aujourd'hui).",
)
@guarded
def import_data_inclusion(
    structures: Path | None,
    services: Path | None,
    departements: str | None,
    dossier: Path,
    mapping_file: Path | None,
    dry_run: bool,
    supprimer_disparus: bool,
    ignorer_invalides: bool,
    day: str | None,
) -> None:
    """Importer les lieux (structures et services) des fichiers open data de
    data·inclusion, selon le fichier de correspondances."""
    from datetime import date

    from .tools.import_data_inclusion import Options, run_import

    if structures is None or services is None:
        raise UserError(
            "indiquez les deux fichiers de data·inclusion : --structures FICHIER "
            "--services FICHIER."
        )
    try:
        consulte_le = date.fromisoformat(day) if day else None
    except ValueError:
        raise UserError(f"date « {day} » invalide : attendu AAAA-MM-JJ.") from None
    chosen = None
    if departements is not None:
        chosen = tuple(d.strip().upper() for d in departements.split(",") if d.strip())
        if not chosen:
            raise UserError("--departements vide : donnez des codes séparés par des virgules.")
    options = Options(
        structures=structures,
        services=services,
        root=dossier,
        mapping_file=mapping_file,
        departements=chosen,
        dry_run=dry_run,
        remove_vanished=supprimer_disparus,
        ignore_invalid=ignorer_invalides,
        consulte_le=consulte_le,
    )
    sys.exit(run_import(options))


@main.command("import-france-services", context_settings=CONTEXT)
@HELP_OPTION
@click.argument("fichier", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option(
    "--departements",
    default=None,
    metavar="44,49,…",
    help="Départements à importer, séparés par des virgules (par défaut : ceux du "
    "référentiel géographique, 44,49,53,72,85).",
)
@DATA_OPTION
@click.option(
    "--date-liste",
    "list_day",
    default=None,
    metavar="AAAA-MM-JJ",
    help="Date de la liste (par défaut : celle du nom du fichier, liste-fs-AAAAMMJJ.csv).",
)
@DRY_RUN_OPTION
@click.option(
    "--supprimer-disparus",
    is_flag=True,
    help="Supprimer les lieux importés qui ne sont plus dans la liste (sauf ceux modifiés "
    "à la main).",
)
@click.option(
    "--ignorer-invalides",
    is_flag=True,
    help="Importer les lignes valides même si d'autres sont invalides (par défaut, une "
    "seule erreur annule l'import).",
)
@click.option(
    "--date",
    "day",
    default=None,
    metavar="AAAA-MM-JJ",
    help="Date de consultation notée dans les lieux écrits (par défaut : aujourd'hui).",
)
@guarded
def import_france_services(
    fichier: Path,
    departements: str | None,
    dossier: Path,
    list_day: str | None,
    dry_run: bool,
    supprimer_disparus: bool,
    ignorer_invalides: bool,
    day: str | None,
) -> None:
    """Importer les France services de la liste officielle de l'ANCT (fichier CSV
    « Liste des structures France services » de data.gouv.fr)."""
    from .tools.import_france_services import Options, run_import

    options = Options(
        csv_file=fichier,
        root=dossier,
        departements=_departements_option(departements),
        list_date=_date_option(list_day, "--date-liste"),
        dry_run=dry_run,
        remove_vanished=supprimer_disparus,
        ignore_invalid=ignorer_invalides,
        consulte_le=_date_option(day, "--date"),
    )
    sys.exit(run_import(options))


@main.command("import-annuaire", context_settings=CONTEXT)
@HELP_OPTION
@click.argument("fichier", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option(
    "--departements",
    default=None,
    metavar="44,49,…",
    help="Départements à importer, séparés par des virgules (par défaut : ceux du "
    "référentiel géographique, 44,49,53,72,85).",
)
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
@click.option(
    "--supprimer-disparus",
    is_flag=True,
    help="Supprimer les lieux importés qui ne sont plus dans l'annuaire (sauf ceux modifiés "
    "à la main).",
)
@click.option(
    "--ignorer-invalides",
    is_flag=True,
    help="Importer les services valides même si d'autres sont invalides (par défaut, une "
    "seule erreur annule l'import).",
)
@click.option(
    "--date",
    "day",
    default=None,
    metavar="AAAA-MM-JJ",
    help="Date de consultation notée dans les lieux écrits (par défaut : aujourd'hui).",
)
@guarded
def import_annuaire(
    fichier: Path,
    departements: str | None,
    dossier: Path,
    mapping_file: Path | None,
    dry_run: bool,
    supprimer_disparus: bool,
    ignorer_invalides: bool,
    day: str | None,
) -> None:
    """Importer les guichets publics (agences France Travail, missions locales, chambres,
    services de l'État…) de l'Annuaire de l'administration (export JSON de la DILA),
    selon le fichier de correspondances."""
    from .tools.import_annuaire import Options, run_import

    options = Options(
        json_file=fichier,
        root=dossier,
        mapping_file=mapping_file,
        departements=_departements_option(departements),
        dry_run=dry_run,
        remove_vanished=supprimer_disparus,
        ignore_invalid=ignorer_invalides,
        consulte_le=_date_option(day, "--date"),
    )
    sys.exit(run_import(options))


def _date_option(value: str | None, option: str) -> Any:
    from datetime import date

    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        raise UserError(f"{option} : date « {value} » invalide : attendu AAAA-MM-JJ.") from None


def _departements_option(value: str | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    chosen = tuple(d.strip().upper() for d in value.split(",") if d.strip())
    if not chosen:
        raise UserError("--departements vide : donnez des codes séparés par des virgules.")
    return chosen


@main.command(context_settings=CONTEXT)
@HELP_OPTION
@click.argument("vocabulaire", required=False)
@DATA_OPTION
@guarded
def vocabulaires(vocabulaire: str | None, dossier: Path) -> None:
    """Lister les valeurs autorisées d'un VOCABULAIRE (sans argument : les vocabulaires)."""
    from .commands import run_vocabularies

    sys.exit(run_vocabularies(dossier, vocabulaire))


@main.command(context_settings=CONTEXT)
@HELP_OPTION
@click.option(
    "--donnees",
    "--data",
    "dossier",
    default=None,
    type=click.Path(path_type=Path),
    help="Dossier des données (par défaut : celui de mkdocs.yml, offer_data).",
)
@click.option(
    "--sortie",
    "--out",
    "sortie",
    default=None,
    type=click.Path(path_type=Path),
    help="Dossier du site construit (par défaut : site).",
)
@click.option(
    "--config",
    "config_file",
    default="mkdocs.yml",
    show_default=True,
    type=click.Path(path_type=Path, exists=True, dir_okay=False),
    help="Fichier de configuration MkDocs.",
)
@guarded
def build(dossier: Path | None, sortie: Path | None, config_file: Path) -> None:
    """Construire le site à partir des données (le site précédent n'est remplacé
    qu'en cas de succès)."""
    from .commands import run_build

    sys.exit(run_build(config_file, data_dir=dossier, site_dir=sortie))


@main.command(context_settings=CONTEXT)
@HELP_OPTION
@DATA_OPTION
@click.option(
    "--date",
    "reference",
    default=None,
    metavar="AAAA-MM-JJ",
    help="Date de référence du rapport (par défaut : aujourd'hui).",
)
@guarded
def rapport(dossier: Path, reference: str | None) -> None:
    """Lister, par porteur, les fiches à revoir : sources non relues depuis plus de 12 mois,
    terminées mais encore « actif », sans contact ou sans source, titres en double ; puis
    les lieux non relus depuis plus de 12 mois et, par territoire, les dispositifs
    qu'aucun lieu ne délivre."""
    from datetime import date

    from .commands import run_report
    from .errors import UserError

    try:
        day = date.fromisoformat(reference) if reference else None
    except ValueError:
        raise UserError(f"date « {reference} » invalide : attendu AAAA-MM-JJ.") from None
    sys.exit(run_report(dossier, day))


@main.command(context_settings=CONTEXT)
@HELP_OPTION
@DATA_OPTION
@click.option(
    "--concurrence",
    "workers",
    default=8,
    type=int,
    metavar="N",
    help="Nombre de vérifications menées en même temps (par défaut : 8, au plus 64).",
)
@click.option(
    "--delai",
    "timeout",
    default=10.0,
    type=float,
    metavar="SECONDES",
    help="Délai maximal d'attente de chaque réponse (par défaut : 10).",
)
@click.option(
    "--json",
    "json_file",
    default=None,
    type=click.Path(path_type=Path, dir_okay=False),
    metavar="FICHIER",
    help="Écrire aussi le résultat complet en JSON dans FICHIER.",
)
@guarded
def liens(dossier: Path, workers: int, timeout: float, json_file: Path | None) -> None:
    """Vérifier toutes les adresses web des données (sources, liens, contacts, porteurs,
    territoires) ; code de sortie 1 si un lien est cassé."""
    from .commands import run_links
    from .errors import UserError

    if not 1 <= workers <= 64:
        raise UserError(f"--concurrence {workers} : choisissez un nombre entre 1 et 64.")
    if timeout < 0.1:
        raise UserError(f"--delai {timeout} : choisissez au moins 0,1 seconde.")

    sys.exit(run_links(dossier, workers=workers, timeout=timeout, json_file=json_file))


@main.command(context_settings=CONTEXT)
@HELP_OPTION
@click.argument("nombre", type=int)
@click.argument("dossier", type=click.Path(path_type=Path))
@click.option(
    "--graine",
    default=1,
    show_default=True,
    type=int,
    help="Graine du tirage : même nombre et même graine donnent les mêmes fichiers.",
)
@click.option(
    "--ecraser", is_flag=True, help="Remplacer le contenu de DOSSIER s'il n'est pas vide."
)
@click.option(
    "--donnees",
    "--data",
    "source",
    default="offer_data",
    type=click.Path(path_type=Path),
    help="Données d'où copier géographie, vocabulaires et territoires (par défaut : offer_data).",
)
@click.option(
    "--lieux",
    "--places",
    "lieux",
    default=0,
    show_default=True,
    type=click.IntRange(0),
    help="Nombre de lieux d'accueil inventés à écrire aussi (dans les communes de la "
    "région, avec zones, contacts et horaires).",
)
@guarded
def synth(nombre: int, dossier: Path, graine: int, ecraser: bool, source: Path, lieux: int) -> None:
    """Écrire dans DOSSIER un jeu de données synthétique de NOMBRE dispositifs (textes
    inventés, pour mesurer la construction et la recherche)."""
    from .commands import run_synth

    sys.exit(
        run_synth(nombre, dossier, source=source, seed=graine, overwrite=ecraser, places=lieux)
    )


@main.group(
    cls=_FrenchGroup, context_settings=CONTEXT, subcommand_metavar="COMMANDE [ARGUMENTS]..."
)
@HELP_OPTION
def classeur() -> None:
    """Modifier l'offre dans un tableur : exporter un classeur, puis l'importer."""


@classeur.command("exporter", context_settings=CONTEXT)
@HELP_OPTION
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
@guarded
def classeur_exporter(fichier: Path, territoire: str | None, dossier: Path, ecraser: bool) -> None:
    """Écrire l'offre dans le classeur FICHIER.xlsx (une feuille par type de fiche)."""
    from .tools.classeur.commande import run_export

    sys.exit(run_export(fichier, dossier, territoire=territoire, overwrite=ecraser))


@classeur.command("importer", context_settings=CONTEXT)
@HELP_OPTION
@click.argument("fichier", type=click.Path(path_type=Path))  # checked in French by the import
@DATA_OPTION
@click.option(
    "--essai", "--dry-run", "dry_run", is_flag=True, help="Tout vérifier sans rien écrire."
)
@click.option(
    "--territoire",
    default=None,
    metavar="ID",
    help="Classeur d'un coordinateur : n'accepter que ce que ce territoire peut modifier "
    "(par défaut : le territoire noté dans le classeur à l'export).",
)
@guarded
def classeur_importer(fichier: Path, dossier: Path, dry_run: bool, territoire: str | None) -> None:
    """Vérifier le classeur FICHIER (.xlsx ou .ods) et mettre à jour les fichiers de
    l'offre ; rien n'est écrit s'il reste une erreur."""
    from .tools.classeur.commande import run_import

    sys.exit(run_import(fichier, dossier, dry_run=dry_run, territoire=territoire))


@main.command(context_settings=CONTEXT)
@HELP_OPTION
@DATA_OPTION
@click.option(
    "--sortie",
    "--out",
    "sortie",
    required=True,
    type=click.Path(path_type=Path),
    help="Dossier où écrire docs/ et mkdocs.yml (vide, ou écrit par un `offre pages` précédent).",
)
@click.option(
    "--config",
    "config_file",
    default="mkdocs.yml",
    show_default=True,
    type=click.Path(path_type=Path, exists=True, dir_okay=False),
    help="Fichier de configuration MkDocs du projet.",
)
@guarded
def pages(dossier: Path, sortie: Path, config_file: Path) -> None:
    """Écrire les pages du site en fichiers Markdown (avec en-tête) et un mkdocs.yml
    minimal : `mkdocs build` dans ce dossier rend le site sans le greffon « offre »."""
    from .site.plain_pages import write_pages

    summary = write_pages(dossier, sortie, project_config=config_file)
    click.echo(
        f"{summary.generated} pages générées, {summary.hand_written} pages écrites à la main "
        f"et {summary.files} fichiers produits écrits dans {summary.out}. Pour rendre le "
        f"site : cd {summary.out} && mkdocs build"
    )


def run() -> None:  # pragma: no cover - console entry used by python -m generator
    main(prog_name="offre")
