"""Blocks the hand-written pages of docs/ can ask for with a marker comment.

The home page text stays editable Markdown in docs/index.md; where it says
`<!-- offre:territoires -->` (or another block name) the plugin puts the generated list.
"""

from __future__ import annotations

import re

from ..catalog import Catalog
from .pages import Linker, PageRenderer

_MARKER = re.compile(r"^<!--\s*offre:([a-z-]+)\s*-->\s*$", re.M)
BLOCKS = ("territoires", "nouveautes", "chiffres", "commune", "donnees")
LATEST_COUNT = 8


def render_home_blocks(
    markdown: str, page_url: str, catalog: Catalog, renderer: PageRenderer
) -> str:
    if "offre:" not in markdown:
        return markdown

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in BLOCKS:
            return match.group(0)
        return "\n" + _render_block(name, page_url, catalog, renderer).strip() + "\n"

    return _MARKER.sub(replace, markdown)


def _render_block(name: str, page_url: str, catalog: Catalog, renderer: PageRenderer) -> str:
    template = renderer.env.get_template("_accueil.html.j2")
    module = template.make_module(
        {
            "site": renderer.site,
            "link": Linker(page_url),
            "catalog": catalog,
            "assets": renderer.assets,
        }
    )
    latest = sorted(
        catalog.dispositifs.values(),
        key=lambda d: (d.modifie_le or d.consulte_le, d.id),
        reverse=True,
    )[:LATEST_COUNT]
    macro = getattr(module, name.replace("-", "_"))
    return str(macro(latest=latest))
