"""Build the search files: a sharded index of precomputed scores, the facet table, and
one small file per scheme for the results shown.

This module assembles them and writes the index; each part has its own module:
`documents` (what is indexed and shown of a scheme, the fiches), `postings` (BM25
scores), `shards` (terms cut into ranges), `vocabulary` (typo candidates), `columns`
(facet values and columns, ages) and `compact_json` (the one serialisation).

What the browser downloads, and when:

- `index.<hash>.json` (preloaded by the search page): the settings of the engine (its
  weights, how a result's sort key is packed, the stemmer's tables: the browser has no
  copy of them), the stop words and synonym rules, the facet values, each scheme's
  status (results are filtered on it by default), and the map of the other files.
  Schemes are numbered in French alphabetical order of their titles, so the number
  itself breaks ties.
- `facettes.<hash>.json`, fetched after the first results: one column per facet giving
  each scheme's values, for the counts beside each value and the filters.
- `termes/<m|e><n>.<hash>.json` shards, fetched for the words typed: contiguous ranges
  of the sorted terms (like Pagefind's chunks), each listing, for each term, the schemes
  that contain it and its score in each. Words and two-word phrases (« création
  entreprise ») are separate ranges. The score is BM25 summed over the fields with
  their boosts, computed here once (lunr's formula; a test checks it against lunr.py)
  and stored as an integer, so the browser only adds integers and both sides agree
  exactly.
- `vocabulaire/<letter>.<hash>.json`, only when a word matches nothing: the words of
  the index that start with the same letter, to find the one a typo meant.
- Eligibility: each scheme's age bounds come with the index (`ages`: [min, max], either
  null when no source states it), and its situations (the structured `situations`, or
  its publics when none) are the `situation` facet, -1 for « tous publics ».
- `fiches/<n>.<hash>.json`, one per scheme, fetched for the results shown: title and
  the passages a snippet is cut from.

Every name carries a hash of its content (fiches: of their group of 64; shards: of
their whole set, words or phrases), so a CDN may cache them forever. The shards share
one hash because the index lists them: a hash each made their map most of the index's
compressed weight, and the index is on the path of the first results. What a finer hash
would spare is little: a change to any scheme changes the idf, the average field lengths
or the schemes' numbers, hence nearly every shard anyway.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ...catalog.catalog import Catalog
from ...data.synonyms import SynonymTable
from ...rules import display, text, urls
from . import engine, facets
from .columns import age_bounds, facet_columns, facet_values
from .compact_json import dumps
from .documents import FICHES_GROUP, FICHES_MODEL, document_segments, fiche_files, ordered_schemes
from .postings import compute_postings
from .shards import SHARD_BYTES, shard_files
from .vocabulary import vocabulary_files

FORMAT = "offre-recherche-4"

# Query settings, written into index.json so the browser reads the same values.
SETTINGS: dict[str, int] = {
    "prefixe_min": 3,  # a last word shorter than this is matched whole while typing
    "faute_min": 5,  # words of at least 5 letters tolerate one typo
    "mots_max": 10,  # query words considered
    "tranches_prefixe_max": 4,  # shards read for one prefix
    "fautes_max": 1,  # typo candidates per word: the most frequent word at one edit
    "poids_exact": 4,
    "poids_prefixe": 3,
    "poids_synonyme": 3,
    "poids_faute": 2,
}


@dataclass
class SearchFiles:
    """Paths relative to the search folder → content; `index` names the main file."""

    files: dict[str, str] = field(default_factory=dict)
    index: str = ""


def build_search_files(catalog: Catalog, shard_bytes: int = SHARD_BYTES) -> SearchFiles:
    """Every search file of the catalogue, the index last (it names the others)."""
    schemes = ordered_schemes(catalog)
    out = SearchFiles()
    postings = compute_postings(document_segments(d, catalog) for d in schemes)
    words = {t: p for t, p in postings.terms.items() if " " not in t}
    pairs = {t: p for t, p in postings.terms.items() if " " in t}
    shard_maps: dict[str, dict[str, Any]] = {}
    for namespace, terms, forms in (("mots", words, postings.forms), ("expressions", pairs, {})):
        files, shard_maps[namespace] = shard_files(namespace, terms, forms, shard_bytes)
        out.files.update(files)
    files, vocabulary = vocabulary_files(words, SETTINGS["faute_min"] - 1)
    out.files.update(files)
    files, groups = fiche_files(schemes, catalog)
    out.files.update(files)

    values = facet_values(catalog)
    columns = facet_columns(schemes, catalog, values)
    # The columns of the default filters and badges come with the index; the others
    # arrive after the first results, for the facet counts.
    facets_content = dumps(
        {"colonnes": {k: v for k, v in columns.items() if k not in facets.INDEX_COLUMNS}}
    )
    facets_name = urls.hashed_name("facettes", facets_content, ".json")
    out.files[facets_name] = facets_content
    index = {
        "format": FORMAT,
        "reglages": SETTINGS,
        "classement": engine.RANK_KEY,
        "negation": engine.NEGATION,
        "racines": text.stemmer_tables(),
        "mots_vides": sorted(text.STOP_WORDS),
        "synonymes": (catalog.synonymes or SynonymTable()).to_json(),
        "nombre": len(schemes),
        "tranches": shard_maps,
        "vocabulaire": vocabulary,
        "fiches": {"groupe": FICHES_GROUP, "empreintes": groups, "modele": FICHES_MODEL},
        "adresses": urls.js_patterns(),
        "facettes": {facet: [{"valeur": v, "libelle": label} for v, label in pairs]
                     for facet, pairs in values.items()},
        "libelles": display.js_labels(),
        "colonnes": {k: columns[k] for k in facets.INDEX_COLUMNS},
        "fichier_facettes": facets_name,
        "ages": [age_bounds(d) for d in schemes],
    }  # fmt: skip
    content = dumps(index)
    out.index = urls.hashed_name("index", content, ".json")
    out.files[out.index] = content
    return out
