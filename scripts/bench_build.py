#!/usr/bin/env python3
"""Benchmark our site build against a plain MkDocs + Material build of the same schemes.

For each size N (default 100, 1,000 and 10,000):

1. `scripts/synth.py N` writes a synthetic dataset (deterministic: same N and seed, same files);
2. **ours**: `offre build --data DATA --out SITE`, as a subprocess under `/usr/bin/time -v`;
3. **plain**: the reference of tech-notes §6 — the same schemes written as Markdown pages
   (title, summary and five `##` sections: En bref, Pour qui with the conditions, the
   description, Comment le mobiliser, Sources), `theme: material`, `language: fr`,
   `font: false`, `plugins: [search]`, a slim nav (home + one index page per territory,
   listing its schemes), `site_url` set, `validation.nav.omitted_files: ignore`, built by
   `mkdocs build` as a subprocess under `/usr/bin/time -v`.

It prints, for each N and build: wall time, peak RSS of the largest process, peak
summed PSS of all processes of the build (sampled every 0.1 s), output size (du), number of files,
size of one scheme page (the same scheme id at every N), the time ratio ours/plain, and
our scheme page at the smallest vs the largest N. Targets (issue 23), checked at the
largest N and printed with OK / NOT OK: ours ≤ 1.0 × plain (same run), peak memory of
all processes of our build together (summed PSS) ≤ 1.0 GB, with the full-text index
kept; and one scheme page the same size ± 5 % at the smallest and largest N. The targets
are stated for N = 10,000: at a smaller largest N the verdicts are printed as indications.

This is a measurement script, not a test. Temporary folders are removed at the end
unless --keep is given (bench_search.py can reuse a kept folder with --reuse).
"""

from __future__ import annotations

import argparse
import os
import pstats
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from devtools.bench import print_header

REPO = Path(__file__).resolve().parents[1]
# Where the builds run from (mkdocs.yml, docs/, generator/): the working tree, or a copy
# of it (--code) when other people are editing the tree during a long measurement.
CODE = REPO

DEFAULT_SIZES = (100, 1000, 10000)
PLAIN_SITE_URL = "https://offre-temoin.invalid/"
TIME = Path("/usr/bin/time")
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONHASHSEED": "0"}


@dataclass
class Run:
    ok: bool
    wall: float
    rss_mb: float
    note: str = ""
    # Peak of the summed proportional set size (PSS) of every process of the build,
    # sampled every 0.1 s: counts the copy-on-write pages a forked worker shares with
    # its parent once, where the RSS of each process would count them twice.
    tree_mb: float = 0.0


@dataclass
class BuildResult:
    n: int
    label: str
    command: list[str]
    site: Path
    runs: list[Run] = field(default_factory=list)
    site_mb: float = 0.0
    files: int = 0
    page_bytes: int | None = None

    @property
    def ok(self) -> bool:
        return bool(self.runs) and all(r.ok for r in self.runs)

    @property
    def wall(self) -> float:
        return min(r.wall for r in self.runs)

    @property
    def rss_mb(self) -> float:
        return max(r.rss_mb for r in self.runs)

    @property
    def tree_mb(self) -> float:
        return max(r.tree_mb for r in self.runs)


# ---------------------------------------------------------------------------- measuring


def _session_pids(session: int) -> list[int]:
    """Processes whose session id is `session` (the build started a new session)."""
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # Fields after the command name, which is in parentheses and may hold spaces.
        fields = stat[stat.rindex(")") + 2 :].split()
        if int(fields[3]) == session:
            pids.append(int(entry.name))
    return pids


def _pss_kib(pid: int) -> int:
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0
    for line in text.splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1])
    return 0


def _wait_sampling_tree(process: subprocess.Popen[bytes], timeout: float) -> tuple[int, int]:
    """Wait for `process`; return its exit code and the peak summed PSS (KiB) of its session."""
    deadline = time.monotonic() + timeout
    peak = 0
    while True:
        try:
            return process.wait(timeout=0.1), peak
        except subprocess.TimeoutExpired:
            if time.monotonic() > deadline:
                raise
        if Path("/proc").is_dir():
            peak = max(peak, sum(_pss_kib(pid) for pid in _session_pids(process.pid)))


def measure(command: list[str], *, cwd: Path, timeout: float, log: Path) -> Run:
    """Run `command` under /usr/bin/time -v: wall time, peak RSS of its largest process,
    and the peak summed PSS of all its processes (sampled).

    The command gets its own process group so a timeout stops it and its children,
    and nothing else.
    """
    wrapped = [str(TIME), "-v", *command] if TIME.exists() else command
    start = time.perf_counter()
    with log.open("w", encoding="utf-8") as out:
        process = subprocess.Popen(
            wrapped, cwd=cwd, env=ENV, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            code, tree_kib = _wait_sampling_tree(process, timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait()
            return Run(
                False, time.perf_counter() - start, 0.0, f"interrupted after {timeout:.0f} s"
            )
    wall = time.perf_counter() - start
    text = log.read_text(encoding="utf-8", errors="replace")
    rss_mb = 0.0
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("Maximum resident set size (kbytes):"):
            rss_mb = int(line.rsplit(":", 1)[1]) / 1024
        elif line.startswith("Elapsed (wall clock) time"):
            wall = _clock(line.rsplit(": ", 1)[1])
    if not TIME.exists():
        import resource

        rss_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    tree_mb = tree_kib / 1024
    if code != 0:
        return Run(False, wall, rss_mb, f"exit code {code}, see {log}", tree_mb)
    return Run(True, wall, rss_mb, tree_mb=tree_mb)


def _clock(text: str) -> float:
    seconds = 0.0
    for part in text.strip().split(":"):
        seconds = seconds * 60 + float(part)
    return seconds


def du_mb(path: Path) -> float:
    output = subprocess.run(["du", "-sk", str(path)], capture_output=True, text=True, check=True)
    return int(output.stdout.split()[0]) / 1024


def count_files(path: Path) -> int:
    return sum(1 for p in path.rglob("*") if p.is_file())


def page_size(site: Path, scheme_id: str) -> int | None:
    page = site / "dispositifs" / scheme_id / "index.html"
    return page.stat().st_size if page.exists() else None


# ---------------------------------------------------------------------------- the builds


def our_command(data: Path, site: Path) -> list[str]:
    return [sys.executable, "-m", "generator", "build", "--data", str(data), "--out", str(site)]


def plain_command(project: Path, site: Path) -> list[str]:
    config = project / "mkdocs.yml"
    return [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)]


def write_plain_project(data: Path, project: Path) -> None:
    """The same schemes as plain Markdown pages for MkDocs + Material (the reference)."""
    use_code(CODE)
    from generator.catalog.load import load_catalog

    catalog, report = load_catalog(data)
    if catalog is None:
        raise SystemExit(f"invalid synthetic data in {data}:\n{report.render()}")
    vocab = catalog.vocab
    docs = project / "docs"
    (docs / "dispositifs").mkdir(parents=True)
    (docs / "territoires").mkdir()
    for d in catalog.dispositifs.values():
        porteur = catalog.porteurs[d.porteur]
        where = (
            "toute la région"
            if d.everywhere
            else ", ".join(catalog.territoires[t].nom for t in catalog.scheme_territories[d.id])
        )
        lines = [
            "---",
            f"title: {_yaml_str(d.titre)}",
            "---",
            "",
            f"# {d.titre}",
            "",
            d.resume,
            "",
            "## En bref",
            "",
            f"- **Porteur** : {porteur.nom}",
            f"- **Type** : {vocab.label('types', d.type)}",
            f"- **Coût** : {vocab.label('frais', d.frais)}",
            f"- **Où** : {where}",
            f"- **Statut** : {d.statut}",
            "",
            "## Pour qui",
            "",
            *[f"- {vocab.label('publics', p)}" for p in d.publics],
            "",
        ]
        if d.precisions_publics:
            lines += [d.precisions_publics, ""]
        if d.conditions:
            lines += ["### Conditions", "", *[f"- {c}" for c in d.conditions], ""]
        lines += ["## Ce que propose le dispositif", "", d.description, ""]
        themes = ", ".join(vocab.label("thematiques", t) for t in d.thematiques)
        lines += [f"Thématiques : {themes}", "", "## Comment le mobiliser", ""]
        m = d.modalites_mobilisation
        if m.mobilisable_par:
            who = ", ".join(vocab.label("mobilisable_par", w) for w in m.mobilisable_par)
            lines += [f"Mobilisable par : {who}.", ""]
        if m.precisions:
            lines += [m.precisions, ""]
        if m.lien:
            lines += [f"[Demander ou prescrire en ligne]({m.lien})", ""]
        lines += ["## Sources", ""]
        lines += [f"- [{s.titre or s.url}]({s.url})" for s in d.sources]
        lines += ["", f"Informations relevées le {d.consulte_le.isoformat()}.", ""]
        (docs / "dispositifs" / f"{d.id}.md").write_text("\n".join(lines), encoding="utf-8")
    nav_territories = []
    for tid, territoire in sorted(catalog.territoires.items()):
        schemes = sorted(
            (catalog.dispositifs[s] for s in catalog.territory_schemes.get(tid, [])),
            key=lambda s: (s.titre, s.id),
        )
        body = [f"# Territoire : {territoire.nom}", "", f"{len(schemes)} dispositifs.", ""]
        body += [f"- [{s.titre}](../dispositifs/{s.id}.md)" for s in schemes]
        (docs / "territoires" / f"{tid}.md").write_text("\n".join(body) + "\n", encoding="utf-8")
        nav_territories.append({territoire.nom: f"territoires/{tid}.md"})
    home = [
        "# Offre de services (site témoin MkDocs + Material)",
        "",
        f"{len(catalog.dispositifs)} dispositifs synthétiques. Territoires :",
        "",
        *[f"- [{t.nom}](territoires/{tid}.md)" for tid, t in sorted(catalog.territoires.items())],
        "",
    ]
    (docs / "index.md").write_text("\n".join(home), encoding="utf-8")
    config: dict[str, Any] = {
        "site_name": "Offre de services (témoin)",
        "site_url": PLAIN_SITE_URL,
        "docs_dir": "docs",
        "theme": {"name": "material", "language": "fr", "font": False},
        "plugins": ["search"],
        "nav": [{"Accueil": "index.md"}, {"Territoires": nav_territories}],
        "validation": {"nav": {"omitted_files": "ignore"}},
    }
    (project / "mkdocs.yml").write_text(
        yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )


def _yaml_str(text: str) -> str:
    import json

    return json.dumps(text, ensure_ascii=False)


# ---------------------------------------------------------------------------- one size


@dataclass
class Prepared:
    n: int
    root: Path
    data: Path
    project: Path
    scheme_id: str
    synth_seconds: float
    plain_write_seconds: float


def prepare(n: int, work: Path, seed: int) -> Prepared:
    use_code(CODE)
    from devtools.synth import synthesize

    root = work / f"n{n}"
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    start = time.perf_counter()
    summary = synthesize(n, root / "donnees", source=REPO / "offer_data", seed=seed)
    synth_seconds = time.perf_counter() - start
    start = time.perf_counter()
    write_plain_project(root / "donnees", root / "temoin")
    plain_seconds = time.perf_counter() - start
    return Prepared(
        n,
        root,
        root / "donnees",
        root / "temoin",
        summary.first_scheme_id,
        synth_seconds,
        plain_seconds,
    )


def bench_size(prepared: Prepared, repetitions: int, timeout: float) -> list[BuildResult]:
    root = prepared.root
    ours_site, plain_site = root / "site-offre", root / "site-temoin"
    ours = BuildResult(prepared.n, "ours", our_command(prepared.data, ours_site), ours_site)
    plain = BuildResult(
        prepared.n, "plain", plain_command(prepared.project, plain_site), plain_site
    )
    for repetition in range(repetitions):
        for result in (ours, plain):
            site = result.site
            if site.exists():
                shutil.rmtree(site)
            log = root / f"{result.label}-{repetition + 1}.log"
            result.runs.append(measure(result.command, cwd=CODE, timeout=timeout, log=log))
            print(
                f"  N={prepared.n:>6} {result.label:<5} run {repetition + 1}: "
                f"{result.runs[-1].wall:8.1f} s, {result.runs[-1].rss_mb:7.0f} MB largest process, "
                f"{result.runs[-1].tree_mb:7.0f} MB all processes (PSS)"
                f"{'  ' + result.runs[-1].note if result.runs[-1].note else ''}",
                flush=True,
            )
            if result.runs[-1].ok:
                result.site_mb = du_mb(site)
                result.files = count_files(site)
                result.page_bytes = page_size(site, prepared.scheme_id)
    return [ours, plain]


# ---------------------------------------------------------------------------- report


def print_table(results: list[BuildResult], prepared: dict[int, Prepared]) -> None:
    print()
    print(
        "| N | build | wall s (min) | peak RSS MB (largest process) | peak PSS MB (all processes) "
        "| site MB (du) | files "
        "| scheme page bytes | ours/plain time |"
    )
    print("|---:|---|---:|---:|---:|---:|---:|---:|---:|")
    by_size: dict[int, dict[str, BuildResult]] = {}
    for r in results:
        by_size.setdefault(r.n, {})[r.label] = r
    for n, pair in sorted(by_size.items()):
        for label in ("ours", "plain"):
            r = pair[label]
            if not r.ok:
                note = "; ".join(run.note for run in r.runs if run.note)
                print(
                    f"| {n} | {label} | {r.wall:.1f} ({note}) | {r.rss_mb:.0f} "
                    f"| {r.tree_mb:.0f} | – | – | – | – |"
                )
                continue
            ratio = ""
            if label == "ours" and pair["plain"].ok:
                ratio = f"{r.wall / pair['plain'].wall:.2f}×"
            print(
                f"| {n} | {label} | {r.wall:.1f} | {r.rss_mb:.0f} | {r.tree_mb:.0f} "
                f"| {r.site_mb:.1f} | {r.files} "
                f"| {r.page_bytes if r.page_bytes is not None else '–'} | {ratio} |"
            )
    sizes = sorted(by_size)
    print()
    for n in sizes:
        p = prepared[n]
        print(
            f"N={n}: synth {p.synth_seconds:.1f} s, plain Markdown written in "
            f"{p.plain_write_seconds:.1f} s; compared scheme page: dispositifs/{p.scheme_id}/"
        )
    if len(sizes) >= 2:
        small, large = by_size[sizes[0]]["ours"], by_size[sizes[-1]]["ours"]
        if small.page_bytes and large.page_bytes:
            change = (large.page_bytes - small.page_bytes) / small.page_bytes * 100
            verdict = "OK" if abs(change) <= 5 else "NOT OK"
            print(
                f"Our scheme page at N={sizes[0]}: {small.page_bytes} bytes; at N={sizes[-1]}: "
                f"{large.page_bytes} bytes ({change:+.1f} %, target ±5 %: {verdict})."
            )
    print_targets(by_size[sizes[-1]], sizes[-1])


# Issue 23: at 10,000 schemes, no slower than plain MkDocs in the same run, and at most
# 1.0 GB for all the processes of the build together, the full-text index kept.
TARGET_RATIO = 1.0
TARGET_MEMORY_MB = 1024.0
TARGET_SIZE = 10000


def print_targets(pair: dict[str, BuildResult], n: int) -> None:
    ours, plain = pair["ours"], pair["plain"]
    if not (ours.ok and plain.ok):
        print(f"N={n}: a build failed, no verdict on the targets.")
        return
    where = "" if n == TARGET_SIZE else f" (targets stated for N={TARGET_SIZE}: indication only)"
    ratio = ours.wall / plain.wall
    print(f"\nTargets at N={n}{where}:")
    print(
        f"  time ours/plain {ratio:.2f}× ({ours.wall:.1f} s / {plain.wall:.1f} s), "
        f"target ≤ {TARGET_RATIO:.1f}×: {'OK' if ratio <= TARGET_RATIO else 'NOT OK'}"
    )
    print(
        f"  memory, all processes of our build (peak summed PSS) {ours.tree_mb:.0f} MB "
        f"(largest process {ours.rss_mb:.0f} MB RSS; plain {plain.tree_mb:.0f} MB), "
        f"target ≤ {TARGET_MEMORY_MB:.0f} MB: "
        f"{'OK' if ours.tree_mb <= TARGET_MEMORY_MB else 'NOT OK'}"
    )
    index = ours.site / "recherche"
    kept = index.is_dir() and any(index.glob("index.*.json"))
    print(f"  full-text index kept (recherche/index.*.json): {'OK' if kept else 'NOT OK'}")


# Runs a build with timers around MkDocs' page phases, every plugin event and each of our
# producers; prints "STAGE<TAB>name<TAB>seconds<TAB>calls" lines on stderr at exit.
# Diagnostic only: wraps functions at run time, changes no file.
STAGES_CODE = r"""
import atexit, sys, time
from collections import defaultdict
seconds, calls = defaultdict(float), defaultdict(int)
def timed(name, fn):
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            seconds[name] += time.perf_counter() - start
            calls[name] += 1
    return wrapper
import mkdocs.commands.build as build, mkdocs.plugins as plugins, mkdocs.utils as utils
original_run_event = plugins.PluginCollection.run_event
def run_event(self, name, item=None, **kwargs):
    start = time.perf_counter()
    try:
        return original_run_event(self, name, item, **kwargs)
    finally:
        seconds["event on_" + name] += time.perf_counter() - start
        calls["event on_" + name] += 1
plugins.PluginCollection.run_event = run_event
build._populate_page = timed("mkdocs _populate_page", build._populate_page)
build._build_page = timed("mkdocs _build_page", build._build_page)
utils.write_file = timed("mkdocs write_file", utils.write_file)
def timed_in_child(name, fn):
    # The producers beside pages run in a forked child, which exits without atexit:
    # each call reports its own line.
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            print(f"STAGE\t{name}\t{time.perf_counter() - start:.2f}\t1", file=sys.stderr)
    return wrapper
if sys.argv[1] == "offre":
    from generator.site import background, outputs, plugin
    from generator.outputs.search import assets, index
    # Timed around the forked process that reads (a timer inside it would report nothing).
    plugin.in_forked_process = timed(
        "read and validate the data (forked process, result sent back)", plugin.in_forked_process
    )
    outputs.prepare = timed("outputs.prepare (Markdown, files before pages)", outputs.prepare)
    outputs.all_pages = timed("list the generated pages", outputs.all_pages)
    assets.build_search_files = timed_in_child(
        "search index (build_search_files, child process)", index.build_search_files
    )
    plugin.writer.write_files = timed("write files made before pages", plugin.writer.write_files)
    background.Background.name = timed(
        "wait for a name made beside pages (search index)", background.Background.name
    )
    background.Background.finish = timed(
        "wait for the background producers", background.Background.finish
    )
    outputs.BEFORE_PAGES = tuple(
        timed("before pages: " + p.__name__, p) for p in outputs.BEFORE_PAGES
    )
    for producers in ("FIRST_BESIDE_PAGES", "BESIDE_PAGES"):
        setattr(outputs, producers, tuple(
            timed_in_child("beside pages (child process): " + p.__name__, p)
            for p in getattr(outputs, producers)
        ))
    outputs.NAMED_BESIDE_PAGES = tuple(
        (timed_in_child("named beside pages (child process): " + p.__name__, p), names)
        for p, names in outputs.NAMED_BESIDE_PAGES
    )
start = time.perf_counter()
def report():
    seconds["total"] = time.perf_counter() - start
    for name in sorted(seconds, key=lambda n: -seconds[n]):
        print(f"STAGE\t{name}\t{seconds[name]:.2f}\t{calls[name]}", file=sys.stderr)
atexit.register(report)
command, sys.argv = sys.argv[1], ["-c", *sys.argv[2:]]
if command == "offre":
    from generator.cli import main
    main(prog_name="offre")
else:
    from mkdocs.__main__ import cli
    cli(prog_name="mkdocs")
"""


def stages(prepared: Prepared) -> None:
    """Wall time of each stage of both builds (timers, not a profiler: real seconds)."""
    root = prepared.root
    runs: dict[str, dict[str, tuple[float, int]]] = {}
    commands = {
        "ours": ["offre", *our_command(prepared.data, root / "site-etapes")[3:]],
        "plain": ["mkdocs", *plain_command(prepared.project, root / "site-etapes-temoin")[3:]],
    }
    for label, args in commands.items():
        command = [sys.executable, "-c", STAGES_CODE, *args]
        print(f"\nStage timing, {label}, N={prepared.n}: python -c STAGES_CODE {shlex.join(args)}")
        done = subprocess.run(command, cwd=CODE, env=ENV, capture_output=True, text=True)
        runs[label] = {}
        for line in done.stderr.splitlines():
            if line.startswith("STAGE\t"):
                _, name, value, count = line.split("\t")
                runs[label][name] = (float(value), int(count))
        for site in (root / "site-etapes", root / "site-etapes-temoin"):
            shutil.rmtree(site, ignore_errors=True)
    for label, found in runs.items():
        inside = sum(
            found.get(name, (0.0, 0))[0]
            for name in ("event on_page_context", "event on_post_page", "mkdocs write_file")
        )
        if "mkdocs _build_page" in found:
            theme = found["mkdocs _build_page"][0] - inside
            found["mkdocs _build_page minus page events and writing (theme templates)"] = (theme, 0)
        print(f"\n{label} (N={prepared.n}): stage, seconds, calls")
        for stage, (seconds, calls) in sorted(found.items(), key=lambda i: -i[1][0]):
            if seconds >= 0.05:
                print(f"  {stage:<70} {seconds:8.2f} {calls:>8}")


def profile_ours(prepared: Prepared, top: int) -> None:
    """cProfile of our build, in this process (times are inflated by the profiler)."""
    site = prepared.root / "site-profil"
    out = prepared.root / "offre-build.prof"
    command = [sys.executable, "-m", "cProfile", "-o", str(out), "-m", "generator", "build"]
    command += ["--data", str(prepared.data), "--out", str(site)]
    print(f"\nProfiling our build at N={prepared.n}:\n  {shlex.join(command)}", flush=True)
    subprocess.run(command, cwd=CODE, env=ENV, check=False, capture_output=True)
    if not out.exists():
        print("  (no profile written)")
        return
    for order in ("cumulative", "tottime"):
        print(f"\nTop {top} functions by {order} time:")
        pstats.Stats(str(out)).strip_dirs().sort_stats(order).print_stats(top)


# ---------------------------------------------------------------------------- main


def use_code(code: Path) -> None:
    """Import `generator` and the developer tools (synth, plain Markdown pages) from `code`."""
    global CODE
    CODE = code.resolve()
    for folder in (CODE / "scripts", CODE):
        if str(folder) not in sys.path:
            sys.path.insert(0, str(folder))


def add_code_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--code",
        type=Path,
        default=REPO,
        help="run the builds from this copy of the project (mkdocs.yml, docs/, generator/) "
        "instead of the working tree; default: the working tree",
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog="Example: python scripts/bench_build.py --sizes 100 1000 --repetitions 2",
    )
    parser.add_argument(
        "--sizes", "--tailles", type=int, nargs="+", default=list(DEFAULT_SIZES),
        help="numbers of synthetic schemes (default: 100 1000 10000)",
    )  # fmt: skip
    parser.add_argument("--seed", "--graine", type=int, default=1, help="synth seed (default 1)")
    parser.add_argument(
        "--repetitions",
        type=int,
        default=1,
        help="builds per size and kind; the table shows the fastest",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=3600,
        help="seconds before a build is stopped (default 3600)",
    )
    parser.add_argument("--keep", type=Path, default=None, help="work in this folder and keep it")
    parser.add_argument(
        "--profile", action="store_true", help="afterwards, cProfile our build at the largest size"
    )
    parser.add_argument(
        "--stages",
        action="store_true",
        help="afterwards, time each stage of both builds at the largest size (real seconds)",
    )
    add_code_option(parser)
    args = parser.parse_args(argv)
    use_code(args.code)

    print_header("bench_build", CODE)
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-build-"))
    work.mkdir(parents=True, exist_ok=True)
    results: list[BuildResult] = []
    prepared: dict[int, Prepared] = {}
    try:
        for n in args.sizes:
            p = prepare(n, work, args.seed)
            prepared[n] = p
            print(f"N={n}: data in {p.data}", flush=True)
            if n == args.sizes[0]:
                print(f"  ours:  {shlex.join(our_command(p.data, p.root / 'site-offre'))}")
                print(f"  plain: {shlex.join(plain_command(p.project, p.root / 'site-temoin'))}")
            results += bench_size(p, args.repetitions, args.timeout)
        print_table(results, prepared)
        if args.stages:
            stages(prepared[max(args.sizes)])
        if args.profile:
            profile_ours(prepared[max(args.sizes)], 30)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
