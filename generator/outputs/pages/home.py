"""Blocks the hand-written pages of docs/ can ask for with a marker comment.

The home page text stays editable Markdown in docs/index.md; where it says
`<!-- offre:territoires -->` (or another block name) the generated list goes.
"""

from __future__ import annotations

import re

from ...catalog.events import latest_events, same_day_updates_grouped
from ..search.columns import facet_values
from .context import COMMUNE_BOX_ASSETS, HomeContext
from .renderer import Renderer

_MARKER = re.compile(r"^<!--\s*offre:([a-z-]+)\s*-->\s*$", re.M)
BLOCKS = (
    "situation",
    "territoires",
    "territoires-info",
    "nouveautes",
    "chiffres",
    "commune",
    "donnees",
)
LATEST_COUNT = 8


def render_home_blocks(markdown: str, page_url: str, renderer: Renderer) -> str:
    """`markdown` with each marker replaced by its block, rendered for the page at `page_url`."""
    if "offre:" not in markdown:
        return markdown

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in BLOCKS:
            return match.group(0)
        return "\n" + _render_block(name, page_url, renderer).strip() + "\n"

    return _MARKER.sub(replace, markdown)


def _render_block(name: str, page_url: str, renderer: Renderer) -> str:
    catalog = renderer.catalog
    if name == "commune":
        renderer.require(COMMUNE_BOX_ASSETS, "recherche de commune")
    assets = renderer.assets
    module = renderer.macros(
        "_accueil.html.j2", page_url, HomeContext(catalog=catalog, assets=assets)
    )
    # The same events as the whole offer's feed; records added, or updated, the same day
    # make one entry.
    latest = (
        same_day_updates_grouped(
            latest_events(catalog, sorted(catalog.dispositifs), "region"), "region"
        )[:LATEST_COUNT]
        if name == "nouveautes"
        else []
    )
    if name == "situation":
        # The situations the search page filters on, in the same order.
        return str(module.situation(options=facet_values(catalog)["situation"]))
    macro = getattr(module, name.replace("-", "_"))
    return str(macro(latest=latest))
