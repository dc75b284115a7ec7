#!/usr/bin/env python3
"""Benchmark our search page against Material's built-in search, in headless Chromium.

For each size N (default 1,000 and 10,000 synthetic schemes), both sites of
bench_build.py are built (or reused with --reuse) and served on 127.0.0.1:

- **ours** (`recherche/`): every request of the page is recorded and weighed (raw and
  gzip -6, computed here since http.server does not compress); time from navigation
  start to the first result (`#offre-resultats [data-dispositif]`) for a query given in
  the address (`recherche/?q=formation`), fresh browser context each run; then 50
  realistic queries are typed key by key into `#offre-q`. For each key: time from the
  input event to the end of the DOM update (includes the page's 60 ms typing debounce),
  and the page's own work for that key (the debounced handler: lunr query, facet
  counts, sorting, rendering), plus the bare `OffreTexte.search` time for the same
  strings.
- **Material** (`plugins: [search]` of the plain site): a scheme page is loaded, the
  query is typed in the header search box right away, and the time to the first
  `.md-search-result__item` is taken from navigation start; bytes of
  `search/search_index.json` and of the search worker; then the same 50 queries, key
  by key, input event → end of the result list update.

Targets at 10k (issue): our search payload ≥ 5× smaller than Material's
search_index.json (gzip), first results within 1 s of page load, p95 per keystroke
< 50 ms. This is a measurement script, not a test.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import os
import shlex
import shutil
import statistics
import sys
import tempfile
import threading
from dataclasses import dataclass, field
from datetime import datetime
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_build

DEFAULT_SIZES = (1000, 10000)
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update"]
FIRST_QUERY = "formation"

# Words and prefixes a counsellor would type, taken from the synthetic vocabulary
# (titles, summaries, keywords, places); some without accents on purpose.
QUERIES: tuple[str, ...] = (
    "formation",
    "permis",
    "apprentissage",
    "alternance",
    "jeunes",
    "création d'entreprise",
    "handicap",
    "mobilité",
    "numerique",
    "aide embauche",
    "reconversion",
    "logement",
    "garde d'enfants",
    "soudeur",
    "cariste",
    "logistique",
    "bâtiment",
    "aide-soignant",
    "qualification",
    "orientation",
    "bilan de compétences",
    "VAE",
    "CPF",
    "RSA",
    "seniors",
    "femmes",
    "microcrédit",
    "covoiturage",
    "CV",
    "entretien",
    "recrutement",
    "insertion",
    "illettrisme",
    "français",
    "sante",
    "budget",
    "laval",
    "cholet",
    "nantes",
    "saumur",
    "atelier",
    "accompagnement renforcé",
    "forum",
    "job dating",
    "parentalité",
    "salariés",
    "agriculture",
    "restauration",
    "transport",
    "métiers en tension",
)

# Injected before any page script: the moment a selector first matches (performance.now(),
# i.e. milliseconds since navigation start), and, for our page, the duration of each
# debounced typing handler (the 60 ms setTimeout of recherche.js).
FIRST_MATCH_JS = """
(() => {
  const selector = %s;
  const observer = new MutationObserver(() => {
    if (window.__firstMatch === undefined && document.querySelector(selector)) {
      window.__firstMatch = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(document, { childList: true, subtree: true });
})();
"""
WORK_JS = """
(() => {
  const original = window.setTimeout;
  window.__work = [];
  window.setTimeout = function (fn, delay) {
    if (delay === 60 && typeof fn === "function") {
      const rest = Array.prototype.slice.call(arguments, 2);
      return original.call(window, function () {
        const start = performance.now();
        try { return fn.apply(this, rest); }
        finally { window.__work.push(performance.now() - start); }
      }, delay);
    }
    return original.apply(window, arguments);
  };
})();
"""
LATENCY_SETUP_JS = """
(selector) => {
  const box = document.querySelector(selector);
  window.__lat = { input: 0, mutation: 0 };
  document.addEventListener("input", () => { window.__lat.input = performance.now(); }, true);
  new MutationObserver(() => { window.__lat.mutation = performance.now(); })
    .observe(box, { childList: true, subtree: true, characterData: true, attributes: true });
}
"""
SETTLED_JS = """
(settle) => {
  const l = window.__lat;
  return l.mutation > l.input && performance.now() - l.mutation > settle;
}
"""
SEARCH_ONLY_JS = """
async (queries) => {
  const root = document.getElementById("offre-recherche");
  const response = await fetch(root.getAttribute("data-index"));
  const data = await response.json();
  const loadStart = performance.now();
  // The page's own loader when there is one (compact postings), else a serialized index.
  const index = OffreTexte.loadIndex ? OffreTexte.loadIndex(lunr, data) : lunr.Index.load(data);
  window.__indexLoadMs = performance.now() - loadStart;
  const out = [];
  for (const q of queries) {
    const start = performance.now();
    OffreTexte.search(lunr, index, q);
    out.push(performance.now() - start);
  }
  return out;
}
"""


# ---------------------------------------------------------------------------- helpers


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


class Server:
    """A static server on 127.0.0.1 (a free port) for one site folder."""

    def __init__(self, root: Path) -> None:
        handler = functools.partial(_QuietHandler, directory=str(root))
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.root = root
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def file_of(self, url: str) -> Path | None:
        if not url.startswith(self.base):
            return None
        path = unquote(urlsplit(url).path).lstrip("/")
        target = self.root / path
        if path == "" or path.endswith("/"):
            target = target / "index.html"
        return target if target.is_file() else None

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@functools.lru_cache(maxsize=4096)
def weigh(path: Path) -> tuple[int, int]:
    """(raw bytes, gzip -6 bytes) of a file."""
    data = path.read_bytes()
    return len(data), len(gzip.compress(data, compresslevel=6, mtime=0))


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(q / 100 * len(ordered) + 0.5) - 1))
    return ordered[rank]


def summary(values: list[float]) -> str:
    if not values:
        return "–"
    return f"{statistics.median(values):.1f} / {percentile(values, 95):.1f}"


@dataclass
class Transfer:
    files: dict[str, tuple[int, int]] = field(default_factory=dict)

    def add(self, server: Server, url: str) -> None:
        path = server.file_of(url)
        if path is not None:
            self.files[path.relative_to(server.root).as_posix()] = weigh(path)

    def total(self, predicate: Any = None) -> tuple[int, int]:
        chosen = [v for k, v in self.files.items() if predicate is None or predicate(k)]
        return sum(r for r, _ in chosen), sum(g for _, g in chosen)


@dataclass
class SiteResult:
    n: int
    label: str
    first_results_ms: list[float] = field(default_factory=list)
    extra: dict[str, list[float]] = field(default_factory=dict)
    transfer: Transfer = field(default_factory=Transfer)
    search_bytes: tuple[int, int] = (0, 0)
    keystroke_ms: list[float] = field(default_factory=list)
    work_ms: list[float] = field(default_factory=list)
    search_only_ms: list[float] = field(default_factory=list)
    slowest: list[tuple[float, str]] = field(default_factory=list)
    work_by_length: dict[int, list[float]] = field(default_factory=dict)
    search_by_length: dict[int, list[float]] = field(default_factory=dict)
    missed_keys: int = 0


def keystrokes(queries: tuple[str, ...]) -> list[str]:
    """Every string the box holds while typing the queries (each prefix)."""
    return [q[: i + 1] for q in queries for i in range(len(q))]


# ---------------------------------------------------------------------------- ours


def bench_ours(browser: Any, server: Server, n: int, runs: int) -> SiteResult:
    result = SiteResult(n, "ours")
    page_url = f"{server.base}recherche/"
    selector = "#offre-resultats [data-dispositif]"
    result.extra = {"first results, empty query (ms)": [], "index ready (ms)": []}
    for run in range(runs):
        context = browser.new_context()
        page = context.new_page()
        page.add_init_script(FIRST_MATCH_JS % repr(selector))
        if run == 0:
            page.on("response", lambda response: result.transfer.add(server, response.url))
        page.goto(f"{page_url}?q={quote(FIRST_QUERY)}", wait_until="commit")
        page.wait_for_function("window.__firstMatch !== undefined", timeout=120_000)
        result.first_results_ms.append(page.evaluate("window.__firstMatch"))
        page.wait_for_function(
            "window.OffreRecherche && window.OffreRecherche.ready()", timeout=120_000
        )
        result.extra["index ready (ms)"].append(page.evaluate("performance.now()"))
        page.goto(f"{page_url}?q=", wait_until="commit")
        page.wait_for_function("window.__firstMatch !== undefined", timeout=120_000)
        result.extra["first results, empty query (ms)"].append(page.evaluate("window.__firstMatch"))
        if run == 0:
            page.wait_for_function("window.OffreRecherche.ready()", timeout=120_000)
            page.wait_for_timeout(500)  # late requests (communes table…)
        context.close()
    result.search_bytes = result.transfer.total(
        lambda k: k.startswith("recherche/") and k.endswith((".js", ".json"))
    )

    context = browser.new_context()
    page = context.new_page()
    page.add_init_script(WORK_JS)
    page.goto(page_url, wait_until="commit")
    page.wait_for_function(
        "window.OffreRecherche && window.OffreRecherche.ready()", timeout=120_000
    )
    page.wait_for_selector(selector)
    page.evaluate(LATENCY_SETUP_JS, "#offre-recherche")
    print(f"  N={n} ours: typing {len(keystrokes(QUERIES))} keys", flush=True)
    _type_queries(page, "#offre-q", result, settle_ms=100, timeout_ms=10_000, work=True)
    typed = keystrokes(QUERIES)
    result.search_only_ms = page.evaluate(SEARCH_ONLY_JS, typed)
    for text, ms in zip(typed, result.search_only_ms, strict=True):
        if text.strip():
            length = min(len(text.split()[-1]), 3) if not text.endswith(" ") else 3
            result.search_by_length.setdefault(length, []).append(ms)
    result.extra["index load in the page, once more (ms)"] = [page.evaluate("window.__indexLoadMs")]
    context.close()
    return result


# ---------------------------------------------------------------------------- Material


def bench_material(browser: Any, server: Server, n: int, runs: int, scheme_id: str) -> SiteResult:
    result = SiteResult(n, "Material")
    page_url = f"{server.base}dispositifs/{scheme_id}/"
    selector = ".md-search-result__item"
    for run in range(runs):
        context = browser.new_context()
        page = context.new_page()
        page.add_init_script(FIRST_MATCH_JS % repr(selector))
        if run == 0:
            page.on("response", lambda response: result.transfer.add(server, response.url))
        page.goto(page_url, wait_until="domcontentloaded")
        page.click("input.md-search__input")
        page.keyboard.type(FIRST_QUERY)
        page.wait_for_function("window.__firstMatch !== undefined", timeout=300_000)
        result.first_results_ms.append(page.evaluate("window.__firstMatch"))
        context.close()
    # The worker's own requests may escape the page's response events: weigh them anyway.
    for path in [
        server.root / "search" / "search_index.json",
        *(server.root / "assets" / "javascripts" / "workers").glob("search.*.js"),
    ]:
        result.transfer.files.setdefault(path.relative_to(server.root).as_posix(), weigh(path))
    result.search_bytes = result.transfer.total(
        lambda k: (
            k == "search/search_index.json"
            or k.startswith(("assets/javascripts/workers/", "assets/javascripts/lunr/"))
        )
    )

    context = browser.new_context()
    page = context.new_page()
    page.add_init_script(FIRST_MATCH_JS % repr(selector))
    page.goto(page_url, wait_until="domcontentloaded")
    page.click("input.md-search__input")
    page.keyboard.type(FIRST_QUERY)
    page.wait_for_function("window.__firstMatch !== undefined", timeout=300_000)
    page.evaluate(LATENCY_SETUP_JS, ".md-search-result")
    print(f"  N={n} Material: typing {len(keystrokes(QUERIES))} keys", flush=True)
    _type_queries(
        page, "input.md-search__input", result, settle_ms=150, timeout_ms=20_000, work=False
    )
    context.close()
    return result


# ---------------------------------------------------------------------------- typing


def _type_queries(
    page: Any, box: str, result: SiteResult, *, settle_ms: int, timeout_ms: int, work: bool
) -> None:
    """Type each query key by key; per key, input event → end of the DOM update.

    Spaces are typed but not measured: Material ignores them (no update to wait for).
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    for query in QUERIES:
        _clear(page, box, settle_ms)
        for position, char in enumerate(query):
            if char == " ":
                page.keyboard.type(char)
                page.wait_for_timeout(settle_ms + 100)
                continue
            work_before = page.evaluate("window.__work ? window.__work.length : 0") if work else 0
            page.keyboard.type(char)
            try:
                page.wait_for_function(SETTLED_JS, arg=settle_ms, timeout=timeout_ms)
            except PlaywrightTimeout:
                result.missed_keys += 1
                continue
            latency = page.evaluate("window.__lat.mutation - window.__lat.input")
            result.keystroke_ms.append(latency)
            result.slowest.append((latency, query[: position + 1]))
            if work:
                durations = page.evaluate("window.__work")[work_before:]
                if durations:
                    result.work_ms.append(sum(durations))
                    length = len(query[: position + 1].split()[-1])
                    result.work_by_length.setdefault(min(length, 3), []).append(sum(durations))
    result.slowest = sorted(result.slowest, reverse=True)[:5]


def _clear(page: Any, box: str, settle_ms: int) -> None:
    page.click(box)
    page.keyboard.press("Control+A")
    page.keyboard.press("Backspace")
    page.wait_for_timeout(settle_ms + 250)


# ---------------------------------------------------------------------------- report


def print_report(results: list[SiteResult]) -> None:
    print()
    print(
        "| N | search | search payload gzip (raw) | whole page gzip | first results ms "
        "(median, min–max) | per key: input→DOM median / p95 ms | per key: page work "
        "median / p95 ms | lunr query only median / p95 ms |"
    )
    print("|---:|---|---:|---:|---:|---:|---:|---:|")
    for r in results:
        raw, gz = r.search_bytes
        _, page_gz = r.transfer.total()
        first = r.first_results_ms
        first_text = (
            f"{statistics.median(first):.0f} ({min(first):.0f}–{max(first):.0f})" if first else "–"
        )
        print(
            f"| {r.n} | {r.label} | {_kb(gz)} ({_kb(raw)}) | {_kb(page_gz)} | {first_text} "
            f"| {summary(r.keystroke_ms)} | {summary(r.work_ms)} | {summary(r.search_only_ms)} |"
        )
    for r in results:
        print(f"\nN={r.n} {r.label}: files fetched (raw / gzip -6 bytes)")
        for name, (raw, gz) in sorted(r.transfer.files.items(), key=lambda i: -i[1][1])[:14]:
            print(f"  {name:<60} {raw:>11,} {gz:>10,}")
        for label, values in r.extra.items():
            if values:
                runs = ", ".join(f"{v:.0f}" for v in values)
                print(f"  {label}: median {statistics.median(values):.0f} (runs {runs})")
        for name, groups in (("page work", r.work_by_length), ("lunr query", r.search_by_length)):
            if groups:
                parts = [
                    f"{'≥3' if length == 3 else length} char(s) {summary(values)} (n={len(values)})"
                    for length, values in sorted(groups.items())
                ]
                print(f"  {name} median / p95 ms by length of the last word: {'; '.join(parts)}")
        print(
            f"  keys measured: {len(r.keystroke_ms)}, without DOM change: {r.missed_keys}; "
            f"slowest: {', '.join(f'{q!r} {ms:.0f} ms' for ms, q in r.slowest)}"
        )
    largest = max(r.n for r in results)
    by_label = {r.label: r for r in results if r.n == largest}
    if {"ours", "Material"} <= set(by_label):
        ours, material = by_label["ours"], by_label["Material"]
        index_gz = material.transfer.files.get("search/search_index.json", (0, 0))[1]
        ratio = index_gz / ours.search_bytes[1] if ours.search_bytes[1] else 0
        first_ms = statistics.median(ours.first_results_ms)
        p95 = percentile(ours.work_ms, 95) if ours.work_ms else float("nan")
        print(f"\nTargets at N={largest}:")
        print(
            f"- payload: Material search_index.json {_kb(index_gz)} gzip / our search files "
            f"{_kb(ours.search_bytes[1])} gzip = {ratio:.1f}× (target ≥ 5×: {_ok(ratio >= 5)})"
        )
        print(
            f"- our first results: {first_ms:.0f} ms after navigation start "
            f"(target ≤ 1000 ms: {_ok(first_ms <= 1000)})"
        )
        print(
            f"- our per-key work p95: {p95:.1f} ms (target < 50 ms: {_ok(p95 < 50)}); "
            f"input→DOM p95 {percentile(ours.keystroke_ms, 95):.1f} ms includes the 60 ms debounce"
        )


def _kb(value: int) -> str:
    return f"{value / 1024:,.0f} KB" if value < 10 * 1024 * 1024 else f"{value / 1048576:,.1f} MB"


def _ok(flag: bool) -> str:
    return "OK" if flag else "MISSED"


# ---------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog="Example: python scripts/bench_search.py --sizes 1000 --reuse /tmp/bench",
    )
    parser.add_argument(
        "--sizes", "--tailles", type=int, nargs="+", default=list(DEFAULT_SIZES),
        help="numbers of synthetic schemes (default: 1000 10000)",
    )  # fmt: skip
    parser.add_argument("--seed", "--graine", type=int, default=1, help="synth seed (default 1)")
    parser.add_argument("--runs", type=int, default=3, help="page loads per first-results timing")
    parser.add_argument(
        "--reuse", type=Path, default=None,
        help="folder kept by bench_build.py --keep: reuse its sites (n<N>/site-offre, site-temoin)",
    )  # fmt: skip
    parser.add_argument("--keep", type=Path, default=None, help="build in this folder and keep it")
    parser.add_argument("--timeout", type=float, default=7200, help="seconds allowed per build")
    parser.add_argument(
        "--sites", nargs="+", choices=("ours", "material"), default=["ours", "material"],
        help="which search to measure (default: both)",
    )  # fmt: skip
    bench_build.add_code_option(parser)
    args = parser.parse_args(argv)
    bench_build.use_code(args.code)

    from playwright.sync_api import sync_playwright

    print(f"# bench_search — {datetime.now().isoformat(timespec='seconds')}")
    print(f"Reproduce: {shlex.join([sys.executable, *sys.argv])}  (cwd {Path.cwd()})")
    print(f"Builds run from: {bench_build.CODE}")
    print(f"Machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f} at start")
    work = args.reuse or args.keep or Path(tempfile.mkdtemp(prefix="bench-search-"))
    results: list[SiteResult] = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for n in args.sizes:
                ours_site, plain_site, scheme_id = _sites(n, work, args)
                for label, site in (("ours", ours_site), ("Material", plain_site)):
                    if label.lower() not in args.sites:
                        continue
                    server = Server(site)
                    print(f"N={n} {label}: serving {site} at {server.base}", flush=True)
                    try:
                        if label == "ours":
                            results.append(bench_ours(browser, server, n, args.runs))
                        else:
                            results.append(bench_material(browser, server, n, args.runs, scheme_id))
                    finally:
                        server.close()
            browser.close()
        print_report(results)
    finally:
        if args.reuse is None and args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


def _sites(n: int, work: Path, args: argparse.Namespace) -> tuple[Path, Path, str]:
    root = work / f"n{n}"
    ours, plain = root / "site-offre", root / "site-temoin"
    if args.reuse is not None:
        if not (ours.is_dir() and plain.is_dir()):
            raise SystemExit(f"{root} has no built sites: run bench_build.py --keep {work} first.")
        from generator.tools.synth import synthesize

        with tempfile.TemporaryDirectory() as tmp:  # the compared scheme's id, cheaply
            scheme_id = synthesize(
                1, Path(tmp) / "d", source=bench_build.REPO / "offer_data", seed=args.seed
            ).first_scheme_id
        return ours, plain, scheme_id
    prepared = bench_build.prepare(n, work, args.seed)
    for label, command in (
        ("ours", bench_build.our_command(prepared.data, ours)),
        ("plain", bench_build.plain_command(prepared.project, plain)),
    ):
        print(f"N={n}: building {label}: {shlex.join(command)}", flush=True)
        run = bench_build.measure(
            command, cwd=bench_build.CODE, timeout=args.timeout, log=root / f"{label}.log"
        )
        if not run.ok:
            raise SystemExit(f"build {label} failed at N={n}: {run.note}")
    return ours, plain, prepared.scheme_id


if __name__ == "__main__":
    sys.exit(main())
