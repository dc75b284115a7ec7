"""Structured eligibility on a scheme (model.py, crossref.py): age bounds and situations."""

from __future__ import annotations

from pathlib import Path

from generator.data.errors import Report
from generator.data.reader import read_dataset
from tests.data.test_crossref import _check
from tests.support.datasets import copy_fixture

PERMIS = Path("dispositifs/association-essai/permis-jeunes-essai.yaml")


def _edit(root: Path, old: str, new: str) -> None:
    path = root / PERMIS
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def _issues(root: Path) -> dict[str, str]:
    report = Report()
    read_dataset(root, report)
    found = {i.key_path: i.message for i in report.issues}
    found.update({i.key_path: i.message for i in _check(root)})
    return found


def test_age_bounds_and_situations_are_read(tmp_path: Path) -> None:
    root = copy_fixture(tmp_path / "donnees")
    data = read_dataset(root, Report())
    permis = next(d.item for d in data.dispositifs if d.item.id == "permis-jeunes-essai")
    assert (permis.age_min, permis.age_max, permis.situations) == (18, 25, ["jeunes"])
    other = next(d.item for d in data.dispositifs if d.item.id == "accompagnement-jeunes-essai")
    assert (other.age_min, other.age_max, other.situations) == (None, None, [])


def test_an_age_out_of_range_is_refused_at_its_key(tmp_path: Path) -> None:
    root = copy_fixture(tmp_path / "donnees")
    _edit(root, "age_max: 25", "age_max: 130")
    found = _issues(root)
    assert "age_max" in found and "120" in found["age_max"]


def test_bounds_in_the_wrong_order_are_refused_with_a_fix(tmp_path: Path) -> None:
    root = copy_fixture(tmp_path / "donnees")
    _edit(root, "age_min: 18", "age_min: 30")
    found = _issues(root)
    assert "age_max" in found
    assert "age_min (30) est supérieur à age_max (25)" in found["age_max"]


def test_a_situation_must_be_a_public_of_the_vocabulary(tmp_path: Path) -> None:
    root = copy_fixture(tmp_path / "donnees")
    _edit(root, "situations: [jeunes]", "situations: [jeune, tous-publics]")
    found = _issues(root)
    assert "situations[0]" in found and "jeune" in found["situations[0]"]
    assert "situations" in found and "tous-publics" in found["situations"]
