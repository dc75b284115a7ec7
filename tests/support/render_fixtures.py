"""A renderer over the test dataset, with the real files pages link to (search, scripts)."""

from __future__ import annotations

from pathlib import Path

from generator.catalog.load import load_catalog
from generator.outputs.pages.renderer import Renderer
from generator.site.outputs import make_named, prepare
from tests.support.datasets import copy_fixture

SITE_URL = "https://offre-clefop.invalid/"


def make_renderer(tmp: Path, site_url: str | None = SITE_URL) -> Renderer:
    catalog, report = load_catalog(copy_fixture(tmp / "donnees"))
    assert catalog is not None, report.render()
    prepared = prepare(catalog, site_url)
    make_named(prepared)  # the names promised to pages (the search index), made here
    return prepared.renderer
