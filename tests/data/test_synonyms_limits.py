"""synonymes.yaml past its limits: a huge group is refused before any work, with the limit
named and how to raise it; what is accepted keeps the search index linear in the file."""

from __future__ import annotations

import json
from pathlib import Path

from generator.data.errors import Report
from generator.data.model import LimitesEntrees
from generator.data.synonyms import SYNONYMS_FILE, read_synonyms
from tests.support.datasets import copy_fixture, run_cli


def _words(count: int, prefix: str = "terme") -> list[str]:
    """Distinct words the stemmer keeps apart (letters only, no shared stem)."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    return [
        f"{prefix}{letters[i % 26]}{letters[i // 26 % 26]}{letters[i // 676 % 26]}x"
        for i in range(count)
    ]


def _groups(*sizes: int) -> str:
    groups = [
        {"termes": _words(size, prefix=f"groupe{letter}")}
        for letter, size in zip("abcdefghijklmnopqrstuvwxyz", sizes, strict=False)
    ]
    return json.dumps({"equivalences": groups}, ensure_ascii=False)  # JSON is YAML


def _read(folder: Path, content: str, limits: LimitesEntrees | None = None) -> Report:
    (folder / SYNONYMS_FILE).write_text(content, encoding="utf-8")
    report = Report()
    read_synonyms(folder, report, limits=limits)
    return report


def test_a_group_of_ten_thousand_words_is_refused_before_any_work(tmp_path: Path) -> None:
    data = copy_fixture(tmp_path / "donnees")
    (data / SYNONYMS_FILE).write_text(_groups(10_000), encoding="utf-8")
    code, output = run_cli("validate", str(data))
    assert code == 1
    assert "synonymes.yaml:1:" in output and "groupe de 10000 expressions : 40 au plus" in output
    assert "synonymes_groupe_max" in output and "reglages.yaml" in output
    assert "Traceback" not in output


def test_a_raised_group_limit_is_still_bounded_by_the_total_expansion(tmp_path: Path) -> None:
    report = _read(tmp_path, _groups(1_000), LimitesEntrees(synonymes_groupe_max=1_000))
    messages = [i.message for i in report.errors]
    assert len(messages) == 1
    assert "999000 liens" in messages[0] and "synonymes_expansion_max" in messages[0]


def test_many_groups_add_up_to_the_expansion_limit(tmp_path: Path) -> None:
    # 13 groups of 40: 13 × 40 × 39 = 20,280 links, past 20,000.
    report = _read(tmp_path, _groups(*[40] * 13))
    assert any("synonymes_expansion_max" in i.message for i in report.errors)
    assert _read(tmp_path, _groups(*[40] * 12)).errors == []


def test_the_limits_come_from_reglages_yaml(tmp_path: Path) -> None:
    (tmp_path / "reglages.yaml").write_text("limites:\n  synonymes_groupe_max: 3\n", "utf-8")
    report = _read(tmp_path, _groups(4))
    assert [i.message.split(" (")[0] for i in report.errors] == [
        "groupe de 4 expressions : 3 au plus"
    ]
