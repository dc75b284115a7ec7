"""Build the search files: a sharded index of precomputed scores, the facet table, and
one small file per scheme for the results shown.

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

import bisect
import html
import json
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from typing import Any

from ...catalog.catalog import Catalog
from ...data.model import Dispositif
from ...data.synonyms import SynonymTable
from ...data.vocab import category_of
from ...rules import display, text, urls
from ...rules.display import NATURE_LABELS, NATURE_ORDER, STATUS_LABELS, STATUS_ORDER
from ..richtext import render_markdown
from . import engine, facets

FORMAT = "offre-recherche-4"

# Field boosts: a word in the title counts ten times a word of the description.
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

SHARD_BYTES = 24_000  # raw JSON per shard of terms (a single huge term gets its own)
FICHES_GROUP = 64  # schemes whose fiches share one hash


# ---------------------------------------------------------------------------- documents


@lru_cache(maxsize=32768)
def plain_paragraphs(markdown: str) -> tuple[str, ...]:
    """Editor Markdown as plain paragraphs and list items (through the same sanitiser
    as the pages, so pasted markup never reaches the index as text)."""
    safe = render_markdown(markdown)
    safe = re.sub(r"</(p|li|h[1-6]|tr|blockquote)>|<br\s*/?>", "\n", safe)
    plain = html.unescape(re.sub(r"<[^>]+>", " ", safe))
    return tuple(" ".join(line.split()) for line in plain.splitlines() if line.strip())


def _territory_names(d: Dispositif, catalog: Catalog) -> list[str]:
    if d.everywhere:
        return []
    names = [catalog.territoires[t].nom for t in catalog.scheme_territories.get(d.id, [])]
    geo = catalog.geo
    for code in d.territoires:
        epci = geo.epci(code)
        commune = geo.commune(code)
        departement = geo.departement(code)
        for place in (epci, commune, departement):
            if place is not None:
                names.append(place.nom)
    return names


def _precisions(d: Dispositif) -> list[str]:
    return [
        t
        for t in (d.precisions_publics, d.precisions_frais, d.modalites_mobilisation.precisions)
        if t
    ]


def document_segments(d: Dispositif, catalog: Catalog) -> dict[str, list[str]]:
    """The texts each field is indexed from; a two-word phrase never spans two texts."""
    vocab = catalog.vocab
    providers = []
    for pid in (d.porteur, *d.co_porteurs):
        porteur = catalog.porteurs.get(pid)
        providers += [porteur.nom, porteur.sigle or ""] if porteur else [pid]
    labels = [vocab.label("publics", p) for p in d.publics]
    labels += [vocab.label("thematiques", t) for t in d.thematiques]
    labels += [vocab.label("categories_thematiques", category_of(vocab, t)) for t in d.thematiques]
    labels.append(vocab.label("types", d.type))
    labels += [vocab.label("axes_clefop", a) for a in d.axes_clefop]
    texts = [
        *plain_paragraphs(d.description),
        *(p for c in d.conditions for p in plain_paragraphs(c)),
        *(p for t in _precisions(d) for p in plain_paragraphs(t)),
    ]
    return {
        "titre": [d.titre],
        "mots": [d.sigle or "", *d.mots_cles],
        "resume": [d.resume],
        "libelles": [*providers, *labels, *_territory_names(d, catalog)],
        "texte": texts,
    }


def fiche(d: Dispositif, catalog: Catalog) -> dict[str, Any]:
    """What a result shows: title, badges, and the passages its snippet is cut from."""
    passages = [{"champ": "resume", "texte": d.resume}]
    passages += [{"champ": "description", "texte": p} for p in plain_paragraphs(d.description)]
    passages += [
        {"champ": "conditions", "texte": p} for c in d.conditions for p in plain_paragraphs(c)
    ]
    for name, value in (
        ("publics", d.precisions_publics),
        ("frais", d.precisions_frais),
        ("mobilisation", d.modalites_mobilisation.precisions),
    ):
        if value:
            passages += [{"champ": name, "texte": p} for p in plain_paragraphs(value)]
    if d.mots_cles:
        passages.append({"champ": "mots", "texte": "Mots-clés : " + ", ".join(d.mots_cles)})
    vocab = catalog.vocab
    for name, intro, labels in (
        ("publics", "Publics", [vocab.label("publics", p) for p in d.publics]),
        ("thematiques", "Thématiques", [vocab.label("thematiques", t) for t in d.thematiques]),
        ("axes", "Priorités Clefop", [vocab.label("axes_clefop", a) for a in d.axes_clefop]),
    ):
        if labels:
            passages.append({"champ": name, "texte": f"{intro} : " + " ; ".join(labels)})
    porteur = catalog.porteurs.get(d.porteur)
    return {
        "id": d.id,
        "titre": d.titre,
        "sigle": d.sigle or "",
        "porteur": (porteur.sigle or porteur.nom) if porteur else d.porteur,
        "type": catalog.vocab.label("types", d.type),
        "local": not d.everywhere,
        "passages": passages,
    }


def ordered_schemes(catalog: Catalog) -> list[Dispositif]:
    """Schemes in French alphabetical order of their titles: their number in the index."""
    return sorted(catalog.dispositifs.values(), key=lambda d: (text.collation_key(d.titre), d.id))


# ---------------------------------------------------------------------------- scores


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


def compute_postings(documents: list[dict[str, list[str]]]) -> Postings:
    """Every term's postings: (scheme number, stored score, in title), by number."""
    postings = Postings()
    seen: set[str] = set()
    names = [name for name, _ in FIELDS]
    per_doc: list[list[tuple[Counter[str], int]]] = []
    totals = [0] * len(FIELDS)
    df: Counter[str] = Counter()
    for segments in documents:
        fields = [_field_terms(segments.get(name, []), seen) for name in names]
        for position, (_, length) in enumerate(fields):
            totals[position] += length
        for counts, _ in fields:  # lunr counts a scheme once per field holding the term
            df.update(counts.keys())
        per_doc.append(fields)
    count = len(documents)
    averages = [total / count if count else 0.0 for total in totals]
    idfs = {term: idf(n, count) for term, n in df.items()}
    terms: dict[str, list[int]] = defaultdict(list)
    last: dict[str, int] = {}
    title_position = names.index(TITLE_FIELD)
    for number, fields in enumerate(per_doc):
        # BM25 without its idf, summed over fields: idf is the same for every field.
        partial: dict[str, float] = {}
        for position, (counts, length) in enumerate(fields):
            boost = FIELDS[position][1]
            average = averages[position]
            norm = K1 * (1 - B + B * (length / average)) if average else K1
            by_tf = [(K1 + 1) * tf / (norm + tf) * boost for tf in range(8)]
            get = partial.get
            for term, tf in counts.items():
                partial[term] = get(term, 0.0) + (
                    by_tf[tf] if tf < 8 else (K1 + 1) * tf / (norm + tf) * boost
                )
        in_title = fields[title_position][0]
        for term, value in partial.items():
            stored = max(1, round(idfs[term] * value * SCALE))
            encoded = terms[term]
            encoded.append(number - last.get(term, 0))
            encoded.append(stored * 2 + (1 if term in in_title else 0))
            last[term] = number
    postings.terms = dict(terms)
    postings.forms = _forms(seen, postings.terms)
    return postings


# ---------------------------------------------------------------------------- shards


def decode_posting(encoded: list[int]) -> list[tuple[int, int, bool]]:
    out = []
    number = 0
    for position in range(0, len(encoded), 2):
        number += encoded[position]
        value = encoded[position + 1]
        out.append((number, value >> 1, bool(value & 1)))
    return out


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


# ---------------------------------------------------------------------------- facets


ALL_PUBLICS = "tous-publics"


def situations_of(d: Dispositif) -> list[str]:
    """The situations a scheme is open to: its structured situations, else its publics."""
    return list(d.situations or d.publics)


def age_bounds(d: Dispositif) -> list[int | None] | None:
    """[min, max] as the sources state them, or None when they state neither."""
    if d.age_min is None and d.age_max is None:
        return None
    return [d.age_min, d.age_max]


def facet_values(catalog: Catalog) -> dict[str, list[tuple[str, str]]]:
    """Each facet's values (value, label), in French alphabetical order of the label."""
    vocab = catalog.vocab
    schemes = list(catalog.dispositifs.values())

    def ordered(pairs: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
        return sorted(set(pairs), key=lambda p: (text.collation_key(p[1]), p[0]))

    values = {
        "territoire": ordered((tid, t.nom) for tid, t in catalog.territoires.items()),
        "public": ordered((p, vocab.label("publics", p)) for d in schemes for p in d.publics),
        "thematique": ordered(
            (c, vocab.label("categories_thematiques", c))
            for d in schemes
            for c in (category_of(vocab, t) for t in d.thematiques)
        ),
        "porteur": ordered((pid, p.sigle or p.nom) for pid, p in catalog.porteurs.items()),
        "type": ordered((d.type, vocab.label("types", d.type)) for d in schemes),
        "statut": ordered((s, STATUS_LABELS[s]) for s in STATUS_ORDER),
        "axe": ordered((a, vocab.label("axes_clefop", a)) for d in schemes for a in d.axes_clefop),
        "nature": [(n, NATURE_LABELS[n]) for n in NATURE_ORDER],
        "doute": [(display.DOUBT_STATUS, display.DOUBT_LABEL)],
        "situation": ordered(
            (p, vocab.label("publics", p))
            for d in schemes
            for p in situations_of(d)
            if p != ALL_PUBLICS
        ),
    }
    return {name: values[name] for name in facets.NAMES}


def facet_columns(
    schemes: list[Dispositif], catalog: Catalog, values: dict[str, list[tuple[str, str]]]
) -> dict[str, list[Any]]:
    """One column per facet, a value per scheme (by number): the position of its value
    in the facet's list, a list of positions, or -1 for "every territory"."""
    position = {facet: {v: n for n, (v, _) in enumerate(pairs)} for facet, pairs in values.items()}
    vocab = catalog.vocab
    columns: dict[str, list[Any]] = {name: [] for name in facets.NAMES}
    for d in schemes:
        columns["territoire"].append(
            -1
            if d.everywhere
            else sorted(position["territoire"][t] for t in catalog.scheme_territories[d.id])
        )
        columns["public"].append(sorted({position["public"][p] for p in d.publics}))
        columns["thematique"].append(
            sorted({position["thematique"][category_of(vocab, t)] for t in d.thematiques})
        )
        columns["porteur"].append(position["porteur"][d.porteur])
        columns["type"].append(position["type"][d.type])
        columns["statut"].append(position["statut"][d.statut])
        columns["axe"].append(sorted({position["axe"][a] for a in d.axes_clefop}))
        columns["nature"].append(position["nature"][d.nature])
        # A list: empty for a scheme not in doubt, so it neither matches nor counts.
        columns["doute"].append([0] if d.id in catalog.status_doubt else [])
        situations = situations_of(d)
        columns["situation"].append(
            -1
            if ALL_PUBLICS in situations
            else sorted({position["situation"][p] for p in situations})
        )
    return columns


# ---------------------------------------------------------------------------- the files


@dataclass
class SearchFiles:
    """Paths relative to the search folder → content; `index` names the main file."""

    files: dict[str, str] = field(default_factory=dict)
    index: str = ""


def build_search_files(catalog: Catalog, shard_bytes: int = SHARD_BYTES) -> SearchFiles:
    schemes = ordered_schemes(catalog)
    out = SearchFiles()
    postings = compute_postings([document_segments(d, catalog) for d in schemes])
    words = {t: p for t, p in postings.terms.items() if " " not in t}
    pairs = {t: p for t, p in postings.terms.items() if " " in t}
    shard_maps: dict[str, dict[str, Any]] = {}
    for namespace, terms, forms in (("mots", words, postings.forms), ("expressions", pairs, {})):
        shards = build_shards(terms, forms, shard_bytes)
        digest = urls.group_digest(shard.content for shard in shards)
        model = f"termes/{namespace[0]}{{n}}.{{h}}.json"
        for number, shard in enumerate(shards):
            shard.name = model.replace("{n}", str(number)).replace("{h}", digest)
            out.files[shard.name] = shard.content
        shard_maps[namespace] = {
            "debuts": [s.start for s in shards],
            "empreinte": digest,
            "modele": model,
        }

    # Most frequent first: a typo most likely meant the commonest word it is close to.
    by_letter: dict[str, list[str]] = defaultdict(list)
    for term in sorted(words, key=lambda t: (-len(words[t]), t)):
        if len(term) >= SETTINGS["faute_min"] - 1 and term.isalpha():
            by_letter[term[0]].append(term)
    vocabulary = {}
    for letter, terms_of_letter in sorted(by_letter.items()):
        content = dumps({"termes": terms_of_letter})
        name = urls.hashed_name(f"vocabulaire/{letter}", content, ".json")
        out.files[name] = content
        vocabulary[letter] = name

    groups = []
    for start in range(0, len(schemes), FICHES_GROUP):
        contents = [dumps(fiche(d, catalog)) for d in schemes[start : start + FICHES_GROUP]]
        digest = urls.group_digest(contents)
        groups.append(digest)
        for offset, content in enumerate(contents):
            out.files[f"fiches/{start + offset}.{digest}.json"] = content

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
        "fiches": {"groupe": FICHES_GROUP, "empreintes": groups, "modele": "fiches/{n}.{h}.json"},
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


def dumps(data: Any) -> str:
    """Compact, deterministic JSON (key order is meaningful)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
