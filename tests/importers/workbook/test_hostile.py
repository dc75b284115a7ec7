"""`offre classeur importer` under hostile input: zip bombs, too many rows or cells, special
files, formulas without values, error values, forged hidden sheets, concurrent imports.
For each: the exit code, a located French error, nothing written; the limits make each
refusal immediate (no case reads what it refuses)."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from generator.importers.data_folder import import_lock
from tests.importers.workbook.test_workbook import NEW_SCHEME
from tests.support.classeur_helpers import add_row, edit, export, import_, row_of, snapshot
from tests.support.datasets import run_cli
from tests.support.paths import REPO

GARANTIE = "dispositifs/france-travail-essai/garantie-essai.yaml"
MOBILITE = "dispositifs/france-travail-essai/aide-mobilite-essai.yaml"
APPRENTISSAGE = "dispositifs/region-essai/apprentissage-essai.yaml"


def _command(workbook: Path, dataset: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "generator",
        "classeur",
        "importer",
        str(workbook),
        "--data",
        str(dataset),
    ]


def _clean(output: str) -> None:
    assert "Traceback" not in output and "Erreur interne" not in output
    assert "Error:" not in output and "Invalid value" not in output  # click's English


def _limit(dataset: Path, **values: int) -> None:
    lines = "".join(f"  {k}: {v}\n" for k, v in values.items())
    (dataset / "reglages.yaml").write_text(f"limites:\n{lines}", encoding="utf-8")


def _replace_part(workbook: Path, member: str, data: bytes) -> None:
    copy = workbook.with_suffix(".tmp.xlsx")
    with zipfile.ZipFile(workbook) as source, zipfile.ZipFile(copy, "w") as target:
        for info in source.infolist():
            body = data if info.filename == member else source.read(info)
            target.writestr(info, body, compress_type=zipfile.ZIP_DEFLATED)
    copy.replace(workbook)


def test_zip_bomb_is_refused_from_the_zip_directory(dataset: Path, tmp_path: Path) -> None:
    workbook = export(dataset, tmp_path / "bombe.xlsx")
    # 30 MB of one byte: compressed about a thousand times, refused by ratio without inflating.
    _replace_part(workbook, "xl/worksheets/sheet2.xml", b"<" * 30_000_000)
    before = snapshot(dataset)
    code, output = import_(workbook, dataset)
    assert code == 1
    assert "bombe.xlsx" in output and "classeur_taux_compression_max" in output
    assert "reglages.yaml" in output
    _clean(output)
    assert snapshot(dataset) == before


def test_a_part_too_large_once_inflated_is_refused(dataset: Path, tmp_path: Path) -> None:
    workbook = export(dataset, tmp_path / "gros.xlsx")
    _limit(dataset, classeur_partie_octets_max=5_000)
    before = snapshot(dataset)
    code, output = import_(workbook, dataset)
    assert code == 1
    assert "une fois décompressée" in output and "classeur_partie_octets_max" in output
    _clean(output)
    assert snapshot(dataset) == before


@pytest.mark.parametrize(
    ("setting", "message"),
    [("classeur_lignes_max", "lignes"), ("classeur_cellules_max", "cellules")],
)
def test_too_many_rows_or_cells_are_counted_before_loading(
    dataset: Path, tmp_path: Path, setting: str, message: str
) -> None:
    workbook = export(dataset, tmp_path / "lignes.xlsx")
    book = load_workbook(workbook)
    sheet = book["Dispositifs"]
    for number in range(200):
        sheet.cell(sheet.max_row + 1, 1, f"ligne-{number}")
    book.save(workbook)
    _limit(dataset, **{setting: 100})
    before = snapshot(dataset)
    code, output = import_(workbook, dataset)
    assert code == 1
    assert "lignes.xlsx:Dispositifs" in output and message in output and setting in output
    _clean(output)
    assert snapshot(dataset) == before


def test_fifo_and_folder_are_refused_in_french(dataset: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "tube.xlsx"
    os.mkfifo(fifo)
    done = subprocess.run(
        _command(fifo, dataset),
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
    )
    assert done.returncode == 1 and "tube nommé (FIFO)" in done.stderr
    _clean(done.stderr)
    folder = tmp_path / "dossier.xlsx"
    folder.mkdir()
    code, output = import_(folder, dataset)
    assert code == 1 and "un dossier" in output
    _clean(output)


def test_formula_without_a_value_is_located_not_read_as_empty(
    dataset: Path, tmp_path: Path
) -> None:
    workbook = export(dataset, tmp_path / "formule.xlsx")
    # openpyxl writes a formula without its computed value, as a script would.
    ref = edit(workbook, "Dispositifs", "garantie-essai", {"sigle": '=CONCAT("G","E")'})
    before = snapshot(dataset)
    code, output = import_(workbook, dataset)
    assert code == 1
    assert f"formule.xlsx:Dispositifs!{ref}: error: formule sans valeur calculée" in output
    _clean(output)
    assert snapshot(dataset) == before


def test_error_values_are_errors_not_text(dataset: Path, tmp_path: Path) -> None:
    workbook = export(dataset, tmp_path / "erreur.xlsx")
    ref = edit(workbook, "Dispositifs", "garantie-essai", {"sigle": "#N/A"})
    before = snapshot(dataset)
    code, output = import_(workbook, dataset)
    assert code == 1
    assert f"erreur.xlsx:Dispositifs!{ref}: error: valeur d'erreur du tableur « #N/A »" in output
    _clean(output)
    assert snapshot(dataset) == before


# ---------------------------------------------------------------------------- territory


def test_a_territory_workbook_cannot_change_the_territory_name(
    dataset: Path, tmp_path: Path
) -> None:
    workbook = export(dataset, tmp_path / "sarthe.xlsx", "--territoire", "sarthe")
    # The sheet is protected without a password: anyone can unprotect it and type.
    book = load_workbook(workbook)
    book["Territoires"].protection.sheet = False
    book.save(workbook)
    ref = edit(workbook, "Territoires", "sarthe", {"nom": "Sarthe renommée"})
    before = snapshot(dataset)
    code, output = import_(workbook, dataset)
    assert code == 1
    assert f"sarthe.xlsx:Territoires!{ref}: error: nom: colonne en lecture seule" in output
    _clean(output)
    assert snapshot(dataset) == before


def _forge_export_sheet(workbook: Path, *, territoire: str | None, add_id: str) -> None:
    """Rewrite the hidden « Export » sheet as an attacker would."""
    book = load_workbook(workbook)
    meta = book["Export"]
    meta["B2"] = territoire
    column = next(
        c for c in range(4, meta.max_column + 1) if meta.cell(1, c).value == "Dispositifs"
    )
    meta.cell(meta.max_row + 1, column, add_id)
    book.save(workbook)


def test_a_forged_export_sheet_cannot_unlock_a_regional_scheme(
    dataset: Path, tmp_path: Path
) -> None:
    workbook = export(dataset, tmp_path / "sarthe.xlsx", "--territoire", "sarthe")
    _forge_export_sheet(workbook, territoire="sarthe", add_id="garantie-essai")
    row = add_row(workbook, "Dispositifs", {"id": "garantie-essai", "sigle": "PIRATE"})
    before = snapshot(dataset)
    code, output = import_(workbook, dataset)
    assert code == 1
    assert f"sarthe.xlsx:Dispositifs!A{row}: error:" in output
    assert "dispositif régional" in output
    _clean(output)
    assert snapshot(dataset) == before


def test_a_territory_workbook_whose_territory_was_erased_is_refused(
    dataset: Path, tmp_path: Path
) -> None:
    workbook = export(dataset, tmp_path / "sarthe.xlsx", "--territoire", "sarthe")
    _forge_export_sheet(workbook, territoire=None, add_id="garantie-essai")
    add_row(workbook, "Dispositifs", {"id": "garantie-essai", "sigle": "PIRATE"})
    before = snapshot(dataset)
    code, output = import_(workbook, dataset)
    assert code == 1
    assert "ne dit plus le territoire" in output and "--territoire" in output
    _clean(output)
    # The importer's own --territoire checks it whatever the workbook says.
    code, output = import_(workbook, dataset, "--territoire", "sarthe")
    assert code == 1 and "dispositif régional" in output
    _clean(output)
    assert snapshot(dataset) == before


def test_a_territory_workbook_cannot_make_a_regional_scheme(dataset: Path, tmp_path: Path) -> None:
    workbook = export(dataset, tmp_path / "sarthe.xlsx", "--territoire", "sarthe")
    add_row(workbook, "Dispositifs", {**NEW_SCHEME, "territoires": "tous"})
    before = snapshot(dataset)
    code, output = import_(workbook, dataset)
    assert code == 1 and "un dispositif régional ne se crée" in output
    assert snapshot(dataset) == before


# ---------------------------------------------------------------------------- concurrency


def _import_in_background(workbook: Path, dataset: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        _command(workbook, dataset),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
        env={**os.environ, "OFFRE_ATTENTE_IMPORT": "120"},
    )


def test_a_second_import_waits_then_reads_what_the_first_wrote(
    dataset: Path, tmp_path: Path
) -> None:
    """Two imports of different edits at once: the second waits for the first, then reads
    the data as the first left it; both edits are kept."""
    first = export(dataset, tmp_path / "premier.xlsx")
    edit(first, "Dispositifs", "apprentissage-essai", {"sigle": "APP"})
    with import_lock(dataset):
        code, output = import_(first, dataset)  # re-entrant: this process holds the lock
        assert code == 0, output
        # Exported after the first edit was written, but not yet imported: it waits.
        second = export(dataset, tmp_path / "second.xlsx")
        edit(second, "Dispositifs", "aide-mobilite-essai", {"sigle": "AMS"})
        running = _import_in_background(second, dataset)
        assert running.stderr is not None
        waiting = running.stderr.readline()
        assert "Un autre import modifie déjà" in waiting
    _, err = running.communicate(timeout=120)
    assert running.returncode == 0, waiting + err
    assert "sigle: APP" in (dataset / APPRENTISSAGE).read_text(encoding="utf-8")
    assert "sigle: AMS" in (dataset / MOBILITE).read_text(encoding="utf-8")
    assert run_cli("validate", str(dataset))[0] == 0


def test_an_import_over_a_file_changed_since_its_export_is_refused_not_lost(
    dataset: Path, tmp_path: Path
) -> None:
    """Two workbooks exported from the same data, each editing a different scheme, imported
    at the same time: the second would write back the first's scheme as exported (its row
    holds the old value). It is refused at that row; the first edit stays."""
    first = export(dataset, tmp_path / "premier.xlsx")
    second = export(dataset, tmp_path / "second.xlsx")
    edit(first, "Dispositifs", "apprentissage-essai", {"sigle": "APP"})
    edit(second, "Dispositifs", "aide-mobilite-essai", {"sigle": "AMS"})
    with import_lock(dataset):
        running = _import_in_background(second, dataset)
        assert running.stderr is not None
        waiting = running.stderr.readline()
        assert "Un autre import modifie déjà" in waiting
        code, output = import_(first, dataset)
        assert code == 0, output
        after_first = snapshot(dataset)
    _, err = running.communicate(timeout=120)
    assert running.returncode == 1
    row = row_of(load_workbook(second)["Dispositifs"], "apprentissage-essai")
    assert f"second.xlsx:Dispositifs!A{row}: error:" in err
    assert "a changé depuis l'export de ce classeur" in err
    _clean(err)
    assert snapshot(dataset) == after_first
    assert "sigle: APP" in (dataset / APPRENTISSAGE).read_text(encoding="utf-8")


def test_an_import_that_waits_too_long_gives_up_cleanly(dataset: Path, tmp_path: Path) -> None:
    workbook = export(dataset, tmp_path / "attente.xlsx")
    edit(workbook, "Dispositifs", "aide-mobilite-essai", {"sigle": "AMS"})
    before = snapshot(dataset)
    with import_lock(dataset):
        done = subprocess.run(
            _command(workbook, dataset),
            capture_output=True,
            text=True,
            timeout=120,
            cwd=REPO,
            env={**os.environ, "OFFRE_ATTENTE_IMPORT": "0.5"},
        )
    assert done.returncode == 1
    assert "un autre import modifie toujours" in done.stderr
    assert "OFFRE_ATTENTE_IMPORT" in done.stderr
    _clean(done.stderr)
    assert snapshot(dataset) == before


def test_a_scheme_folder_linked_outside_is_never_written_through(
    dataset: Path, tmp_path: Path
) -> None:
    workbook = export(dataset, tmp_path / "lien.xlsx")
    edit(workbook, "Dispositifs", "garantie-essai", {"sigle": "GAR"})
    outside = tmp_path / "ailleurs"
    provider = dataset / GARANTIE
    provider.parent.rename(outside)
    provider.parent.symlink_to(outside, target_is_directory=True)
    before = snapshot(outside)
    code, output = import_(workbook, dataset)
    assert code == 1 and "hors du dossier de données" in output
    _clean(output)
    assert snapshot(outside) == before


def test_too_many_new_rows_stop_the_import_before_the_work(dataset: Path, tmp_path: Path) -> None:
    workbook = export(dataset, tmp_path / "nouvelles.xlsx")
    book = load_workbook(workbook)
    sheet = book["Dispositifs"]
    first = sheet.max_row + 1
    for number in range(15):
        sheet.cell(first + number, 1, f"nouvelle-{number}")
    book.save(workbook)
    _limit(dataset, classeur_fiches_ecrites_max=10)
    before = snapshot(dataset)
    code, output = import_(workbook, dataset)
    assert code == 1
    assert "plus de 10 fiches nouvelles ou modifiées" in output
    assert "classeur_fiches_ecrites_max" in output and "reglages.yaml" in output
    _clean(output)
    assert snapshot(dataset) == before


def test_an_unreadable_data_file_stops_the_import(dataset: Path, tmp_path: Path) -> None:
    """Never a smaller dataset: a file that cannot be read is an error with its path."""
    workbook = export(dataset, tmp_path / "illisible.xlsx")
    edit(workbook, "Dispositifs", "garantie-essai", {"sigle": "GAR"})
    broken = dataset / MOBILITE
    broken.write_bytes(broken.read_bytes() + b"\nnote: \xff\xfe\n")
    before = snapshot(dataset)
    code, output = import_(workbook, dataset)
    assert code == 1
    assert "aide-mobilite-essai.yaml" in output and "UTF-8" in output
    _clean(output)
    assert snapshot(dataset) == before
