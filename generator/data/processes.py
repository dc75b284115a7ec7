"""Work done in forked processes, for the build's speed and memory.

- `map_on_two_cores`: a list of independent tasks, half here and half in a forked
  helper. Before MkDocs renders the first page the build is alone on the machine, and
  the other core would be idle (the build renders the catalogue's Markdown this way).
- `release_free_memory`: after dropping a large cache, give the C allocator's free
  memory back to the system (it otherwise keeps it for the process's next needs).
- `in_forked_process`: one task whose temporary memory should leave with it. Reading
  10,000 files makes millions of short-lived objects (every value's position in its
  file) between the ones that last; once freed they leave Python's memory pools full of
  holes it never gives back: 348 MB held for a catalogue of 130 MB. Read in a forked
  process, the catalogue comes back as one pickle, laid out compactly, and the holes
  leave with the process.

Each task must depend only on its input and give a picklable result, which comes back
in order: the output is the same as the plain call's, whatever the machine. The helpers
are only a speed-up: where `fork` does not exist, on one core, for a few items, or if a
helper fails in any way, this process does the work itself (an error in a task is then
raised here, as in the plain call). A helper writes nothing and ends with its task: if
the build is killed, it ends when it tries to send its result.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import multiprocessing
import os
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

# Below this, forking costs more than it saves.
MIN_ITEMS = 200
# What `_received` gives when the helper failed (None may be a result).
_FAILED: Any = object()


def map_on_two_cores(function: Callable[[T], R], items: Sequence[T]) -> list[R]:
    """`[function(item) for item in items]`, the second half computed in a forked process."""
    if len(items) < MIN_ITEMS or (os.cpu_count() or 1) < 2 or not _can_fork():
        return _map(function, items)
    half = len(items) // 2
    receiver, helper = _start(_map, function, items[half:])
    try:
        first = _map(function, items[:half])
        second: list[R] = _received(receiver)
    finally:
        receiver.close()
        helper.join()
    if second is _FAILED or len(second) != len(items) - half:
        second = _map(function, items[half:])
    return first + second


def in_forked_process(function: Callable[[T], R], argument: T) -> R:
    """`function(argument)`, computed in a forked process whose memory is then returned."""
    if not _can_fork():
        return function(argument)
    receiver, helper = _start(function, argument)
    try:
        result: R = _received(receiver)
    finally:
        receiver.close()
        helper.join()
    return function(argument) if result is _FAILED else result


def _map(function: Callable[[T], R], items: Sequence[T]) -> list[R]:
    return [function(item) for item in items]


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def _start(function: Callable[..., Any], *arguments: Any) -> tuple[Connection, Any]:
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    helper = context.Process(
        target=_helper, args=(sender, function, arguments), name="offre-aide", daemon=True
    )
    helper.start()
    sender.close()
    return receiver, helper


def _received(receiver: Connection) -> Any:
    """The helper's result, or `_FAILED`."""
    # Unpickling makes every object of the result at once: the cyclic collector, run
    # every few hundred of them, would walk them again and again for nothing.
    paused = gc.isenabled()
    gc.disable()
    try:
        status, result = receiver.recv()
    except (EOFError, OSError):
        return _FAILED
    finally:
        if paused:
            gc.enable()
    return result if status == "ok" else _FAILED


def _helper(sender: Connection, function: Callable[..., Any], arguments: tuple[Any, ...]) -> None:
    try:
        try:
            message: tuple[str, Any] = ("ok", function(*arguments))
        except BaseException:  # the build does the work again, and reports the error
            message = ("erreur", None)
        try:
            sender.send(message)
        except Exception:  # a result that cannot be pickled: nothing was written yet
            sender.send(("erreur", None))
    finally:
        sender.close()


def release_free_memory() -> None:
    """Return the C allocator's free memory to the system, where it can (glibc's
    `malloc_trim`; elsewhere nothing happens). Texts over 512 bytes, like the rendered
    blocks of the booklets, live there, and a freed block is otherwise kept."""
    name = ctypes.util.find_library("c")
    if name is None:
        return
    try:
        trim = ctypes.CDLL(name).malloc_trim
    except (OSError, AttributeError):
        return
    trim(0)
