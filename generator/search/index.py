"""Build the search files: a lunr index (lunr.py) and a compact table of schemes and facets.

The lunr index holds only what text search needs; everything the results list and the
facets show lives in `fiches.json`, where every vocabulary value is an index into a
shared list, so the browser downloads each label once. Documents are numbered in
catalog order and that number is the lunr ref, which keeps both files small and the
output deterministic.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from lunr.builder import Builder
from lunr.index import Index
from lunr.pipeline import Pipeline
from lunr.query import Query, QueryPresence
from lunr.token import Token

from ..catalog import Catalog
from ..display import STATUS_LABELS, STATUS_ORDER
from ..model import Dispositif
from ..vocab import category_of
from . import text

FIELDS = (("titre", 10), ("mots", 5), ("texte", 1))


def _stop_word_filter(token: Token, i: int, tokens: list[Token]) -> Token | None:
    return None if str(token) in text.stop_words() else token


def _fold(token: Token, i: int, tokens: list[Token]) -> Token:
    return token.update(lambda s, _metadata: text.fold(s))


def _stem(token: Token, i: int, tokens: list[Token]) -> Token:
    return token.update(lambda s, _metadata: text.stem(s))


def _register(fn: Callable[..., Any], label: str) -> Callable[..., Any]:
    if label not in Pipeline.registered_functions:
        Pipeline.register_function(fn, label)
    return Pipeline.registered_functions[label]  # type: ignore[no-any-return]


STOP_WORD_FILTER = _register(_stop_word_filter, "stopWordFilter-fr")
FOLD = _register(_fold, text.FOLD_LABEL)
STEM = _register(_stem, text.STEMMER_LABEL)


def document_fields(d: Dispositif, catalog: Catalog) -> dict[str, list[str]]:
    """The words each field is indexed from, already split by our tokenizer."""
    vocab = catalog.vocab
    porteur = catalog.porteurs.get(d.porteur)
    labels = [vocab.label("publics", p) for p in d.publics]
    labels += [vocab.label("thematiques", t) for t in d.thematiques]
    labels += [vocab.label("categories_thematiques", category_of(vocab, t)) for t in d.thematiques]
    labels.append(vocab.label("types", d.type))
    provider = [porteur.nom, porteur.sigle or ""] if porteur else [d.porteur]
    return {
        "titre": text.tokenize(d.titre),
        "mots": text.tokenize(" ".join([d.sigle or "", *d.mots_cles])),
        "texte": text.tokenize(" ".join([d.resume, *provider, *labels])),
    }


def _builder() -> Builder:
    builder = Builder()
    builder.pipeline.add(STOP_WORD_FILTER, FOLD, STEM)
    builder.search_pipeline.add(FOLD, STEM)
    builder.ref("r")
    for name, boost in FIELDS:
        builder.field(name, boost=boost)
    builder.metadata_whitelist = []
    return builder


def build_lunr_index(catalog: Catalog) -> Index:
    return build_index_and_postings(catalog)[0]


def build_index_and_postings(catalog: Catalog) -> tuple[Index, dict[str, Any]]:
    """The lunr index, and the compact form of it the browser downloads."""
    builder = _builder()
    for number, scheme in enumerate(catalog.dispositifs.values()):
        builder.add({"r": str(number), **document_fields(scheme, catalog)})
    compact = compact_postings(builder)
    return builder.build(), compact


# A serialized lunr index repeats every document number as a JSON key in every posting
# and ships every field vector (term, score) pair: 7.9 MB at 10,000 schemes. Its field
# vectors are computed from term frequencies and field lengths, so the browser can
# rebuild them with lunr.js's own Builder from the postings alone: documents as gaps
# between numbers, frequencies as plain counts. Four times smaller once compressed.
COMPACT_FORMAT = "offre-lunr-postings-1"


def compact_postings(builder: Builder) -> dict[str, Any]:
    """Postings of a lunr.py builder (after `add`, before `build`), in compact form."""
    fields = [name for name, _ in FIELDS]
    terms = sorted(builder.inverted_index, key=lambda t: builder.inverted_index[t]["_index"])
    documents: list[list[list[int]]] = []
    frequencies: list[list[list[int]]] = []
    for term in terms:
        posting = builder.inverted_index[term]
        term_docs: list[list[int]] = []
        term_freqs: list[list[int]] = []
        for field in fields:
            numbers = sorted(int(ref) for ref in posting[field])
            term_docs.append([b - a for a, b in zip([0, *numbers], numbers, strict=False)])
            term_freqs.append(
                [builder.field_term_frequencies[f"{field}/{n}"][term] for n in numbers]
            )
        documents.append(term_docs)
        frequencies.append(term_freqs)
    return {
        "format": COMPACT_FORMAT,
        "lunr": "2.3.9",
        "champs": [[name, boost] for name, boost in FIELDS],
        "pipeline": [fn.label for fn in builder.search_pipeline._stack],
        "documents": builder.document_count,
        "termes": terms,
        "occurrences": documents,
        "frequences": frequencies,
    }


def index_from_postings(compact: dict[str, Any]) -> Index:
    """Rebuild the lunr index from its compact form, as search/js/texte.js does.

    Used by the tests to prove the compact form loses nothing: the rebuilt index
    serializes exactly like the one built from the documents.
    """
    builder = _builder()
    fields = [name for name, _ in compact["champs"]]
    count = compact["documents"]
    builder.document_count = count
    for number in range(count):
        builder._documents[str(number)] = {}
        for field in fields:
            builder.field_term_frequencies[f"{field}/{number}"] = {}
            builder.field_lengths[f"{field}/{number}"] = 0
    for position, term in enumerate(compact["termes"]):
        posting: dict[str, Any] = {field: {} for field in fields}
        posting["_index"] = position
        for field, gaps, tfs in zip(
            fields,
            compact["occurrences"][position],
            compact["frequences"][position],
            strict=True,
        ):
            number = 0
            for gap, tf in zip(gaps, tfs, strict=True):
                number += gap
                posting[field][str(number)] = {}
                key = f"{field}/{number}"
                builder.field_term_frequencies[key][term] = tf
                builder.field_lengths[key] += tf
        builder.inverted_index[term] = posting
    builder.term_index = len(compact["termes"])
    return builder.build()


# While typing, a last word shorter than this is not searched yet: "a*" would match most
# of the index (and cost most of a keystroke's time) without telling anything.
MIN_PREFIX = 3


def search(index: Index, query: str) -> list[tuple[str, float]]:
    """The query the browser runs (recherche.js), for tests and the agreement check.

    Every word is required; the last one also matches as a prefix while typing.
    """
    terms = [t for t in text.tokenize(query) if t not in text.stop_words()]
    typing = bool(query) and not query[-1].isspace()
    if typing and terms and len(terms[-1]) < MIN_PREFIX:
        terms = terms[:-1]
    if not terms:
        return []
    lunr_query = index.create_query()
    for position, term in enumerate(terms):
        if typing and position == len(terms) - 1:
            processed = index.pipeline.run_string(term)
            if not processed:
                continue
            lunr_query.term(
                processed[0],
                use_pipeline=False,
                wildcard=Query.WILDCARD_TRAILING,
                presence=QueryPresence.REQUIRED,
            )
        else:
            lunr_query.term(term, use_pipeline=True, presence=QueryPresence.REQUIRED)
    return [(r["ref"], r["score"]) for r in index.query(lunr_query)]


@dataclass
class FacetTable:
    """Everything the results list and the facets need, numbered for compactness."""

    territoires: list[tuple[str, str]]
    publics: list[tuple[str, str]]
    thematiques: list[tuple[str, str]]
    porteurs: list[tuple[str, str]]
    types: list[tuple[str, str]]
    statuts: list[tuple[str, str]]
    rows: list[list[Any]]

    def to_json(self) -> dict[str, Any]:
        return {
            "version": 1,
            "facettes": {
                "territoire": self.territoires,
                "public": self.publics,
                "thematique": self.thematiques,
                "porteur": self.porteurs,
                "type": self.types,
                "statut": self.statuts,
            },
            "colonnes": [
                "id",
                "titre",
                "sigle",
                "extrait",
                "porteur",
                "type",
                "statut",
                "publics",
                "thematiques",
                "territoires",
                "rang",
            ],
            "fiches": self.rows,
        }


def build_facet_table(catalog: Catalog) -> FacetTable:
    vocab = catalog.vocab
    schemes = list(catalog.dispositifs.values())
    territories = sorted(catalog.territoires.items(), key=lambda i: i[1].nom)
    t_index = {tid: n for n, (tid, _) in enumerate(territories)}
    publics = sorted(
        {p for d in schemes for p in d.publics}, key=lambda p: vocab.label("publics", p)
    )
    categories = sorted(
        {category_of(vocab, t) for d in schemes for t in d.thematiques},
        key=lambda c: vocab.label("categories_thematiques", c),
    )
    providers = sorted(catalog.porteurs.items(), key=lambda i: i[1].nom)
    types = sorted({d.type for d in schemes}, key=lambda t: vocab.label("types", t))
    p_index = {v: n for n, v in enumerate(publics)}
    c_index = {v: n for n, v in enumerate(categories)}
    pr_index = {pid: n for n, (pid, _) in enumerate(providers)}
    ty_index = {v: n for n, v in enumerate(types)}
    s_index = {v: n for n, v in enumerate(STATUS_ORDER)}
    # Alphabetical rank of each title (accents ignored), so the browser breaks ties
    # between equal scores without comparing strings thousands of times per keystroke.
    alphabetical = sorted(schemes, key=lambda d: (title_key(d.titre), d.id))
    rank = {d.id: n for n, d in enumerate(alphabetical)}
    rows = []
    for d in schemes:
        where: int | list[int] = (
            -1 if d.everywhere else [t_index[t] for t in catalog.scheme_territories.get(d.id, [])]
        )
        rows.append(
            [
                d.id,
                d.titre,
                d.sigle or "",
                excerpt(d.resume),
                pr_index[d.porteur],
                ty_index[d.type],
                s_index[d.statut],
                sorted({p_index[p] for p in d.publics}),
                sorted({c_index[category_of(vocab, t)] for t in d.thematiques}),
                where,
                rank[d.id],
            ]
        )
    return FacetTable(
        territoires=[(tid, t.nom) for tid, t in territories],
        publics=[(p, vocab.label("publics", p)) for p in publics],
        thematiques=[(c, vocab.label("categories_thematiques", c)) for c in categories],
        porteurs=[(pid, p.sigle or p.nom) for pid, p in providers],
        types=[(t, vocab.label("types", t)) for t in types],
        statuts=[(s, STATUS_LABELS[s]) for s in STATUS_ORDER],
        rows=rows,
    )


EXCERPT_LENGTH = 160


def excerpt(summary: str, limit: int = EXCERPT_LENGTH) -> str:
    """A result shows the start of the summary (the scheme page has all of it): the
    summaries are most of what the search page downloads."""
    if len(summary) <= limit:
        return summary
    cut = summary[:limit].rsplit(" ", 1)[0].rstrip(" ,;:")
    return f"{cut}…"


def title_key(title: str) -> str:
    """Sort key of a title: accents and case ignored, as a French reader expects."""
    return text.fold(title)


def dumps(data: Any) -> str:
    """Compact, sorted-key-free (order is meaningful) and deterministic JSON."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
