"""Relevance of the search on advisers' queries: R@5 and MRR@10.

The queries and the schemes a good answer puts first live in
`tests/relevance/requetes.yaml`; `scripts/bench_relevance.py` prints the figures for
our engine and for Pagefind side by side, `tests/outputs/search/test_relevance.py` keeps a
floor on ours. Our ranking is computed by the Python engine on the files the site ships, which a
browser test proves equal to the browser's.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from generator.catalog.catalog import Catalog
from generator.outputs.search.documents import ordered_schemes
from generator.outputs.search.engine import Engine
from generator.outputs.search.facets import DEFAULT_FILTERS as DEFAULT_FILTERS
from generator.outputs.search.index import build_search_files


@dataclass(frozen=True)
class Query:
    text: str
    expected: tuple[str, ...]
    why: str


@dataclass
class Scores:
    recall: float = 0.0
    mrr: float = 0.0
    rows: list[tuple[Query, float, float, list[str]]] = field(default_factory=list)


def load_queries(path: Path) -> list[Query]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [
        Query(str(entry["requete"]), tuple(entry["attendus"]), str(entry.get("pourquoi", "")))
        for entry in data["requetes"]
    ]


def recall_at(ranked: Sequence[str], expected: Sequence[str], k: int = 5) -> float:
    """Share of the first min(k, |expected|) places held by expected schemes."""
    wanted = set(expected)
    return len(wanted.intersection(ranked[:k])) / min(k, len(wanted))


def reciprocal_rank(ranked: Sequence[str], expected: Sequence[str], k: int = 10) -> float:
    for position, ident in enumerate(ranked[:k], start=1):
        if ident in expected:
            return 1 / position
    return 0.0


def evaluate(queries: Sequence[Query], rank: Callable[[str], list[str]]) -> Scores:
    scores = Scores()
    for query in queries:
        ranked = rank(query.text)
        recall = recall_at(ranked, query.expected)
        rr = reciprocal_rank(ranked, query.expected)
        scores.rows.append((query, recall, rr, ranked[:10]))
    if scores.rows:
        scores.recall = sum(r[1] for r in scores.rows) / len(scores.rows)
        scores.mrr = sum(r[2] for r in scores.rows) / len(scores.rows)
    return scores


def our_ranker(catalog: Catalog) -> Callable[[str], list[str]]:
    """Scheme ids for a query, best first, as the search page lists them by default."""
    files = build_search_files(catalog)
    engine = Engine(json.loads(files.files[files.index]), lambda n: json.loads(files.files[n]))
    ids = [d.id for d in ordered_schemes(catalog)]

    def rank(query: str) -> list[str]:
        # A query typed and validated: no last word left as a prefix.
        outcome = engine.search(query.rstrip() + " ", DEFAULT_FILTERS)
        return [ids[n] for n in outcome.numbers]

    return rank
