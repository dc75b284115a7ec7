"""The YAML reader refuses YAML 1.1 traps explicitly and keeps positions for everything."""

from __future__ import annotations

from pathlib import Path

from generator.yamlsource import Pos, format_key_path, parse_yaml_bytes


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
