"""Files that are not pages: search files, open data, feeds, embeds, the quality report.

Each producer returns {site path: content} and is registered here. The plugin runs the
few that pages depend on (the search files, whose hashed names pages link to) before
rendering pages, and all the others in a forked process, on the machine's other core,
while MkDocs renders the pages: at 10,000 schemes the exports alone take as long as
rendering every page, and the build is otherwise single-threaded.
"""

from __future__ import annotations

import multiprocessing
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig

from ..catalog import Catalog
from .csp import with_csp
from .pages import PageRenderer

Produced = dict[str, str | bytes]
Producer = Callable[[Catalog, PageRenderer, MkDocsConfig], Produced]

FOREGROUND: list[Producer] = []
BACKGROUND: list[Producer] = []


class ProductionError(Exception):
    """A producer failed, or two productions claim one path (message in French)."""


def register_producer(producer: Producer) -> Producer:
    """Register a producer that pages do not depend on (run in the background)."""
    BACKGROUND.append(producer)
    return producer


def register_foreground_producer(producer: Producer) -> Producer:
    """Register a producer whose results pages need (run before pages are rendered)."""
    FOREGROUND.append(producer)
    return producer


def run_producers(
    producers: list[Producer], catalog: Catalog, renderer: PageRenderer, config: MkDocsConfig
) -> Produced:
    produced: Produced = {}
    for producer in producers:
        for path, content in producer(catalog, renderer, config).items():
            if path in produced:
                raise ProductionError(f"Deux productions revendiquent le fichier « {path} ».")
            produced[path] = content
    return dict(sorted(produced.items()))


def write_files(produced: Produced, site_dir: Path) -> list[str]:
    """Write straight into the output folder (never held for the rest of the build)."""
    for path, content in produced.items():
        target = site_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str) and path.endswith(".html"):
            target.write_text(with_csp(content), encoding="utf-8")
        elif isinstance(content, str):
            target.write_text(content, encoding="utf-8")
        else:
            target.write_bytes(content)
    return list(produced)


class Background:
    """Background producers, in a forked process when the platform allows it."""

    def __init__(self, process: Any, connection: Connection | None, done: list[str]) -> None:
        self._process = process
        self._connection = connection
        self._done = done

    @classmethod
    def start(
        cls,
        catalog: Catalog,
        renderer: PageRenderer,
        config: MkDocsConfig,
        site_dir: Path,
    ) -> Background:
        if "fork" not in multiprocessing.get_all_start_methods():
            produced = run_producers(BACKGROUND, catalog, renderer, config)
            return cls(None, None, write_files(produced, site_dir))
        context = multiprocessing.get_context("fork")
        receiver, sender = context.Pipe(duplex=False)
        process = context.Process(
            target=_produce_in_child,
            args=(sender, catalog, renderer, config, site_dir),
            name="offre-productions",
            daemon=True,
        )
        process.start()
        sender.close()
        return cls(process, receiver, [])

    def finish(self) -> list[str]:
        """Paths written; raises ProductionError if the child failed."""
        if self._process is None or self._connection is None:
            return self._done
        try:
            status, payload = self._connection.recv()
        except EOFError:
            status, payload = "erreur", "le processus des productions s'est arrêté sans réponse."
        self._process.join()
        self._process = None
        if status != "ok":
            raise ProductionError(f"Production des fichiers échouée :\n{payload}")
        return list(payload)

    def cancel(self) -> None:
        if self._process is not None:
            self._process.terminate()
            self._process.join()
            self._process = None


def _produce_in_child(
    sender: Connection,
    catalog: Catalog,
    renderer: PageRenderer,
    config: MkDocsConfig,
    site_dir: Path,
) -> None:
    try:
        produced = run_producers(BACKGROUND, catalog, renderer, config)
        sender.send(("ok", write_files(produced, site_dir)))
    except BaseException as exc:  # report everything to the parent, which fails the build
        detail = str(exc) if isinstance(exc, ProductionError) else traceback.format_exc()
        sender.send(("erreur", detail))
    finally:
        sender.close()
