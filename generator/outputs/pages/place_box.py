"""The "Où s'adresser" box of scheme pages: its script and what each page shows.

A scheme page does not list its places: with thousands of counters in the region it
would weigh megabytes. Without JavaScript it says how many places deliver the scheme in
each territory of its perimeter, each linking to that territory's places page
(`territoires/<id>/lieux/`: address, phone, hours, by network), then the official
directories of the scheme's networks (or its provider's website), and, apart, what
France services do when the rule of reseaux.yaml asks for them. With JavaScript, the
reader types a commune (found with the commune table the site already ships,
`search.communes`) and the script offers the nearest places by the rule of
`generator/catalog/reach.py`, among the places of that commune's part of the search's places
table (`search.places`, shared with the search page's commune box, cached forever with
content-hashed names) that deliver the scheme by its `reach.DeliveryRule`, which the
page carries. So a page's size does not depend on the number of places.
"""

from __future__ import annotations

from pathlib import Path

from ...catalog import reach
from ...catalog.catalog import Catalog
from ...data.model import Dispositif
from ...rules import display, urls
from .context import PlaceBoxContext, PlaceCount
from .place_helpers import PlaceHelpers

SCRIPT = Path(__file__).parent / "js" / "ou_s_adresser.js"
# The nearness rule and the place items are the search page's (OffreLieux): one code for
# both boxes, bundled in front of the box's own script.
SHARED_SCRIPT = Path(__file__).parent.parent / "search" / "js" / "lieux.js"
# Files the box needs, by the name pages know them by (all but its script are the search's).
BOX_ASSETS = ("texte", "commune", "communes", "lieux", "ou_s_adresser")


def box_files(catalog: Catalog) -> tuple[dict[str, str | bytes], dict[str, str]]:
    """The box's script and the name pages know it by. The places serving each commune
    come from the search's places table (`search.places`), shared by both boxes."""
    script = SHARED_SCRIPT.read_bytes() + b"\n" + SCRIPT.read_bytes()
    path = urls.hashed_path(urls.SEARCH_ASSETS_FOLDER, "ou-s-adresser", script, ".js")
    return {path: script}, {"ou_s_adresser": path}


def place_box(helpers: PlaceHelpers, scheme: Dispositif, assets: dict[str, str]) -> PlaceBoxContext:
    """What the "Où s'adresser" section of a scheme page shows."""
    catalog = helpers.catalog
    lids = catalog.scheme_places.get(scheme.id, [])
    counts: dict[str, int] = {}
    for lid in lids:
        for tid in catalog.place_territories.get(lid, []):
            counts[tid] = counts.get(tid, 0) + 1
    perimeter = catalog.scheme_territories.get(scheme.id, [])
    territories = [
        PlaceCount(tid, helpers.territory_label(tid), counts.get(tid, 0))
        for tid in perimeter
        if tid in catalog.territoires
    ]
    delivery = reach.delivery_rule(catalog, scheme)
    return PlaceBoxContext(
        count=len(lids),
        territories=display.sorted_by_name(territories, lambda t: t.label),
        through=_through(catalog, delivery),
        delivery=delivery,
        outside=helpers.outside_territories(lids),
        assets=assets,
        directories=reach.scheme_directories(catalog, scheme),
        provider=reach.provider_contact(catalog, scheme),
        helpers=reach.procedure_help(catalog, scheme),
        rule=reach.RULE_TEXT,
    )


def _through(catalog: Catalog, delivery: reach.DeliveryRule) -> list[str]:
    """Under which heading of a territory's places page to look: the networks that
    deliver the scheme, else its providers' networks (or names)."""
    if delivery.networks is not None:
        return [catalog.vocab.label("reseaux_porteurs", n) for n in delivery.networks]
    labels = []
    for pid in delivery.providers:
        porteur = catalog.porteurs.get(pid)
        if porteur is None:
            continue
        if porteur.reseau:
            labels.append(catalog.vocab.label("reseaux_porteurs", porteur.reseau))
        else:  # the places page puts places of no network under « Autres structures »
            labels.append(f"Autres structures ({porteur.nom})")
    return list(dict.fromkeys(labels))
