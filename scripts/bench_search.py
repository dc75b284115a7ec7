#!/usr/bin/env python3
"""Benchmark our search page beside Pagefind on the same built site, in headless Chromium.

For each size N (default 100, 1,000 and 10,000 synthetic schemes, `scripts/synth.py`), our
site is built once (or reused with --reuse, from bench_build.py --keep), then Pagefind
(npm package, installed into a temporary folder outside the repository) indexes that
same site with its defaults (French, each page's <article>). Its page for the
benchmark, `recherche-pagefind/`, is our search page with our search replaced by
Pagefind's JavaScript API (same Material page around it, same 60 ms typing debounce,
the first 20 results shown as their details arrive, in order — as ours does).

The site is served on 127.0.0.1 compressed with gzip, as a CDN would serve it. Each
measurement opens a fresh browser context (empty cache) and, through the DevTools
protocol, either no throttling ("local") or "Slow 4G" (150 ms latency, 1.6 Mbit/s down,
750 kbit/s up: Network.emulateNetworkConditions) with a 4× slower CPU
(Emulation.setCPUThrottlingRate).

- **first results**: from navigation start to the first result in the list, for a
  query given in the address (`?q=…`), several queries × --runs page loads;
- **bytes**: sent by the server (compressed bodies) for the first query, until the
  page is done: whole page, and search files alone;
- **typing** (local profile): queries typed key by key; for each key, the page's whole
  main-thread task time (Performance.getMetrics TaskDuration: the browser's own typing,
  layout and paint included, about 7 ms a key in a plain input here) from the key press
  to the end of the update, and the time from the input event to the last change of the
  results (this one includes the 60 ms debounce). For ours, also our scripts' own tasks
  (the page's User Timing measures: search, counts, rendering), the longest of them, and
  the engine alone (`search()` on every string typed, files already loaded).

With --baseline, the same measures run on a second build of the same schemes (say, from
the main branch: `--keep DIR --code /work/main`), page load by page load in turn with
ours, so both share the machine's noise; the report gives both and their difference.
The first page load of each site and profile also prints its request waterfall: each
file fetched before the first result, when it started and ended (ms from navigation
start) and its compressed size.

Targets at 10,000: first results ≤ 500 ms locally (issue 11, worst load) and ≤ 1.5 s
on Slow 4G with 4× CPU (issue 23, median of the loads); p95 page work per key ≤ 16 ms.
A measurement script, not a test.
"""

from __future__ import annotations

import argparse
import re
import shlex
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_build
import devtools.bench as common

DEFAULT_SIZES = (100, 1000, 10000)
ENGINES = ("ours", "pagefind")
FIRST_QUERIES = ("formation", "permis de conduire", "accompagnement jeunes")
PAGE = 20
LOCAL_TARGET_MS = 500  # first results, local, every load (issue 11)
SLOW4G_TARGET_MS = 1500  # first results, Slow 4G and CPU ×4, median (issue 23)

# Words and prefixes an adviser would type, from the synthetic vocabulary (titles,
# summaries, keywords, places); some without accents on purpose.
TYPED: tuple[str, ...] = (
    "formation",
    "permis",
    "apprentissage",
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
    "bâtiment",
    "aide-soignant",
    "bilan de compétences",
    "VAE",
    "RSA",
    "seniors",
    "microcrédit",
    "covoiturage",
    "illettrisme",
    "sante",
    "laval",
    "cholet",
    "accompagnement renforcé",
    "job dating",
    "salariés",
    "métiers en tension",
)


@dataclass
class Engine:
    name: str
    path: str  # page, site-relative
    first: str  # selector of a result
    box: str  # the search box
    results: str  # what changes when results change


OURS = Engine(
    "ours", "recherche/", "#offre-resultats [data-dispositif]", "#offre-q", "#offre-recherche"
)
PAGEFIND = Engine("pagefind", "recherche-pagefind/", "#pf-resultats li", "#pf-q", "#pf-recherche")

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
# Files the page fetched before its first result: (path, start, end, compressed bytes).
WATERFALL_JS = """
() => performance.getEntriesByType("resource")
  .filter((e) => e.startTime <= window.__firstMatch)
  .map((e) => ({ name: new URL(e.name).pathname, start: e.startTime, end: e.responseEnd,
                 bytes: e.encodedBodySize }))
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
# Resolves once the results changed after the last input and then stayed still for
# `settle` ms (one promise, checked by a timer: no polling from the test driver).
SETTLED_JS = """
([settle, limit]) => new Promise((resolve) => {
  const start = performance.now();
  const check = () => {
    const l = window.__lat;
    const now = performance.now();
    if (l.mutation > l.input && now - l.mutation > settle) { resolve(true); return; }
    if (now - start > limit) { resolve(false); return; }
    setTimeout(check, settle / 4);
  };
  check();
})
"""
ENGINE_ONLY_JS = """
async (typed) => {
  if (!window.OffreRecherche || !OffreRecherche.moteur) { return []; }  // an older page
  const m = OffreRecherche.moteur();
  const out = [];
  for (const q of typed) {
    await m.prepare(q);
    const start = performance.now();
    m.search(q, { statut: ["actif"], nature: ["dispositif"] });
    out.push(performance.now() - start);
  }
  return out;
}
"""

# Our page's search block is replaced by this (in recherche-pagefind/index.html).
PAGEFIND_PAGE = """
<div id="pf-recherche" class="offre-recherche">
  <form id="pf-formulaire" role="search" aria-label="Recherche Pagefind">
    <label for="pf-q">Mots-clés</label>
    <input id="pf-q" name="q" type="search" autocomplete="off">
  </form>
  <p id="pf-compte" role="status"></p>
  <ol id="pf-resultats" class="offre-liste"></ol>
</div>
<script type="module">
import * as pagefind from "../pagefind/pagefind.js";
const input = document.getElementById("pf-q");
const list = document.getElementById("pf-resultats");
const count = document.getElementById("pf-compte");
let request = 0;
async function run(query) {
  const id = ++request;
  const search = await pagefind.search(query);
  if (id !== request || !search) { return; }
  count.textContent = search.results.length + " résultats";
  const items = search.results.slice(0, %(page)d);
  const found = new Array(items.length);
  let next = 0;
  let replaced = false;
  const flush = () => {
    if (id !== request) { return; }
    const fragment = document.createDocumentFragment();
    while (next < items.length && found[next]) {
      const li = document.createElement("li");
      const link = document.createElement("a");
      link.href = found[next].url;
      link.textContent = found[next].meta.title;
      const excerpt = document.createElement("span");
      excerpt.innerHTML = found[next].excerpt;  // Pagefind's own excerpt, with <mark>
      li.append(link, " ", excerpt);
      fragment.appendChild(li);
      next++;
    }
    if (!replaced && (fragment.childNodes.length || next === items.length)) {
      list.textContent = "";
      replaced = true;
    }
    list.appendChild(fragment);
  };
  if (!items.length) { flush(); }
  items.forEach((result, i) => result.data().then((data) => { found[i] = data; flush(); }));
}
input.value = new URLSearchParams(location.search).get("q") || "";
if (input.value) { run(input.value); }
let timer = null;
input.addEventListener("input", () => {
  clearTimeout(timer);
  timer = setTimeout(() => run(input.value), 60);
});
</script>
"""


@dataclass
class Result:
    n: int
    engine: str
    profile: str
    site: str = ""  # "" for the site under test, BASELINE for the one compared with
    first_ms: list[float] = field(default_factory=list)
    page_bytes: int = 0
    search_bytes: int = 0
    work_ms: list[float] = field(default_factory=list)
    latency_ms: list[float] = field(default_factory=list)
    engine_ms: list[float] = field(default_factory=list)
    idle_ms: list[float] = field(default_factory=list)
    own_ms: list[float] = field(default_factory=list)
    own_longest_ms: list[float] = field(default_factory=list)
    missed: int = 0
    slowest: list[tuple[float, str]] = field(default_factory=list)
    waterfall: list[dict[str, Any]] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"{self.engine} ({self.site})" if self.site else self.engine


BASELINE = "baseline"


def keystrokes(queries: tuple[str, ...]) -> list[str]:
    """Every string the box holds while typing the queries (each prefix)."""
    return [q[: i + 1] for q in queries for i in range(len(q))]


# ---------------------------------------------------------------------------- sites


def pagefind_page(site: Path) -> None:
    """recherche-pagefind/: our search page, with Pagefind in place of our search."""
    html = (site / OURS.path / "index.html").read_text(encoding="utf-8")
    # Our index (preloaded) and stylesheet: not for this page.
    html = re.sub(
        r'<link rel="(?:preload|stylesheet)" href="[^"]*\.[0-9a-f]{12}\.(?:json|css)"[^>]*>',
        "",
        html,
    )
    # Our page's Content-Security-Policy allows only its own inline code (by hash) and no
    # WebAssembly; Pagefind needs an inline module here and runs WebAssembly.
    html = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", html)
    # Our search block, up to its end marker (older builds: up to our script after it),
    # and our scripts wherever they are (in <head> since the block has its end marker).
    script = r'<script src="[^"]*(?:recherche|moteur)\.[0-9a-f]+\.js"[^>]*></script>'
    start = html.index('<div id="offre-recherche"')
    marker = '<div id="offre-recherche-fin" hidden></div>'
    if marker in html:
        end = html.index(marker) + len(marker)
    else:
        end = list(re.finditer(script, html))[-1].end()
    html = re.sub(script, "", html[:start]) + PAGEFIND_PAGE % {"page": PAGE} + html[end:]
    target = site / PAGEFIND.path
    target.mkdir(exist_ok=True)
    (target / "index.html").write_text(html, encoding="utf-8")


def prepare_site(n: int, work: Path, args: argparse.Namespace) -> Path:
    if args.reuse is not None:
        site: Path = args.reuse / f"n{n}" / "site-offre"
        if not site.is_dir():
            raise SystemExit(
                f"{site} n'existe pas : lancez d'abord bench_build.py --keep {args.reuse}"
            )
        return site
    prepared = bench_build.prepare(n, work, args.seed)
    site = prepared.root / "site-offre"
    command = bench_build.our_command(prepared.data, site)
    print(f"N={n}: building: {shlex.join(command)}", flush=True)
    run = bench_build.measure(
        command, cwd=bench_build.CODE, timeout=args.timeout, log=prepared.root / "ours.log"
    )
    if not run.ok:
        raise SystemExit(f"build failed at N={n}: {run.note}")
    return site


# ---------------------------------------------------------------------------- measures


def first_results(
    browser: Any, targets: list[tuple[common.Server, Engine, Result]], runs: int
) -> None:
    """Page loads of each target in turn (query by query, run by run), so that sites
    compared with each other share the machine's load."""
    for position, query in enumerate(FIRST_QUERIES):
        for run in range(runs):
            for server, engine, result in targets:
                first_load(browser, server, engine, result, query, position == 0 and run == 0)


def first_load(
    browser: Any, server: common.Server, engine: Engine, result: Result, query: str, first: bool
) -> None:
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    common.throttle(page, result.profile)
    server.reset()
    page.add_init_script(FIRST_MATCH_JS % repr(engine.first))
    page.goto(f"{server.base}{engine.path}?q={quote(query)}", wait_until="commit")
    page.wait_for_function("() => window.__firstMatch !== undefined", timeout=180_000)
    result.first_ms.append(page.evaluate("window.__firstMatch"))
    if first:
        result.waterfall = page.evaluate(WATERFALL_JS)
        # Until the page is done (facet columns, the first results' details…).
        page.wait_for_timeout(4000 if result.profile == "slow4g" else 1000)
        result.page_bytes = server.sent()
        folder = "/recherche/" if engine is OURS else "/pagefind/"
        result.search_bytes = server.sent(
            lambda path, f=folder: path.startswith(f) and not path.split("?")[0].endswith("/")
        )
    context.close()


def typing(
    browser: Any, server: common.Server, engine: Engine, result: Result, queries: tuple[str, ...]
) -> None:
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    session = common.throttle(page, result.profile)
    session.send("Performance.enable")
    page.goto(f"{server.base}{engine.path}?q=formation")
    page.wait_for_selector(engine.first, timeout=180_000)
    page.wait_for_timeout(1000)  # late requests (facet columns, communes…)
    page.evaluate(LATENCY_SETUP_JS, engine.results)
    settle = 120
    for query in queries:
        page.click(engine.box)
        page.keyboard.press("Control+A")
        page.keyboard.press("Backspace")
        page.wait_for_timeout(settle + 300)
        for position, char in enumerate(query):
            page.evaluate("performance.clearMeasures()")
            before = common.task_ms(session)
            page.keyboard.type(char)
            if not page.evaluate(SETTLED_JS, [settle, 20_000]):
                result.missed += 1  # a key that changes nothing (a space, the same results)
                continue
            work = common.task_ms(session) - before
            latency = page.evaluate("window.__lat.mutation - window.__lat.input")
            result.work_ms.append(work)
            result.latency_ms.append(latency)
            if engine is OURS:  # the page's own measures of its search and rendering tasks
                own = page.evaluate(
                    "performance.getEntriesByName('offre-travail').map(e => e.duration)"
                )
                result.own_ms.append(sum(own))
                result.own_longest_ms.append(max(own, default=0.0))
            result.slowest.append((work, query[: position + 1]))
    result.slowest = sorted(result.slowest, reverse=True)[:5]
    # What the same wait costs when nothing is typed (the driver's own work, the caret).
    for _ in range(10):
        before = common.task_ms(session)
        page.evaluate(SETTLED_JS, [settle, 2 * settle])
        result.idle_ms.append(common.task_ms(session) - before)
    if engine is OURS:
        result.engine_ms = page.evaluate(ENGINE_ONLY_JS, keystrokes(queries))
    context.close()


# ---------------------------------------------------------------------------- report


def print_report(
    results: list[Result], indexing: dict[int, common.PagefindIndex], sites: dict[int, Path]
) -> None:
    print()
    print(
        "| N | search | network, CPU | first results ms, median (min–max) | bytes: page / search "
        "files | per key: page work median / p95 ms | per key: input→results median / p95 ms "
        "| engine alone median / p95 ms |"
    )
    print("|---:|---|---|---:|---:|---:|---:|---:|")
    for r in results:
        first = (
            f"{common.median(r.first_ms):.0f} ({min(r.first_ms):.0f}–{max(r.first_ms):.0f})"
            if r.first_ms
            else "–"
        )
        profile = "Slow 4G, CPU ×4" if r.profile == "slow4g" else "local"
        print(
            f"| {r.n} | {r.label} | {profile} | {first} | {common.kb(r.page_bytes)} / "
            f"{common.kb(r.search_bytes)} | {common.summary(r.work_ms)} | "
            f"{common.summary(r.latency_ms)} | {common.summary(r.engine_ms)} |"
        )
    print()
    for n, site in sorted(sites.items()):
        ours = [p for p in (site / "recherche").rglob("*") if p.is_file()]
        size = common.kb(sum(p.stat().st_size for p in ours))
        line = f"N={n}: our search files {len(ours)} ({size})"
        if n in indexing:
            pf = indexing[n]
            line += f"; Pagefind: {pf.files} files ({common.kb(pf.bytes)}), "
            line += f"indexed in {pf.seconds:.1f} s"
        print(line)
    for r in results:
        if r.own_ms:
            print(
                f"N={r.n} ours: our scripts per key (search, counts, rendering; the page's "
                f"User Timing) median / p95 {common.summary(r.own_ms)} ms, longest task "
                f"{common.summary(r.own_longest_ms)} ms"
            )
    for r in results:
        if r.slowest:
            print(
                f"N={r.n} {r.label}: keys measured {len(r.work_ms)}, without change {r.missed}; "
                f"same wait without a key: {common.summary(r.idle_ms)} ms; "
                f"most work: {', '.join(f'{q!r} {ms:.0f} ms' for ms, q in r.slowest)}"
            )
    for r in results:
        if r.waterfall:
            print(
                f"\nN={r.n} {r.label}, {r.profile}: files fetched before the first result "
                "(ms from navigation start, compressed bytes)"
            )
            for entry in sorted(r.waterfall, key=lambda e: e["start"]):
                print(
                    f"  {entry['start']:7.0f} → {entry['end']:7.0f}  {entry['bytes']:>8,}  "
                    f"{entry['name']}"
                )
    for r in results:
        if r.site != BASELINE:
            continue
        tested = next(
            (
                o
                for o in results
                if (o.n, o.engine, o.profile, o.site) == (r.n, r.engine, r.profile, "")
            ),
            None,
        )
        if tested is not None and tested.first_ms and r.first_ms:
            before, after = common.median(r.first_ms), common.median(tested.first_ms)
            print(
                f"N={r.n} {r.profile}: first results, median {before:.0f} ms ({BASELINE}) → "
                f"{after:.0f} ms ({after - before:+.0f} ms, {after / before - 1:+.0%}), same run"
            )
    largest = max(r.n for r in results)
    print(f"\nTargets at N={largest} (ours):")
    for r in results:
        if r.n != largest or r.engine != "ours" or r.site:
            continue
        if r.first_ms:
            value = common.median(r.first_ms)
            worst = max(r.first_ms)
            if r.profile == "slow4g":  # issue 23: the median of the page loads
                verdict = "OK" if value <= SLOW4G_TARGET_MS else "NOT OK"
                print(
                    f"- first results, slow4g (Slow 4G, CPU ×4): median {value:.0f} ms "
                    f"(target ≤ {SLOW4G_TARGET_MS}: {verdict}); worst {worst:.0f} ms"
                )
            else:  # issue 11: every page load
                verdict = "OK" if worst <= LOCAL_TARGET_MS else "NOT OK"
                print(
                    f"- first results, local: median {value:.0f} ms, worst {worst:.0f} ms "
                    f"(target ≤ {LOCAL_TARGET_MS} for the worst: {verdict})"
                )
        if r.own_ms:
            p95 = common.percentile(r.own_ms, 95)
            verdict = "OK" if p95 <= 16 else "NOT OK"
            print(
                f"- our scripts' work per key, {r.profile}: p95 {p95:.1f} ms (target ≤ 16: "
                f"{verdict}); whole main thread p95 {common.percentile(r.work_ms, 95):.1f} ms "
                "(typing, layout, paint and the driver included)"
            )


# ---------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog="Example: python scripts/bench_search.py --sizes 1000 --reuse /tmp/bench",
    )
    parser.add_argument(
        "--sizes", "--tailles", type=int, nargs="+", default=list(DEFAULT_SIZES),
        help="numbers of synthetic schemes (default: 100 1000 10000)",
    )  # fmt: skip
    parser.add_argument("--seed", "--graine", type=int, default=1, help="synth seed (default 1)")
    parser.add_argument("--runs", type=int, default=3, help="page loads per query and profile")
    parser.add_argument(
        "--reuse", type=Path, default=None,
        help="folder kept by bench_build.py --keep: reuse its sites (n<N>/site-offre)",
    )  # fmt: skip
    parser.add_argument("--keep", type=Path, default=None, help="build in this folder and keep it")
    parser.add_argument("--timeout", type=float, default=7200, help="seconds allowed per build")
    parser.add_argument("--engines", nargs="+", choices=ENGINES, default=list(ENGINES))
    parser.add_argument(
        "--profiles", nargs="+", choices=common.PROFILES, default=list(common.PROFILES)
    )
    parser.add_argument(
        "--typing-profiles", nargs="*", choices=common.PROFILES, default=["local"],
        help="profiles under which queries are also typed key by key (default: local)",
    )  # fmt: skip
    parser.add_argument("--typed", type=int, default=len(TYPED), help="how many queries to type")
    parser.add_argument(
        "--pagefind-prefix", type=Path, default=common.PAGEFIND_PREFIX,
        help=f"npm prefix where Pagefind is (or gets) installed (default {common.PAGEFIND_PREFIX})",
    )  # fmt: skip
    parser.add_argument(
        "--baseline", type=Path, default=None,
        help="folder of another build of the same schemes (n<N>/site-offre, e.g. from "
        "--keep DIR --code /work/main): measured in turn with ours, in the same run",
    )  # fmt: skip
    bench_build.add_code_option(parser)
    args = parser.parse_args(argv)
    bench_build.use_code(args.code)

    from playwright.sync_api import sync_playwright

    common.print_header("bench_search", bench_build.CODE)
    binary = common.pagefind_binary(args.pagefind_prefix) if "pagefind" in args.engines else None
    work = args.reuse or args.keep or Path(tempfile.mkdtemp(prefix="bench-search-"))
    results: list[Result] = []
    indexing: dict[int, common.PagefindIndex] = {}
    sites: dict[int, Path] = {}
    engines = [e for e in (OURS, PAGEFIND) if e.name in args.engines]
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=common.CHROMIUM, args=common.CHROMIUM_ARGS
            )
            for n in args.sizes:
                site = prepare_site(n, work, args)
                sites[n] = site
                if binary is not None:
                    indexing[n] = common.index_with_pagefind(binary, site)
                    print(
                        f"N={n}: {shlex.join(indexing[n].command)}: {indexing[n].seconds:.1f} s",
                        flush=True,
                    )
                    pagefind_page(site)
                server = common.Server(site)
                baseline = None
                if args.baseline is not None:
                    other = args.baseline / f"n{n}" / "site-offre"
                    if not other.is_dir():
                        raise SystemExit(f"{other} n'existe pas (--baseline)")
                    baseline = common.Server(other)
                try:
                    for engine in engines:
                        for profile in args.profiles:
                            result = Result(n, engine.name, profile)
                            targets = [(server, engine, result)]
                            if baseline is not None and engine is OURS:
                                compared = Result(n, engine.name, profile, BASELINE)
                                targets.append((baseline, engine, compared))
                            print(f"N={n} {engine.name} {profile}: first results", flush=True)
                            first_results(browser, targets, args.runs)
                            if profile in args.typing_profiles:
                                for target in targets:
                                    print(f"N={n} {target[2].label} {profile}: typing", flush=True)
                                    typing(browser, *target, TYPED[: args.typed])
                            results.extend(t[2] for t in targets)
                finally:
                    server.close()
                    if baseline is not None:
                        baseline.close()
            browser.close()
        print_report(results, indexing, sites)
    finally:
        if args.reuse is None and args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
