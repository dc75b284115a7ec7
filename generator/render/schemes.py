"""Scheme pages: `dispositifs/<id>/`."""

from __future__ import annotations

from .. import urls
from ..model import Dispositif
from .context import SchemeContext
from .page import GeneratedPage
from .renderer import Renderer


def scheme_page(renderer: Renderer, d: Dispositif) -> GeneratedPage:
    catalog = renderer.catalog
    here = urls.page_url("dispositif", d.id)
    replaced = [catalog.dispositifs[x] for x in catalog.replaced_by_me.get(d.id, [])]
    context = SchemeContext(d=d, replaced_schemes=replaced)
    return GeneratedPage(
        here,
        d.titre,
        renderer.deferred("dispositif.html.j2", here, context),
        description=d.resume,
        meta={"date_maj": (d.modifie_le or d.consulte_le).isoformat()},
    )
