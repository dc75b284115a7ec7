"""Progress of a long read, on the terminal only: a line on standard error rewritten in
place, a few times a second. Nothing at all when standard error is a file or a pipe, so
logs and tests stay clean."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    def __init__(
        self, label: str, total_bytes: int, stream: TextIO | None = None, interval: float = 0.2
    ) -> None:
        self._stream = stream if stream is not None else sys.stderr
        self.enabled = bool(getattr(self._stream, "isatty", lambda: False)())
        self._label = label
        self._total = max(total_bytes, 1)
        self._interval = interval
        self._last = 0.0
        self._shown = False

    def update(self, done_bytes: int, records: int) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._last < self._interval and done_bytes < self._total:
            return
        self._last = now
        percent = min(100, done_bytes * 100 // self._total)
        self._stream.write(f"\r{self._label} : {percent:3d} % ({group(records)} enregistrements)")
        self._stream.flush()
        self._shown = True

    def finish(self) -> None:
        if self.enabled and self._shown:
            self._stream.write("\n")
            self._stream.flush()


def group(count: int) -> str:
    """12345 → « 12 345 » (French digit grouping, with a non-breaking space)."""
    return f"{count:,}".replace(",", "\u00a0")
