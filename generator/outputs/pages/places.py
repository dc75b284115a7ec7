"""Place pages (`lieux/<id>/`) and the index of places: counts by territory and by network,
linking to each territory's places page (`territoires/<id>/lieux/`)."""

from __future__ import annotations

from ...rules import display, urls
from .catalog_view import sort_schemes
from .context import PlaceContext, PlaceCount, PlacesIndexContext
from .page import GeneratedPage
from .renderer import Renderer


def place_page(renderer: Renderer, lid: str) -> GeneratedPage:
    catalog = renderer.catalog
    place = catalog.lieux[lid]
    here = urls.page_url("lieu", lid)
    schemes = [catalog.dispositifs[d] for d in catalog.place_schemes.get(lid, [])]
    context = PlaceContext(
        place=place,
        schemes=sort_schemes(d for d in schemes if d.is_open and d.is_scheme),
        territories=catalog.place_territories.get(lid, []),
    )
    commune = renderer.site.lieux.commune_name(place.adresse.commune)
    return GeneratedPage(
        here,
        place.nom,
        renderer.deferred("lieu.html.j2", here, context),
        description=f"{place.nom}, {commune} : adresse, contact et dispositifs délivrés.",
        meta={"date_maj": place.updated_on.isoformat()},
    )


def places_index_page(renderer: Renderer) -> GeneratedPage:
    catalog = renderer.catalog
    here = urls.page_url("lieu")
    lieux = renderer.site.lieux
    lids = sorted(catalog.lieux)
    by_network = lieux.by_network(lids)
    network_territories = {}
    for group in by_network:
        counts: dict[str, int] = {}
        for place in group.places:
            for tid in catalog.place_territories.get(place.id, []):
                counts[tid] = counts.get(tid, 0) + 1
        network_territories[group.id] = display.sorted_by_name(
            (PlaceCount(tid, lieux.territory_label(tid), n) for tid, n in counts.items()),
            lambda t: t.label,
        )
    context = PlacesIndexContext(
        count=len(lids),
        by_territory=lieux.by_territory(lids),
        outside=lieux.outside_territories(lids),
        by_network=by_network,
        network_territories=network_territories,
    )
    title = "Lieux d'accueil"
    return GeneratedPage(
        here,
        title,
        renderer.deferred("lieux.html.j2", here, context),
        description="Les structures et points d'accueil où adresser une personne, par "
        "territoire et par réseau.",
    )
