"""What every export shares (exports/publication.py): the licence, stable bytes across builds."""

from __future__ import annotations

from pathlib import Path

from generator.outputs.exports.publication import LICENCE_NAME
from tests.support.datasets import BuiltSite, copy_fixture, run_cli


def _export_files(site: Path) -> dict[str, bytes]:
    """Every exported file (open data and feeds), by site path; not the Données page."""
    files = {}
    for folder in ("donnees", "flux"):
        for path in sorted((site / folder).rglob("*")):
            # The feeds' stylesheet (.xsl, .css) is presentation, not data.
            if path.is_file() and path.suffix not in {".html", ".xsl", ".css"}:
                files[path.relative_to(site).as_posix()] = path.read_bytes()
    return files


def test_licence_is_stated_in_every_file(site: Path) -> None:
    files = _export_files(site)
    assert len(files) == 6 + 1 + 2 * 3  # 3 territories in the test dataset
    for path, content in files.items():
        assert LICENCE_NAME.encode() in content, path


def test_two_builds_give_identical_export_files(
    tmp_path: Path, site: Path, built_site: BuiltSite
) -> None:
    data = copy_fixture(tmp_path / "donnees")
    code, output = run_cli("build", "--data", str(data), "--out", str(tmp_path / "site"))
    assert code == 0, output
    assert _export_files(tmp_path / "site") == _export_files(site)
