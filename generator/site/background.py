"""Producers run on the machine's other core while MkDocs renders the pages.

At 10,000 schemes the search index and the exports together take about two thirds of the
time MkDocs takes to render every page (87 s beside 138 s, measured with
`scripts/bench_build.py --stages`), and MkDocs is single-threaded; a forked child process
inherits the loaded catalogue for free (no pickling), runs the producers it is given, writes each
one's files as soon as it has made them (the exports are never all in memory at once) and
reports the paths back. Where `fork` does not exist the producers run in the build
process instead.

Named producers run first: a page links to their files by content-hashed names (the
search page to the search index), which the child sends back as soon as they are
written; `name` waits for one, so only the page that needs it waits, and only if the
child has not finished it by then.
A thread of the build receives the child's messages as they come, so the child never
waits for the build to read its report: it exits as soon as its work is done, and its
memory (the index it built, the copies of the catalogue its reads touched) is returned
then, not when the last page is written.
The child dies with the build (`lifeline`): a killed build leaves no process writing.
What the producers log in the child is sent back and logged by the build itself, so
their notes reach wherever the build's messages go (a terminal, a test, a CI log).
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import threading
import traceback
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, Generic, TypeVar

from .lifeline import Lifeline
from .writer import Produced, write_files

S = TypeVar("S")

NamedProduction = tuple[Produced, dict[str, str]]
"""Files, and the names pages know some of them by ({name: site path})."""


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


class _Production(Generic[S]):
    """Runs producers, named or not, writing each one's files as soon as made."""

    def __init__(self, sources: S, site_dir: Path) -> None:
        self.sources = sources
        self.site_dir = site_dir
        self.paths: list[str] = []
        self._seen: set[str] = set()
        self.names: dict[str, str] = {}

    def write(self, produced: Produced) -> None:
        for path in produced:
            if path in self._seen:
                raise ProductionError(f"Deux productions revendiquent le fichier « {path} ».")
            self._seen.add(path)
        # Sorted as a whole production used to be; the order changes no byte written.
        self.paths += write_files(dict(sorted(produced.items())), self.site_dir)

    def named(self, producer: Callable[[S], NamedProduction]) -> dict[str, str]:
        files, names = producer(self.sources)
        self.write(files)
        del files
        for name in names:
            if name in self.names:
                raise ProductionError(
                    f"Deux productions revendiquent le nom de fichier « {name} »."
                )
        self.names.update(names)
        return names


class Background(Generic[S]):
    """Producers started in a forked process; `finish` waits for them."""

    def __init__(
        self,
        process: Any,
        connection: Connection | None,
        done: list[str],
        lifeline: Lifeline | None = None,
        names: dict[str, str] | None = None,
    ) -> None:
        self._process = process
        self._connection = connection
        self._done = done
        self._lifeline = lifeline
        self._names: dict[str, str] = dict(names or {})
        # The child's last message ("ok" or "erreur"), once received.
        self._final: tuple[str, Any] | None = None
        self._arrived = threading.Condition()
        self._receiver: threading.Thread | None = None
        if connection is not None:
            self._receiver = threading.Thread(
                target=self._receive_all, name="offre-productions-reception", daemon=True
            )
            self._receiver.start()

    @classmethod
    def start(
        cls,
        producers: Sequence[Callable[[S], Produced]],
        sources: S,
        site_dir: Path,
        named: Sequence[Callable[[S], NamedProduction]] = (),
        first: Sequence[Callable[[S], Produced]] = (),
    ) -> Background[S]:
        """Run `first`, then `named`, then `producers`, in a forked process."""
        if "fork" not in multiprocessing.get_all_start_methods():
            production = _Production(sources, site_dir)
            for early in first:
                production.write(early(sources))
            for producer in named:
                production.named(producer)
            for plain in producers:
                production.write(plain(sources))
            return cls(None, None, production.paths, names=production.names)
        context = multiprocessing.get_context("fork")
        steps = (tuple(first), tuple(named), tuple(producers))
        receiver, sender = context.Pipe(duplex=False)
        lifeline = Lifeline()
        process = context.Process(
            target=_produce_in_child,
            args=(lifeline, sender, steps, sources, site_dir),
            name="offre-productions",
            daemon=True,
        )
        # Everything loaded so far (the catalogue, the pages listed) lives until the end
        # of the build: out of the cyclic collector's reach, the child's collections do
        # not write into the pages it shares with the build (copy on write), and the
        # build's own collections stop walking the whole catalogue again and again.
        gc.freeze()
        process.start()
        sender.close()
        lifeline.close_in_parent()
        return cls(process, receiver, [], lifeline)

    def name(self, name: str) -> str:
        """The site path of a named production's file, waiting for it if need be;
        raises ProductionError if the child failed or never named it."""
        with self._arrived:
            self._arrived.wait_for(lambda: name in self._names or self._final is not None)
            if name in self._names:
                return self._names[name]
            final = self._final
        if final is not None and final[0] != "ok":
            raise ProductionError(f"Production des fichiers échouée :\n{final[1]}")
        raise ProductionError(f"Aucune production n'a fourni le fichier nommé « {name} ».")

    def _receive_all(self) -> None:
        """In a thread of the build: every message of the child, until its last."""
        assert self._connection is not None
        while True:
            try:
                status, payload = self._connection.recv()
            except (EOFError, OSError):
                status = "erreur"
                payload = "le processus des productions s'est arrêté sans réponse."
            with self._arrived:
                if status == "noms":
                    self._names.update(payload)
                else:
                    self._final = (status, payload)
                self._arrived.notify_all()
            if status != "noms":
                return

    def finish(self) -> list[str]:
        """Paths written; raises ProductionError if the child failed."""
        if self._process is None or self._connection is None:
            return self._done
        assert self._receiver is not None
        self._receiver.join()
        assert self._final is not None
        status, payload = self._final
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
            if self._receiver is not None:
                self._receiver.join()  # the child's end is closed: it reads the end
            self._stopped()

    def _stopped(self) -> None:
        if self._process is not None:
            gc.unfreeze()  # back to the collector: a long-lived process (tests, serve)
        self._process = None
        if self._lifeline is not None:
            self._lifeline.release()
            self._lifeline = None


def _produce_in_child(
    lifeline: Lifeline,
    sender: Connection,
    steps: tuple[
        Sequence[Callable[[S], Produced]],
        Sequence[Callable[[S], NamedProduction]],
        Sequence[Callable[[S], Produced]],
    ],
    sources: S,
    site_dir: Path,
) -> None:
    lifeline.hold_in_child()
    first, named, producers = steps
    notes = _NoteCatcher.install()
    try:
        production = _Production(sources, site_dir)
        for early in first:
            production.write(early(sources))
        for producer in named:
            sender.send(("noms", production.named(producer)))
        for plain in producers:
            production.write(plain(sources))
        sender.send(("ok", (production.paths, notes.notes)))
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
