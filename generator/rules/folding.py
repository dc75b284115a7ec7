"""Text folding and French alphabetical order: one table, for Python and for the browser.

Every comparison of names and words goes through `fold`: the search index and the query
(a word typed « Œuvre » finds « oeuvre »), the commune box (« Søren », « Sables
d'Olonne »), the ids made from names (`urls.slugify`), the importers matching names,
and every alphabetical list (`collation_key`). The browser gets the very same table at
build time (`js_table()`, written into `search/js/texte.js` by `script_with_table`), so
no letter is ever spelled out a second time in JavaScript; a browser test compares both
sides character by character.

Folding, in this order:

1. compatibility decomposition (NFKD): accents come apart from their letters, ligatures
   such as « ﬁ » become « fi », no-break and narrow no-break spaces become spaces;
2. lower case;
3. the letters Unicode does not decompose are spelled out (`LETTERS`: « œ » → « oe »,
   « ß » → « ss », « ø » → « o »…);
4. accents and other combining marks (`DIACRITIC_RANGES`) are dropped.

Punctuation is left as it is: the callers decide what a word break is (the search
splits on anything but letters and digits, slugs turn it into a hyphen, the collation
into a space).
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache
from pathlib import Path

# Letters Unicode does not decompose into a base letter plus accents (lower case: folding
# lowers first). Without them « Cœur » would become « cur » in an id and « Søren » could
# not be typed without its « ø ».
LETTERS: dict[str, str] = {
    "œ": "oe",
    "æ": "ae",
    "ß": "ss",
    "ø": "o",
    "đ": "d",
    "ð": "d",
    "ł": "l",
    "þ": "th",
    "ı": "i",
}
# Combining marks dropped once letters are decomposed (first and last code point).
DIACRITIC_RANGES: tuple[tuple[int, int], ...] = ((0x0300, 0x036F),)

_LETTERS = str.maketrans(LETTERS)
_DIACRITICS = re.compile(
    "[" + "".join(f"{chr(first)}-{chr(last)}" for first, last in DIACRITIC_RANGES) + "]"
)
# Anything but a letter or a digit (the browser's `[^\p{L}\p{N}]`).
_NOT_ALPHANUMERIC = re.compile(r"[\W_]+")


def fold(text: str) -> str:
    """Lower case without accents, ligatures spelled out: `Œuvre Éducative` → `oeuvre educative`."""
    lowered = unicodedata.normalize("NFKD", text).lower().translate(_LETTERS)
    return _DIACRITICS.sub("", lowered)


@cache  # a title is sorted on many pages: its key is computed once
def collation_key(text: str) -> tuple[str, str]:
    """Sort key in French alphabetical order.

    First accents, case and punctuation ignored (a run of punctuation or spaces counts
    as one space, which sorts before every letter); then the text itself, so that the
    order of two names that differ only by an accent never depends on input order.
    Both parts compare code point by code point (the browser does the same).
    """
    return _NOT_ALPHANUMERIC.sub(" ", fold(text)).strip(), text


# ---------------------------------------------------------------------------- browser

_MARKER = "/*@pliage@*/null"


def js_table() -> dict[str, object]:
    """The folding table as the browser reads it (`texte.js`)."""
    return {"lettres": LETTERS, "diacritiques": [list(r) for r in DIACRITIC_RANGES]}


def script_with_table(path: Path) -> bytes:
    """A script with the folding table written in place of its `/*@pliage@*/null`."""
    source = path.read_text(encoding="utf-8")
    if source.count(_MARKER) != 1:
        raise ValueError(f"{path} doit contenir une seule fois {_MARKER}")
    table = json.dumps(js_table(), ensure_ascii=False, separators=(",", ":"))
    return source.replace(_MARKER, table).encode("utf-8")
