"""The YAML reader refuses YAML 1.1 traps explicitly and keeps positions for everything."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.data import yamlsource
from generator.data.yamlsource import Pos, format_key_path, parse_yaml_bytes


def parse(text: str | bytes):  # type: ignore[no-untyped-def]
    raw = text if isinstance(text, bytes) else text.encode("utf-8")
    return parse_yaml_bytes(raw, Path("f.yaml"), "f.yaml")


def test_positions_of_values_and_keys_are_one_based() -> None:
    doc, issues = parse("id: x\nliste:\n  - a\n  - b: 1\n")
    assert issues == []
    assert doc is not None
    assert doc.pos(("id",)) == Pos(1, 5)
    assert doc.pos(("liste", 1, "b")) == Pos(4, 8)
    assert doc.pos(("liste",), at_key=True) == Pos(2, 1)
    # A path that does not exist falls back to its nearest parent.
    assert doc.pos(("liste", 1, "absent")) == Pos(4, 5)


def test_scalars_remember_their_raw_text_and_quoting() -> None:
    doc, _ = parse('a: 01004\nb: "01004"\nc: no\n')
    assert doc is not None
    assert doc.data == {"a": 516, "b": "01004", "c": False}
    scalar_a, scalar_b = doc.scalar(("a",)), doc.scalar(("b",))
    assert scalar_a is not None and scalar_a.raw == "01004" and not scalar_a.quoted
    assert scalar_b is not None and scalar_b.quoted


def test_dates_stay_text_so_the_model_parses_them() -> None:
    doc, _ = parse("d: 2024-02-30\ne: 2024-01-31\n")
    assert doc is not None
    assert doc.data == {"d": "2024-02-30", "e": "2024-01-31"}


def test_duplicate_key_is_reported_and_the_rest_still_read() -> None:
    doc, issues = parse("a: 1\nb: 2\na: 3\n")
    assert doc is not None
    assert doc.data == {"a": 1, "b": 2}
    assert [(i.line, i.col, i.key_path) for i in issues] == [(3, 1, "a")]


def test_billion_laughs_is_refused_before_expansion() -> None:
    lines = ['a0: &a0 ["lol"]'] + [
        f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 12)
    ]
    doc, issues = parse("\n".join(lines) + "\n")
    assert doc is None
    assert issues and all("alias" in i.message for i in issues)


def test_merge_keys_and_custom_tags_are_refused() -> None:
    _, merge = parse("base: {a: 1}\nx:\n  <<: {b: 2}\n")
    assert any("fusion" in i.message for i in merge)
    doc, tag = parse("x: !!python/object:os.system ls\n")
    assert doc is None or tag
    assert any("étiquette" in i.message for i in tag)


def test_bom_is_accepted_and_nul_refused() -> None:
    doc, issues = parse(b"\xef\xbb\xbfid: x\n")
    assert doc is not None and doc.data == {"id": "x"} and issues == []
    doc, issues = parse(b"id: x\x00\n")
    assert doc is None and "nul" in issues[0].message


def test_non_string_keys_are_errors() -> None:
    _, issues = parse("no: 1\n2024: x\n")
    assert [i.line for i in issues] == [1, 2]


def test_key_path_format() -> None:
    assert format_key_path(("sources", 0, "url")) == "sources[0].url"
    assert format_key_path(()) == ""


# One snippet per family of libyaml / PyYAML syntax messages: each gets its French
# explanation, none the generic fallback (and none the English text).
SYNTAX_ERRORS = {
    "x: a: b\n": "« : » inattendu",
    'x: "\\ud800"\n': "code d'échappement Unicode invalide",
    'x: "\\x4"\n': "code d'échappement",
    "x: - a\n": "élément de liste « - » inattendu",
    "x:\n  - a\n  b: 1\n": "élément de liste mal indenté",
    "a:\n  b: 1\n c: 2\n": "indentation incohérente",
    "x: [a, b\ny: 1\n": "crochets/accolades",
    "x: {a: 1\n": "crochets/accolades",
    "x: 'abc\n---\ny': 1\n": "« --- » ou « ... »",
    "%FOO bar\n---\nx: 1\n": "directive YAML",
    "%YAML 2.0\n---\nx: 1\n": "directive YAML",
    "%YAML 1.1\n%YAML 1.1\n---\nx: 1\n": "directive YAML",
    "x: !<abc\n": "étiquette YAML",
    "x: !a!b c\n": "étiquette YAML",
    "x: & a\n": "ancre",
    "x: * a\n": "alias",
    "x: |0\n  a\n": "bloc de texte",
    "x: |x\n  a\n": "bloc de texte",
    "x: @a\n": "caractère inattendu",
    "x: 'a\n": "jamais refermé",
    'x: "a\\qb"\n': "séquence d'échappement inconnue",
    "x:\n  - a\n - b\n": "indentation incohérente",
}
FALLBACK = "syntaxe YAML invalide à cet endroit"


@pytest.mark.parametrize("text", sorted(SYNTAX_ERRORS))
def test_syntax_errors_are_explained_in_french(text: str) -> None:
    doc, issues = parse(text)
    assert doc is None and len(issues) == 1, issues
    message = issues[0].message
    assert message.startswith("syntaxe YAML invalide : "), message
    assert FALLBACK not in message, (text, message)
    assert SYNTAX_ERRORS[text] in message, message


def test_the_pure_python_parser_is_explained_in_french_too(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Without libyaml, PyYAML words its errors differently; still French, still specific."""
    monkeypatch.setattr(yamlsource, "_Loader", yaml.SafeLoader)
    refused = 0
    for text in SYNTAX_ERRORS:
        _, issues = parse(text)
        syntax = [i for i in issues if i.message.startswith("syntaxe YAML")]
        refused += bool(syntax)
        for issue in syntax:
            assert FALLBACK not in issue.message, (text, issue.message)
    assert refused >= len(SYNTAX_ERRORS) - 3  # it accepts a few directives and escapes


@pytest.mark.parametrize(
    ("raw", "line", "col", "what"),
    [
        (b"id: a\x01b\n", 1, 6, "caractère de contrôle (U+0001)"),
        (b"id: a\n\x7f\n", 2, 1, "caractère de contrôle (U+007F)"),
        ("id: a\u0085b\n".encode(), 1, 6, "séparateur de ligne Unicode (U+0085)"),
        ("id: a\nt: b\u2029\n".encode(), 2, 5, "séparateur de ligne Unicode (U+2029)"),
        ("id: a\ufeffb\n".encode(), 1, 6, "marque d'ordre des octets (U+FEFF)"),
        (b"id: a\rt: b\n", 1, 6, "retour chariot seul (U+000D)"),
    ],
)
def test_invisible_characters_in_the_file_are_located(
    raw: bytes, line: int, col: int, what: str
) -> None:
    doc, issues = parse(raw)
    assert doc is None
    assert [(i.line, i.col) for i in issues] == [(line, col)]
    assert issues[0].message.startswith(what), issues[0].message
    assert "\n" not in issues[0].format()


def test_crlf_files_are_fine() -> None:
    doc, issues = parse(b"id: x\r\ndescription: |\r\n  a\r\n  b\r\n")
    assert issues == [] and doc is not None
    assert doc.data == {"id": "x", "description": "a\nb\n"}


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ('t: "a\\x07b"\n', "U+0007"),
        ('t: "a\\eb"\n', "U+001B"),
        ('t: "a\\rb"\n', "U+000D"),
        ('t: "a\\Nb"\n', "U+0085"),
        ('t: "a\\Lb"\n', "U+2028"),
        ('t: "a\\uFFFEb"\n', "U+FFFE"),
        ('"k\\tey": 1\n', "U+0009"),
    ],
)
def test_invisible_characters_written_as_escapes_are_refused(text: str, code: str) -> None:
    _, issues = parse(text)
    assert len(issues) == 1 and code in issues[0].message, issues
    assert (issues[0].line, issues[0].col) == (1, 1 if text.startswith('"') else 4)


def test_tab_and_newline_escapes_stay_allowed_in_values() -> None:
    doc, issues = parse('t: "a\\tb\\nc"\n')
    assert issues == [] and doc is not None and doc.data == {"t": "a\tb\nc"}
