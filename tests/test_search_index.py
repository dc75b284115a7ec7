"""The search index: French normalisation, and a compact form that loses nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import REPO

from generator.search import text
from generator.search.index import (
    build_index_and_postings,
    dumps,
    index_from_postings,
    search,
)
from generator.validate import load_catalog


@pytest.mark.parametrize(
    ("word", "same_as"),
    [
        ("Mobilité", "mobilite"),
        ("MOBILITÉ", "mobilité"),
        ("formations", "formation"),
        ("éligibilité", "eligibilite"),
        ("Œuvre", "oeuvre"),
    ],
)
def test_index_terms_fold_case_accents_and_plurals(word: str, same_as: str) -> None:
    assert text.index_terms(word) == text.index_terms(same_as)
    assert text.index_terms(word)


def test_elisions_and_stop_words_are_dropped() -> None:
    assert text.index_terms("l'apprentissage") == text.index_terms("apprentissage")
    assert text.index_terms("d'emploi") == ["emploi"]
    assert text.index_terms("de la et les") == []


@pytest.mark.parametrize("acronym", ["POEI", "CEJ", "AIF", "PEC", "CPF", "RQTH", "QPV"])
def test_acronyms_are_kept_whole(acronym: str) -> None:
    assert text.index_terms(acronym) == [acronym.lower()]


def test_stop_words_come_from_lunr_languages() -> None:
    words = text.stop_words()
    assert {"de", "la", "les", "l", "d", "qu"} <= words
    assert "emploi" not in words


@pytest.mark.parametrize("data", ["offer_data", "tests/data/valid"])
def test_compact_postings_rebuild_the_same_index(data: str, tmp_path: Path) -> None:
    root = REPO / data
    if data == "tests/data/valid":
        from conftest import copy_fixture

        root = copy_fixture(tmp_path / "d")
    catalog, _ = load_catalog(root)
    assert catalog is not None
    index, compact = build_index_and_postings(catalog)
    rebuilt = index_from_postings(json.loads(dumps(compact)))
    assert dumps(rebuilt.serialize()) == dumps(index.serialize())
    assert len(dumps(compact)) < len(dumps(index.serialize())) / 2
    for query in ("mobilite", "formations", "POEI", "jeu"):
        assert search(rebuilt, query) == search(index, query)


def test_result_excerpts_cut_long_summaries_at_a_word() -> None:
    from generator.search.index import EXCERPT_LENGTH, excerpt

    short = "Une aide pour financer le permis."
    assert excerpt(short) == short
    long = "Accompagnement renforcé vers l'emploi, " * 10
    cut = excerpt(long)
    assert cut.endswith("…") and len(cut) <= EXCERPT_LENGTH + 1
    assert long.startswith(cut[:-1])
    assert not cut[:-1].endswith((" ", ","))
