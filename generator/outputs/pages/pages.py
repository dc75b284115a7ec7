"""Every generated page of a catalogue, in the order MkDocs receives them."""

from __future__ import annotations

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
    pages += [scheme_page(renderer, d) for d in catalog.dispositifs.values()]
    pages += [territory_page(renderer, tid) for tid in catalog.territoires]
    pages += [territory_places_page(renderer, tid) for tid in catalog.territoires]
    pages += [provider_page(renderer, pid) for pid in catalog.porteurs]
    pages += [place_page(renderer, lid) for lid in catalog.lieux]
    pages += theme_pages(renderer)
    pages += public_pages(renderer)
    pages += index_pages(renderer)
    pages += priority_pages(renderer)
    pages += [booklet_page(renderer, tid) for tid in catalog.territoires]
    pages += [booklet_list_page(renderer, tid) for tid in catalog.territoires]
    pages.append(embed_guide_page(renderer))
    pages.append(search_page(renderer))
    pages.append(selection_page(renderer))
    pages.append(site_map_page(renderer))
    return pages
