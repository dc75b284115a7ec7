"""What each CLI command does, kept out of cli.py so the CLI stays a thin shell."""

from __future__ import annotations

import logging
from datetime import date
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
    from .tools.schema import KINDS, json_schema, schema_path, schema_text

    if write_all:
        for each in KINDS:
            path = schema_path(root, each)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(schema_text(json_schema(each, root)), encoding="utf-8")
            click.echo(f"Schéma écrit dans {path}.")
        from .tools.editor_doc import DOC_FILE, editor_reference

        (root / DOC_FILE).write_text(editor_reference(), encoding="utf-8")
        click.echo(f"Référence des champs écrite dans {root / DOC_FILE}.")
        return
    text = schema_text(json_schema(kind, root))
    if output is None:
        click.echo(text, nl=False)
    else:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
        click.echo(f"Schéma écrit dans {output}.")


def run_import_territories(csv_path: Path, root: Path, *, source: str | None, dry_run: bool) -> int:
    from .tools.territories_import import import_territories

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


def run_report(root: Path, reference_date: date | None) -> int:
    """Freshness and quality report; invalid data is a DataError (exit 1)."""
    from .errors import DataError
    from .tools.report import build_report
    from .tools.report_render import render_text

    catalog, report = load_catalog(root)
    if catalog is None:
        raise DataError(report)
    report_ = build_report(catalog, reference_date or date.today(), with_scores=True)
    click.echo(render_text(report_), nl=False)
    return 0


def run_links(root: Path, *, workers: int, timeout: float, json_file: Path | None) -> int:
    """Check every external address; 1 when one is broken (redirections are fine)."""
    from .errors import DataError
    from .tools.links import LinkReport, check_all, collect, render_json, render_text, seconds_fr

    # The catalogue keeps where each address sits: no second reading of the files.
    catalog, report = load_catalog(root, positions=True)
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
    return 1 if links.broken else 0


def run_build(config_file: Path, *, data_dir: Path | None, site_dir: Path | None) -> int:
    """The same build as `mkdocs build --strict`, with the data and output folders chosen."""
    import os

    from .site import engine

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
    import sys

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    return handler


def run_synth(
    n: int, target: Path, *, source: Path, seed: int, overwrite: bool, places: int = 0
) -> int:
    from .tools.synth import synthesize

    summary = synthesize(n, target, source=source, seed=seed, overwrite=overwrite, places=places)
    with_places = f", {summary.places} lieux d'accueil" if summary.places else ""
    click.echo(
        f"{summary.schemes} dispositifs synthétiques écrits dans {summary.folder} "
        f"({summary.regional} régionaux, {summary.closed} terminés, remplacés ou suspendus ; "
        f"{summary.providers} porteurs, {summary.territories} territoires{with_places})."
    )
    return 0
