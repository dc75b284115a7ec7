"""Every generated page of a catalogue, in the order MkDocs receives them."""

from __future__ import annotations

from collections.abc import Callable

from .embeds import embed_guide_page
from .listings import index_pages, public_pages, site_map_page, theme_pages
from .page import GeneratedPage
from .places import place_page
from .priorities import priority_pages
from .providers import provider_page
from .renderer import Renderer
from .schemes import scheme_page
from .search_page import search_page
from .selection import selection_page
from .territories import booklet_list_page, booklet_page, territory_page, territory_places_page


def all_pages(renderer: Renderer) -> list[GeneratedPage]:
    """The pages, listed now and rendered later (each page's `html` is deferred).

    A page that cannot be made (a produced file it links to is missing) raises
    RenderError: no page is ever silently left out.
    """
    catalog = renderer.catalog
    pages: list[GeneratedPage] = []
    # The printable booklets first: the heaviest pages (20 MB each at 10,000 schemes),
    # built from blocks they share (`Renderer.fragment`). Rendered while the producers
    # beside the pages are still young and small, their blocks forgotten after the last
    # one, they keep the build's memory, all processes together, under 1 GB.
    pages += [booklet_page(renderer, tid) for tid in catalog.territoires]
    pages += [booklet_list_page(renderer, tid) for tid in catalog.territoires]
    if pages:
        pages[-1].html = _then(pages[-1].html, renderer.forget_fragments)
    pages += [scheme_page(renderer, d) for d in catalog.dispositifs.values()]
    pages += [territory_page(renderer, tid) for tid in catalog.territoires]
    pages += [territory_places_page(renderer, tid) for tid in catalog.territoires]
    pages += [provider_page(renderer, pid) for pid in catalog.porteurs]
    pages += [place_page(renderer, lid) for lid in catalog.lieux]
    pages += theme_pages(renderer)
    pages += public_pages(renderer)
    pages += index_pages(renderer)
    pages += priority_pages(renderer)
    pages.append(embed_guide_page(renderer))
    pages.append(search_page(renderer))
    pages.append(selection_page(renderer))
    pages.append(site_map_page(renderer))
    return pages


def _then(html: str | Callable[[], str], after: Callable[[], None]) -> Callable[[], str]:
    """A page's render, followed by `after`."""

    def render() -> str:
        made = html() if callable(html) else html
        after()
        return made

    return render
