"""Shared fixtures: a small valid dataset copied per test, the sites built once per
session (tests that only read a built site share them), and helpers to run the CLI."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.catalog import Catalog
from generator.cli import main
from generator.validate import load_catalog

REPO = Path(__file__).resolve().parents[1]
FIXTURE = REPO / "tests" / "data" / "valid"
GEO = REPO / "offer_data" / "geo"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        default=False,
        help="Rewrite the golden files from the current output instead of comparing.",
    )


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


REQUIRE_BROWSER = os.environ.get("OFFRE_EXIGER_NAVIGATEUR") == "1"
_skipped: list[str] = []


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.skipped:
        _skipped.append(report.nodeid)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    # In CI every test must run: a skipped browser test would hide a broken site.
    if REQUIRE_BROWSER and _skipped:
        print(f"\nOFFRE_EXIGER_NAVIGATEUR=1 : {len(_skipped)} test(s) sautés, c'est un échec :")
        for nodeid in _skipped:
            print(f"  {nodeid}")
        session.exitstatus = 1


def copy_fixture(target: Path) -> Path:
    """The valid test dataset plus the real geographic extract it refers to."""
    shutil.copytree(FIXTURE, target)
    shutil.copytree(GEO, target / "geo")
    return target


@pytest.fixture
def dataset(tmp_path: Path) -> Path:
    return copy_fixture(tmp_path / "donnees")


@pytest.fixture
def in_tmp(tmp_path: Path) -> Iterator[Path]:
    """Run a test from tmp_path so relative paths in messages are stable."""
    previous = Path.cwd()
    os.chdir(tmp_path)
    try:
        yield tmp_path
    finally:
        os.chdir(previous)


def run_cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args), prog_name="offre", catch_exceptions=False)
    return result.exit_code, result.output


def build_site(data: Path, out: Path) -> tuple[int, str]:
    """A real strict MkDocs build (`offre build`), in this process."""
    return run_cli("build", "--data", str(data), "--out", str(out))


@dataclass(frozen=True)
class BuiltSite:
    """A dataset, the site built from it, the build's log and the catalogue: read only."""

    data: Path
    site: Path
    log: str
    catalog: Catalog


def _built(base: Path, data: Path) -> BuiltSite:
    code, output = build_site(data, base / "site")
    assert code == 0, output
    catalog, report = load_catalog(data)
    assert catalog is not None, report.render()
    return BuiltSite(data, base / "site", output, catalog)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The test dataset, built once for every test that only reads the site."""
    base = tmp_path_factory.mktemp("site-essai")
    return _built(base, copy_fixture(base / "donnees"))


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The shipped data (offer_data/), built once, for checks that need a real catalogue."""
    return _built(tmp_path_factory.mktemp("site-livre"), REPO / "offer_data")
