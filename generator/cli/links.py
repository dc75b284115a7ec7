"""`offre liens`: check every web address of the data; exit 1 when one is broken."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..data.errors import DataError, UserError
from .shell import DATA_OPTION, verb


@verb("liens")
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
def command(dossier: Path, workers: int, timeout: float, json_file: Path | None) -> None:
    """Vérifier toutes les adresses web des données (sources, liens, contacts, porteurs,
    territoires) ; code de sortie 1 si un lien est cassé."""
    if not 1 <= workers <= 64:
        raise UserError(f"--concurrence {workers} : choisissez un nombre entre 1 et 64.")
    if timeout < 0.1:
        raise UserError(f"--delai {timeout} : choisissez au moins 0,1 seconde.")
    from ..catalog.links import (
        LinkReport,
        check_all,
        collect,
        render_json,
        render_text,
        seconds_fr,
    )
    from ..catalog.load import load_catalog

    # The catalogue keeps where each address sits: no second reading of the files.
    catalog, report = load_catalog(dossier, positions=True)
    if catalog is None:
        raise DataError(report)
    occurrences = collect(catalog)
    distinct = len({o.url for o in occurrences})
    click.echo(
        f"Vérification de {distinct} adresses ({workers} à la fois, "
        f"délai {seconds_fr(timeout)} s)…",
        err=True,
    )
    results = check_all((o.url for o in occurrences), workers=workers, timeout=timeout)
    names = {pid: p.nom for pid, p in catalog.porteurs.items()} | {"territoires": "Territoires"}
    links = LinkReport(occurrences, results, names)
    click.echo(render_text(links), nl=False)
    if json_file is not None:
        json_file.parent.mkdir(parents=True, exist_ok=True)
        json_file.write_text(render_json(links), encoding="utf-8")
        click.echo(f"Rapport JSON écrit dans {json_file}.", err=True)
    sys.exit(1 if links.broken else 0)
