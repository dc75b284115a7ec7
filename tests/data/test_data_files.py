"""What the data folder may contain besides plain .yaml files: special files and links.

A FIFO used to hang `offre validate` forever, a link to a file outside the data folder
was read as if it were data, and a linked folder was skipped without a word. Links that
stay inside the data folder are followed; everything else is a located French error.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

from tests.support.datasets import run_cli
from tests.support.paths import FIXTURE, REPO

SCHEMES = Path("dispositifs")
SCHEME = SCHEMES / "region-essai" / "apprentissage-essai.yaml"


def _validate_in_subprocess(root: Path) -> subprocess.CompletedProcess[str]:
    # A separate process with a timeout: the bug this guards against is a hang.
    return subprocess.run(
        [sys.executable, "-m", "generator", "validate", str(root)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
        check=False,
    )


def test_a_fifo_is_reported_not_waited_for(dataset: Path) -> None:
    os.mkfifo(dataset / SCHEMES / "region-essai" / "tube.yaml")
    result = _validate_in_subprocess(dataset)
    assert result.returncode == 1, result.stderr
    assert "tube.yaml:1:1: error: ce n'est pas un fichier ordinaire mais un tube nommé" in (
        result.stderr
    )
    assert "Traceback" not in result.stderr


def test_a_fifo_in_place_of_a_shared_file_is_reported(dataset: Path) -> None:
    for shared in ("vocabulaires.yaml", "geo/pays-de-la-loire.json"):
        (dataset / shared).unlink()
        os.mkfifo(dataset / shared)
    result = _validate_in_subprocess(dataset)
    assert result.returncode == 1, result.stderr
    for shared in ("vocabulaires.yaml", "geo/pays-de-la-loire.json"):
        assert f"{shared}:1:1: error: ce n'est pas un fichier ordinaire" in result.stderr


def test_a_socket_is_reported(dataset: Path, in_tmp: Path) -> None:
    path = dataset / SCHEMES / "region-essai" / "prise.yaml"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(path.relative_to(in_tmp)))  # AF_UNIX paths are limited to 108 bytes
        code, output = run_cli("validate", str(dataset))
    assert code == 1
    assert "prise.yaml:1:1: error: ce n'est pas un fichier ordinaire mais une prise" in output


def test_links_leaving_the_data_folder_are_refused(dataset: Path, tmp_path: Path) -> None:
    outside = tmp_path / "ailleurs"
    outside.mkdir()
    (dataset / SCHEME).rename(outside / SCHEME.name)
    (dataset / SCHEME).symlink_to(outside / SCHEME.name)
    shutil.move(dataset / SCHEMES / "association-essai", outside / "association-essai")
    (dataset / SCHEMES / "association-essai").symlink_to(outside / "association-essai")
    (dataset / SCHEMES / "region-essai" / "passwd.yaml").symlink_to("/etc/passwd")
    code, output = run_cli("validate", str(dataset))
    assert code == 1
    for name in ("apprentissage-essai.yaml", "association-essai", "passwd.yaml"):
        assert f"{name}:1:1: error: lien symbolique vers « " in output, name
    assert "hors du dossier de données" in output


def test_links_inside_the_data_folder_are_followed(dataset: Path) -> None:
    shared = dataset / "_partage"
    shared.mkdir()
    shutil.move(dataset / SCHEMES / "association-essai", shared / "association-essai")
    (dataset / SCHEMES / "association-essai").symlink_to(
        Path("..") / "_partage" / "association-essai"
    )
    (dataset / SCHEME).rename(shared / SCHEME.name)
    (dataset / SCHEME).symlink_to(Path("..") / ".." / "_partage" / SCHEME.name)
    code, output = run_cli("validate", str(dataset))
    assert code == 0, output
    # Every file of the fixture was read: the linked folder was not skipped.
    files = len(list(FIXTURE.rglob("*.yaml")))
    assert output.strip() == f"Aucun problème : {files} fichiers lus.", output


def test_broken_and_looping_links_are_reported(dataset: Path) -> None:
    folder = dataset / SCHEMES / "region-essai"
    (folder / "casse.yaml").symlink_to("nulle-part.yaml")
    (folder / "boucle.yaml").symlink_to("boucle.yaml")
    (folder / "retour").symlink_to("..")
    code, output = run_cli("validate", str(dataset))
    assert code == 1
    assert "casse.yaml:1:1: error: lien symbolique cassé : « nulle-part.yaml »" in output
    assert "boucle.yaml:1:1: error: lien symbolique cassé" in output
    assert "retour:1:1: error: lien symbolique vers un dossier déjà lu" in output


def test_a_linked_geo_folder_outside_is_refused(dataset: Path, tmp_path: Path) -> None:
    shutil.move(dataset / "geo", tmp_path / "geo")
    (dataset / "geo").symlink_to(tmp_path / "geo")
    code, output = run_cli("validate", str(dataset))
    assert code == 1
    assert "pays-de-la-loire.json:1:1: error: lien symbolique vers « " in output


def test_a_linked_data_folder_is_fine(dataset: Path, tmp_path: Path) -> None:
    (tmp_path / "lien").symlink_to(dataset)
    code, output = run_cli("validate", str(tmp_path / "lien"))
    assert code == 0, output


def test_file_names_that_would_break_the_report(dataset: Path) -> None:
    folder = dataset / SCHEMES / "region-essai"
    shutil.copy(dataset / SCHEME, folder / "a\nb.yaml")
    shutil.copy(dataset / SCHEME, os.fsencode(folder) + b"/caf\xe9.yaml")
    code, output = run_cli("validate", str(dataset))
    assert code == 1
    assert "a?b.yaml:1:1: error: nom de fichier avec un caractère invisible" in output
    assert "caf?.yaml:1:1: error: nom de fichier avec un caractère invisible" in output
    assert all(line.count(":") >= 3 for line in output.splitlines()[:-1]), output
