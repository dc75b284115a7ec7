"""Pages by Clefop priority (`priorites/<axe>/`): each priority's « boîte à outils ».

The 2020 roadmap organises the offer around its priorities (the `axes_clefop` of each
scheme). A priority's page lists its mobilisable schemes grouped by provider, how many
apply in each territory (and which territories chose that priority), then, apart, the
governance bodies, plans and information services, and the schemes no longer open.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ...data.model import Dispositif
from ...rules import display, urls
from .catalog_view import sort_schemes
from .context import Group, IndexContext, IndexEntry, IndexGroup
from .page import GeneratedPage
from .renderer import Renderer

KIND = "priorite"
VOCABULARY = "axes_clefop"


@dataclass
class TerritoryCount:
    url: str
    name: str
    count: int
    chosen: bool  # the territory lists this priority among its own


def _toolbox(schemes: list[Dispositif]) -> list[Dispositif]:
    return [d for d in schemes if d.is_open and d.is_scheme]


def priority_pages(renderer: Renderer) -> list[GeneratedPage]:
    """The index of priorities, then one page per priority of the vocabulary (even one
    no scheme has yet: territory pages link to every priority they chose)."""
    catalog = renderer.catalog
    site = renderer.site
    by_axis: dict[str, list[Dispositif]] = defaultdict(list)
    for scheme in catalog.dispositifs.values():
        for axis in scheme.axes_clefop:
            by_axis[axis].append(scheme)
    axes = catalog.vocab.values(VOCABULARY)
    entries = [
        IndexEntry(
            urls.page_url(KIND, axis),
            site.label(VOCABULARY, axis),
            len(_toolbox(by_axis[axis])),
        )
        for axis in axes
    ]
    intro = (
        "La feuille de route 2020 des Clefop organise l'offre autour de priorités. "
        "Pour chacune, sa boîte à outils : les dispositifs mobilisables, par porteur, "
        "et combien s'appliquent dans chaque territoire."
    )
    index = IndexContext(
        title="Priorités Clefop",
        intro=intro,
        groups=[IndexGroup("priorites", "", display.sorted_by_name(entries, lambda e: e.label))],
        note=None,
    )
    here = urls.page_url(KIND)
    pages = [
        GeneratedPage(
            here,
            "Priorités Clefop",
            renderer.deferred("index.html.j2", here, index),
            description=intro,
        )
    ]
    pages += [priority_page(renderer, axis, by_axis[axis]) for axis in axes]
    return pages


def priority_page(renderer: Renderer, axis: str, schemes: list[Dispositif]) -> GeneratedPage:
    catalog = renderer.catalog
    site = renderer.site
    here = urls.page_url(KIND, axis)
    label = site.label(VOCABULARY, axis)
    term = catalog.vocab.get(VOCABULARY, axis)
    toolbox = _toolbox(schemes)
    by_provider: dict[str, list[Dispositif]] = defaultdict(list)
    for scheme in toolbox:
        by_provider[scheme.porteur].append(scheme)
    groups = [
        Group(
            f"porteur-{pid}",
            catalog.porteurs[pid].nom if pid in catalog.porteurs else pid,
            sort_schemes(items),
        )
        for pid, items in by_provider.items()
    ]
    in_toolbox = {d.id for d in toolbox}
    territories = [
        TerritoryCount(
            urls.page_url("territoire", tid),
            display.territory_name(t),
            sum(1 for did in catalog.territory_schemes.get(tid, []) if did in in_toolbox),
            axis in t.priorites,
        )
        for tid, t in catalog.territoires.items()
    ]
    title = f"Priorité Clefop : {label}"
    description = term.description if term and term.description else ""
    context = {
        "title": title,
        "label": label,
        "description": description,
        "groups": display.sorted_by_name(groups, lambda g: g.label),
        "count": len(toolbox),
        "territories": display.sorted_by_name(territories, lambda t: t.name),
        "others": sort_schemes(d for d in schemes if d.is_open and not d.is_scheme),
        "closed": sort_schemes(d for d in schemes if not d.is_open),
        "search_query": f"axe={axis}",
    }
    html = renderer.deferred("priorite.html.j2", here, context)
    return GeneratedPage(here, title, html, description=description)
