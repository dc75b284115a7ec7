"""synonymes.yaml: checked like the rest of the data, compiled into search rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.catalog.load import load_catalog
from generator.data.errors import Report
from generator.data.synonyms import SYNONYMS_FILE, read_synonyms
from generator.rules import text
from tests.support.datasets import copy_fixture, run_cli
from tests.support.paths import REPO


def _read(
    tmp_path: Path, content: str
) -> tuple[Report, list[tuple[tuple[str, ...], list[tuple[str, ...]]]]]:
    (tmp_path / SYNONYMS_FILE).write_text(content, encoding="utf-8")
    report = Report()
    table = read_synonyms(tmp_path, report)
    return report, [(r.key, list(r.alternatives)) for r in table.rules]


def test_shipped_synonyms_are_valid_and_compiled() -> None:
    report = Report()
    table = read_synonyms(REPO / "offer_data", report)
    assert report.errors == []
    rules = {r.key: r for r in table.rules}
    rqth = rules[tuple(text.stems("RQTH"))]
    assert tuple(text.stems("travailleur handicapé")) in rqth.alternatives
    # One way: « aide-soignant » finds « sanitaire et social », not the reverse.
    assert (
        tuple(text.stems("sanitaire et social"))
        in rules[tuple(text.stems("aide-soignant"))].alternatives
    )
    assert tuple(text.stems("sanitaire et social")) not in rules
    # « DE » only as typed in capitals: in lowercase it is the stop word « de ».
    assert ("de",) in rules
    assert text.stems("de") == []


def test_both_ways_and_one_way(tmp_path: Path) -> None:
    report, rules = _read(
        tmp_path,
        "equivalences:\n  - termes: [chômage partiel, activité partielle]\n"
        "sens_unique:\n  - recherche: aide-soignant\n    trouve_aussi: [sanitaire et social]\n",
    )
    assert report.errors == []
    assert rules == [
        (("chomag", "partiel"), [("activit", "partiel")]),
        (("activit", "partiel"), [("chomag", "partiel")]),
        (("aide", "soignant"), [("sanitair", "social")]),
    ]


def test_missing_file_means_no_synonyms(tmp_path: Path) -> None:
    report = Report()
    assert read_synonyms(tmp_path, report).rules == []
    assert report.errors == []


def test_every_problem_is_reported_in_one_run_with_its_position(tmp_path: Path) -> None:
    report, rules = _read(
        tmp_path,
        "equivalences:\n"
        "  - termes: [RQTH, travailleur handicapé]\n"  # 2
        "  - termes: [de la, pour un]\n"  # 3: only stop words
        "  - termes: [handicapés, handicapé, Travailleurs handicapés]\n"  # 4: repeats, other group
        "  - termes: [seul]\n"  # 5: one expression
        "  - mots: [a, b]\n"  # 6: unknown key
        "sens_unique:\n"
        "  - recherche: alternance\n"
        "    trouve_aussi: [apprentissage]\n"
        "  - recherche: Alternances\n"  # 10: same search twice
        "    trouve_aussi: [alternance]\n"  # 11: itself
        "synonymes: []\n",  # 12: unknown key
    )
    assert rules == []
    messages = [issue.format() for issue in report.errors]
    path = SYNONYMS_FILE  # shown relative to the data folder

    def at(line: int, needle: str) -> bool:
        return any(m.startswith(f"{path}:{line}:") and needle in m for m in messages)

    assert at(12, "clé inconnue « synonymes »"), messages
    assert at(6, "clé inconnue « mots »"), messages
    assert at(5, "au moins 2"), messages
    assert at(6, "champ obligatoire manquant"), messages
    assert len(messages) == 4  # the model refuses the file: its other checks wait for a fix


def test_expressions_are_checked_once_the_shape_is_right(tmp_path: Path) -> None:
    report, rules = _read(
        tmp_path,
        "equivalences:\n"
        "  - termes: [RQTH, travailleur handicapé]\n"
        "  - termes: [de la, pour un]\n"
        "  - termes: [handicapés, handicapé, Travailleurs handicapés]\n"
        "sens_unique:\n"
        "  - recherche: alternance\n"
        "    trouve_aussi: [apprentissage]\n"
        "  - recherche: Alternances\n"
        "    trouve_aussi: [alternance]\n",
    )
    assert rules == []
    messages = [issue.format() for issue in report.errors]
    path = SYNONYMS_FILE  # shown relative to the data folder

    def at(line: int, col: int, needle: str) -> bool:
        return any(m.startswith(f"{path}:{line}:{col}:") and needle in m for m in messages)

    assert at(3, 14, "aucun mot que la recherche retient"), messages
    assert at(3, 21, "aucun mot que la recherche retient"), messages
    assert at(4, 26, "revient à une expression de ce groupe (« handicapés », ligne 4)"), messages
    assert at(4, 37, "figure déjà dans un autre groupe (« travailleur handicapé », ligne 2)"), (
        messages
    )
    assert at(8, 16, "est déjà cherché plus haut (« alternance », ligne 6)"), messages
    assert at(9, 20, "est l'expression cherchée elle-même"), messages
    assert len(messages) == 6
    assert all(" equivalences[" in m or " sens_unique[" in m for m in messages)


@pytest.mark.parametrize(
    "content",
    ["- [a, b]\n", "equivalences: oui\n", "equivalences:\n  - termes: [a, b\n"],
)
def test_malformed_files_give_a_french_error_not_a_traceback(tmp_path: Path, content: str) -> None:
    report, rules = _read(tmp_path, content)
    assert rules == []
    assert report.errors
    assert all(issue.line >= 1 and issue.col >= 1 for issue in report.errors)


def test_validate_reports_synonym_errors_with_the_rest(tmp_path: Path) -> None:
    data = copy_fixture(tmp_path / "d")
    (data / SYNONYMS_FILE).write_text("equivalences:\n  - termes: [de, pour]\n", encoding="utf-8")
    catalog, _ = load_catalog(data)
    assert catalog is None
    code, output = run_cli("validate", str(data))
    assert code == 1
    assert "synonymes.yaml:2:14" in output
    assert "aucun mot que la recherche retient" in output
