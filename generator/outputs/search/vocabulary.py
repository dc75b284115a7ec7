"""The vocabulary files, one per first letter, fetched only when a word matches nothing:
the words of the index that a typo may have meant, most frequent first.

Apart from the shards because they answer another question (which word did the reader
mean?) and are read whole, not by range.
"""

from __future__ import annotations

from collections import defaultdict

from ...rules import urls
from .compact_json import dumps


def vocabulary_files(
    words: dict[str, list[int]], shortest: int
) -> tuple[dict[str, str], dict[str, str]]:
    """Files by name, and the index's map of letter → file, for the words of at least
    `shortest` letters (one edit away from a word long enough to tolerate a typo)."""
    # Most frequent first: a typo most likely meant the commonest word it is close to.
    by_letter: dict[str, list[str]] = defaultdict(list)
    for term in sorted(words, key=lambda t: (-len(words[t]), t)):
        if len(term) >= shortest and term.isalpha():
            by_letter[term[0]].append(term)
    files: dict[str, str] = {}
    vocabulary = {}
    for letter, terms_of_letter in sorted(by_letter.items()):
        content = dumps({"termes": terms_of_letter})
        name = urls.hashed_name(f"vocabulaire/{letter}", content, ".json")
        files[name] = content
        vocabulary[letter] = name
    return files, vocabulary
