"""The producers of files that are not pages, registered with generator.site.production.

Only the search files are produced before pages (pages link to their hashed names); the
others run in the background while pages are rendered.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig

from ..catalog import Catalog
from ..exports.producers import atom_feeds, data_inclusion_export, open_data_files
from ..search.assets import build_search_assets
from . import partners  # noqa: F401  (registers the embed and report producers)
from .pages import PageRenderer
from .production import register_foreground_producer, register_producer
from .redirects import redirect_pages


@register_foreground_producer
def search_files(
    catalog: Catalog, renderer: PageRenderer, config: MkDocsConfig
) -> dict[str, str | bytes]:
    assets = build_search_assets(catalog)
    renderer.assets.update(assets.urls)
    return assets.files


@register_producer
def former_addresses(
    catalog: Catalog, renderer: PageRenderer, config: MkDocsConfig
) -> dict[str, str | bytes]:
    return dict(redirect_pages(catalog, config.site_url))


# Open data (JSON, CSV, data·inclusion) and Atom feeds: generator/exports/.
register_producer(open_data_files)
register_producer(data_inclusion_export)
register_producer(atom_feeds)
