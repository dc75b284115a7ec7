"""Outputs a build refuses before touching anything (site/guard.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.support.datasets import copy_fixture, run_cli
from tests.support.paths import REPO
from tests.support.sitecheck import tree_digest


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project (mkdocs.yml, docs/) holding its data folder, as the repository does."""
    root = tmp_path / "projet"
    shutil.copytree(REPO / "docs", root / "docs")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    copy_fixture(root / "offer_data")
    (tmp_path / "fichier.txt").write_text("à garder", encoding="utf-8")
    return root


def _snapshot(folder: Path) -> dict[str, str]:
    return {
        **tree_digest(folder),
        **{f"{p.relative_to(folder)}/": "" for p in folder.rglob("*") if p.is_dir()},
    }


REFUSED = {
    "offer_data": "est le dossier des données",
    "offer_data/site": "est à l'intérieur du dossier des données",
    "offer_data/geo": "est à l'intérieur du dossier des données",
    "docs": "est le dossier des pages écrites à la main",
    "docs/site": "est à l'intérieur du dossier des pages écrites à la main",
    ".": "contient le dossier des données",
    "..": "contient le dossier des données",
    "../fichier.txt": "est un fichier, pas un dossier",
}


@pytest.mark.parametrize("output", sorted(REFUSED))
def test_an_output_that_would_destroy_something_is_refused(project: Path, output: str) -> None:
    before = _snapshot(project.parent)
    code, text = run_cli(
        "build", "--config", str(project / "mkdocs.yml"), "--out", str(project / output)
    )
    assert code == 1, text
    assert REFUSED[output] in text and "Rien n'a été modifié" in text
    assert "Traceback" not in text and "Aborted" not in text
    assert _snapshot(project.parent) == before


def test_a_symbolic_link_to_the_data_is_refused(project: Path) -> None:
    link = project.parent / "lien"
    link.symlink_to(project / "offer_data")
    before = _snapshot(project.parent)
    code, text = run_cli("build", "--config", str(project / "mkdocs.yml"), "--out", str(link))
    assert code == 1 and "est le dossier des données" in text
    assert _snapshot(project.parent) == before


def test_the_usual_output_inside_the_project_is_accepted(project: Path) -> None:
    code, text = run_cli(
        "build", "--config", str(project / "mkdocs.yml"), "--out", str(project / "site")
    )
    assert code == 0, text
    assert (project / "site" / "index.html").is_file()
