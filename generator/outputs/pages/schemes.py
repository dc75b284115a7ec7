"""Scheme pages: `dispositifs/<id>/`."""

from __future__ import annotations

from ...data.model import Dispositif
from ...rules import urls
from .context import SchemeContext
from .page import GeneratedPage
from .place_box import BOX_ASSETS, place_box
from .renderer import Renderer


def scheme_page(renderer: Renderer, d: Dispositif) -> GeneratedPage:
    catalog = renderer.catalog
    here = urls.page_url("dispositif", d.id)
    replaced = [catalog.dispositifs[x] for x in catalog.replaced_by_me.get(d.id, [])]
    # Where to go: for schemes still mobilisable (not plans, bodies or information).
    where = None
    if d.is_open and d.is_scheme:
        assets = renderer.require(BOX_ASSETS, "encadré « Où s'adresser »")
        where = place_box(renderer.site.lieux, d, {name: assets[name] for name in BOX_ASSETS})
    context = SchemeContext(d=d, replaced_schemes=replaced, where=where)
    return GeneratedPage(
        here,
        d.titre,
        renderer.deferred("dispositif.html.j2", here, context),
        description=d.resume,
        meta={"date_maj": d.updated_on.isoformat()},
    )
