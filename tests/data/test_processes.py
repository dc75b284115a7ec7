"""Work done in forked processes (data/processes.py)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Callable

import pytest

from generator.data.processes import MIN_ITEMS, in_forked_process, map_on_two_cores


def _square_and_pid(n: int) -> tuple[int, int]:
    return n * n, os.getpid()


def test_the_list_comes_back_in_order_half_of_it_made_by_a_helper() -> None:
    items = list(range(MIN_ITEMS * 2 + 1))
    results = map_on_two_cores(_square_and_pid, items)
    assert [square for square, _ in results] == [n * n for n in items]
    pids = [pid for _, pid in results]
    half = len(items) // 2
    assert set(pids[:half]) == {os.getpid()}
    assert len(set(pids[half:])) == 1 and pids[-1] != os.getpid()


def test_a_short_list_is_done_here() -> None:
    results = map_on_two_cores(_square_and_pid, list(range(MIN_ITEMS - 1)))
    assert {pid for _, pid in results} == {os.getpid()}


def _fails_on_the_last(n: int) -> int:
    if n == MIN_ITEMS * 2 - 1:
        raise ValueError(f"élément {n} refusé")
    return n


def test_an_error_in_the_helpers_half_is_raised_here_as_in_a_plain_loop() -> None:
    with pytest.raises(ValueError, match="refusé"):
        map_on_two_cores(_fails_on_the_last, list(range(MIN_ITEMS * 2)))


def _unpicklable(n: int) -> Callable[[], tuple[int, int]]:
    pid = os.getpid()
    return lambda: (n, pid)


def test_results_that_cannot_travel_are_made_here_instead() -> None:
    results = map_on_two_cores(_unpicklable, list(range(MIN_ITEMS * 2)))
    assert [result()[0] for result in results] == list(range(MIN_ITEMS * 2))
    assert {result()[1] for result in results} == {os.getpid()}


def test_one_task_runs_in_a_forked_process_and_its_result_comes_back() -> None:
    square, pid = in_forked_process(_square_and_pid, 12)
    assert square == 144 and pid != os.getpid()
    n, here = in_forked_process(_unpicklable, 3)()
    assert (n, here) == (3, os.getpid())
    with pytest.raises(ValueError, match="refusé"):
        in_forked_process(_fails_on_the_last, MIN_ITEMS * 2 - 1)


def test_free_memory_goes_back_to_the_system() -> None:
    # In a fresh interpreter: 400 MB of 4 KB texts, one in twenty kept so the C heap
    # is left full of holes, then dropped; the holes stay in the process until released.
    code = textwrap.dedent(
        """
        import os
        from generator.data.processes import release_free_memory
        def rss():
            with open(f"/proc/{os.getpid()}/status") as f:
                return next(int(l.split()[1]) for l in f if l.startswith("VmRSS")) // 1024
        texts = ["x" * 4000 + str(n) for n in range(100_000)]
        kept = texts[::20]
        del texts
        before = rss()
        release_free_memory()
        print(before, rss())
        """
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    before, after = map(int, done.stdout.split())
    assert before - after > 200, (before, after)
