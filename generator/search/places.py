"""The places of the site, for the commune boxes (search page and scheme pages).

Typed a commune, the adviser sees the places (offer_data/lieux/) that serve it or stand
nearest (same commune, intercommunality, then département: the rule of
`generator/reach.py`), with their network, town, phone, e-mail, web page and today's
hours, and a link to their page. One file, fetched only when a commune is typed; rows
are read by column name, like the communes table. Each commune's intercommunality is
given as a number into `epci` so the browser can apply the nearness rule without a
second table.
"""

from __future__ import annotations

from typing import Any

from .. import reach, urls
from ..catalog import Catalog
from ..display import collation_key, short_name

COLUMNS = [
    "id",
    "nom",
    "reseaux",
    "porteur",
    "commune",
    "insee",
    "reseaux_ids",
    "telephone",
    "courriel",
    "site",
    "semaine",
    "horaires",
    "rendez_vous",
]


def places_table(catalog: Catalog) -> dict[str, Any]:
    ordered = sorted(catalog.lieux.values(), key=lambda p: (collation_key(p.nom), p.id))
    number = {place.id: n for n, place in enumerate(ordered)}
    rows = []
    for place in ordered:
        porteur = catalog.porteurs.get(place.porteur)
        town = catalog.geo.commune(place.adresse.commune)
        days = reach.week(place.horaires_osm) if place.horaires_osm else None
        text = place.horaires or (None if days else _osm_text(place.horaires_osm))
        rows.append(
            [
                place.id,
                place.nom,
                [catalog.vocab.label("reseaux_porteurs", r) for r in place.reseaux_porteurs],
                short_name(porteur) if porteur else place.porteur,
                town.nom if town else place.adresse.commune,
                place.adresse.commune,
                list(place.reseaux_porteurs),
                place.telephone,
                place.courriel,
                place.site_web,
                days,
                text,
                reach.appointment(place),
            ]
        )
    epcis = sorted({c.epci for c in catalog.geo.communes if c.epci is not None})
    epci_number = {siren: n for n, siren in enumerate(epcis)}
    return {
        "version": 2,
        "adresses": urls.js_patterns(),
        "colonnes": COLUMNS,
        "lieux": rows,
        "communes": {
            code: sorted(number[lid] for lid in lids)
            for code, lids in sorted(catalog.commune_places.items())
        },
        "epci": [_epci_name(catalog, siren) for siren in epcis],
        "commune_epci": {
            c.code: epci_number[c.epci] for c in catalog.geo.communes if c.epci is not None
        },
        "departements": {d.code: d.nom for d in catalog.geo.departements},
        "limite": reach.NEAREST,
    }


def _epci_name(catalog: Catalog, siren: str) -> str:
    epci = catalog.geo.epci(siren)
    return epci.nom if epci else siren


def _osm_text(value: str | None) -> str | None:
    from .. import opening_hours

    if not value or opening_hours.problem(value):
        return value
    return " ; ".join(opening_hours.to_french(value))
