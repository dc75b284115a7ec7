"""A floor on the relevance of our search, on advisers' queries about the shipped data.

The queries and their expected schemes are in tests/relevance/requetes.yaml; the ranking
is the Python engine's, which a browser test proves equal to the page's. Pagefind's
figures come from scripts/bench_relevance.py (not run here: no Pagefind in CI).
"""

from __future__ import annotations

import pytest
from devtools.relevance import Query, evaluate, load_queries, our_ranker

from generator.catalog.catalog import Catalog
from generator.catalog.load import load_catalog
from tests.support.paths import REPO

QUERIES = REPO / "tests" / "relevance" / "requetes.yaml"
# The queries of issue 11 that found nothing or the wrong schemes.
ISSUE_QUERIES = {
    "mutations économiques",
    "immersion en entreprise",
    "apprendre le français",
    "orientation professionnelle adulte",
    "salarié qui veut changer de métier",
    "création d'entreprise",
    "GPEC",
    "sans diplôme",
    "permis",
}
FLOOR_RECALL = 0.9
FLOOR_MRR = 0.9


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    loaded, report = load_catalog(REPO / "offer_data")
    assert loaded is not None, [i.format() for i in report.errors]
    return loaded


@pytest.fixture(scope="module")
def queries() -> list[Query]:
    return load_queries(QUERIES)


def test_the_benchmark_is_large_and_names_existing_active_schemes(
    catalog: Catalog, queries: list[Query]
) -> None:
    assert len(queries) >= 40
    assert {q.text for q in queries} >= ISSUE_QUERIES
    assert len({q.text for q in queries}) == len(queries)
    for query in queries:
        assert query.expected, query.text
        assert query.why, query.text
        for ident in query.expected:
            assert ident in catalog.dispositifs, f"{query.text!r}: {ident} n'existe plus"
            # The page lists active schemes by default: an inactive one cannot be expected.
            assert catalog.dispositifs[ident].statut == "actif", f"{query.text!r}: {ident}"


def test_our_search_stays_above_the_floor(catalog: Catalog, queries: list[Query]) -> None:
    scores = evaluate(queries, our_ranker(catalog))
    failing = [
        f"{q.text!r}: R@5 {r:.2f} RR {rr:.2f}, premiers {top[:5]}, attendus {list(q.expected)}"
        for q, r, rr, top in scores.rows
        if r < 1 or rr < 1
    ]
    assert scores.recall >= FLOOR_RECALL, failing
    assert scores.mrr >= FLOOR_MRR, failing


def test_the_issue_queries_find_what_they_missed(catalog: Catalog, queries: list[Query]) -> None:
    rank = our_ranker(catalog)
    for query in (q for q in queries if q.text in ISSUE_QUERIES):
        assert set(rank(query.text)[:5]) & set(query.expected), query.text
    graduates = {"objectif-premier-emploi", "prepa-avenir-sup"}
    assert not graduates & set(rank("sans diplôme")[:3])
    assert {"pro-a", "activite-partielle-longue-duree"}.isdisjoint(rank("permis"))  # « permet »
