"""The exports as site producers: `f(catalog, renderer, config) -> {site path: content}`.

Registered by `generator.site.outputs`; each takes the public address of the site from
MkDocs' `site_url`, since feeds and data·inclusion records need absolute links.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig

from ..catalog import Catalog
from ..site.pages import PageRenderer
from .atom import feed_files
from .catalogue import catalogue_files
from .data_inclusion import data_inclusion_files
from .tableur import csv_files
from .territoires import territory_files


def open_data_files(
    catalog: Catalog, renderer: PageRenderer, config: MkDocsConfig
) -> dict[str, str | bytes]:
    """offre.json, its schema, offre.csv and the per-territory JSON files."""
    site_url = config.site_url or None
    return {
        **catalogue_files(catalog, site_url),
        **csv_files(catalog, site_url),
        **territory_files(catalog, site_url),
    }


def data_inclusion_export(
    catalog: Catalog, renderer: PageRenderer, config: MkDocsConfig
) -> dict[str, str | bytes]:
    return data_inclusion_files(catalog, config.site_url or None)


def atom_feeds(
    catalog: Catalog, renderer: PageRenderer, config: MkDocsConfig
) -> dict[str, str | bytes]:
    return feed_files(catalog, config.site_url or None)
