"""Compare the build of several versions of the code, interleaved, beside plain MkDocs.

Each repetition builds the same synthetic dataset with every version in turn, then with
plain MkDocs + Material on the same pages, so that a change of load on the machine hits
all of them alike. Extract an older version first, e.g.
`mkdir /tmp/avant && git archive 3fa8948 | tar -x -C /tmp/avant`, then:

    python scripts/bench_compare.py avant=/tmp/avant main=. --size 10000 --repetitions 2

Prints one line per build and, at the end, each version's median wall time, its ratio to
plain MkDocs and its peak memory (largest process, and all processes of the build).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_build


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("versions", nargs="+", help="label=folder of a version of the code")
    parser.add_argument("--size", type=int, default=10000, help="synthetic schemes (10000)")
    parser.add_argument("--repetitions", type=int, default=2)
    args = parser.parse_args(argv)
    versions = dict(v.split("=", 1) for v in args.versions)
    work = Path(tempfile.mkdtemp(prefix="bench-compare-"))
    try:
        prepared = bench_build.prepare(args.size, work, 1)
        walls: dict[str, list[float]] = {label: [] for label in [*versions, "plain"]}
        memory: dict[str, list[tuple[float, float]]] = {label: [] for label in walls}
        for rep in range(1, args.repetitions + 1):
            for label in walls:
                if label == "plain":
                    code = Path(__file__).resolve().parents[1]
                    command = bench_build.plain_command(prepared.project, work / "site-plain")
                else:
                    code = Path(versions[label]).resolve()
                    command = bench_build.our_command(prepared.data, work / f"site-{label}")
                shutil.rmtree(command[-1], ignore_errors=True)
                run = bench_build.measure(
                    command, cwd=code, timeout=3600, log=work / f"{label}-{rep}.log"
                )
                walls[label].append(run.wall)
                memory[label].append((run.rss_mb, run.tree_mb))
                print(
                    f"rep {rep} {label:10} {run.wall:7.1f} s  largest {run.rss_mb:5.0f} MB  "
                    f"all {run.tree_mb:5.0f} MB  {run.note}",
                    flush=True,
                )
        plain = statistics.median(walls["plain"])
        print(f"\n{args.size} schemes, median of {args.repetitions}:")
        for label, values in walls.items():
            wall = statistics.median(values)
            largest = max(m[0] for m in memory[label])
            total = max(m[1] for m in memory[label])
            print(
                f"  {label:10} {wall:7.1f} s  ×{wall / plain:.2f} plain  "
                f"largest {largest:.0f} MB  all {total:.0f} MB"
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
