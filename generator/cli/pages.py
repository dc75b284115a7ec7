"""`offre pages`: the site's pages as Markdown files, for MkDocs without our plugin."""

from __future__ import annotations

from pathlib import Path

import click

from .shell import CONFIG_OPTION, DATA_OPTION, verb


@verb("pages")
@DATA_OPTION
@click.option(
    "--sortie",
    "--out",
    "-o",
    "sortie",
    required=True,
    type=click.Path(path_type=Path),
    help="Dossier où écrire docs/ et mkdocs.yml (vide, ou écrit par un `offre pages` précédent).",
)
@CONFIG_OPTION
def command(dossier: Path, sortie: Path, config_file: Path) -> None:
    """Écrire les pages du site en fichiers Markdown (avec en-tête) et un mkdocs.yml
    minimal : `mkdocs build` dans ce dossier rend le site sans le greffon « offre »."""
    from ..site.plain_pages import write_pages

    summary = write_pages(dossier, sortie, project_config=config_file)
    click.echo(
        f"{summary.generated} pages générées, {summary.hand_written} pages écrites à la main "
        f"et {summary.files} fichiers produits écrits dans {summary.out}. Pour rendre le "
        f"site : cd {summary.out} && mkdocs build"
    )
