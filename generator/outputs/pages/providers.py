"""Provider pages: `porteurs/<id>/`."""

from __future__ import annotations

from ...rules import urls
from .catalog_view import sort_schemes, split_kinds
from .context import ProviderContext
from .page import GeneratedPage
from .renderer import Renderer


def provider_page(renderer: Renderer, pid: str) -> GeneratedPage:
    catalog = renderer.catalog
    porteur = catalog.porteurs[pid]
    here = urls.page_url("porteur", pid)
    schemes, others = split_kinds(
        catalog.dispositifs[d] for d in catalog.provider_schemes.get(pid, [])
    )
    context = ProviderContext(
        p=porteur,
        active=sort_schemes(d for d in schemes if d.is_open),
        closed=sort_schemes(d for d in schemes if not d.is_open),
        others=others,
    )
    return GeneratedPage(
        here,
        porteur.nom,
        renderer.deferred("porteur.html.j2", here, context),
        description=f"Dispositifs portés par {porteur.nom}.",
    )
