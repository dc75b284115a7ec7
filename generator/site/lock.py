"""One build at a time per output folder: an advisory lock on a file beside it.

Two builds into one folder would delete each other's staging folders and swap
half-built sites in. The lock file sits beside the output (never inside: the output is
replaced whole) and is never deleted, since deleting a lock file lets a third build
lock a new file while the second still holds the old one. The kernel releases the
lock when its holder dies, even on `kill -9`, so a crashed build never blocks the next.

A second build waits, saying so, for at most `timeout` seconds, then stops with an
error: waiting forever would hide a stuck build; failing at once would make two
scheduled rebuilds that happen to overlap fail for no reason.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - not on POSIX: builds are not serialised
    fcntl = None  # type: ignore[assignment]

LOCK_SUFFIX = ".verrou"
POLL_SECONDS = 0.2


class LockTimeout(Exception):
    """Another build kept the output locked for too long (message in French)."""


def lock_path(output: Path) -> Path:
    return output.with_name(f".{output.name}{LOCK_SUFFIX}")


class OutputLock:
    """Exclusive lock on `output`'s lock file; `release` is safe to call twice."""

    def __init__(self, output: Path) -> None:
        self.path = lock_path(output)
        self._fd: int | None = None

    def acquire(self, timeout: float, on_wait: Callable[[str], None]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        if fcntl is None:  # pragma: no cover
            self._fd = fd
            return
        deadline = time.monotonic() + timeout
        waited = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if not waited:
                    on_wait(
                        f"Une autre construction écrit déjà dans {self.path.parent / self._name()} "
                        f"(verrou {self.path}) : attente de sa fin, au plus {timeout:g} s…"
                    )
                    waited = True
                if time.monotonic() >= deadline:
                    os.close(fd)
                    raise LockTimeout(
                        f"Une autre construction écrit toujours dans "
                        f"{self.path.parent / self._name()} après {timeout:g} s d'attente ; "
                        "rien n'a été modifié. Attendez qu'elle se termine (ou arrêtez-la), "
                        "puis relancez ; l'attente se règle par l'option `lock_timeout` du "
                        "greffon offre dans mkdocs.yml."
                    ) from None
                time.sleep(POLL_SECONDS)
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            fd, self._fd = self._fd, None
            os.close(fd)  # closing the only descriptor releases the flock

    def _name(self) -> str:
        return self.path.name.removeprefix(".").removesuffix(LOCK_SUFFIX)
