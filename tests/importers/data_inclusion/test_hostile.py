"""`offre import-data-inclusion` under hostile input: every case ends in a clean exit code,
a located French error (or a file `validate` accepts), nothing written outside `lieux/`,
and no case can run long — the limits make the refusal immediate.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.data.errors import UserError
from generator.importers.places import plan, writer
from tests.support.datasets import run_cli
from tests.support.di_fixtures import (
    base_structures,
    snapshot,
    write_inputs,
    write_json,
    write_mapping,
)
from tests.support.paths import REPO

LIEUX = "lieux"


@pytest.fixture
def setup(dataset: Path, in_tmp: Path) -> tuple[Path, Path, Path]:
    write_mapping(dataset)
    structures, services = write_inputs(in_tmp / "entree")
    return dataset, structures, services


def _run(dataset: Path, structures: Path, services: Path, *extra: str) -> tuple[int, str]:
    return run_cli(
        "import-data-inclusion",
        "--structures",
        str(structures),
        "--services",
        str(services),
        "--data",
        str(dataset),
        "--date",
        "2025-03-10",
        *extra,
    )


def _refused(output: str) -> None:
    assert "Traceback" not in output
    assert "Error:" not in output and "Invalid value" not in output  # click's English


def test_fifo_as_structures_is_refused_at_once(setup: tuple[Path, Path, Path]) -> None:
    dataset, _, services = setup
    fifo = services.parent / "tube.json"
    os.mkfifo(fifo)
    before = snapshot(dataset)
    # A subprocess with a timeout: a regression would block on open() forever.
    command = ["import-data-inclusion", "--structures", str(fifo), "--services", str(services)]
    done = subprocess.run(
        [sys.executable, "-m", "generator", *command, "--data", str(dataset)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
    )
    assert done.returncode == 1
    assert "tube nommé (FIFO)" in done.stderr and "--structures" in done.stderr
    _refused(done.stderr)
    assert snapshot(dataset) == before


def test_a_folder_given_as_a_file_is_refused_in_french(setup: tuple[Path, Path, Path]) -> None:
    dataset, structures, _ = setup
    code, output = _run(dataset, structures, structures.parent)
    assert code == 1
    assert "--services" in output and "un dossier" in output
    _refused(output)
    code, output = _run(dataset, structures.parent / "absent.json", structures)
    assert code == 1 and "fichier introuvable" in output
    _refused(output)


@pytest.mark.parametrize("depth", [10_000, 1_000_000])
def test_deep_nesting_is_refused_before_parsing(setup: tuple[Path, Path, Path], depth: int) -> None:
    dataset, structures, services = setup
    records = base_structures()
    text = json.dumps(records)[:-1] + ', {"id": "x", "nom": ' + "[" * depth + "]" * depth + "}]"
    structures.write_text(text, encoding="utf-8")
    before = snapshot(dataset)
    code, output = _run(dataset, structures, services)
    assert code == 1
    assert "imbrication trop profonde" in output and "profondeur_json_max" in output
    assert f"enregistrement n° {len(records) + 1}" in output
    assert "structures.json:1:" in output  # located: line and column
    _refused(output)
    assert snapshot(dataset) == before


def test_brackets_inside_strings_do_not_count_as_nesting(setup: tuple[Path, Path, Path]) -> None:
    dataset, structures, services = setup
    records = base_structures()
    records[0]["description"] = "[" * 5000 + ' \\" {{{ ' + "\\" * 7
    write_json(structures, records)
    code, output = _run(dataset, structures, services, "--dry-run")
    assert code == 0, output


def test_lone_surrogate_is_a_located_error(setup: tuple[Path, Path, Path]) -> None:
    dataset, structures, services = setup
    records = base_structures()
    text = json.dumps(records).replace(
        '"Agence fictive de test (Nantes)"', '"Agence \\udc80 fictive"'
    )
    structures.write_text(text, encoding="utf-8")
    before = snapshot(dataset)
    code, output = _run(dataset, structures, services)
    assert code == 1
    assert "entree/structures.json:1:" in output and "enregistrement n° 1)" in output
    assert "UTF-16" in output
    _refused(output)
    assert snapshot(dataset) == before


@pytest.mark.parametrize("bad", ["\x0b", "\x07", "a\rb", "\u2028", "\x1b[31m"])
def test_control_characters_never_reach_a_file_validate_refuses(
    setup: tuple[Path, Path, Path], bad: str
) -> None:
    dataset, structures, services = setup
    records = base_structures()
    records[0]["description"] = f"Agence {bad} fictive.\r\nDeuxième ligne."
    records[0]["horaires_accueil"] = f"Lundi {bad} matin"
    write_json(structures, records)
    code, output = _run(dataset, structures, services)
    assert code == 0, output
    code, report = run_cli("validate", str(dataset))
    assert code == 0, report


def test_swapped_files_are_refused(setup: tuple[Path, Path, Path]) -> None:
    dataset, structures, services = setup
    before = snapshot(dataset)
    code, output = _run(dataset, services, structures)
    assert code == 1
    assert "inversés" in output and "structure_id" in output
    _refused(output)
    assert snapshot(dataset) == before


def test_an_empty_id_is_a_located_data_error(setup: tuple[Path, Path, Path]) -> None:
    dataset, structures, services = setup
    records = base_structures()
    records[0]["id"] = ""
    write_json(structures, records)
    code, output = _run(dataset, structures, services)
    assert code == 1
    assert "enregistrement n° 1: error: id : identifiant vide" in output
    assert "erreur de l'outil" not in output
    _refused(output)


def test_a_places_folder_linked_outside_is_never_written_through(
    setup: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    dataset, structures, services = setup
    outside = tmp_path / "ailleurs"
    (dataset / LIEUX).rename(outside)
    (dataset / LIEUX).symlink_to(outside, target_is_directory=True)
    before = snapshot(outside)
    code, output = _run(dataset, structures, services)
    assert code == 1
    assert "lien symbolique" in output and "hors du dossier de données" in output
    _refused(output)
    assert snapshot(outside) == before


@pytest.mark.parametrize(
    ("setting", "value", "expected"),
    [
        ("fichier_octets_max", 1000, "fichier_octets_max"),
        ("enregistrements_max", 10, "enregistrements_max"),
        ("profondeur_json_max", 4, "profondeur_json_max"),
    ],
)
def test_limits_are_named_with_how_to_raise_them(
    setup: tuple[Path, Path, Path], setting: str, value: int, expected: str
) -> None:
    dataset, structures, services = setup
    records = base_structures() * 3  # 3 × the base: more than 10 records
    records[0]["nested"] = {"a": [{"b": [1]}]}
    write_json(structures, records)
    (dataset / "reglages.yaml").write_text(f"limites:\n  {setting}: {value}\n", encoding="utf-8")
    before = snapshot(dataset)
    code, output = _run(dataset, structures, services)
    assert code == 1
    assert expected in output and "reglages.yaml" in output
    _refused(output)
    assert snapshot(dataset) == before


def test_apply_refuses_a_plan_made_before_another_import_wrote(
    setup: tuple[Path, Path, Path],
) -> None:
    """An importer that does not hold the lock across scan and apply still loses nothing."""
    dataset, structures, services = setup
    code, output = _run(dataset, structures, services)
    assert code == 0, output
    existing = plan.scan(dataset)
    target = next(f for f in existing.files if f.identifier)
    stale = plan.build_plan([], existing, dataset, invalid_ids=set())
    target.path.write_text(target.path.read_text(encoding="utf-8") + "# édité\n", "utf-8")
    edited = snapshot(dataset)
    with pytest.raises(UserError, match="ont changé pendant l'import"):
        writer.apply(stale, remove=stale.vanished)
    assert snapshot(dataset) == edited


def test_a_huge_string_is_refused_before_it_is_built(setup: tuple[Path, Path, Path]) -> None:
    dataset, structures, services = setup
    records = base_structures()
    records[1]["description"] = "é" * 600_000  # 1.2 MB of UTF-8 in one value
    write_json(structures, records)
    before = snapshot(dataset)
    code, output = _run(dataset, structures, services)
    assert code == 1
    assert "texte trop long" in output and "enregistrement n° 2" in output
    assert "json_texte_octets_max" in output and "structures.json:" in output
    _refused(output)
    assert snapshot(dataset) == before
    # Long strings under the limit, and strings cut by the reader's chunks, get past the
    # reader: the official model then judges them (10,000 characters at most).
    records[1]["description"] = "x" * 900_000
    records[2]["description"] = '\\"[{' * 100_000
    write_json(structures, records)
    code, output = _run(dataset, structures, services, "--dry-run")
    assert code == 1
    assert "json_texte_octets_max" not in output and "imbrication" not in output
    assert output.count("caractères, au plus 10000) : raccourcissez-le.") == 2


def test_a_folder_or_fifo_as_mapping_file_is_refused_in_french(
    setup: tuple[Path, Path, Path],
) -> None:
    dataset, structures, services = setup
    for special in (structures.parent, structures.parent / "tube.yaml"):
        if special.suffix:
            os.mkfifo(special)
        code, output = _run(dataset, structures, services, "--correspondances", str(special))
        assert code == 1
        assert "ce n'est pas un fichier ordinaire" in output
        _refused(output)


def test_an_unreadable_place_file_stops_the_import(setup: tuple[Path, Path, Path]) -> None:
    """Skipped, it would pass for a vanished place (and its id could be given again)."""
    dataset, structures, services = setup
    broken = next((dataset / LIEUX).rglob("*.yaml"))
    broken.write_bytes(broken.read_bytes() + b"\nnote: \xff\n")
    before = snapshot(dataset)
    code, output = _run(dataset, structures, services, "--supprimer-disparus")
    assert code == 1
    assert broken.name in output and "UTF-8" in output and "Rien n'a été écrit" in output
    _refused(output)
    assert snapshot(dataset) == before
