"""Folding and French alphabetical order (folding.py): every letter French text and the
region's names use, one table for every caller, slugs as they always were."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from generator.importers.data_inclusion import mapping
from generator.rules import display, folding, text, urls
from tests.support.paths import REPO

# (text, folded): the letters of French and of the region's names, in both cases.
FOLDED = [
    ("Œuvre ŒUVRE œuvre", "oeuvre oeuvre oeuvre"),
    ("Lætitia LÆTITIA", "laetitia laetitia"),
    ("Søren SØREN", "soren soren"),
    ("Straße STRASSE STRAẞE", "strasse strasse strasse"),
    ("ﬁlature ﬂeur ﬀ", "filature fleur ff"),
    ("éèêë ÉÈÊË àâä ÀÂÄ îï ÎÏ ôö ÔÖ ùûü ÙÛÜ ÿ Ÿ", "eeee eeee aaa aaa ii ii oo oo uuu uuu y y"),
    ("ç Ç garçon GARÇON", "c c garcon garcon"),
    ("Ñ ñ Å å", "n n a a"),
    ("Łódź Đakovo Þór Ðá İle ı", "lodz dakovo thor da ile i"),
    # Apostrophes and dashes stay: callers decide what separates words.
    ("l’île l'île", "l’ile l'ile"),
    ("Loir–Lucé—Bercé ‐ x", "loir–luce—berce ‐ x"),
    ("Saint‑Nazaire", "saint‐nazaire"),  # the no-break hyphen is a hyphen
    # No-break and narrow no-break spaces are spaces.
    ("Le\u00a0Mans\u202fMétropole", "le mans metropole"),
    ("1ᵉʳ n° 2", "1er n° 2"),
]


@pytest.mark.parametrize(("raw", "folded"), FOLDED)
def test_fold_every_letter_of_french_and_the_regions_names(raw: str, folded: str) -> None:
    assert folding.fold(raw) == folded
    assert folding.fold(unicodedata.normalize("NFD", raw)) == folded  # however it is encoded


def test_every_letter_of_the_table_is_lower_case_and_spells_out_in_ascii() -> None:
    for letter, spelled in folding.LETTERS.items():
        assert len(letter) == 1 and letter == letter.lower(), letter
        assert unicodedata.decomposition(letter) == "", letter  # Unicode would do it
        assert spelled.isascii() and spelled.isalpha() and spelled == spelled.lower()
        assert folding.fold(letter.upper()) == spelled


def test_french_order_ignores_accents_case_ligatures_and_punctuation_first() -> None:
    names = [
        "Zéro",
        "Søren",
        "Soraya",
        "Œuvres",
        "Oeuvre",
        "Straße",
        "Strasbourg",
        "L’Île-d’Yeu",
        "L'Île d'Orléans",
        "Le\u00a0Mans",
        "Le Lude",
        "Étudiants",
        "État",
        "Écommoy",
        "ﬁlature",
        "Fille",
        "Cœur",
        "Coëvrons",
    ]
    assert display.sorted_by_name(names, str) == [
        "Cœur",
        "Coëvrons",
        "Écommoy",
        "État",
        "Étudiants",
        "ﬁlature",
        "Fille",
        "L'Île d'Orléans",
        "L’Île-d’Yeu",
        "Le Lude",
        "Le\u00a0Mans",
        "Oeuvre",
        "Œuvres",
        "Soraya",
        "Søren",
        "Strasbourg",
        "Straße",
        "Zéro",
    ]


def test_every_dash_apostrophe_and_space_is_the_same_word_break() -> None:
    keys = {
        folding.collation_key(f"Saint{sep}Nazaire")[0]
        for sep in ("-", "–", "—", "‐", "‑", "'", "’", " ", "\u00a0", "\u202f", " - ", "  ")
    }
    assert keys == {"saint nazaire"}


def test_the_search_and_the_importers_fold_with_the_one_table() -> None:
    assert [w.folded for w in text.words("Søren Straße ﬁlature Œuvre")] == [
        "soren",
        "strasse",
        "filature",
        "oeuvre",
    ]
    # data·inclusion names match whatever their letters (« ß » and « ø » were dropped).
    assert mapping.fold("Maison de l’Emploi — Straße Søren") == " maison de l emploi strasse soren "
    assert mapping.fold("Cœur n°2") == " coeur n 2 "


# ---------------------------------------------------------------------------- slugs


def _slug_as_ids_were_made(text: str) -> str:
    """The slug rule ids were made with until folding had one table (kept here verbatim
    to prove ids made from names do not change)."""
    table = str.maketrans(
        {
            "œ": "oe",
            "Œ": "OE",
            "æ": "ae",
            "Æ": "AE",
            "ß": "ss",
            "ẞ": "SS",
            "ø": "o",
            "Ø": "O",
            "đ": "d",
            "Đ": "D",
            "ð": "d",
            "Ð": "D",
            "ł": "l",
            "Ł": "L",
            "þ": "th",
            "Þ": "TH",
            "ı": "i",
        }
    )
    decomposed = unicodedata.normalize("NFKD", text.translate(table))
    kept = "".join(
        char if char.isascii() else " " if unicodedata.category(char)[0] in "PZ" else ""
        for char in decomposed
    )
    return re.sub(r"[^a-z0-9]+", "-", kept.lower()).strip("-")


# Letters the old rule dropped although they decompose into a letter of the table: an id
# made from a name holding one now keeps it (none is in French or in the region's names).
NOW_SPELLED = {
    "Ǣ": "ae",
    "ǣ": "ae",
    "Ǽ": "ae",
    "ǽ": "ae",
    "Ǿ": "o",
    "ǿ": "o",
    "ᴭ": "ae",
    "ᶞ": "d",
    "ꟹ": "oe",
    "\U00010783": "ae",
    "\U000107a2": "o",
    "\U0001d6a4": "i",
}


def test_slugs_are_unchanged_for_every_character_but_a_few_exotic_letters() -> None:
    changed = {}
    for code in range(0x20000):
        char = chr(code)
        if 0xD800 <= code <= 0xDFFF:
            continue
        for sample in (char, f"É{char}b"):
            if urls.slugify(sample) != _slug_as_ids_were_made(sample):
                changed[char] = urls.slugify(char)
                break
    assert changed == NOW_SPELLED


def test_slugs_of_every_id_made_from_a_name_in_the_data_are_unchanged() -> None:
    names = re.findall(r"^\s*nom: (.+)$", _data_text(), flags=re.MULTILINE)
    assert len(names) > 100
    for name in names:
        assert urls.slugify(name) == _slug_as_ids_were_made(name), name


def _data_text() -> str:
    root = REPO / "offer_data"
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(root.rglob("*.yaml")))


# ---------------------------------------------------------------------------- one home

GENERATOR = REPO / "generator"
_SPELLING = re.compile(
    "[\"'](" + "|".join(re.escape(c) for c in [*folding.LETTERS, "Œ", "Æ", "Ø"]) + ")[\"']"
)


def _sources() -> list[Path]:
    return [
        p
        for p in sorted(GENERATOR.rglob("*"))
        if p.suffix in (".py", ".js", ".j2") and "vendor" not in p.parts
    ]


def test_the_folding_table_is_written_once() -> None:
    """No other module spells out a letter (`"œ": "oe"`, `.replace("œ", …)`), decomposes
    text to fold it, or sorts with the browser's own collation."""
    found = []
    for path in _sources():
        source = path.read_text(encoding="utf-8")
        relative = path.relative_to(REPO).as_posix()
        if _SPELLING.search(source) and path.name != "folding.py":
            found.append(f"{relative}: letter spelled out")
        if re.search(r"\bNFK?D\b", source) and path.name not in ("folding.py", "texte.js"):
            found.append(f"{relative}: decomposes text itself")
        if re.search(r"localeCompare|Intl\.Collator|encode\(\"ascii\", \"ignore\"\)", source):
            found.append(f"{relative}: its own collation or folding")
    assert found == []
    shipped = folding.script_with_table(
        GENERATOR / "outputs" / "search" / "js" / "texte.js"
    ).decode()
    assert '"ø":"o"' in shipped and "/*@pliage@*/" not in shipped
