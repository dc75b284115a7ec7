"""Producers of the files that are not pages: search files, open data, feeds.

Each producer is registered with the plugin and returns {site path: content}; the plugin
registers every path with MkDocs and refuses two productions at one path.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig

from ..catalog import Catalog
from ..search.assets import build_search_assets
from .pages import PageRenderer
from .plugin import register_producer


@register_producer
def search_files(
    catalog: Catalog, renderer: PageRenderer, config: MkDocsConfig
) -> dict[str, str | bytes]:
    assets = build_search_assets(catalog)
    renderer.assets.update(assets.urls)
    return assets.files
