"""Tests that edit a copy of the test dataset (their module's `data` fixture) and check
every output built from it: the catalogue, the renderer and the rendered pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.catalog.catalog import Catalog
from generator.catalog.load import load_catalog
from generator.outputs.pages.pages import all_pages
from generator.outputs.pages.renderer import Renderer
from generator.site.outputs import make_named, prepare
from tests.support.render_fixtures import SITE_URL


@pytest.fixture(scope="module")
def catalog(data: Path) -> Catalog:
    loaded, report = load_catalog(data)
    assert loaded is not None, report.render()
    return loaded


@pytest.fixture(scope="module")
def renderer(catalog: Catalog) -> Renderer:
    prepared = prepare(catalog, SITE_URL)
    make_named(prepared)  # the names promised to pages (the search index), made here
    return prepared.renderer


@pytest.fixture(scope="module")
def pages(renderer: Renderer) -> dict[str, str]:
    return {p.url: p.render() for p in all_pages(renderer)}
