"""Hostile inputs on the two newest ways in, `offre import-france-services` and
`offre import-annuaire`: each refused at once with a French message naming what is wrong,
exit code 1 and nothing written (in the style of data_inclusion/test_hostile.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.importers.annuaire.mapping import MAPPING_FILE
from tests.importers.annuaire.test_import import MAPPING as FICTITIOUS_MAPPING
from tests.support.paths import REPO


def _offre(*args: str) -> tuple[int, str]:
    """The real command in its own process: a FIFO that blocked would fail on the timeout
    instead of hanging the test session."""
    result = subprocess.run(
        [sys.executable, "-m", "generator", *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
        check=False,
    )
    return result.returncode, result.stdout + result.stderr


def _tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.fixture
def data(dataset: Path) -> Path:
    (dataset / MAPPING_FILE).write_text(FICTITIOUS_MAPPING, encoding="utf-8")
    return dataset


COMMANDS = {
    "france-services": ("import-france-services", "--date-liste", "2024-08-01"),
    "annuaire": ("import-annuaire",),
}


@pytest.mark.parametrize("way", sorted(COMMANDS))
def test_a_fifo_is_refused_without_blocking(way: str, data: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "liste-fs-20240801.csv"
    os.mkfifo(fifo)
    before = _tree(data)
    command, *extra = COMMANDS[way]
    code, output = _offre(command, str(fifo), "--data", str(data), *extra)
    assert code == 1, output
    assert "tube nommé (FIFO)" in output
    assert "Traceback" not in output
    assert _tree(data) == before


@pytest.mark.parametrize("way", sorted(COMMANDS))
def test_a_file_over_the_size_limit_is_refused_before_reading(
    way: str, data: Path, tmp_path: Path
) -> None:
    (data / "reglages.yaml").write_text("limites:\n  fichier_octets_max: 1000\n", encoding="utf-8")
    big = tmp_path / "liste-fs-20240801.csv"
    big.write_bytes(b"x" * 5000)
    before = _tree(data)
    command, *extra = COMMANDS[way]
    code, output = _offre(command, str(big), "--data", str(data), *extra)
    assert code == 1, output
    assert "trop gros" in output
    assert "fichier_octets_max" in output
    assert "Traceback" not in output
    assert _tree(data) == before


@pytest.mark.parametrize(
    ("document", "named"),
    [
        ('{"service": [' + "[" * 200_000 + "]" * 200_000 + "]}", "profondeur_json_max"),
        ("[" + '{"a":' * 50_000 + "1" + "}" * 50_000 + "]", "profondeur_json_max"),
        ('[{"nom": "' + "a" * 2_000_000 + '"}]', "json_texte_octets_max"),
    ],
    ids=["nested-arrays", "nested-objects", "long-string"],
)
def test_directory_json_past_the_nesting_or_text_limits_is_refused_at_once(
    document: str, named: str, data: Path, tmp_path: Path
) -> None:
    hostile = tmp_path / "annuaire.json"
    hostile.write_text(document, encoding="utf-8")
    before = _tree(data)
    code, output = _offre("import-annuaire", str(hostile), "--data", str(data), "--dry-run")
    assert code == 1, output
    assert named in output
    assert f"{hostile.name}:1:" in output  # located: file, line, column
    assert "Traceback" not in output
    assert _tree(data) == before
