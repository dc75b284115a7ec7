"""The `offre` command: exit codes, French help, no traceback for data errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from generator import cli
from tests.support.datasets import run_cli
from tests.support.paths import REPO


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

    monkeypatch.setattr("generator.catalog.load.load_catalog", broken)
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


def _all_options(group: click.Group, prefix: str = "") -> list[tuple[str, click.Option]]:
    found: list[tuple[str, click.Option]] = []
    for name, command in sorted(group.commands.items()):
        path = f"{prefix}{name}"
        if isinstance(command, click.Group):
            found += _all_options(command, f"{path} ")
        found += [(path, p) for p in command.params if isinstance(p, click.Option)]
    return found


# One French spelling per option across commands; the English ones stay as aliases so
# that no script written for them breaks.
FRENCH_FIRST = {"--data": "--donnees", "--out": "--sortie", "--dry-run": "--essai"}


def test_every_option_has_one_french_spelling_first_with_english_aliases() -> None:
    options = _all_options(cli.main)
    assert len(options) > 20
    for command, option in options:
        for english, french in FRENCH_FIRST.items():
            if english in option.opts or french in option.opts:
                assert option.opts[0] == french, (command, option.opts)
                assert english in option.opts, (command, option.opts)


@pytest.mark.parametrize("spelling", ["--essai", "--dry-run"])
def test_both_spellings_of_a_dry_run_are_accepted(spelling: str, dataset: Path) -> None:
    before = sorted(p.read_bytes() for p in dataset.rglob("*.yaml"))
    code, output = run_cli(
        "import-territoires", str(dataset / "absent.csv"), "--donnees", str(dataset), spelling
    )
    assert code == 1, output
    assert "absent.csv" in output
    assert sorted(p.read_bytes() for p in dataset.rglob("*.yaml")) == before


def test_an_option_is_spelled_the_same_way_in_every_command() -> None:
    spellings: dict[str, set[tuple[str, ...]]] = {}
    for _, option in _all_options(cli.main):
        for name in option.opts:
            spellings.setdefault(name, set()).add(tuple(option.opts))
    differing = {name: found for name, found in spellings.items() if len(found) > 1}
    assert not differing, differing


def test_each_verb_lives_in_its_own_module() -> None:
    modules: dict[str, str] = {}
    for name, command in sorted(cli.main.commands.items()):
        assert command.callback is not None, name
        module = command.callback.__module__
        assert module.startswith("generator.cli."), (name, module)
        assert module not in modules, (name, modules[module])
        modules[module] = name
    assert len(modules) == len(cli.main.commands) >= 12
