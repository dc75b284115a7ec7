"""The operator's "Proposer une correction" option, through a real MkDocs build."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.support.datasets import copy_fixture, run_cli
from tests.support.paths import REPO


def _project(tmp_path: Path, option: str) -> tuple[Path, Path]:
    project = tmp_path / "projet"
    shutil.copytree(REPO / "docs", project / "docs")
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    anchor = "      data_dir: offer_data\n"
    assert anchor in config
    (project / "mkdocs.yml").write_text(
        config.replace(anchor, anchor + f"      correction: '{option}'\n"), encoding="utf-8"
    )
    return project, copy_fixture(tmp_path / "donnees")


def _build(project: Path, data: Path, site: Path) -> tuple[int, str]:
    return run_cli(
        "build", "--config", str(project / "mkdocs.yml"), "--data", str(data), "--out", str(site)
    )


def test_the_configured_link_is_on_place_pages(tmp_path: Path) -> None:
    project, data = _project(tmp_path, "https://formulaire.example/?fiche={id}&page={url}")
    site = tmp_path / "site"
    code, output = _build(project, data, site)
    assert code == 0, output
    html = (site / "lieux" / "agence-fictive-le-mans" / "index.html").read_text("utf-8")
    assert (
        '<a href="https://formulaire.example/?fiche=agence-fictive-le-mans&amp;page='
        'lieux%2Fagence-fictive-le-mans%2F">'
        "Proposer une correction</a>" in html
    )


def test_a_bad_target_stops_the_build_with_a_french_message(tmp_path: Path) -> None:
    project, data = _project(tmp_path, "offre@example.org")
    site = tmp_path / "site"
    code, output = _build(project, data, site)
    assert code == 1
    assert "option « correction » : « offre@example.org » n'est ni une adresse" in output
    assert "Traceback" not in output
    assert not site.exists()


def test_the_shipped_configuration_sets_no_link() -> None:
    assert "correction:" not in (REPO / "mkdocs.yml").read_text(encoding="utf-8")
