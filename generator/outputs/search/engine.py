"""The query engine, in Python: exactly what `js/moteur.js` does in the browser.

It reads the files `index.py` writes (through `load`, which returns a file's parsed
JSON), so the relevance benchmark and its test rank with the very data and rules the
site ships; a browser test checks that both engines return the same order.

Ranking, for a query of n words (stop words dropped, synonyms expanded):

1. schemes matching more of the query's words first (a word matches by its stem; the
   last one, while typing, also as a prefix; a synonym of it counts; a word that
   matches nothing anywhere tolerates one typo);
2. then schemes holding more of the query's consecutive pairs as a phrase (« création
   entreprise »), or a synonym of several words in their place;
3. then schemes with every word in their title;
4. then the score: for each word its best way of matching (exact ×4, prefix or synonym
   ×3, typo ×2, times the scheme's stored score for that term), plus, for each pair of
   consecutive query words, the score of that two-word phrase in the scheme;
5. then alphabetical order (the scheme's number).

A word after « sans » (« sans diplôme ») asks for its absence: when some scheme says
« sans » before it, the word matches only there (the two-word phrase), never alone
(« jeunes diplômés »), nor through its prefixes, typos or one-word synonyms. When no
scheme says it (« sans permis »), the word matches as any other: the schemes about it
are the best answer there is.

All arithmetic is on integers, so Python and JavaScript agree exactly.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from ...rules import text

# A scheme's sort key packs, from the highest bits: words matched, phrases found, all
# words in the title, score, then the scheme's number reversed (alphabetical order). The
# index carries these (`RANK_KEY`, `NEGATION`), so `moteur.js` has no copy of them.
COVERAGE = 2**48
PHRASES = 2**44
IN_TITLE = 2**43
SCORE = 2**17
SCORE_MAX = 2**26 - 1
NUMBER_MAX = 2**17 - 1
COUNT_MAX = 15  # words matched and phrases found count up to this
NEGATION = "sans"
RANK_KEY: dict[str, int] = {
    "couverture": COVERAGE,
    "expressions": PHRASES,
    "titre": IN_TITLE,
    "score": SCORE,
    "score_max": SCORE_MAX,
    "numero_max": NUMBER_MAX,
    "comptes_max": COUNT_MAX,
}

Filters = dict[str, list[str]]
# Not a facet: the person's age, which excludes the schemes whose sourced bounds exclude it.
AGE_FILTER = "age"


def _age(values: list[str]) -> int | None:
    """The age asked for, or None when absent or not a whole number of years."""
    for value in values:
        if value.isdigit() and len(value) <= 3:
            return int(value)
    return None


@dataclass
class QueryWord:
    folded: str
    stem: str
    prefix: bool = False


@dataclass
class Variant:
    """One way a query word can match: a word, or a phrase (all its pairs present)."""

    terms: list[str]
    phrase: bool
    weight: int
    pairs: range = range(0)  # query pairs a synonym of several words stands for


@dataclass
class Outcome:
    numbers: list[int]  # schemes passing the filters, best first
    counts: dict[str, list[int]]  # per facet, per value
    words: list[QueryWord] = field(default_factory=list)
    matched: set[str] = field(default_factory=set)  # stems that matched, for snippets
    also: list[str] = field(default_factory=list)  # synonyms used, as written
    complete: dict[int, int] = field(default_factory=dict)  # number → words matched


def query_words(
    query: str, settings: dict[str, int], stop_words: frozenset[str]
) -> list[QueryWord]:
    typing = bool(query) and not query[-1].isspace()
    tokens = text.tokenize(query)
    kept: list[QueryWord] = []
    last_kept = False
    for raw in tokens:
        folded = text.fold(raw)
        last_kept = not (folded in stop_words and not text.is_acronym(raw))
        if last_kept:
            kept.append(QueryWord(folded, text.stem(folded)))
    limit = settings["mots_max"]
    if typing and last_kept and len(kept) <= limit and kept:
        kept[-1].prefix = len(kept[-1].folded) >= settings["prefixe_min"]
    return kept[:limit]


def within_one_edit(a: str, b: str) -> bool:
    """True when b is a (1 insertion, deletion, substitution or swap of neighbours)."""
    if a == b:
        return False
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        diff = [i for i in range(la) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )
    short, long = (a, b) if la < lb else (b, a)
    i = 0
    while i < len(short) and short[i] == long[i]:
        i += 1
    return short[i:] == long[i + 1 :]


class Engine:
    def __init__(self, index: dict[str, Any], load: Callable[[str], Any]) -> None:
        self.index = index
        self._load = load
        self.settings: dict[str, int] = index["reglages"]
        self.stop_words = frozenset(index["mots_vides"])
        self.count: int = index["nombre"]
        shards = index["tranches"]
        self.starts: dict[str, list[str]] = {ns: s["debuts"] for ns, s in shards.items()}
        # One hash names a whole set of shards: a shard's name is its number in the model.
        self._shard_models: dict[str, str] = {
            ns: s["modele"].replace("{h}", s["empreinte"]) for ns, s in shards.items()
        }
        self._shards: dict[str, dict[str, Any]] = {}
        self._vocabulary: dict[str, list[str]] = {}
        self.columns: dict[str, list[Any]] = {
            **index["colonnes"],
            **load(index["fichier_facettes"])["colonnes"],
        }
        self.facets: dict[str, list[dict[str, str]]] = index["facettes"]

    # ------------------------------------------------------------------ files

    def shard_name(self, namespace: str, position: int) -> str:
        """The file of a shard, from its namespace and number."""
        return self._shard_models[namespace].replace("{n}", str(position))

    def _shard(self, namespace: str, position: int) -> dict[str, Any]:
        name = self.shard_name(namespace, position)
        if name not in self._shards:
            data = self._load(name)
            postings = {}
            for term, encoded in zip(data["termes"], data["postings"], strict=True):
                entries = []
                number = 0
                for k in range(0, len(encoded), 2):
                    number += encoded[k]
                    entries.append((number, encoded[k + 1]))
                postings[term] = entries
            forms = [(f["forme"], f["terme"]) for f in data["formes"]]
            self._shards[name] = {"termes": data["termes"], "postings": postings, "formes": forms}
        return self._shards[name]

    def _position(self, namespace: str, term: str) -> int:
        return bisect.bisect_right(self.starts[namespace], term) - 1

    def postings(self, namespace: str, term: str) -> list[tuple[int, int]]:
        shard = self._shard(namespace, self._position(namespace, term))
        return shard["postings"].get(term, [])  # type: ignore[no-any-return]

    def _prefix_shards(self, prefix: str) -> list[int]:
        starts = self.starts["mots"]
        first = self._position("mots", prefix)
        found = [first]
        while (
            len(found) < self.settings["tranches_prefixe_max"]
            and found[-1] + 1 < len(starts)
            and starts[found[-1] + 1].startswith(prefix)
        ):
            found.append(found[-1] + 1)
        return found

    def prefix_terms(self, word: QueryWord) -> list[str]:
        """Terms a word being typed may become, itself excluded, in index order."""
        found: set[str] = set()
        for prefix in dict.fromkeys((word.stem, word.folded)):
            for position in self._prefix_shards(prefix):
                shard = self._shard("mots", position)
                found.update(t for t in shard["termes"] if t.startswith(prefix))
                if prefix == word.folded:
                    found.update(s for f, s in shard["formes"] if f.startswith(word.folded))
        found.discard(word.stem)
        return sorted(found)

    def typo_terms(self, word: QueryWord) -> list[str]:
        letter = word.stem[:1]
        name = self.index["vocabulaire"].get(letter)
        if name is None:
            return []
        if letter not in self._vocabulary:
            self._vocabulary[letter] = self._load(name)["termes"]
        candidates = [t for t in self._vocabulary[letter] if within_one_edit(word.stem, t)]
        return candidates[: self.settings["fautes_max"]]

    # ------------------------------------------------------------------ ranking

    def _variants(self, words: list[QueryWord], outcome: Outcome) -> list[list[Variant]]:
        s = self.settings
        per_word: list[list[Variant]] = [
            [Variant([w.stem], False, s["poids_exact"])] for w in words
        ]
        for position, word in enumerate(words):
            if word.prefix:
                per_word[position] += [
                    Variant([t], False, s["poids_prefixe"]) for t in self.prefix_terms(word)
                ]
        for rule in self.index["synonymes"]:
            key = rule["cle"]
            for start in range(len(words) - len(key) + 1):
                if [w.stem for w in words[start : start + len(key)]] != key:
                    continue
                outcome.also += [x for x in rule["libelles"] if x not in outcome.also]
                covered = range(start, start + len(key) - 1)
                for alternative in rule["equivalents"]:
                    variant = (
                        Variant(alternative, False, s["poids_synonyme"], covered)
                        if len(alternative) == 1
                        else Variant(
                            [f"{a} {b}" for a, b in pairwise(alternative)],
                            True,
                            s["poids_synonyme"],
                            covered,
                        )
                    )
                    for position in range(start, start + len(key)):
                        per_word[position].append(variant)
        for position, word in enumerate(words):
            if (
                len(word.folded) >= s["faute_min"]
                and word.folded.isalpha()
                and not any(self._matches(v) for v in per_word[position])
            ):
                per_word[position] += [
                    Variant([t], False, s["poids_faute"]) for t in self.typo_terms(word)
                ]
        return per_word

    def _matches(self, variant: Variant) -> dict[int, tuple[int, bool]]:
        """Scheme number → (stored score, in title) for one variant."""
        if not variant.phrase:
            return {n: (w >> 1, bool(w & 1)) for n, w in self.postings("mots", variant.terms[0])}
        found: dict[int, tuple[int, bool]] | None = None
        for term in variant.terms:
            these = {n: (w >> 1, bool(w & 1)) for n, w in self.postings("expressions", term)}
            if found is None:
                found = these
            else:
                found = {
                    n: (found[n][0] + these[n][0], found[n][1] and these[n][1])
                    for n in found
                    if n in these
                }
        pairs = len(variant.terms)
        return {n: (total // pairs, title) for n, (total, title) in (found or {}).items()}

    def scores(self, query: str) -> tuple[dict[int, int] | None, Outcome]:
        """Sort key of every scheme the query matches, or None for an empty query."""
        words = query_words(query, self.settings, self.stop_words)
        outcome = Outcome([], {}, words)
        if not words:
            return None, outcome
        variants = self._variants(words, outcome)
        best: list[dict[int, int]] = [{} for _ in words]
        title: list[set[int]] = [set() for _ in words]
        # Query pairs found as a phrase in each scheme: the pair itself, or a synonym
        # of several words that stands for it.
        phrases: dict[int, set[int]] = {}
        for position, options in enumerate(variants):
            said: set[int] = set()
            if position > 0 and words[position - 1].stem == NEGATION:
                stated = self.postings("expressions", f"{NEGATION} {words[position].stem}")
                said = {number for number, _ in stated}
            if said:  # the word as typed, or a synonym that spans « sans » too
                options = [options[0]] + [v for v in options[1:] if position - 1 in v.pairs]
            for variant in options:
                matches = self._matches(variant)
                if said and not variant.pairs:
                    matches = {n: m for n, m in matches.items() if n in said}
                if matches:
                    if variant.phrase:
                        outcome.matched.update(t for term in variant.terms for t in term.split())
                    else:
                        outcome.matched.update(variant.terms)
                for number, (score, in_title) in matches.items():
                    if variant.pairs:
                        phrases.setdefault(number, set()).update(variant.pairs)
                    value = score * variant.weight
                    if value > best[position].get(number, 0):
                        best[position][number] = value
                    if in_title:
                        title[position].add(number)
        bonus: dict[int, int] = {}
        for pair, (first, second) in enumerate(pairwise(words)):
            for number, stored in self.postings("expressions", f"{first.stem} {second.stem}"):
                bonus[number] = bonus.get(number, 0) + (stored >> 1) * self.settings["poids_exact"]
                phrases.setdefault(number, set()).add(pair)
        keys: dict[int, int] = {}
        candidates = set().union(*best)
        for number in candidates:
            coverage = sum(1 for b in best if number in b)
            all_in_title = all(number in t for t in title)
            total = sum(b.get(number, 0) for b in best) + bonus.get(number, 0)
            keys[number] = (
                min(coverage, COUNT_MAX) * COVERAGE
                + min(len(phrases.get(number, ())), COUNT_MAX) * PHRASES
                + (IN_TITLE if all_in_title else 0)
                + min(total, SCORE_MAX) * SCORE
                + (NUMBER_MAX - number)
            )
            outcome.complete[number] = coverage
        return keys, outcome

    # ------------------------------------------------------------------ filters

    def _values(self, facet: str, number: int) -> list[int]:
        value = self.columns[facet][number]
        if value == -1:  # every territory, or every situation (« tous publics »)
            return list(range(len(self.facets[facet])))
        return value if isinstance(value, list) else [value]

    def fits_age(self, number: int, age: int) -> bool:
        """Whether the scheme's sourced bounds admit this age (no bound: kept)."""
        bounds = self.index.get("ages", [None] * self.count)[number]
        if bounds is None:
            return True
        low, high = bounds
        return (low is None or age >= low) and (high is None or age <= high)

    def search(self, query: str, filters: Filters | None = None) -> Outcome:
        """Schemes for a query and filters (facet → selected values), best first, with
        the count of each facet value as the page shows it."""
        filters = dict(filters or {})
        age = _age(filters.pop(AGE_FILTER, []))
        keys, outcome = self.scores(query)
        selected: dict[str, set[int]] = {}
        for facet, values in filters.items():
            positions = {
                n for n, entry in enumerate(self.facets[facet]) if entry["valeur"] in values
            }
            if values:
                selected[facet] = positions
        counts = {facet: [0] * len(entries) for facet, entries in self.facets.items()}
        shown: list[int] = []
        pool = range(self.count) if keys is None else keys
        for number in pool:
            if age is not None and not self.fits_age(number, age):
                continue
            failing = [
                facet
                for facet, positions in selected.items()
                if not positions.intersection(self._values(facet, number))
            ]
            if not failing:
                shown.append(number)
            if len(failing) > 1:
                continue
            for facet in counts:
                if failing and failing[0] != facet:
                    continue
                for value in self._values(facet, number):
                    counts[facet][value] += 1
        if keys is not None:
            shown.sort(key=lambda n: -keys[n])
        else:
            shown.sort()
        outcome.numbers = shown
        outcome.counts = counts
        return outcome
