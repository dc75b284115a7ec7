"""Each display and vocabulary rule has one home: counted across the generator's code.

Status labels, the facet list and the shapes of official codes are defined once in
Python (`display`, `search/facets`, `codes`) and reach templates and scripts from there.
These tests read every `.py`, `.js` and `.j2` file of the package as text and count the
places that spell them out; a label typed again in a template, a facet list copied into a
script or a code pattern pasted into an importer makes them fail, naming the file.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import get_args

import pytest

from generator.data import message_table
from generator.data.model import Dispositif
from generator.outputs.search import facets
from generator.rules import codes, display

PACKAGE = Path(display.__file__).parents[1]
HOMES = {
    "display": PACKAGE / "rules" / "display.py",
    "facets": PACKAGE / "outputs" / "search" / "facets.py",
    "codes": PACKAGE / "rules" / "codes.py",
}


def sources() -> dict[str, str]:
    """Every source file of the package (third-party scripts under vendor/ excepted)."""
    found: dict[str, str] = {}
    for suffix in ("py", "js", "j2"):
        for path in sorted(PACKAGE.rglob(f"*.{suffix}")):
            if "vendor" not in path.parts:
                found[str(path.relative_to(PACKAGE))] = path.read_text(encoding="utf-8")
    return found


SOURCES = sources()


def places(pattern: re.Pattern[str]) -> list[str]:
    """`file:line` of each match of `pattern` in the package's sources."""
    out = []
    for name, text in SOURCES.items():
        for match in pattern.finditer(text):
            out.append(f"{name}:{text.count(chr(10), 0, match.start()) + 1}")
    return out


def home(key: str) -> str:
    return str(HOMES[key].relative_to(PACKAGE))


# ---------------------------------------------------------------------------- statuses

STATUS_LABELS = sorted(
    {
        *display.STATUS_LABELS.values(),
        display.DOUBT_LABEL,
        display.PERSON_DOUBT_LABEL,
        display.DOUBT_ADVICE,
        *display.STATUS_TITLES.values(),
    }
)


def test_sources_are_found() -> None:
    assert len(SOURCES) > 100
    assert any(name.endswith(".js") for name in SOURCES)
    assert any(name.endswith(".j2") for name in SOURCES)


@pytest.mark.parametrize("label", STATUS_LABELS)
def test_each_status_label_is_written_once(label: str) -> None:
    # A label written out: a string literal of its own (Python, JS, a Jinja argument) or
    # the whole text of an HTML element in a template.
    text = re.escape(label)
    found = places(re.compile(f"([\"'])({text})\\1|>\\s*{text}\\s*<"))
    assert len(found) == 1, f"« {label} » défini {len(found)} fois : {found}"
    assert found[0].startswith(home("display") + ":")


def test_recorded_statuses_are_the_models() -> None:
    """The statuses labels are given for are the ones the data may hold."""
    assert get_args(Dispositif.model_fields["statut"].annotation) == display.STATUS_ORDER
    assert set(display.STATUS_LABELS) == set(display.STATUS_ORDER)


# ---------------------------------------------------------------------------- facets

FACET_NAMES = set(facets.NAMES)
_QUOTED = re.compile(r"[\"']([a-z_]+)[\"']")
# A list or tuple of quoted words, or an object literal's keys (JS).
_LIST = re.compile(r"[\[(]\s*(?:[\"'][a-z_]+[\"']\s*,\s*)+[\"'][a-z_]+[\"']\s*,?\s*[\])]")
_OBJECT = re.compile(r"\{[^{}]*\}")
_KEY = re.compile(r"[\"']?([a-z_]+)[\"']?\s*:")


# The one mapping keyed by facet that is not a list of them: how each facet's values are
# gathered. `facet_values` returns it in the order of FACETS, so a facet without its
# builder fails the build (KeyError) instead of being listed twice.
VALUE_BUILDERS = "outputs/search/columns.py"


def facet_lists() -> list[str]:
    """Places where three or more facet names, and nothing else, are listed by hand."""
    found = []
    for name, text in SOURCES.items():
        for match in _LIST.finditer(text):
            words = set(_QUOTED.findall(match.group()))
            if len(words) >= 3 and words <= FACET_NAMES:
                found.append(f"{name}:{text.count(chr(10), 0, match.start()) + 1}")
        for match in _OBJECT.finditer(text):
            keys = set(_KEY.findall(match.group()))
            if len(keys) >= 3 and keys <= FACET_NAMES and name != VALUE_BUILDERS:
                found.append(f"{name}:{text.count(chr(10), 0, match.start()) + 1}")
    return found


def test_the_facet_list_is_written_once() -> None:
    # Each facet is declared once, by a Facet(...) in search/facets.py …
    for name in facets.NAMES:
        declared = places(re.compile(f'Facet\\(\\s*"{name}"'))
        assert len(declared) == 1, f"facette « {name} » déclarée {len(declared)} fois"
        assert declared[0].startswith(home("facets") + ":")
    # … and nowhere listed again: not in Python, not in a script, not in a template.
    assert facet_lists() == []
    hand_made = places(re.compile(r'data-facette="[a-z]'))
    assert hand_made == [], f"facettes écrites à la main dans un gabarit : {hand_made}"


def test_facet_list_detection_sees_a_copy() -> None:
    """The detector itself: a copied list or object of facet names is seen."""
    SOURCES["copie.js"] = (
        'var MULTI = ["public", "thematique", "axe"];\nvar N = { statut: 1, nature: 2, doute: 3 };'
    )
    try:
        assert facet_lists() == ["copie.js:1", "copie.js:2"]
    finally:
        del SOURCES["copie.js"]


# ---------------------------------------------------------------------------- codes

# Fragments of the official codes' shapes, however a regular expression spells them.
CODE_FRAGMENTS = {
    "Corse (2A/2B)": (r"2\[AB\]", 2),  # in the commune code and the département code
    "9 chiffres (SIREN)": (r"(?:\\d|\[0-9\])\{9\}", 1),
    "5 chiffres (INSEE, code postal)": (r"(?:\\d|\[0-9\])\{5\}", 2),
}


@pytest.mark.parametrize("what", sorted(CODE_FRAGMENTS))
def test_each_code_pattern_is_written_once(what: str) -> None:
    fragment, expected = CODE_FRAGMENTS[what]
    found = places(re.compile(fragment))
    assert all(place.startswith(home("codes") + ":") for place in found), found
    assert len(found) == expected, found


def test_code_patterns_agree_with_their_checks() -> None:
    assert codes.is_insee_commune("2A004") and codes.is_insee_commune("49099")
    assert not codes.is_insee_commune("49 099") and not codes.is_insee_commune("٤٩٠٩٩")
    assert codes.is_departement("2B") and codes.is_departement("974")
    assert codes.is_siren("244900015") and not codes.is_siren("24490001")
    assert codes.is_zone("44") and codes.is_zone("44109") and not codes.is_zone("4410")
    assert codes.anchored(codes.POSTCODE) == r"^\d{5}$"
    assert re.fullmatch(codes.js_patterns()["commune"], "2B033")


# ---------------------------------------------------------------------------- messages


def test_each_field_message_is_in_the_table_and_used() -> None:
    """The validator and the importers take their sentences from messages.yaml: every
    key they ask for is there, and every sentence there is asked for."""
    asked = set(re.findall(r'field_message\(\s*"([a-z_]+)"', "".join(SOURCES.values())))
    assert asked, "aucun appel à field_message trouvé"
    assert asked == set(message_table.field_keys())


def test_pydantic_wordings_are_not_retyped() -> None:
    # Sentences of the table written again in code (as literals or f-strings).
    for sentence in (
        r"champ obligatoire manquant",
        r"texte trop long \(\{",
        r"au moins (?:un élément|une valeur)",
        r"nombre entier attendu",
        r"nombre trop (?:petit|grand)",
    ):
        found = places(re.compile(sentence))
        assert found == [], f"« {sentence} » écrit dans le code : {found}"


def test_yaml_problems_come_from_the_table() -> None:
    assert len(message_table.yaml_problems()) > 30
    assert "syntaxe YAML invalide" in message_table.yaml_fallback()


# ---------------------------------------------------------------------------- plurals


def test_no_template_makes_its_own_plural() -> None:
    """Counts agree through `pluriel` / `accord` (display.plural: 0 and 1 singular)."""
    hand_made = places(re.compile(r"\{\{\s*\"(?:s|x|nt)\"\s+if\b"))
    assert hand_made == [], f"pluriel écrit à la main : {hand_made}"
    assert [display.plural(n, "lieu", "lieux") for n in (0, 1, 2)] == [
        "0 lieu",
        "1 lieu",
        "2 lieux",
    ]
