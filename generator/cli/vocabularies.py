"""`offre vocabulaires`: the values a vocabulary allows, data·inclusion's and ours."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..data.errors import UserError
from .shell import DATA_OPTION, verb


@verb("vocabulaires")
@click.argument("vocabulaire", required=False)
@DATA_OPTION
def command(vocabulaire: str | None, dossier: Path) -> None:
    """Lister les valeurs autorisées d'un VOCABULAIRE (sans argument : les vocabulaires)."""
    from ..data.errors import Report
    from ..data.reader import read_dataset
    from ..data.vocab import KINDS, build_vocabularies

    data = read_dataset(dossier, Report())
    vocab, _ = build_vocabularies(data.vocabulaires.item if data.vocabulaires else None)
    if vocabulaire is None:
        for each in KINDS:
            click.echo(f"{each} ({len(vocab.values(each))} valeurs)")
        sys.exit(0)
    if vocabulaire not in KINDS:
        raise UserError(
            f"vocabulaire « {vocabulaire} » inconnu ; vocabulaires : {', '.join(KINDS)}."
        )
    for value in vocab.values(vocabulaire):
        term = vocab.terms[vocabulaire][value]
        click.echo(f"{value}\t{term.label}\t[{term.origin}]")
