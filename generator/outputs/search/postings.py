"""The scores: each term's postings, BM25 summed over the weighted fields, computed once
at build time and stored as integers.

The browser only adds these integers, so Python and JavaScript rank alike to the unit;
the formula is lunr's (a test checks the scores against lunr.py). The postings are
encoded as the shards store them: [gap, score × 2 + in title, …], the gap being the
scheme's number minus the previous one's.
"""

from __future__ import annotations

import math
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from ...rules import text

# Field boosts (the fields `documents.document_segments` fills): a word in the title
# counts ten times a word of the description.
FIELDS: tuple[tuple[str, int], ...] = (
    ("titre", 10),
    ("mots", 6),
    ("resume", 3),
    ("libelles", 2),
    ("texte", 1),
)
TITLE_FIELD = "titre"
# BM25 as lunr computes it (lunr.Builder.createFieldVectors, lunr.idf).
K1 = 1.2
B = 0.75
SCALE = 4  # stored score = round(BM25 × SCALE), at least 1


@dataclass
class Postings:
    """For each term, as stored: [gap, score × 2 + in title, gap, …] where gap is the
    scheme's number minus the previous one's."""

    terms: dict[str, list[int]] = field(default_factory=dict)
    forms: dict[str, str] = field(default_factory=dict)  # surface → stem, when not a prefix

    def entries(self, term: str) -> list[tuple[int, int, bool]]:
        """(scheme number, score, in title) of a term."""
        return decode_posting(self.terms.get(term, []))


def bigram(first: str, second: str) -> str:
    return f"{first} {second}"


def _field_terms(segments: Iterable[str], seen: set[str]) -> tuple[Counter[str], int]:
    counts: Counter[str] = Counter()
    length = 0
    for segment in segments:
        stems = text.segment_stems(segment, seen)
        counts.update(stems)
        counts.update(map(" ".join, pairwise(stems)))
        length += len(stems)
    return counts, length


def _forms(tokens: Iterable[str], terms: dict[str, Any]) -> dict[str, str]:
    """Folded words that do not start with their stem (« sociaux » → « social »)."""
    forms = {}
    for raw in tokens:
        found = text.word(raw)
        if found is not None and not found.folded.startswith(found.stem) and found.stem in terms:
            forms[found.folded] = found.stem
    return forms


def bm25(tf: int, length: int, average: float, idf: float, boost: int) -> float:
    """lunr's BM25 for one field (lunr.Builder.createFieldVectors)."""
    norm = K1 * (1 - B + B * (length / average)) if average else K1
    return idf * ((K1 + 1) * tf) / (norm + tf) * boost


def idf(df: int, count: int) -> float:
    """lunr.idf, where `df` counts (scheme, field) pairs holding the term."""
    return math.log(1 + abs((count - df + 0.5) / (df + 0.5)))


def compute_postings(documents: Iterable[dict[str, list[str]]]) -> Postings:
    """Every term's postings: (scheme number, stored score, in title), by number."""
    postings = Postings()
    seen: set[str] = set()
    names = [name for name, _ in FIELDS]
    # Each scheme's fields, kept compact until every scheme is counted (BM25 needs the
    # average lengths and the document frequencies): the terms in the order first met,
    # one string object per distinct term, and their frequencies as machine integers.
    # Counters per scheme made the index the heaviest part of a 10,000-scheme build.
    per_doc: list[list[tuple[tuple[str, ...], array[int], int]] | None] = []
    shared: dict[str, str] = {}
    totals = [0] * len(FIELDS)
    df: Counter[str] = Counter()
    for segments in documents:
        fields = []
        for position, name in enumerate(names):
            counts, length = _field_terms(segments.get(name, []), seen)
            totals[position] += length
            df.update(counts.keys())  # lunr counts a scheme once per field holding the term
            keys = tuple(shared.setdefault(term, term) for term in counts)
            fields.append((keys, array("I", counts.values()), length))
        per_doc.append(fields)
    del shared
    count = len(per_doc)
    averages = [total / count if count else 0.0 for total in totals]
    idfs = {term: idf(n, count) for term, n in df.items()}
    del df
    terms: dict[str, list[int]] = defaultdict(list)
    last: dict[str, int] = {}
    title_position = names.index(TITLE_FIELD)
    for number in range(count):
        doc = per_doc[number]
        assert doc is not None
        per_doc[number] = None  # released as the postings grow
        # BM25 without its idf, summed over fields: idf is the same for every field.
        partial: dict[str, float] = {}
        for position, (keys, tfs, length) in enumerate(doc):
            boost = FIELDS[position][1]
            average = averages[position]
            norm = K1 * (1 - B + B * (length / average)) if average else K1
            by_tf = [(K1 + 1) * tf / (norm + tf) * boost for tf in range(8)]
            get = partial.get
            for term, tf in zip(keys, tfs, strict=True):
                partial[term] = get(term, 0.0) + (
                    by_tf[tf] if tf < 8 else (K1 + 1) * tf / (norm + tf) * boost
                )
        in_title = set(doc[title_position][0])
        for term, value in partial.items():
            stored = max(1, round(idfs[term] * value * SCALE))
            encoded = terms[term]
            encoded.append(number - last.get(term, 0))
            encoded.append(stored * 2 + (1 if term in in_title else 0))
            last[term] = number
    postings.terms = dict(terms)
    postings.forms = _forms(seen, postings.terms)
    return postings


def decode_posting(encoded: list[int]) -> list[tuple[int, int, bool]]:
    out = []
    number = 0
    for position in range(0, len(encoded), 2):
        number += encoded[position]
        value = encoded[position + 1]
        out.append((number, value >> 1, bool(value & 1)))
    return out
