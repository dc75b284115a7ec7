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


def run_build(config_file: Path, *, data_dir: Path | None, site_dir: Path | None) -> int:
    """The same build as `mkdocs build --strict`, with the data and output folders chosen."""
    import logging
    import os

    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, PluginError

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    _setup_mkdocs_logging()
    overrides: dict[str, object] = {"strict": True}
    if site_dir is not None:
        overrides["site_dir"] = str(site_dir.resolve())
    config = load_config(str(config_file), **overrides)  # type: ignore[arg-type]
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
    logging.getLogger("mkdocs").info("Site construit dans %s.", config.site_dir)
    return 0


def _setup_mkdocs_logging() -> None:
    import logging

    logger = logging.getLogger("mkdocs")
    if not any(getattr(h, "_offre", False) for h in logger.handlers):
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        handler._offre = True  # type: ignore[attr-defined]
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
