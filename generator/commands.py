"""What each CLI command does, kept out of cli.py so the CLI stays a thin shell."""

from __future__ import annotations

from pathlib import Path

import click

from .errors import UserError
from .validate import load_catalog


def run_validate(root: Path, *, strict: bool = False) -> int:
    _, report = load_catalog(root)
    click.echo(report.render(), err=bool(report.issues))
    if report.errors or (strict and report.warnings):
        return 1
    return 0


def run_schema(root: Path, output: Path | None, kind: str, *, write_all: bool = False) -> None:
    from .schema import KINDS, json_schema, schema_path, schema_text

    if write_all:
        for each in KINDS:
            path = schema_path(root, each)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(schema_text(json_schema(each, root)), encoding="utf-8")
            click.echo(f"Schéma écrit dans {path}.")
        return
    text = schema_text(json_schema(kind, root))
    if output is None:
        click.echo(text, nl=False)
    else:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
        click.echo(f"Schéma écrit dans {output}.")


def run_import_territories(csv_path: Path, root: Path, *, source: str | None, dry_run: bool) -> int:
    from .territories_import import import_territories

    if not root.is_dir():
        raise UserError(f"dossier de données introuvable : {root}")
    return import_territories(csv_path, root, source=source, dry_run=dry_run)


def run_vocabularies(root: Path, kind: str | None) -> int:
    from .errors import Report
    from .reader import read_dataset
    from .vocab import KINDS, build_vocabularies

    data = read_dataset(root, Report())
    vocab, _ = build_vocabularies(data.vocabulaires.item if data.vocabulaires else None)
    if kind is None:
        for each in KINDS:
            click.echo(f"{each} ({len(vocab.values(each))} valeurs)")
        return 0
    if kind not in KINDS:
        raise UserError(f"vocabulaire « {kind} » inconnu ; vocabulaires : {', '.join(KINDS)}.")
    for value in vocab.values(kind):
        term = vocab.terms[kind][value]
        click.echo(f"{value}\t{term.label}\t[{term.origin}]")
    return 0
