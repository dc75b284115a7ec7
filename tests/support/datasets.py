"""Datasets and builds the tests share: the small valid dataset, the CLI, a real build."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner

from generator.catalog.catalog import Catalog
from generator.catalog.load import load_catalog
from generator.cli import main

from .paths import FIXTURE, GEO


def copy_fixture(target: Path) -> Path:
    """The valid test dataset plus the real geographic extract it refers to."""
    shutil.copytree(FIXTURE, target)
    shutil.copytree(GEO, target / "geo")
    return target


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


def built(base: Path, data: Path) -> BuiltSite:
    code, output = build_site(data, base / "site")
    assert code == 0, output
    catalog, report = load_catalog(data)
    assert catalog is not None, report.render()
    return BuiltSite(data, base / "site", output, catalog)
