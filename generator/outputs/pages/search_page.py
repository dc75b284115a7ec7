"""The search page (`recherche/`): a shell the search scripts fill from the search files."""

from __future__ import annotations

from ...rules import urls
from ..search import facets
from .context import SEARCH_ASSETS, SearchContext
from .page import GeneratedPage
from .renderer import Renderer


def search_page(renderer: Renderer) -> GeneratedPage:
    here = urls.SEARCH_URL
    context = SearchContext(
        assets=renderer.require(SEARCH_ASSETS, "page de recherche"),
        facets=facets.FACETS,
        panel=facets.panel_boxes(),
        facets_json=facets.js_facets(),
    )
    return GeneratedPage(
        here,
        "Rechercher un dispositif",
        renderer.deferred("recherche.html.j2", here, context),
        description="Recherche par mots-clés, territoire, public, thématique et porteur.",
        meta={"hide": ["navigation", "toc"]},
        # The skip link goes to the results, not to the filters that come first.
        skip_to=("offre-resultats-titre", "Résultats"),
    )
