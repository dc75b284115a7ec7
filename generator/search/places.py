"""The places serving each commune, for the search page's commune box.

Typed a commune, the adviser sees the places (offer_data/lieux/) whose area covers it,
with their network and town and a link to their page. One small file, fetched only
when a commune is typed; rows are read by column name, like the communes table.
"""

from __future__ import annotations

from typing import Any

from .. import urls
from ..catalog import Catalog
from ..display import collation_key, short_name

COLUMNS = ["id", "nom", "reseaux", "porteur", "commune"]


def places_table(catalog: Catalog) -> dict[str, Any]:
    ordered = sorted(catalog.lieux.values(), key=lambda p: (collation_key(p.nom), p.id))
    number = {place.id: n for n, place in enumerate(ordered)}
    rows = []
    for place in ordered:
        porteur = catalog.porteurs.get(place.porteur)
        town = catalog.geo.commune(place.adresse.commune)
        rows.append(
            [
                place.id,
                place.nom,
                [catalog.vocab.label("reseaux_porteurs", r) for r in place.reseaux_porteurs],
                short_name(porteur) if porteur else place.porteur,
                town.nom if town else place.adresse.commune,
            ]
        )
    return {
        "version": 1,
        "adresses": urls.js_patterns(),
        "colonnes": COLUMNS,
        "lieux": rows,
        "communes": {
            code: sorted(number[lid] for lid in lids)
            for code, lids in sorted(catalog.commune_places.items())
        },
    }
