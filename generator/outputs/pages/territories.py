"""Territory pages (`territoires/<id>/`), their places (`…/lieux/`) and their printable
booklets (`…/livret/`)."""

from __future__ import annotations

from functools import partial

from markupsafe import Markup

from ...catalog.catalog import Catalog
from ...data.model import Dispositif
from ...rules import display, urls
from ...rules.site_url import is_placeholder
from .booklet_filters import BOOKLET_ASSETS, booklet_filters, filter_attributes
from .catalog_view import active_schemes, sort_schemes, split_kinds
from .context import (
    BookletBlockContext,
    BookletContext,
    BookletListEntryContext,
    Epci,
    TerritoryContext,
    TerritoryPlacesContext,
)
from .page import GeneratedPage
from .place_box import BOX_ASSETS
from .renderer import Renderer


def territory_page(renderer: Renderer, tid: str) -> GeneratedPage:
    catalog = renderer.catalog
    territoire = catalog.territoires[tid]
    here = urls.page_url("territoire", tid)
    schemes, others = split_kinds(
        catalog.dispositifs[d] for d in catalog.territory_schemes.get(tid, [])
    )
    open_schemes = [d for d in schemes if d.is_open]
    epcis = []
    for siren in territoire.epci:
        epci = catalog.geo.epci(siren)
        if epci is not None:
            count = len(catalog.geo.communes_of_epci(siren))
            epcis.append(Epci(siren, epci.nom, count, len(epci.hors_region)))
    communes = catalog.territory_communes.get(tid, [])
    box_assets = renderer.require(BOX_ASSETS, "encadré « Qui contacter »")
    context = TerritoryContext(
        t=territoire,
        schemes=open_schemes,
        local_count=sum(1 for d in open_schemes if not d.everywhere),
        groups=renderer.site.group_by_theme(open_schemes),
        closed=sort_schemes(d for d in schemes if not d.is_open),
        others=others,
        epcis=display.sorted_by_name(epcis, lambda e: e.nom),
        hors_epci=[c for c in communes if c.epci is None],
        communes=display.sorted_by_name(communes, lambda c: c.nom),
        communes_count=len(communes),
        population=sum(c.population for c in communes),
        place_groups=renderer.site.lieux.by_network(catalog.territory_places.get(tid, [])),
        place_assets={name: box_assets[name] for name in BOX_ASSETS},
    )
    provisional_perimeter = territoire.is_provisional
    provisional = f" ({display.PROVISIONAL_PERIMETER})" if provisional_perimeter else ""
    return GeneratedPage(
        here,
        f"Territoire : {display.territory_label(territoire.nom, provisional_perimeter)}",
        renderer.deferred("territoire.html.j2", here, context),
        description=f"Dispositifs emploi, formation et orientation mobilisables sur le "
        f"territoire {territoire.nom}{provisional}.",
    )


def territory_places_page(renderer: Renderer, tid: str) -> GeneratedPage:
    """The places of a territory, by network, with the commune box: where the territory
    page and the scheme pages send a reader, so they stay light whatever the number of
    places."""
    catalog = renderer.catalog
    here = urls.territory_places_url(tid)
    lids = catalog.territory_places.get(tid, [])
    box_assets = renderer.require(BOX_ASSETS, "lieux d'un territoire")
    context = TerritoryPlacesContext(
        t=catalog.territoires[tid],
        count=len(lids),
        place_groups=renderer.site.lieux.by_network(lids),
        place_assets={name: box_assets[name] for name in BOX_ASSETS},
    )
    label = _territory_label(renderer, tid)
    return GeneratedPage(
        here,
        f"Où s'adresser : {label}",
        renderer.deferred("territoire_lieux.html.j2", here, context),
        description=f"Les lieux d'accueil qui desservent le territoire {label} ou s'y "
        "trouvent, par réseau : adresse, téléphone, horaires.",
    )


def booklet_block(renderer: Renderer, scheme: Dispositif, tid: str) -> Markup:
    """A scheme's booklet block, shared by every booklet it appears in.

    All booklets sit at the same depth, so their links are identical; only a contact
    for the territory makes a block territory-specific. Rendering each block once keeps
    the booklets cheap when a regional scheme appears in every territory.
    """
    context = BookletBlockContext(
        d=scheme, t=renderer.catalog.territoires[tid], site_url=_printed_address(renderer)
    )
    here = urls.territory_booklet_url(tid)
    make = partial(renderer.render, "_livret_fiche.html.j2", here, context)
    return Markup(renderer.fragment(("livret", scheme.id, _contact_territory(scheme, tid)), make))


def booklet_list_entry(renderer: Renderer, scheme: Dispositif, tid: str) -> Markup:
    """A scheme's entry in the compact lists, shared like `booklet_block`: only the
    contact it shows (the territory's, else the regional one) can differ."""
    context = BookletListEntryContext(
        d=scheme,
        t=renderer.catalog.territoires[tid],
        attributes=booklet_attributes(renderer, scheme),
    )
    here = urls.territory_list_booklet_url(tid)
    make = partial(renderer.render, "_livret_liste_entree.html.j2", here, context)
    return Markup(renderer.fragment(("liste", scheme.id, _contact_territory(scheme, tid)), make))


def _contact_territory(scheme: Dispositif, tid: str) -> str | None:
    """The territory a booklet entry of `scheme` is specific to: `tid` when the scheme has
    a contact there, else none (the entry is the same in every booklet)."""
    return tid if tid in scheme.contacts.territoires else None


def booklet_attributes(renderer: Renderer, scheme: Dispositif) -> Markup:
    """The filter attributes of a scheme's entries (booklet_filters.filter_attributes)."""
    make = partial(filter_attributes, renderer.site, scheme)
    return Markup(renderer.fragment(("filtres", scheme.id), make))


def _territory_label(renderer: Renderer, tid: str) -> str:
    """The territory's name, marked « (provisoire) » while its perimeter is provisional."""
    territoire = renderer.catalog.territoires[tid]
    return display.territory_name(territoire)


def _printed_address(renderer: Renderer) -> str | None:
    """The public address printed on paper: none while it is still the placeholder."""
    return None if is_placeholder(renderer.site_url) else renderer.site_url


def _booklet_context(renderer: Renderer, tid: str) -> BookletContext:
    catalog = renderer.catalog
    schemes = active_schemes(catalog, tid)
    lids = catalog.territory_places.get(tid, [])
    return BookletContext(
        fiche=partial(booklet_block, renderer, tid=tid),
        entry=partial(booklet_list_entry, renderer, tid=tid),
        t=catalog.territoires[tid],
        schemes=schemes,
        groups=renderer.site.group_by_theme(schemes),
        data_date=catalog.latest_date(),
        site_url=_printed_address(renderer),
        place_groups=renderer.site.lieux.by_network(lids),
        place_schemes=_schemes_of_places(catalog, lids, schemes),
        filters=booklet_filters(renderer.site, schemes),
        attributes=partial(booklet_attributes, renderer),
        assets=renderer.require(BOOKLET_ASSETS, "livret d'un territoire"),
    )


def _schemes_of_places(
    catalog: Catalog, lids: list[str], schemes: list[Dispositif]
) -> dict[str, list[Dispositif]]:
    """The booklet's schemes each place delivers, in the booklet's order: one pass over
    each place's schemes, not over every scheme for every place."""
    position = {d.id: n for n, d in enumerate(schemes)}
    result = {}
    for lid in lids:
        numbers = sorted(
            position[did] for did in catalog.place_schemes.get(lid, []) if did in position
        )
        result[lid] = [schemes[n] for n in numbers]
    return result


def booklet_page(renderer: Renderer, tid: str) -> GeneratedPage:
    label = _territory_label(renderer, tid)
    here = urls.territory_booklet_url(tid)
    return GeneratedPage(
        here,
        f"Livret : {label}",
        renderer.deferred("livret.html.j2", here, _booklet_context(renderer, tid)),
        description=f"Tous les dispositifs actifs du territoire {label}, sur une "
        "seule page à imprimer.",
        meta={"hide": ["navigation", "toc"]},
    )


def booklet_list_page(renderer: Renderer, tid: str) -> GeneratedPage:
    """The booklet as a compact list: a territory's offer in a few A4 pages."""
    label = _territory_label(renderer, tid)
    here = urls.territory_list_booklet_url(tid)
    return GeneratedPage(
        here,
        f"Liste des dispositifs : {label}",
        renderer.deferred("livret_liste.html.j2", here, _booklet_context(renderer, tid)),
        description=f"Les dispositifs actifs du territoire {label} en liste "
        "compacte, à choisir par public, thématique ou priorité et à imprimer.",
        meta={"hide": ["navigation", "toc"]},
    )
