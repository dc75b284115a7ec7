"""`offre rapport`: per provider, the sheets to review; then places and uncovered territories."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from ..data.errors import DataError
from .shell import DATA_OPTION, parse_date, verb


@verb("rapport")
@DATA_OPTION
@click.option(
    "--date",
    "reference",
    default=None,
    metavar="AAAA-MM-JJ",
    help="Date de référence du rapport (par défaut : aujourd'hui).",
)
def command(dossier: Path, reference: str | None) -> None:
    """Lister, par porteur, les fiches à revoir : sources non relues depuis plus de 12 mois,
    terminées mais encore « actif », sans contact ou sans source, titres en double ; puis
    les lieux non relus depuis plus de 12 mois et, par territoire, les dispositifs
    qu'aucun lieu ne délivre."""
    from ..catalog.load import load_catalog
    from ..outputs.report.quality import build_report
    from ..outputs.report.render import render_text

    day = parse_date(reference)
    catalog, report = load_catalog(dossier)
    if catalog is None:
        raise DataError(report)
    quality = build_report(catalog, day or date.today(), with_scores=True)
    click.echo(render_text(quality), nl=False)
