"""A forked helper process dies with the build that started it.

If the build is killed (`kill -9`, out of memory), a helper left running would go on
writing files into a folder the next build owns. On Linux the kernel kills the child
when its parent dies (`prctl(PR_SET_PDEATHSIG)`); elsewhere a thread in the child waits
on a pipe whose other end only the parent holds: the end of the pipe is the end of
the parent.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading

_PR_SET_PDEATHSIG = 1


class Lifeline:
    """Created in the parent before forking; `hold_in_child` runs first in the child."""

    def __init__(self) -> None:
        self.parent = os.getpid()
        self._read, self._write = os.pipe()

    def hold_in_child(self, *, kernel: bool = True) -> None:
        os.close(self._write)  # only the parent keeps the writing end open
        if not (kernel and _kernel_kills_orphan()):
            threading.Thread(target=self._wait_for_parent, daemon=True).start()
        if os.getppid() != self.parent:  # the parent died before we asked
            os._exit(1)

    def close_in_parent(self) -> None:
        os.close(self._read)

    def release(self) -> None:
        """In the parent, once the child is done."""
        os.close(self._write)

    def _wait_for_parent(self) -> None:
        os.read(self._read, 1)  # returns (empty) only when the parent's end is closed
        os._exit(1)


def _kernel_kills_orphan() -> bool:
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return bool(libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0)
    except (OSError, AttributeError):
        return False
