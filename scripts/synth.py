#!/usr/bin/env python3
"""Write a synthetic dataset of N invented schemes, for the build and search benchmarks.

A developer tool, outside the `offre` package: `python scripts/synth.py 1000 /tmp/synth`.
The dataset copies the geography, vocabularies and territories of a real data folder and
passes `offre validate`; see `devtools/synth.py` for how the text is drawn.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

sys.path.insert(0, str(Path(__file__).resolve().parent))

from devtools.synth import synthesize

from generator.cli.shell import verb


@verb("synth")
@click.argument("nombre", type=int)
@click.argument("dossier", type=click.Path(path_type=Path))
@click.option(
    "--graine",
    "--seed",
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
def command(
    nombre: int, dossier: Path, graine: int, ecraser: bool, source: Path, lieux: int
) -> None:
    """Écrire dans DOSSIER un jeu de données synthétique de NOMBRE dispositifs (textes
    inventés, pour mesurer la construction et la recherche)."""
    summary = synthesize(
        nombre, dossier, source=source, seed=graine, overwrite=ecraser, places=lieux
    )
    with_places = f", {summary.places} lieux d'accueil" if summary.places else ""
    click.echo(
        f"{summary.schemes} dispositifs synthétiques écrits dans {summary.folder} "
        f"({summary.regional} régionaux, {summary.closed} terminés, remplacés ou suspendus ; "
        f"{summary.providers} porteurs, {summary.territories} territoires{with_places})."
    )


if __name__ == "__main__":
    command(prog_name="scripts/synth.py")
