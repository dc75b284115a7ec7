#!/usr/bin/env python3
"""Benchmark the site as the number of places grows, and the importers on large inputs.

Places (issue « places at national scale »): for each number of places P (default 100,
1,000 and 5,000) with a fixed number of schemes (default 200):

1. `scripts/synth.py SCHEMES --lieux P` writes the dataset (deterministic; the places of a
   smaller P are the first places of a larger one, the schemes are the same);
2. `offre validate` and `offre build` run as subprocesses under `/usr/bin/time -v`, with
   the peak summed PSS of all their processes sampled (bench_build's `measure`);
3. sizes, exact: one scheme page (the same id at every P: the first scheme delivered by
   a place at the smallest P), one territory page (the same id: the territory of
   Nantes, the most populated), and what a browser fetches for the "Où s'adresser" of one
   commune (the places index, the commune's part and its département's part), raw and
   gzip -9, for the worst commune of the region and for Nantes.

It prints the table, the slope of validate and build time per 1,000 places (least
squares, wall and CPU; and each segment's CPU slope, to see whether time stays linear)
and OK / NOT OK against the targets: a scheme page and a territory page within ±5 %
between the smallest and the largest P, a commune lookup ≤ 50 KB compressed, linear
times (the last segment's CPU slope at most twice the first's, the first floored at
0.5 s per 1,000 places: the machine is shared, times are noisy).

Importers (unless --sans-imports): peak memory, RSS of the largest process and summed
PSS, of each importer on a large input — data·inclusion (bench_import.py's generator),
the State directory (bench_import_annuaire.py's), the ANCT's France services list (a
CSV written here, mostly outside the region) — against the target of 100 MB.

This is a measurement script, not a test. Temporary folders are removed at the end
unless --keep is given.

    python scripts/bench_places.py [--places 100 1000 5000] [--schemes 200]
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import random
import shlex
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_build
from bench_build import REPO, Run, measure
from devtools.bench import print_header

DEFAULT_PLACES = (100, 1000, 5000)
DEFAULT_SCHEMES = 200
NANTES = "44109"
LOOKUP_TARGET = 50 * 1024  # bytes, compressed
PAGE_TOLERANCE = 0.05
IMPORT_TARGET_MB = 100
IMPORT_HEADER = (
    "| importer, input | input MB | s | MB largest process | MB all (PSS) | run | target |"
)


@dataclass
class Lookup:
    commune: str
    raw: int
    gzipped: int


@dataclass
class PlacesResult:
    places: int
    validate: Run
    build: Run
    validate_cpu: float = 0.0
    build_cpu: float = 0.0
    scheme_page: int | None = None
    territory_page: int | None = None
    worst: Lookup | None = None
    nantes: Lookup | None = None
    site_mb: float = 0.0
    notes: list[str] = field(default_factory=list)


def cpu_seconds(log: Path) -> float:
    """User + system seconds of every process of a command, from `/usr/bin/time -v`'s
    log: steadier than wall time on a shared machine."""
    total = 0.0
    for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
        line = line.strip()
        if line.startswith(("User time (seconds):", "System time (seconds):")):
            total += float(line.rsplit(":", 1)[1])
    return total


def _gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def lookups(site: Path) -> dict[str, Lookup]:
    """Bytes a browser fetches for each commune's "Où s'adresser": the index, the
    commune's part and its département's part (js/lieux.js `load`)."""
    folder = site / "recherche"
    (index_file,) = folder.glob("lieux.*.json")
    index = json.loads(index_file.read_text(encoding="utf-8"))
    communes = json.loads(next(folder.glob("communes.*.json")).read_text(encoding="utf-8"))
    at = {name: n for n, name in enumerate(communes["colonnes"])}
    departement = {row[at["code"]]: row[at["departement"]] for row in communes["communes"]}
    index_bytes = index_file.read_bytes()
    cache: dict[str, tuple[int, int]] = {}

    def sizes(name: str) -> tuple[int, int]:
        if name not in cache:
            data = (folder / name).read_bytes()
            cache[name] = (len(data), _gzip_size(data))
        return cache[name]

    found = {}
    base = (len(index_bytes), _gzip_size(index_bytes))
    for code, number in index["communes"].items():
        names = [index["parties"][number]]
        dep = index["departements"].get(departement.get(code, code[:2]))
        if dep:
            names.append(dep)
        raw = base[0] + sum(sizes(n)[0] for n in names)
        gzipped = base[1] + sum(sizes(n)[1] for n in names)
        found[code] = Lookup(code, raw, gzipped)
    return found


def territory_of(data: Path, commune: str) -> str:
    sys.path.insert(0, str(bench_build.CODE))
    from generator.catalog.load import load_catalog

    catalog, _ = load_catalog(data)
    assert catalog is not None
    return catalog.commune_territory[commune]


def first_scheme_with_places(data: Path, ids: list[str]) -> str:
    from generator.catalog.load import load_catalog

    catalog, report = load_catalog(data)
    if catalog is None:
        sys.exit(report.render())
    for did in ids:
        scheme = catalog.dispositifs[did]
        if scheme.is_open and scheme.is_scheme and catalog.scheme_places[did]:
            return did
    return ids[0]


def bench_places(
    counts: list[int], schemes: int, work: Path, seed: int, timeout: float
) -> list[PlacesResult]:
    bench_build.use_code(bench_build.CODE)
    from devtools.synth import synthesize

    results = []
    scheme_id = territory_id = ""
    for count in counts:
        root = work / f"p{count}"
        shutil.rmtree(root, ignore_errors=True)
        root.mkdir(parents=True)
        data, site = root / "donnees", root / "site"
        summary = synthesize(schemes, data, source=REPO / "offer_data", seed=seed, places=count)
        if not scheme_id:
            scheme_id = first_scheme_with_places(data, summary.scheme_ids)
            territory_id = territory_of(data, NANTES)
            print(f"  scheme page: {scheme_id}; territory page: {territory_id}", flush=True)
        validate_command = [sys.executable, "-m", "generator", "validate", str(data)]
        build_command = bench_build.our_command(data, site)
        if count == counts[0]:
            print(f"  validate: {shlex.join(validate_command)}")
            print(f"  build:    {shlex.join(build_command)}")
        validate = measure(
            validate_command, cwd=bench_build.CODE, timeout=timeout, log=root / "validate.log"
        )
        build = measure(
            build_command, cwd=bench_build.CODE, timeout=timeout, log=root / "build.log"
        )
        result = PlacesResult(
            count,
            validate,
            build,
            cpu_seconds(root / "validate.log"),
            cpu_seconds(root / "build.log"),
        )
        for run, label in ((validate, "validate"), (build, "build")):
            if not run.ok:
                result.notes.append(f"{label}: {run.note}")
        if build.ok:
            result.scheme_page = bench_build.page_size(site, scheme_id)
            page = site / "territoires" / territory_id / "index.html"
            result.territory_page = page.stat().st_size if page.exists() else None
            found = lookups(site)
            result.worst = max(found.values(), key=lambda lookup: lookup.gzipped)
            result.nantes = found.get(NANTES)
            result.site_mb = bench_build.du_mb(site)
        print(
            f"  P={count:>6}: validate {validate.wall:6.1f} s ({result.validate_cpu:.1f} s CPU), "
            f"build {build.wall:6.1f} s ({result.build_cpu:.1f} s CPU), "
            f"{build.tree_mb:6.0f} MB all processes"
            + (f"  ({'; '.join(result.notes)})" if result.notes else ""),
            flush=True,
        )
        results.append(result)
    return results


def _kb(value: int | None) -> str:
    return "—" if value is None else _n(round(value / 1024, 1))


def _n(value: float) -> str:
    """1 234.5, with a thin space between thousands."""
    text = f"{value:,}" if isinstance(value, int) else f"{value:,.1f}"
    return text.replace(",", "\u202f")


def _slopes(points: list[tuple[int, float]]) -> tuple[float, list[float]]:
    """Least-squares slope (seconds per 1,000 places) and each segment's."""
    xs = [p / 1000 for p, _ in points]
    ys = [t for _, t in points]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    spread = sum((x - mean_x) ** 2 for x in xs)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / spread
    segments = [
        (ys[k + 1] - ys[k]) / (xs[k + 1] - xs[k]) for k in range(len(xs) - 1) if xs[k + 1] > xs[k]
    ]
    return slope, segments


def _verdict(ok: bool) -> str:
    return "OK" if ok else "NOT OK"


def print_places(results: list[PlacesResult], schemes: int) -> None:
    print()
    print(f"## Places, {schemes} schemes")
    print()
    print(
        "| places | validate s (CPU s) | validate MB (PSS) | build s (CPU s) | build MB (PSS) "
        "| build MB (largest) | site MB | scheme page KB | territory page KB | worst lookup KB "
        "raw / gz (commune) | Nantes lookup KB raw / gz |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in results:
        worst_cell = (
            f"{_kb(r.worst.raw)} / {_kb(r.worst.gzipped)} ({r.worst.commune})" if r.worst else "—"
        )
        nantes = f"{_kb(r.nantes.raw)} / {_kb(r.nantes.gzipped)}" if r.nantes else "—"
        print(
            f"| {_n(r.places)} | {r.validate.wall:.1f} ({r.validate_cpu:.1f}) | "
            f"{r.validate.tree_mb:.0f} | {r.build.wall:.1f} ({r.build_cpu:.1f}) | "
            f"{r.build.tree_mb:.0f} | {r.build.rss_mb:.0f} | "
            f"{r.site_mb:.0f} | {_kb(r.scheme_page)} | {_kb(r.territory_page)} | "
            f"{worst_cell} | {nantes} |"
        )
    ok_runs = [r for r in results if r.validate.ok and r.build.ok]
    if len(ok_runs) < 2:
        print("\nNot enough successful runs for slopes and targets.")
        return
    print()
    linear = True
    for label, times, cpu in (
        (
            "validate",
            [(r.places, r.validate.wall) for r in ok_runs],
            [(r.places, r.validate_cpu) for r in ok_runs],
        ),
        (
            "build",
            [(r.places, r.build.wall) for r in ok_runs],
            [(r.places, r.build_cpu) for r in ok_runs],
        ),
    ):
        slope, _ = _slopes(times)
        cpu_slope, segments = _slopes(cpu)
        parts = ", ".join(f"{s:+.2f}" for s in segments)
        # Linear: the cost of the last 1,000 places at most twice that of the first ones
        # (CPU time; a first segment below 0.5 s per 1,000 places is within this
        # machine's noise and counts as 0.5 s).
        steady = len(segments) < 2 or segments[-1] <= 2 * max(segments[0], 0.5)
        linear &= steady
        print(
            f"- {label}: {slope:+.2f} s wall, {cpu_slope:+.2f} s CPU per 1,000 places (least "
            f"squares); CPU per 1,000 places by segment: {parts} → {_verdict(steady)} "
            "(linear: last segment ≤ 2 × first)"
        )
    first, last = ok_runs[0], ok_runs[-1]
    print()
    print(f"Targets ({_n(first.places)} → {_n(last.places)} places):")
    for label, small, large in (
        ("scheme page", first.scheme_page, last.scheme_page),
        ("territory page", first.territory_page, last.territory_page),
    ):
        if small is None or large is None:
            print(f"- {label}: missing → NOT OK")
            continue
        change = large / small - 1
        print(
            f"- {label} size {_n(small)} → {_n(large)} bytes ({change:+.1%}), within ±5 % → "
            f"{_verdict(abs(change) <= PAGE_TOLERANCE)}"
        )
    worst = max((r.worst for r in ok_runs if r.worst), key=lambda lookup: lookup.gzipped)
    print(
        f"- commune lookup, worst commune at any size: {_n(worst.gzipped)} bytes gzip "
        f"({worst.commune}) ≤ {_n(LOOKUP_TARGET)} → {_verdict(worst.gzipped <= LOOKUP_TARGET)}"
    )
    print(f"- validate and build linear → {_verdict(linear)}")


# ---------------------------------------------------------------------------- importers


def _offre(*args: str) -> list[str]:
    return [sys.executable, "-m", "generator", *args]


def france_services_csv(path: Path, rows: int, region: int, seed: int) -> None:
    """A list in the ANCT's format: `region` FICTITIOUS sites in the region, the rest
    elsewhere in France (like the national file, much larger)."""
    from generator.importers.france_services.table import OPTIONAL, REQUIRED

    rng = random.Random(seed)
    communes = json.loads(
        (REPO / "offer_data" / "geo" / "pays-de-la-loire.json").read_text(encoding="utf-8")
    )["communes"]
    elsewhere = [d for d in range(1, 96) if d not in (20, 44, 49, 53, 72, 85)]
    hours = "09:00 - 12:00 / 13:30 - 17:00"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, [*REQUIRED, *OPTIONAL], quoting=csv.QUOTE_ALL)
        writer.writeheader()
        for number in range(rows):
            ident = str(100000 + number)
            if number < region:
                commune = rng.choice(communes)
                insee, town = commune["code"], commune["nom"]
                postal = (commune.get("codes_postaux") or ["44000"])[0]
            else:
                dep = f"{rng.choice(elsewhere):02d}"
                insee, postal, town = f"{dep}{rng.randrange(1, 600):03d}", f"{dep}000", "Ailleurs"
            row = {
                "id_fs": ident,
                "insee_dep": insee[:2],
                "lib_fs": f"France services fictive n° {ident}",
                "adresse": "1 rue de l'Essai",
                "insee_com": insee,
                "code_postal": postal,
                "lib_com": town,
                "latitude": "47.0",
                "longitude": "-0.8",
                "mail": f"fs-essai-{ident}@example.org",
                "telephone": f"02 61 91 {number // 100 % 100:02d} {number % 100:02d}",
                "h_lundi": hours,
                "h_mardi": hours,
                "h_mercredi": "09:00 - 12:00",
                "h_jeudi": hours,
                "h_vendredi": hours,
                "prise_rdv": "Oui",
                "commentaire": "Permanences fictives du jeu de mesure. " * 8,
                "type_fs": "Structure",
                "format_fs": "Fixe",
                "labellisation_fs": "2024",
            }
            writer.writerow({column: row.get(column, "") for column in [*REQUIRED, *OPTIONAL]})


def bench_imports(work: Path, records: int, directory: int, fs_rows: int) -> list[str]:
    from bench_import import generate
    from bench_import_annuaire import write_export

    lines = []

    def run(label: str, command: list[str], size: int) -> None:
        log = work / f"{label.split()[0]}.log"
        result = measure(command, cwd=bench_build.CODE, timeout=3600, log=log)
        peak = max(result.rss_mb, result.tree_mb)
        lines.append(
            f"| {label} | {size / 1e6:.0f} | {result.wall:.1f} | {result.rss_mb:.0f} | "
            f"{result.tree_mb:.0f} | {'exit 0' if result.ok else result.note} | "
            f"{_verdict(result.ok and peak < IMPORT_TARGET_MB)} |"
        )
        print(f"  {lines[-1]}", flush=True)

    data = work / "donnees-imports"
    shutil.rmtree(data, ignore_errors=True)
    shutil.copytree(REPO / "offer_data", data)
    (work / "di").mkdir(exist_ok=True)
    structures, services, _, _ = generate(work / "di", records, 5000, 1)
    size = structures.stat().st_size + services.stat().st_size
    run(
        f"data·inclusion, {_n(records)} records",
        _offre(
            "import-data-inclusion", "--structures", str(structures), "--services",
            str(services), "--data", str(data), "--dry-run",
        ),
        size,
    )  # fmt: skip
    export = work / "annuaire.json"
    write_export(export, directory, 300)
    run(
        f"State directory, {_n(directory)} services",
        _offre("import-annuaire", str(export), "--data", str(data)),
        export.stat().st_size,
    )
    listing = work / "liste-fs-20240801.csv"
    france_services_csv(listing, fs_rows, 400, 1)
    run(
        f"France services, {_n(fs_rows)} rows",
        _offre("import-france-services", str(listing), "--data", str(data)),
        listing.stat().st_size,
    )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--places", "--lieux", type=int, nargs="+", default=list(DEFAULT_PLACES),
        help="numbers of synthetic places (default: 100 1000 5000)",
    )  # fmt: skip
    parser.add_argument(
        "--schemes", "--dispositifs", type=int, default=DEFAULT_SCHEMES,
        help="number of synthetic schemes, the same at every size (default 200)",
    )  # fmt: skip
    parser.add_argument("--seed", "--graine", type=int, default=1, help="synth seed (default 1)")
    parser.add_argument("--timeout", type=float, default=3600, help="seconds per command")
    parser.add_argument("--keep", type=Path, default=None, help="work in this folder and keep it")
    parser.add_argument(
        "--sans-imports", "--no-imports", dest="imports", action="store_false",
        help="only the places table, not the importers",
    )  # fmt: skip
    parser.add_argument(
        "--enregistrements", "--records", type=int, default=400_000,
        help="data·inclusion records (structures and services; default 400,000)",
    )  # fmt: skip
    parser.add_argument(
        "--annuaire", "--directory", type=int, default=60_000,
        help="State directory services (default 60,000, about the national export)",
    )  # fmt: skip
    parser.add_argument(
        "--france-services", type=int, default=200_000,
        help="rows of the France services list (default 200,000: about 100 times the real one)",
    )  # fmt: skip
    bench_build.add_code_option(parser)
    args = parser.parse_args(argv)
    bench_build.use_code(args.code)

    print_header("bench_places")
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-places-"))
    work.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    try:
        counts = sorted(args.places)
        results = bench_places(counts, args.schemes, work, args.seed, args.timeout)
        print_places(results, args.schemes)
        if args.imports:
            print()
            print("## Importers (peak memory; target < 100 MB)")
            print()
            lines = bench_imports(work, args.enregistrements, args.annuaire, args.france_services)
            print()
            print(IMPORT_HEADER)
            print("|---|---:|---:|---:|---:|---|---|")
            print("\n".join(lines))
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    print(f"\n(total {time.perf_counter() - start:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
