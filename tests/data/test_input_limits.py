"""The shared input checks (`generator.data.input_limits`), the settings that raise them,
and the territory import under hostile input: special files, sizes, unreadable data."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from generator.data.errors import UserError
from generator.data.input_limits import (
    check_regular,
    check_zip_parts,
    count_rows_and_cells,
    load_limits,
)
from generator.data.model import LimitesEntrees
from tests.support.datasets import run_cli
from tests.support.paths import REPO


def _snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


# ---------------------------------------------------------------------------- reglages.yaml


def test_a_setting_out_of_range_says_the_range(dataset: Path) -> None:
    (dataset / "reglages.yaml").write_text(
        "statut_a_confirmer_apres_mois: 999\nlimites:\n  classeur_lignes_max: 3\n", "utf-8"
    )
    code, output = run_cli("validate", str(dataset))
    assert code == 1
    assert (
        "reglages.yaml:1:32: error: statut_a_confirmer_apres_mois: 999 hors des bornes "
        "permises : de 1 à 240 (inclus)." in output
    )
    assert "limites.classeur_lignes_max: 3 hors des bornes permises : de 10 à 1000000" in output


@pytest.mark.parametrize("content", ["", "\n\n", "# rien à régler\n"])
def test_an_empty_settings_file_means_the_defaults(dataset: Path, content: str) -> None:
    (dataset / "reglages.yaml").write_text(content, "utf-8")
    code, output = run_cli("validate", str(dataset))
    assert code == 0, output
    assert load_limits(dataset) == LimitesEntrees()


def test_limits_are_read_from_the_settings(dataset: Path) -> None:
    (dataset / "reglages.yaml").write_text("limites:\n  classeur_lignes_max: 50\n", "utf-8")
    assert load_limits(dataset).classeur_lignes_max == 50
    assert load_limits(dataset).synonymes_groupe_max == LimitesEntrees().synonymes_groupe_max


# ---------------------------------------------------------------------------- files, zips


def test_special_files_and_sizes_are_refused_before_opening(tmp_path: Path) -> None:
    fifo = tmp_path / "tube"
    os.mkfifo(fifo)
    with pytest.raises(UserError, match="tube nommé"):
        check_regular(fifo, LimitesEntrees(), label="fichier")
    with pytest.raises(UserError, match="un dossier"):
        check_regular(tmp_path, LimitesEntrees(), label="fichier")
    big = tmp_path / "gros.json"
    big.write_bytes(b"[" + b" " * 5000 + b"]")
    with pytest.raises(UserError, match="fichier_octets_max"):
        check_regular(big, LimitesEntrees(fichier_octets_max=1000), label="fichier")
    assert check_regular(big, LimitesEntrees(), label="fichier") == 5002


def test_zip_parts_are_judged_from_the_directory(tmp_path: Path) -> None:
    bomb = tmp_path / "bombe.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * 5_000_000)
    with pytest.raises(UserError, match="classeur_taux_compression_max"):
        check_zip_parts(bomb, LimitesEntrees())
    with pytest.raises(UserError, match="classeur_partie_octets_max"):
        check_zip_parts(bomb, LimitesEntrees(classeur_partie_octets_max=1_000_000))
    check_zip_parts(bomb, LimitesEntrees(classeur_taux_compression_max=10_000))


def test_rows_and_cells_are_counted_across_chunk_boundaries(tmp_path: Path) -> None:
    rows = "".join(
        f'<row r="{r}">' + "".join(f'<c r="A{r}"><v>{c}</v></c>' for c in range(7)) + "</row>"
        for r in range(1, 40_001)
    )
    book = tmp_path / "lignes.xlsx"
    with zipfile.ZipFile(book, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("s.xml", f"<worksheet><sheetData>{rows}</sheetData></worksheet>")
    limits = LimitesEntrees(classeur_lignes_max=1_000_000, classeur_cellules_max=100_000_000)
    with zipfile.ZipFile(book) as archive:
        assert count_rows_and_cells(archive, "s.xml", limits) == (40_000, 280_000)


# ---------------------------------------------------------------------------- territories


def _import(csv: Path, dataset: Path) -> tuple[int, str]:
    return run_cli("import-territoires", str(csv), "--data", str(dataset))


def test_territory_import_refuses_special_files_and_oversized_files(
    dataset: Path, tmp_path: Path
) -> None:
    before = _snapshot(dataset)
    fifo = tmp_path / "efop.csv"
    os.mkfifo(fifo)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "generator",
            "import-territoires",
            str(fifo),
            "--data",
            str(dataset),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
    )
    assert done.returncode == 1 and "tube nommé (FIFO)" in done.stderr
    assert "Traceback" not in done.stderr
    code, output = _import(tmp_path, dataset)
    assert code == 1 and "un dossier" in output and "Invalid value" not in output
    big = tmp_path / "gros.csv"
    big.write_text("SIREN;EPCI;Code territoire;Territoire\n" + "x;y;z;w\n" * 2000, "utf-8")
    (dataset / "reglages.yaml").write_text("limites:\n  csv_octets_max: 5000\n", "utf-8")
    before = _snapshot(dataset)
    code, output = _import(big, dataset)
    assert code == 1 and "csv_octets_max" in output and "reglages.yaml" in output
    assert _snapshot(dataset) == before


def test_an_unreadable_territory_file_stops_the_import(dataset: Path, tmp_path: Path) -> None:
    """Rewritten, it would lose its priorities and contacts: an error, not a smaller dataset."""
    rows = []
    import yaml

    for index, path in enumerate(sorted((dataset / "territoires").glob("*.yaml"))):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        rows += [f"{s};EPCI {s};EFOP{index};{data['nom']}" for s in data["epci"]]
        rows += [f"{c};Commune {c};EFOP{index};{data['nom']}" for c in data["communes_hors_epci"]]
    csv = tmp_path / "efop.csv"
    csv.write_text("SIREN;Nom de l'EPCI;Code territoire EFOP;Territoire EFOP\n" + "\n".join(rows))
    broken = sorted((dataset / "territoires").glob("*.yaml"))[0]
    broken.write_bytes(broken.read_bytes() + b"\nnom: \xff\n")
    before = _snapshot(dataset)
    code, output = _import(csv, dataset)
    assert code == 1
    assert "fichier de territoire illisible" in output and "UTF-8" in output
    assert _snapshot(dataset) == before
