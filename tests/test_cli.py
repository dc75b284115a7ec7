"""The `offre` command: exit codes, French help, no traceback for data errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import REPO, run_cli

from generator import cli


def test_validate_clean_dataset_exits_0(dataset: Path) -> None:
    code, output = run_cli("validate", str(dataset))
    assert code == 0
    assert output.strip().startswith("Aucun problème :")


def test_python_dash_m_is_the_same_command(dataset: Path) -> None:
    bad = dataset / "dispositifs" / "region-essai" / "casse.yaml"
    bad.write_text("id: casse\ntitre: [\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "generator", "validate", str(dataset)],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )
    assert result.returncode == 1
    assert "casse.yaml:2:" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_missing_folder_is_a_data_error_not_a_bug(tmp_path: Path) -> None:
    code, output = run_cli("validate", str(tmp_path / "absent"))
    assert code == 1
    assert "dossier de données introuvable" in output


def test_a_bug_exits_3_with_a_traceback(monkeypatch: pytest.MonkeyPatch, dataset: Path) -> None:
    def broken(*_: object, **__: object) -> None:
        raise RuntimeError("bogue simulé")

    monkeypatch.setattr("generator.commands.load_catalog", broken)
    result = CliRunner().invoke(cli.main, ["validate", str(dataset)])
    assert result.exit_code == 3
    assert "Traceback" in result.output and "bogue simulé" in result.output
    assert "Erreur interne" in result.output


def test_warnings_fail_only_in_strict_mode(dataset: Path) -> None:
    scheme = dataset / "dispositifs" / "region-essai" / "aide-terminee-essai.yaml"
    scheme.write_text(
        scheme.read_text(encoding="utf-8").replace("statut: termine", "statut: actif"),
        encoding="utf-8",
    )
    assert run_cli("validate", str(dataset))[0] == 0
    code, output = run_cli("validate", "--strict", str(dataset))
    assert code == 1
    assert "warning: statut:" in output


@pytest.mark.parametrize(
    "command", [[], ["validate"], ["schema"], ["import-territoires"], ["vocabulaires"]]
)
def test_help_is_in_french(command: list[str]) -> None:
    code, output = run_cli(*command, "--help")
    assert code == 0
    assert output.startswith("Utilisation : offre")
    assert "Afficher cette aide." in output
    assert "Show this message" not in output


def test_vocabularies_lists_data_inclusion_and_local_values(dataset: Path) -> None:
    code, output = run_cli("vocabulaires", "publics", "--data", str(dataset))
    assert code == 0
    assert "jeunes\tJeunes\t[data·inclusion]" in output
    assert "employeurs\tEmployeurs\t[offre Clefop]" in output
    code, output = run_cli("vocabulaires", "inexistant", "--data", str(dataset))
    assert code == 1 and "vocabulaire « inexistant » inconnu" in output
