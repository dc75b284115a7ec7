"""Checks across files (crossref.py): ids, references, vocabularies, codes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from generator.data.crossref import check_dataset
from generator.data.errors import Issue, Report, Severity
from generator.data.geo import load_geo
from generator.data.reader import GEO_FILE, read_dataset
from generator.data.vocab import build_vocabularies
from tests.support.datasets import copy_fixture

TODAY = date(2026, 12, 1)
MOBILITE = Path("dispositifs/france-travail-essai/aide-mobilite-essai.yaml")


def _check(root: Path) -> list[Issue]:
    data = read_dataset(root, Report())
    vocab, _ = build_vocabularies(data.vocabulaires.item if data.vocabulaires else None)
    return list(check_dataset(data, vocab, load_geo(root / GEO_FILE), TODAY))


def _edit(root: Path, old: str, new: str) -> None:
    path = root / MOBILITE
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_the_valid_dataset_has_no_error(tmp_path: Path) -> None:
    issues = _check(copy_fixture(tmp_path / "donnees"))
    assert [i.format() for i in issues if i.severity is Severity.ERROR] == []


def test_an_unknown_provider_is_reported_at_its_line_with_a_hint(tmp_path: Path) -> None:
    root = copy_fixture(tmp_path / "donnees")
    _edit(root, "porteur: france-travail-essai", "porteur: france-travail-esai")
    [issue] = [i for i in _check(root) if i.key_path == "porteur"]
    assert issue.path.endswith(MOBILITE.as_posix()) and issue.line == 3
    assert "france-travail-esai" in issue.message
    assert "Vouliez-vous dire « france-travail-essai » ?" in issue.message


def test_an_unknown_vocabulary_value_and_territory_code(tmp_path: Path) -> None:
    root = copy_fixture(tmp_path / "donnees")
    _edit(root, "publics: [demandeurs-emploi]", "publics: [demandeurs-emplois]")
    _edit(root, "territoires: tous", 'territoires: ["99999"]')
    found = {i.key_path: i for i in _check(root) if i.severity is Severity.ERROR}
    assert "publics[0]" in found and "demandeurs-emplois" in found["publics[0]"].message
    assert "territoires[0]" in found and "99999" in found["territoires[0]"].message


def test_two_files_with_one_id_are_both_named(tmp_path: Path) -> None:
    root = copy_fixture(tmp_path / "donnees")
    copy = root / "dispositifs" / "region-essai" / "copie.yaml"
    copy.write_text((root / MOBILITE).read_text(encoding="utf-8"), encoding="utf-8")
    duplicates = [
        i for i in _check(root) if "aide-mobilite-essai" in i.message and i.key_path == "id"
    ]
    assert duplicates
    assert any("copie.yaml" in i.path or "copie.yaml" in i.message for i in duplicates)
