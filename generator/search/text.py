"""French text normalisation, identical at build time (Python) and query time (browser).

Both sides: NFC, lowercase, split into runs of letters and digits (so elisions such as
`l'apprentissage` and hyphenated words split), drop lunr-languages' French stop words,
fold accents (`éligibilité` → `eligibilite`), then stem with the French Snowball
stemmer. The stop words are read from the lunr-languages file MkDocs ships, so the list
can never differ from the one the browser uses; `recherche.js` mirrors every other step
and a browser test compares both sides on the same queries.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import mkdocs
import snowballstemmer

from ..display import fold as fold  # re-exported: the index and texte.js fold alike

LUNR_DIR = Path(mkdocs.__file__).parent / "contrib" / "search"
LUNR_JS = LUNR_DIR / "templates" / "search" / "lunr.js"
LUNR_STEMMER_SUPPORT_JS = LUNR_DIR / "lunr-language" / "lunr.stemmer.support.js"
LUNR_FR_JS = LUNR_DIR / "lunr-language" / "lunr.fr.js"

FOLD_LABEL = "offre-pliage"
STEMMER_LABEL = "stemmer-fr"

_TOKEN = re.compile(r"[^\W_]+")
_STOP_WORDS_JS = re.compile(r"lunr\.fr\.stopWordFilter = lunr\.generateStopWordFilter\('([^']*)'")


class SearchSetupError(RuntimeError):
    """lunr-languages' files are missing or changed shape: the index would disagree."""


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    try:
        source = LUNR_FR_JS.read_text(encoding="utf-8")
    except OSError as exc:
        raise SearchSetupError(f"lunr.fr.js introuvable ({LUNR_FR_JS}) : {exc}") from exc
    match = _STOP_WORDS_JS.search(source)
    if not match:
        raise SearchSetupError(f"liste de mots vides introuvable dans {LUNR_FR_JS}")
    return frozenset(match.group(1).split(" "))


def tokenize(text: str) -> list[str]:
    return _TOKEN.findall(unicodedata.normalize("NFC", text).lower())


@lru_cache(maxsize=1)
def _stemmer() -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer("french")


@lru_cache(maxsize=65536)
def stem(token: str) -> str:
    return str(_stemmer().stemWord(token))


def index_terms(text: str) -> list[str]:
    """Terms a text is indexed under (what the lunr builder pipeline produces)."""
    words = stop_words()
    return [stem(fold(t)) for t in tokenize(text) if t not in words]


def query_terms(query: str) -> list[tuple[str, bool]]:
    """(term, is_prefix) for each query word; the last one is a prefix while typing.

    A query ending with a space is complete: no prefix matching then.
    """
    words = stop_words()
    tokens = [t for t in tokenize(query) if t not in words]
    typing = bool(query) and not query[-1].isspace()
    return [(stem(fold(t)), typing and i == len(tokens) - 1) for i, t in enumerate(tokens)]
