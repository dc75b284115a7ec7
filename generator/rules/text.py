"""French text normalisation, identical at build time (Python) and query time (browser).

Both sides, word by word: NFC, split into runs of letters and digits (so elisions such as
`l'apprentissage` and hyphenated words split), lowercase, fold accents (`éligibilité` →
`eligibilite`), drop the stop words below, then a light stemmer that only joins the
plural, feminine and participle forms of a word (`salariées` → `salari` like
`salarié`). `js/texte.js` mirrors every step, with the folding table written into it at
build time (`folding.script_with_table`) and the stemmer's tables and stop words read
from the index (`stemmer_tables`); a browser test compares both sides word by word and
query by query.

Why not the Snowball stemmer of lunr-languages: it cuts too deep for a search where
the last word is also a prefix. It makes `permis` `perm`, so the prefix `perm*` found
every « permet »; it makes `formation` `format` and `information` `inform`. The rules
here never remove more than a plural, a feminine or a participle ending.

A word typed in capitals (`DE`, `ET`) is never a stop word: advisers write acronyms in
capitals, and `DE` (demandeur d'emploi) must not vanish as the preposition « de ».
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from .folding import collation_key as collation_key  # re-exported: the index sorts by it
from .folding import fold as fold  # re-exported: the index and texte.js fold alike

_TOKEN = re.compile(r"[^\W_]+")

# Function words of French (lunr-languages' list, folded, without « sans », which
# changes the meaning: « sans diplôme »), plus what advisers type around a request:
# « salarié qui veut changer de métier », « je cherche une aide pour mon fils ».
_STOP_WORDS = """
    a ai aie aient aies ait as au aura aurai auraient aurais aurait auras aurez auriez
    aurions aurons auront aux avaient avais avait avec avez aviez avions avons ayant ayez
    ayons c ce ceci cela ces cet cette d dans de des du elle en es est et eu eue eues
    eumes eurent eus eusse eussent eusses eussiez eussions eut eutes eux furent fus fusse
    fussent fusses fussiez fussions fut fumes futes ici il ils j je l la le les leur leurs
    lui m ma mais me meme mes moi mon n ne ni nos notre nous on ont ou par pas pour qu que
    quel quelle quelles quels qui s sa se sera serai seraient serais serait seras serez
    seriez serions serons seront ses soi soient sois soit sommes son sont soyez soyons suis
    sur t ta te tes toi ton tu un une vos votre vous y etaient etais etait etant etiez
    etions ete etee etees etes
    veut veulent veux voudrait voudraient voudrais souhaite souhaitent souhaiterait
    cherche cherchent aimerait peut peuvent pourrait doit faut quoi comment quand chez
"""
STOP_WORDS = frozenset(_STOP_WORDS.split())

# The stemmer's rules, as data the index carries to `texte.js` (`stemmer_tables`): the
# browser applies the same ones without a copy of them.
# Plurals replaced rather than dropped (« sociaux » → « social »), the first that fits.
_IRREGULAR_PLURALS = (("aux", "al"),)
# The plural ending, dropped unless doubled (« classe », « cours » stay whole).
_PLURAL = "s"
# Feminine → masculine endings, tried in this order (the first that fits applies).
_FEMININE = (
    ("elle", "el"),
    ("enne", "en"),
    ("onne", "on"),
    ("ette", "et"),
    ("trice", "teur"),
    ("euse", "eur"),
    ("ive", "if"),
    ("ere", "er"),
)
# A feminine ending is replaced only when this many letters stay before it.
_MIN_BEFORE_FEMININE = 3
# Participle endings dropped (« salariee » → « salari »), the first that fits.
_PARTICIPLES = ("ee", "e")
# A stem never gets shorter than this; words shorter than _MIN_STEMMED are kept whole
# (« aide », « mois », « bus », acronyms like « rqth »).
_MIN_STEM = 4
_MIN_STEMMED = 5


def stemmer_tables() -> dict[str, object]:
    """The stemmer's rules as the index carries them to `texte.js` (`configure`)."""
    return {
        "pluriels": [list(pair) for pair in _IRREGULAR_PLURALS],
        "pluriel": _PLURAL,
        "feminin": [list(pair) for pair in _FEMININE],
        "feminin_reste_min": _MIN_BEFORE_FEMININE,
        "participes": list(_PARTICIPLES),
        "racine_min": _MIN_STEM,
        "mot_min": _MIN_STEMMED,
    }


def tokenize(text: str) -> list[str]:
    """Runs of letters and digits, as written (case kept: capitals mark acronyms)."""
    return _TOKEN.findall(unicodedata.normalize("NFC", text))


def _drop_plural(word: str) -> str:
    if (
        word.endswith(_PLURAL)
        and not word.endswith(_PLURAL * 2)
        and len(word) - len(_PLURAL) >= _MIN_STEM
    ):
        return word[: -len(_PLURAL)]
    return word


def _replace_first(word: str, endings: tuple[tuple[str, str], ...], keep: int) -> str | None:
    """`word` with the first ending that fits replaced (`keep` letters at least stay
    before it), or None when none fits."""
    for ending, replacement in endings:
        if word.endswith(ending) and len(word) - len(ending) >= keep:
            return word[: -len(ending)] + replacement
    return None


_PARTICIPLE_ENDINGS = tuple((ending, "") for ending in _PARTICIPLES)


@lru_cache(maxsize=131072)
def stem(word: str) -> str:
    """The light stem of a folded word (see the module docstring)."""
    if len(word) < _MIN_STEMMED or not word.isalpha():
        return word
    singular = _replace_first(word, _IRREGULAR_PLURALS, 0)
    word = _drop_plural(word) if singular is None else singular
    masculine = _replace_first(word, _FEMININE, _MIN_BEFORE_FEMININE)
    word = word if masculine is None else masculine
    without_participle = _replace_first(word, _PARTICIPLE_ENDINGS, _MIN_STEM)
    word = word if without_participle is None else without_participle
    return _drop_plural(word)


def is_acronym(raw: str) -> bool:
    """Written in capitals (`DE`, `RQTH`, `E2C`): never a stop word."""
    return len(raw) >= 2 and raw.isupper()


@dataclass(frozen=True)
class Word:
    """One word of a text: as folded (for prefixes and highlighting) and its stem."""

    folded: str
    stem: str


_WORDS: dict[str, Word | None] = {}


def word(raw: str) -> Word | None:
    """A token as the index sees it, or None for a stop word (memoised: the same few
    thousand words make up most of a catalogue)."""
    if raw in _WORDS:
        return _WORDS[raw]
    folded = fold(raw)
    found = None if folded in STOP_WORDS and not is_acronym(raw) else Word(folded, stem(folded))
    if len(_WORDS) < 500_000:
        _WORDS[raw] = found
    return found


def segment_stems(segment: str, seen: set[str]) -> list[str]:
    """Stems of one text, in order; its raw tokens are added to `seen`."""
    tokens = tokenize(segment)
    seen.update(tokens)
    cache = _WORDS
    out = []
    for raw in tokens:
        found = cache[raw] if raw in cache else word(raw)
        if found is not None:
            out.append(found.stem)
    return out


def words(text: str) -> Iterator[Word]:
    """The searchable words of a text, stop words removed."""
    for raw in tokenize(text):
        found = word(raw)
        if found is not None:
            yield found


def stems(text: str) -> list[str]:
    return [w.stem for w in words(text)]
