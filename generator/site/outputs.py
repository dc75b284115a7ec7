"""Every output of a build, in the order it is made. Read top to bottom, this is the build.

1. `BEFORE_PAGES`: files whose content-hashed names pages link to (the search files,
   the embed guide's script). Each returns its files and the names pages know them by.
2. The pages (`render.pages.all_pages`), listed now, rendered by MkDocs one at a time.
3. `BESIDE_PAGES`: everything else, started explicitly in a forked process
   (`site.background`) so it runs on the other core while MkDocs renders pages.

Each producer returns what it adds; none registers itself, none changes another's
state. `generator.site.plugin` calls `prepare`, then `start_beside_pages`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..catalog.catalog import Catalog
from ..outputs.exports.atom import feed_files
from ..outputs.exports.data_inclusion import data_inclusion_files
from ..outputs.exports.offre_json import catalogue_files
from ..outputs.exports.tableur import csv_files
from ..outputs.exports.territoires import territory_files
from ..outputs.pages.booklet_filters import booklet_script
from ..outputs.pages.embeds import embed_files, guide_script
from ..outputs.pages.maintainers_report import report_html
from ..outputs.pages.page import GeneratedPage
from ..outputs.pages.pages import all_pages
from ..outputs.pages.place_box import box_files
from ..outputs.pages.redirects import redirect_pages
from ..outputs.pages.renderer import Renderer
from ..outputs.pages.selection import selection_files
from ..outputs.report.quality import build_report
from ..outputs.report.render import render_json
from ..outputs.search.assets import build_search_assets
from ..rules import urls
from .background import Background, ProductionError
from .writer import Produced


@dataclass
class Production:
    """Files produced before pages, and the names pages link to them by."""

    files: Produced
    assets: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Sources:
    """What the producers beside pages read: the catalogue, the public address, the
    render layer (embeds, report and redirects are standalone HTML)."""

    catalog: Catalog
    site_url: str | None
    renderer: Renderer


# ---------------------------------------------------------------------------- before pages


def search_files(catalog: Catalog) -> Production:
    assets = build_search_assets(catalog)
    return Production(assets.files, assets.urls)


def embed_guide_script(catalog: Catalog) -> Production:
    path, script = guide_script()
    return Production({path: script}, {"integrer": path})


def place_box_files(catalog: Catalog) -> Production:
    files, names = box_files(catalog)
    return Production(files, names)


def selection_page_files(catalog: Catalog) -> Production:
    files, names = selection_files(catalog)
    return Production(files, names)


def booklet_filter_script(catalog: Catalog) -> Production:
    files, names = booklet_script()
    return Production(files, names)


BEFORE_PAGES: tuple[Callable[[Catalog], Production], ...] = (
    search_files,
    embed_guide_script,
    place_box_files,
    selection_page_files,
    booklet_filter_script,
)


# ---------------------------------------------------------------------------- beside pages


def open_data(sources: Sources) -> Produced:
    """offre.json, its schema, offre.csv and the per-territory JSON files."""
    return {
        **catalogue_files(sources.catalog, sources.site_url),
        **csv_files(sources.catalog, sources.site_url),
        **territory_files(sources.catalog, sources.site_url),
    }


def data_inclusion(sources: Sources) -> Produced:
    return data_inclusion_files(sources.catalog, sources.site_url)


def feeds(sources: Sources) -> Produced:
    return feed_files(sources.catalog, sources.site_url)


def embeds(sources: Sources) -> Produced:
    return dict(embed_files(sources.renderer))


def quality_report(sources: Sources) -> Produced:
    catalog = sources.catalog
    # The data's own latest date, not the clock: the same data gives the same files.
    report = build_report(catalog, catalog.latest_date(), data_relative=True)
    return {
        urls.REPORT_FILE: report_html(sources.renderer, report),
        urls.REPORT_JSON_FILE: render_json(report),
    }


def former_addresses(sources: Sources) -> Produced:
    return dict(redirect_pages(sources.renderer))


# The standalone HTML first, the large exports last: at 10,000 schemes this order keeps
# the build's summed peak memory about 20 MB lower than the exports first (measured
# with scripts/bench_build.py).
BESIDE_PAGES: tuple[Callable[[Sources], Produced], ...] = (
    embeds,
    quality_report,
    former_addresses,
    open_data,
    data_inclusion,
    feeds,
)


# ---------------------------------------------------------------------------- the build


@dataclass
class Prepared:
    """The build once the files pages need exist: the renderer and the pages to make."""

    site_url: str | None
    renderer: Renderer
    pages: list[GeneratedPage]
    files: Produced


def prepare(catalog: Catalog, site_url: str | None, correction: str | None = None) -> Prepared:
    """Run `BEFORE_PAGES`, then list the pages (which may link to what they produced)."""
    files: Produced = {}
    assets: dict[str, str] = {}
    for producer in BEFORE_PAGES:
        production = producer(catalog)
        for path in production.files:
            if path in files:
                raise ProductionError(f"Deux productions revendiquent le fichier « {path} ».")
        for name in production.assets:
            if name in assets:
                raise ProductionError(
                    f"Deux productions revendiquent le nom de fichier « {name} »."
                )
        files.update(production.files)
        assets.update(production.assets)
    renderer = Renderer(catalog, site_url, assets, correction)
    return Prepared(site_url, renderer, all_pages(renderer), dict(sorted(files.items())))


def start_beside_pages(prepared: Prepared, site_dir: Path) -> Background[Sources]:
    """Start `BESIDE_PAGES` in the background; they write into `site_dir`."""
    renderer = prepared.renderer
    sources = Sources(renderer.catalog, prepared.site_url, renderer)
    return Background.start(BESIDE_PAGES, sources, site_dir)
