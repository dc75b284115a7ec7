#!/usr/bin/env python3
"""Relevance of our search and of Pagefind on advisers' queries, side by side.

The shipped data (offer_data/) is built into a temporary site; Pagefind (npm package,
installed into a temporary folder outside the repository) indexes that same site with
its defaults (French, content of each page's <article>). Each query of
tests/relevance/requetes.yaml is run:

- by our engine, in Python (the very ranking the search page uses: a browser test
  proves both agree), on the active schemes as the page lists them by default;
- by Pagefind in headless Chromium; its results are kept when they are scheme pages of
  active mobilisable schemes (the same default, and nothing else can be expected), in
  its order.

Printed: for each query R@5 and reciprocal rank, then R@5 and MRR@10 for both. R@5 is
the share of the first min(5, |expected|) places held by expected schemes; MRR@10 the
mean of 1/rank of the first expected scheme among the first ten (0 when none).
This is a measurement script, not a test (tests/outputs/search/test_relevance.py keeps a
floor on ours).
"""

from __future__ import annotations

import argparse
import shlex
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import devtools.bench as common

REPO = Path(__file__).resolve().parents[1]
QUERIES = REPO / "tests" / "relevance" / "requetes.yaml"


def build_site(data: Path, out: Path) -> None:
    from click.testing import CliRunner

    from generator.cli import main

    result = CliRunner().invoke(main, ["build", "--data", str(data), "--out", str(out)])
    if result.exit_code != 0:
        raise SystemExit(f"construction impossible :\n{result.output}")


def pagefind_rankings(site: Path, queries: list[str], active: set[str]) -> list[list[str]]:
    from playwright.sync_api import sync_playwright

    server = common.Server(site)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=common.CHROMIUM, args=common.CHROMIUM_ARGS
            )
            page = browser.new_page()
            page.goto(server.base)
            urls = page.evaluate(
                common.PAGEFIND_QUERIES_JS, [f"{server.base}pagefind/pagefind.js", queries, 60]
            )
            browser.close()
    finally:
        server.close()
    rankings = []
    for found in urls:
        ids = []
        for url in found:
            parts = url.strip("/").split("/")
            if len(parts) >= 2 and parts[-2] == "dispositifs" and parts[-1] in active:
                ids.append(parts[-1])
        rankings.append(ids)
    return rankings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=REPO / "offer_data", help="dataset")
    parser.add_argument("--queries", type=Path, default=QUERIES, help="benchmark queries")
    parser.add_argument(
        "--pagefind-prefix", type=Path, default=common.PAGEFIND_PREFIX,
        help=f"npm prefix where Pagefind is (or gets) installed (default {common.PAGEFIND_PREFIX})",
    )  # fmt: skip
    parser.add_argument("--sans-pagefind", action="store_true", help="only our figures")
    args = parser.parse_args(argv)

    from devtools.relevance import evaluate, load_queries, our_ranker

    from generator.catalog.load import load_catalog

    print(f"Reproduce: {shlex.join([sys.executable, *sys.argv])}  (cwd {Path.cwd()})")
    catalog, report = load_catalog(args.data)
    if catalog is None:
        raise SystemExit("\n".join(i.format() for i in report.errors))
    queries = load_queries(args.queries)
    ours = evaluate(queries, our_ranker(catalog))
    theirs = None
    if not args.sans_pagefind:
        binary = common.pagefind_binary(args.pagefind_prefix)
        # As our page by default: active schemes an adviser mobilises (not governance
        # bodies, plans or information services).
        active = {i for i, d in catalog.dispositifs.items() if d.statut == "actif" and d.is_scheme}
        with tempfile.TemporaryDirectory(prefix="bench-relevance-") as work:
            site = Path(work) / "site"
            build_site(args.data, site)
            indexed = common.index_with_pagefind(binary, site)
            print(f"Pagefind: {shlex.join(indexed.command)} ({indexed.seconds:.1f} s)")
            rankings = pagefind_rankings(site, [q.text for q in queries], active)
        by_query = dict(zip((q.text for q in queries), rankings, strict=True))
        theirs = evaluate(queries, lambda text: by_query[text])

    where = args.queries.relative_to(REPO)
    print(f"\n{len(queries)} requêtes ({where}), dispositifs actifs mobilisables")
    header = "| requête | attendus | nous R@5 | nous RR | Pagefind R@5 | Pagefind RR |"
    print(header)
    print("|---|---:|---:|---:|---:|---:|")
    for position, (query, recall, rr, _) in enumerate(ours.rows):
        other = theirs.rows[position] if theirs else None
        their_text = f"{other[1]:.2f} | {other[2]:.2f}" if other else "– | –"
        print(f"| {query.text} | {len(query.expected)} | {recall:.2f} | {rr:.2f} | {their_text} |")
    print()
    print("| moteur | R@5 | MRR@10 |")
    print("|---|---:|---:|")
    print(f"| nous | {ours.recall:.3f} | {ours.mrr:.3f} |")
    if theirs:
        print(f"| Pagefind {common.PAGEFIND_VERSION} | {theirs.recall:.3f} | {theirs.mrr:.3f} |")
    misses = [(q.text, top[:5]) for q, r, rr, top in ours.rows if r < 1 or rr < 1]
    if misses:
        print("\nNos requêtes imparfaites :")
        for text, top in misses:
            print(f"  {text!r}: {top}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
