"""A workbook saved by LibreOffice Calc imports the same as the one exported.

Needs Debian's `libreoffice-calc` (`soffice`). Skipped without it, except when
OFFRE_EXIGER_LIBREOFFICE=1 (set by .ci/run, which installs it): then a missing
LibreOffice fails the test, as a missing Chromium fails the browser tests.
"""

from __future__ import annotations

import datetime
import os
import shutil
from pathlib import Path

import pytest

from tests.support.classeur_helpers import (
    IMPORTED_PLACE,
    add_imported_place,
    changed_lines,
    copy_shipped,
    edit,
    export,
    import_,
    snapshot,
    soffice_convert,
)
from tests.support.datasets import BuiltSite

REQUIRE = os.environ.get("OFFRE_EXIGER_LIBREOFFICE") == "1"


@pytest.fixture
def profile(tmp_path: Path) -> Path:
    if shutil.which("soffice") is None:
        if REQUIRE:
            pytest.fail(
                "OFFRE_EXIGER_LIBREOFFICE=1 mais soffice est absent "
                "(apt-get install libreoffice-calc)."
            )
        pytest.skip("LibreOffice (soffice) absent : apt-get install libreoffice-calc")
    return tmp_path / "profil-libreoffice"


@pytest.mark.parametrize("extension", ["xlsx", "ods"])
def test_workbook_saved_by_calc_imports_with_no_change(
    dataset: Path, tmp_path: Path, profile: Path, extension: str
) -> None:
    workbook = export(dataset, tmp_path / "classeur.xlsx")
    saved = soffice_convert(workbook, extension, tmp_path / "calc", profile)
    before = snapshot(dataset)
    code, output = import_(saved, dataset)
    assert code == 0, output
    assert snapshot(dataset) == before
    assert "Dispositifs : 0 créés ; 0 modifiés ; 9 inchangés." in output


def test_shipped_data_through_calc_changes_nothing(tmp_path: Path, profile: Path) -> None:
    data = copy_shipped(tmp_path / "offer_data")
    workbook = export(data, tmp_path / "classeur.xlsx")
    saved = soffice_convert(workbook, "xlsx", tmp_path / "calc", profile)
    before = snapshot(data)
    code, output = import_(saved, data)
    assert code == 0, output
    assert snapshot(data) == before
    assert " 0 modifiés " in output


def test_edits_survive_calc(dataset: Path, tmp_path: Path, profile: Path) -> None:
    """Text, list, date and code cells as Calc writes them back."""
    workbook = export(dataset, tmp_path / "classeur.xlsx")
    edit(
        workbook,
        "Dispositifs",
        "apprentissage-essai",
        {
            "titre": "Découvrir l'apprentissage en Sarthe (essai)",
            "publics": "jeunes | demandeurs-emploi",
            "consulte_le": datetime.datetime(2026, 7, 14),
        },
    )
    saved = soffice_convert(workbook, "ods", tmp_path / "calc", profile)
    path = "dispositifs/region-essai/apprentissage-essai.yaml"
    before = snapshot(dataset)
    code, output = import_(saved, dataset)
    assert code == 0, output
    after = snapshot(dataset)
    assert {p for p in before if before[p] != after[p]} == {path}
    assert changed_lines(before[path], after[path]) == [
        "-titre: Découvrir l'apprentissage (essai)",
        "+titre: Découvrir l'apprentissage en Sarthe (essai)",
        "-publics: [jeunes]",
        "+publics: [jeunes, demandeurs-emploi]",
        "-consulte_le: 2026-06-01",
        "+consulte_le: 2026-07-14",
    ]


def test_places_and_new_fields_survive_calc(dataset: Path, tmp_path: Path, profile: Path) -> None:
    """Partial dates, oui/non, a place's codes and an imported place's provenance (a date
    cell, compared with the file) as Calc writes them back."""
    add_imported_place(dataset)
    workbook = export(dataset, tmp_path / "classeur.xlsx")
    edit(
        workbook,
        "Dispositifs",
        "apprentissage-essai",
        {"statut_depuis": "2024-03", "statut_a_confirmer": "oui", "frais": "non-precise"},
    )
    edit(workbook, "Lieux", "agence-fictive-le-mans", {"zone_desservie": "247200132 | 72181"})
    saved = soffice_convert(workbook, "ods", tmp_path / "calc", profile)
    scheme = "dispositifs/region-essai/apprentissage-essai.yaml"
    place = "lieux/france-travail-essai/agence-fictive-le-mans.yaml"
    before = snapshot(dataset)
    code, output = import_(saved, dataset)
    assert code == 0, output
    after = snapshot(dataset)
    assert {p for p in before if before[p] != after[p]} == {scheme, place}
    assert changed_lines(before[scheme], after[scheme]) == [
        "-frais: gratuit",
        "+frais: non-precise",
        "+statut_depuis: 2024-03",
        "+statut_a_confirmer: true",
    ]
    assert changed_lines(before[place], after[place]) == [
        '-zone_desservie: ["247200132"]',
        '+zone_desservie: ["247200132", "72181"]',
    ]
    assert after[IMPORTED_PLACE] == before[IMPORTED_PLACE]
    assert (
        "Lieux : 0 créés ; 1 modifié (agence-fictive-le-mans : zone_desservie) ; 2 inchangés."
        in output
    )


def test_errors_in_an_ods_workbook_name_the_ods_file(
    dataset: Path, tmp_path: Path, profile: Path
) -> None:
    workbook = export(dataset, tmp_path / "classeur.xlsx")
    ref = edit(workbook, "Dispositifs", "apprentissage-essai", {"statut": "fini"})
    saved = soffice_convert(workbook, "ods", tmp_path / "calc", profile)
    before = snapshot(dataset)
    code, output = import_(saved, dataset)
    assert code == 1
    assert snapshot(dataset) == before
    assert f"classeur.ods:Dispositifs!{ref}: error: statut: valeur « fini » inconnue" in output


def test_coordinator_workbook_saved_by_calc_keeps_its_read_only_sheet_apart(
    dataset: Path, tmp_path: Path, profile: Path
) -> None:
    workbook = export(dataset, tmp_path / "sarthe.xlsx", "--territoire", "sarthe")
    edit(workbook, "Territoires", "sarthe", {"priorites": "relance"})
    saved = soffice_convert(workbook, "xlsx", tmp_path / "calc", profile)
    before = snapshot(dataset)
    code, output = import_(saved, dataset)
    assert code == 0, output
    after = snapshot(dataset)
    assert {p for p in before if before[p] != after[p]} == {"territoires/sarthe.yaml"}
    assert "ignorée" not in output  # the hidden export notes survived: read-only sheet skipped
    assert "absents du classeur" not in output


FORMULAS = ("=1+1", "+1+1", "-1+1", "@SUM(1;1)", "\t=1+1", '=HYPERLINK("https://x.invalid/")')


def test_calc_opens_offre_csv_without_running_a_formula(
    tmp_path: Path, profile: Path, built_site: BuiltSite
) -> None:
    import subprocess

    from openpyxl import load_workbook

    from generator.catalog.catalog import Catalog
    from generator.outputs.exports.tableur import catalogue_csv

    catalog = built_site.catalog
    schemes = {
        did: scheme.model_copy(update={"titre": FORMULAS[n % 6], "resume": FORMULAS[n % 6]})
        for n, (did, scheme) in enumerate(sorted(catalog.dispositifs.items()))
    }
    csv_file = tmp_path / "offre.csv"
    hostile = Catalog(**{**catalog.__dict__, "dispositifs": schemes})
    csv_file.write_bytes(catalogue_csv(hostile, None))
    calc = ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore"]
    convert = ["--infilter=CSV:59,34,76,1", "--convert-to", "xlsx", "--outdir", str(tmp_path)]
    subprocess.run([*calc, *convert, str(csv_file)], check=True, capture_output=True, timeout=300)
    sheet = load_workbook(tmp_path / "offre.xlsx").active
    assert sheet is not None
    cells = [cell for row in sheet.iter_rows() for cell in row]
    titles = [c.value for c in cells if isinstance(c.value, str) and c.value.startswith("'")]
    assert len(titles) == 2 * len(schemes)  # the payloads reached the sheet, as text
    assert [c.value for c in cells if c.data_type == "f"] == []
