"""Folding and French order in Chromium: texte.js as shipped (its table written from
folding.py) gives what Python gives, character by character and name by name."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterator
from typing import Any

import pytest

from generator.outputs.search import assets
from generator.rules import display, folding, text
from tests.rules.test_folding import FOLDED
from tests.support.paths import GEO

# Every code point of the scripts, symbols and ligatures French text may hold (Latin,
# Greek, Cyrillic, punctuation, spaces, letter-like symbols, ligatures, full-width
# forms), alone: what Chromium's and Python's Unicode tables both know.
RANGES = ((0x0000, 0x2FFF), (0xA720, 0xA7FF), (0xFB00, 0xFB4F), (0xFF00, 0xFFEF))


def _characters() -> list[str]:
    return [
        chr(code)
        for first, last in RANGES
        for code in range(first, last + 1)
        if not 0xD800 <= code <= 0xDFFF and unicodedata.category(chr(code)) != "Cn"
    ]


def _names() -> list[str]:
    """Every commune, EPCI and former name of the region, and the tricky ones."""
    geo = json.loads((GEO / "pays-de-la-loire.json").read_text(encoding="utf-8"))
    names = [raw for raw, _ in FOLDED]
    for kind in ("departements", "arrondissements", "epci", "communes"):
        for place in geo[kind]:
            names.append(place["nom"])
            names.extend(old["nom"] for old in place.get("anciens_noms", []))
    names += ["Søren", "Soren", "Sœur", "Soeur", "Straße", "Strasse", "ﬁlature", "filature"]
    names += ["L’Île-d’Yeu", "L'Île-d'Yeu", "Le\u00a0Mans", "Le\u202fMans", "Le Mans"]
    names += ["Loir–Lucé", "Loir—Lucé", "Loir‐Lucé", "Loir-Lucé", "Eté", "Été", "ete"]
    names += ["\U0001d504 astral", "\uff21 pleine chasse", "\ufffd remplacement", "_", ""]
    return names


@pytest.fixture(scope="module")
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context()
    opened = context.new_page()
    opened.set_content("<!doctype html><html lang='fr'><body></body></html>")
    opened.add_script_tag(content=assets.script("texte").decode("utf-8"))
    opened.add_script_tag(content=assets.script("commune").decode("utf-8"))
    opened.evaluate("(tables) => OffreTexte.configure(tables)", text.stemmer_tables())
    yield opened
    context.close()


def test_every_character_folds_alike(page: Any) -> None:
    characters = _characters()
    assert len(characters) > 10_000
    browser_side = page.evaluate("(cs) => cs.map(c => OffreTexte.fold(c))", characters)
    python_side = [folding.fold(c) for c in characters]
    differences = [
        (hex(ord(c)), js, py)
        for c, js, py in zip(characters, browser_side, python_side, strict=True)
        if js != py
    ]
    assert differences == []


def test_every_character_and_name_has_the_same_sort_key(page: Any) -> None:
    samples = _characters() + [f"a{c}b" for c in _characters()] + _names()
    browser_side = page.evaluate("(ts) => ts.map(t => OffreTexte.collationKey(t))", samples)
    python_side = [list(folding.collation_key(t)) for t in samples]
    pairs = zip(samples, browser_side, python_side, strict=True)
    differences = [(t, js, py) for t, js, py in pairs if js != py]
    assert differences == []


def test_names_sort_in_the_same_french_order(page: Any) -> None:
    names = _names()
    assert len(names) > 1500
    for batch in (names, list(reversed(names)), sorted(names)):
        browser_side = page.evaluate("(ns) => ns.slice().sort(OffreTexte.compare)", batch)
        assert browser_side == display.sorted_by_name(batch, str)
    # Letters the browser's own French collation orders otherwise: the page follows Python.
    assert page.evaluate("() => ['Søren', 'Sz', 'Sa'].sort(OffreTexte.compare)") == [
        "Sa",
        "Søren",
        "Sz",
    ]


def test_words_and_stems_agree_over_every_letter(page: Any) -> None:
    words = [w for raw, _ in FOLDED for w in text.tokenize(raw)]
    words += ["Sœurs", "SALARIÉES", "Straßen", "ﬁlatures", "Øyvind", "DE", "dé", "Œ"]
    browser_side = page.evaluate(
        """([words, stopWords]) => {
             const stop = new Set(stopWords);
             return words.map(t => { const w = OffreTexte.word(t, stop);
                                     return w ? [w.folded, w.stem] : null; });
           }""",
        [words, sorted(text.STOP_WORDS)],
    )
    python_side = [[w.folded, w.stem] if (w := text.word(t)) else None for t in words]
    assert browser_side == python_side
    assert ["soeurs", "soeur"] in python_side and ["filatures", "filatur"] in python_side


def test_the_commune_box_reads_names_through_the_same_folding(page: Any) -> None:
    typed = ["Sœur Straße Søren", "Soeur Strasse Soren", "SOEUR STRASSE SØREN"]
    keys = page.evaluate("(ts) => ts.map(t => OffreCommunes.normalise(t))", typed)
    assert keys == ["soeur strasse soren"] * 3
    keys = page.evaluate(
        "(ts) => ts.map(t => OffreCommunes.normalise(t))",
        ["L’Île‑d’Yeu", "l'ile d yeu", "L\u00a0Île—d’Yeu", "St Gilles", "Saint-Gilles"],
    )
    assert keys == ["l ile d yeu"] * 3 + ["saint gilles"] * 2
