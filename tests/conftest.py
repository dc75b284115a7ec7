"""Shared fixtures: a small valid dataset copied per test, the sites built once per
session (tests that only read a built site share them), and helpers to run the CLI."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.catalog.catalog import Catalog
from generator.catalog.load import load_catalog
from tests.support.datasets import BuiltSite, built, copy_fixture
from tests.support.environment import REQUIRE_BROWSER
from tests.support.paths import REPO


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


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The test dataset, built once for every test that only reads the site."""
    base = tmp_path_factory.mktemp("site-essai")
    return built(base, copy_fixture(base / "donnees"))


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The shipped data (offer_data/), built once, for checks that need a real catalogue."""
    return built(tmp_path_factory.mktemp("site-livre"), REPO / "offer_data")


@pytest.fixture(scope="session")
def site(built_site: BuiltSite) -> Path:
    """The folder of the test dataset's shared build (read only)."""
    return built_site.site


@pytest.fixture(scope="session")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    """The test dataset's catalogue, with positions, loaded once (read only)."""
    data = copy_fixture(tmp_path_factory.mktemp("catalogue") / "donnees")
    loaded, report = load_catalog(data, positions=True)
    assert loaded is not None, report.render()
    return loaded
