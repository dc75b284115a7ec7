"""A renderer over the test dataset, with the real files pages link to (search, scripts)."""

from __future__ import annotations

from pathlib import Path

from generator.catalog.load import load_catalog
from generator.outputs.pages.renderer import Renderer
from generator.site.outputs import prepare
from tests.support.datasets import copy_fixture

SITE_URL = "https://offre-clefop.invalid/"


def make_renderer(tmp: Path, site_url: str | None = SITE_URL) -> Renderer:
    catalog, report = load_catalog(copy_fixture(tmp / "donnees"))
    assert catalog is not None, report.render()
    return prepare(catalog, site_url).renderer
