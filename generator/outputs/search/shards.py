"""The shards: the sorted terms cut into contiguous ranges of about `SHARD_BYTES`, so the
browser fetches only the ranges of the words typed (like Pagefind's chunks).

Each set of shards (words, two-word phrases) shares one hash in its names
(`termes/m<n>.<hash>.json`): the index lists only where each range starts, the names
follow from the set's hash and the shard's number, and any change to a shard renames
its whole set, so a CDN may cache them forever.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from ...rules import urls
from .compact_json import dumps

SHARD_BYTES = 24_000  # raw JSON per shard of terms (a single huge term gets its own)


def _separator(before: str, after: str) -> str:
    """Shortest prefix of `after` that sorts after `before` (a shard's first key)."""
    for length in range(1, len(after) + 1):
        if after[:length] > before:
            return after[:length]
    return after


@dataclass
class Shard:
    start: str  # every term ≥ start and < the next shard's start
    content: str
    name: str = ""


def build_shards(
    terms: dict[str, list[int]],
    forms: dict[str, str],
    target: int = SHARD_BYTES,
) -> list[Shard]:
    """Contiguous ranges of the sorted terms, each about `target` bytes of JSON.

    A surface form (« sociaux » → « social ») goes in the shard whose range holds the
    form, so a prefix finds it where it looks."""
    batches: list[list[str]] = []
    size = 0
    for term in sorted(terms):
        cost = len(term) + 8 + 3 * len(terms[term])
        if batches and batches[-1] and size + cost <= target:
            batches[-1].append(term)
            size += cost
        else:
            batches.append([term])
            size = cost
    starts = [""] + [_separator(a[-1], b[0]) for a, b in pairwise(batches)]
    shard_forms: list[list[dict[str, str]]] = [[] for _ in batches]
    for form in sorted(forms):
        shard_forms[bisect.bisect_right(starts, form) - 1].append(
            {"forme": form, "terme": forms[form]}
        )
    return [
        Shard(
            start,
            dumps(
                {
                    "termes": batch,
                    "postings": [terms[t] for t in batch],
                    "formes": found,
                }
            ),
        )
        for start, batch, found in zip(starts, batches, shard_forms, strict=True)
    ]


def shard_files(
    namespace: str, terms: dict[str, list[int]], forms: dict[str, str], target: int = SHARD_BYTES
) -> tuple[dict[str, str], dict[str, Any]]:
    """The shards of one namespace (`mots`, `expressions`) by name, and their entry in the
    index: each range's start, the set's hash and the model of their names."""
    shards = build_shards(terms, forms, target)
    digest = urls.group_digest(shard.content for shard in shards)
    model = f"termes/{namespace[0]}{{n}}.{{h}}.json"
    files: dict[str, str] = {}
    for number, shard in enumerate(shards):
        shard.name = model.replace("{n}", str(number)).replace("{h}", digest)
        files[shard.name] = shard.content
    return files, {"debuts": [s.start for s in shards], "empreinte": digest, "modele": model}
