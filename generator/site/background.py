"""Producers run on the machine's other core while MkDocs renders the pages.

At 10,000 schemes the exports alone take as long as rendering every page, and MkDocs is
single-threaded; a forked child process inherits the loaded catalogue for free (no
pickling), runs the producers it is given, writes their files and reports the paths
back. Where `fork` does not exist the producers run in the build process instead.
The child dies with the build (`lifeline`): a killed build leaves no process writing.
What the producers log in the child is sent back and logged by the build itself, so
their notes reach wherever the build's messages go (a terminal, a test, a CI log).
"""

from __future__ import annotations

import logging
import multiprocessing
import traceback
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, Generic, TypeVar

from .lifeline import Lifeline
from .writer import Produced, write_files

S = TypeVar("S")


class ProductionError(Exception):
    """A producer failed, or two productions claim one path (message in French)."""


def run_producers(producers: Sequence[Callable[[S], Produced]], sources: S) -> Produced:
    """Every producer's files, in order; two producers may not write one path."""
    produced: Produced = {}
    for producer in producers:
        for path, content in producer(sources).items():
            if path in produced:
                raise ProductionError(f"Deux productions revendiquent le fichier « {path} ».")
            produced[path] = content
    return dict(sorted(produced.items()))


class Background(Generic[S]):
    """Producers started in a forked process; `finish` waits for them."""

    def __init__(
        self,
        process: Any,
        connection: Connection | None,
        done: list[str],
        lifeline: Lifeline | None = None,
    ) -> None:
        self._process = process
        self._connection = connection
        self._done = done
        self._lifeline = lifeline

    @classmethod
    def start(
        cls, producers: Sequence[Callable[[S], Produced]], sources: S, site_dir: Path
    ) -> Background[S]:
        if "fork" not in multiprocessing.get_all_start_methods():
            return cls(None, None, write_files(run_producers(producers, sources), site_dir))
        context = multiprocessing.get_context("fork")
        receiver, sender = context.Pipe(duplex=False)
        lifeline = Lifeline()
        process = context.Process(
            target=_produce_in_child,
            args=(lifeline, sender, tuple(producers), sources, site_dir),
            name="offre-productions",
            daemon=True,
        )
        process.start()
        sender.close()
        lifeline.close_in_parent()
        return cls(process, receiver, [], lifeline)

    def finish(self) -> list[str]:
        """Paths written; raises ProductionError if the child failed."""
        if self._process is None or self._connection is None:
            return self._done
        try:
            status, payload = self._connection.recv()
        except EOFError:
            status, payload = "erreur", "le processus des productions s'est arrêté sans réponse."
        self._process.join()
        self._stopped()
        if status != "ok":
            raise ProductionError(f"Production des fichiers échouée :\n{payload}")
        paths, notes = payload
        for name, level, message in notes:
            logging.getLogger(name).log(level, "%s", message)
        return list(paths)

    def cancel(self) -> None:
        if self._process is not None:
            self._process.terminate()
            self._process.join()
            self._stopped()

    def _stopped(self) -> None:
        self._process = None
        if self._lifeline is not None:
            self._lifeline.release()
            self._lifeline = None


def _produce_in_child(
    lifeline: Lifeline,
    sender: Connection,
    producers: Sequence[Callable[[S], Produced]],
    sources: S,
    site_dir: Path,
) -> None:
    lifeline.hold_in_child()
    notes = _NoteCatcher.install()
    try:
        paths = write_files(run_producers(producers, sources), site_dir)
        sender.send(("ok", (paths, notes.notes)))
    except BaseException as exc:  # report everything to the parent, which fails the build
        detail = str(exc) if isinstance(exc, ProductionError) else traceback.format_exc()
        sender.send(("erreur", detail))
    finally:
        sender.close()


class _NoteCatcher(logging.Handler):
    """In the child, the only handler of MkDocs' logger: keeps each record to send back."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.notes: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.notes.append((record.name, record.levelno, record.getMessage()))

    @classmethod
    def install(cls) -> _NoteCatcher:
        catcher = cls()
        for logger in (logging.getLogger(), logging.getLogger("mkdocs")):
            for handler in list(logger.handlers):
                logger.removeHandler(handler)  # the child's copies; the parent's stay
        logging.getLogger("mkdocs").addHandler(catcher)
        return catcher
