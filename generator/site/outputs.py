"""Every output of a build, in the order it is made. Read top to bottom, this is the build.

0. The catalogue's Markdown, rendered at once on both cores (`richtext.prerender`):
   the other core is idle until step 4 starts, and the pages, the index and the
   exports all find it done (the forked process of step 4 inherits it).
1. `BEFORE_PAGES`: files whose content-hashed names pages link to (the search scripts
   and tables, the embed guide's script). Each returns its files and the names pages
   know them by.
2. The pages (`render.pages.all_pages`), listed once step 4 has started, rendered by
   MkDocs one at a time.
3. `NAMED_BESIDE_PAGES`: files a page links to by name but that cost too much to make
   before the pages (the full-text index, linked from the search page only). They run
   in the forked process of step 4, after `FIRST_BESIDE_PAGES`; their names are
   promised to the renderer (`Promised`) and the page that reads one waits for it — at
   10,000 schemes the search page comes after the scheme pages, and the index is long
   ready by then.
4. `FIRST_BESIDE_PAGES`, then the named ones, then `BESIDE_PAGES`: everything else,
   started explicitly in a forked process (`site.background`) so it runs on the other
   core while MkDocs renders pages.

Each producer returns what it adds; none registers itself, none changes another's
state. `generator.site.plugin` calls `prepare`, then `start_beside_pages`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from ..catalog.catalog import Catalog
from ..data.processes import map_on_two_cores
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
from ..outputs.richtext import prerender
from ..outputs.search.assets import index_assets, page_assets
from ..rules import urls
from .background import Background, NamedProduction, ProductionError
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
    """The search's scripts, stylesheet, communes and places tables (not the index)."""
    assets = page_assets(catalog)
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


# ---------------------------------------------------------------------------- named, beside


def search_index(sources: Sources) -> NamedProduction:
    """The full-text index: the index file (named `index`), shards, vocabulary, fiches."""
    assets = index_assets(sources.catalog)
    return assets.files, assets.urls


# Each producer, and the names it promises (known before it runs, so the pages that link
# to them can be listed).
NAMED_BESIDE_PAGES: tuple[tuple[Callable[[Sources], NamedProduction], tuple[str, ...]], ...] = (
    (search_index, ("index",)),
)


class Promised(Mapping[str, str]):
    """The names pages link to: those made before the pages, and those promised by
    `NAMED_BESIDE_PAGES`, resolved when a page first reads them (`resolve`)."""

    def __init__(self, known: Mapping[str, str], promised: tuple[str, ...]) -> None:
        self._known = dict(known)
        self._promised = [name for name in promised if name not in self._known]
        self.resolve: Callable[[str], str] | None = None

    def __getitem__(self, name: str) -> str:
        if name not in self._known:
            if name not in self._promised or self.resolve is None:
                raise KeyError(name)
            self._known[name] = self.resolve(name)
        return self._known[name]

    def __contains__(self, name: object) -> bool:
        return name in self._known or name in self._promised

    def __iter__(self) -> Iterator[str]:
        yield from self._known
        yield from (name for name in self._promised if name not in self._known)

    def __len__(self) -> int:
        return len(set(self._known) | set(self._promised))


# ---------------------------------------------------------------------------- beside pages


def open_data(sources: Sources) -> Produced:
    """offre.json and its schema."""
    return catalogue_files(sources.catalog, sources.site_url)


def spreadsheets(sources: Sources) -> Produced:
    """offre.csv and lieux.csv."""
    return csv_files(sources.catalog, sources.site_url)


def territory_data(sources: Sources) -> Produced:
    """The per-territory JSON files."""
    return territory_files(sources.catalog, sources.site_url)


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


# Run first in the forked process, before the search index: small and light, while
# the main process renders the printable booklets, its heaviest pages (`all_pages`), so
# that the two processes are not at their largest at the same time.
FIRST_BESIDE_PAGES: tuple[Callable[[Sources], Produced], ...] = (
    embeds,
    former_addresses,
    feeds,
    spreadsheets,
)

# After the search index. Each producer's files are written before the next one runs,
# so the large exports are separate producers: only one is in memory at a time.
BESIDE_PAGES: tuple[Callable[[Sources], Produced], ...] = (
    quality_report,
    open_data,
    territory_data,
    data_inclusion,
)


# ---------------------------------------------------------------------------- the build


@dataclass
class Prepared:
    """The build once the files pages need exist: the renderer and the pages to make."""

    site_url: str | None
    renderer: Renderer
    files: Produced
    assets: Promised

    @cached_property
    def pages(self) -> list[GeneratedPage]:
        """The pages, listed when first asked for: the build starts the producers beside
        pages first, so they do not wait for the listing (2 s at 10,000 schemes)."""
        return all_pages(self.renderer)


def prepare(catalog: Catalog, site_url: str | None, correction: str | None = None) -> Prepared:
    """Run `BEFORE_PAGES`, then list the pages (which may link to what they produced, or
    to what `NAMED_BESIDE_PAGES` promise)."""
    prerender(catalog.markdown_texts(), map_on_two_cores)
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
    promised = tuple(name for _, names in NAMED_BESIDE_PAGES for name in names)
    for name in promised:
        if name in assets or promised.count(name) > 1:
            raise ProductionError(f"Deux productions revendiquent le nom de fichier « {name} ».")
    named = Promised(assets, promised)
    renderer = Renderer(catalog, site_url, named, correction)
    return Prepared(site_url, renderer, dict(sorted(files.items())), named)


def start_beside_pages(prepared: Prepared, site_dir: Path) -> Background[Sources]:
    """Start `FIRST_BESIDE_PAGES`, `NAMED_BESIDE_PAGES` then `BESIDE_PAGES` in the
    background; they write into `site_dir`, and the names promised to the pages come
    from there."""
    renderer = prepared.renderer
    sources = Sources(renderer.catalog, prepared.site_url, renderer)
    background = Background.start(
        BESIDE_PAGES,
        sources,
        site_dir,
        [producer for producer, _ in NAMED_BESIDE_PAGES],
        first=FIRST_BESIDE_PAGES,
    )
    prepared.assets.resolve = background.name
    return background


def make_named(prepared: Prepared) -> Produced:
    """`NAMED_BESIDE_PAGES` made here and now (no background), their names resolved."""
    renderer = prepared.renderer
    sources = Sources(renderer.catalog, prepared.site_url, renderer)
    files: Produced = {}
    names: dict[str, str] = {}
    for producer, _ in NAMED_BESIDE_PAGES:
        made, named = producer(sources)
        files.update(made)
        names.update(named)
    prepared.assets.resolve = names.__getitem__
    return files
