"""The cyclic garbage collector during a build: the catalogue out of its reach.

A build loads the catalogue once and keeps it to the end: hundreds of thousands of
objects that every full collection would walk again. Once loaded they are frozen
(`gc.freeze`), and full collections are made rare; at 10,000 schemes the build's
collections went from 5.1 s to 1.4 s (measured with a `gc.callbacks` timer; reading
the data pauses the collector on its own, `catalog.load`). `restore` puts everything
back at the end of the build, for a long-lived process (`mkdocs serve`, tests).
"""

from __future__ import annotations

import gc

# Collections of the middle generation before a full one (Python's default is 10). Once
# the catalogue is frozen the collector counts almost nothing as long-lived, so a full
# collection would follow every tenth middle one: 27 in a 10,000-scheme build, each
# walking every page MkDocs keeps (1.8 s). Garbage cycles of a page are young, and the
# younger generations still collect them.
FULL_THRESHOLD = 1_000


class BuildCollector:
    """`settle` once the catalogue is loaded; `restore` when the build ends, however."""

    def __init__(self) -> None:
        self._previous: tuple[int, int, int] | None = None

    def settle(self) -> None:
        if self._previous is not None:
            return
        self._previous = gc.get_threshold()
        gc.freeze()
        young, middle, _ = self._previous
        gc.set_threshold(young, middle, FULL_THRESHOLD)

    def restore(self) -> None:
        if self._previous is None:
            return
        gc.set_threshold(*self._previous)
        gc.unfreeze()
        self._previous = None
