"""`offre build`: the same build as `mkdocs build --strict`, data and output folders chosen."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

import click

from .shell import CONFIG_OPTION, verb


@verb("build")
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
    "-o",
    "sortie",
    default=None,
    type=click.Path(path_type=Path),
    help="Dossier du site construit (par défaut : site).",
)
@CONFIG_OPTION
def command(dossier: Path | None, sortie: Path | None, config_file: Path) -> None:
    """Construire le site à partir des données (le site précédent n'est remplacé
    qu'en cas de succès)."""
    sys.exit(run_build(config_file, data_dir=dossier, site_dir=sortie))


def run_build(config_file: Path, *, data_dir: Path | None, site_dir: Path | None) -> int:
    from ..site import engine

    engine.activate(engine.choose())  # before anything imports mkdocs
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, PluginError

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    handler = _mkdocs_log_handler()
    config = load_config(str(config_file), strict=True)
    if site_dir is not None:
        # Set after loading: MkDocs' own check of the output speaks English and misses
        # the data folder; the plugin checks every case, in French, before any write.
        config.site_dir = str(site_dir.resolve())
    if data_dir is not None:
        plugin = config.plugins["offre"]
        plugin.config.data_dir = str(data_dir.resolve())
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    except (Abort, PluginError) as exc:
        message = str(exc)
        if message and not message.startswith("Aborted with a BuildError"):
            click.echo(message, err=True)
        return 1
    finally:
        config.plugins.on_shutdown()
        logging.getLogger("mkdocs").removeHandler(handler)
    click.echo(f"Site construit dans {config.site_dir}.", err=True)
    return 0


def _mkdocs_log_handler() -> logging.Handler:
    """Show MkDocs' messages (and the plugin's) on the current standard error."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    return handler
