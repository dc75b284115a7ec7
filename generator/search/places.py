"""The places of the site, for the commune boxes (search page and scheme pages).

Typed a commune, the adviser sees the places (offer_data/lieux/) that serve it or stand
nearest (same commune, intercommunality, then département: the rule of
`generator/reach.py`), with their network, town, phone, e-mail, web page and today's
hours, and a link to their page. One file, fetched only when a commune is typed; rows
are read by column name, like the communes table. Each commune's intercommunality is
given as a number into `epci` so the browser can apply the nearness rule without a
second table.

The browser does not fetch the whole table: `place_files` cuts it into one part per
département (the places standing in it or serving one of its communes: every level of
the rule for a commune of that département) and an index naming each part, so a commune
lookup costs the index and one part, whatever the number of places in the region.
"""

from __future__ import annotations

from typing import Any

from .. import reach, urls
from ..catalog import Catalog
from ..display import short_name
from ..folding import collation_key

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


def places_table(catalog: Catalog, departement: str | None = None) -> dict[str, Any]:
    """Every place (or, with `departement`, the part the browser fetches for a commune
    of that département) with its columns, and the commune → places tables."""
    places = list(catalog.lieux.values())
    communes = list(catalog.geo.communes)
    if departement is not None:
        communes = [c for c in communes if c.departement == departement]
        codes = {c.code for c in communes}
        places = [
            p
            for p in places
            if p.adresse.commune[:2] == departement
            or codes.intersection(catalog.place_communes.get(p.id, []))
        ]
    ordered = sorted(places, key=lambda p: (collation_key(p.nom), p.id))
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
    located = {catalog.geo.commune(p.adresse.commune) for p in ordered}
    known = {c.code: c for c in [*communes, *(c for c in located if c is not None)]}
    epcis = sorted({c.epci for c in known.values() if c.epci is not None})
    epci_number = {siren: n for n, siren in enumerate(epcis)}
    wanted = {c.code for c in communes}
    return {
        "version": 2,
        "adresses": urls.js_patterns(),
        "colonnes": COLUMNS,
        "lieux": rows,
        "communes": {
            code: sorted(number[lid] for lid in lids)
            for code, lids in sorted(catalog.commune_places.items())
            if code in wanted
        },
        "epci": [_epci_name(catalog, siren) for siren in epcis],
        "commune_epci": {
            code: epci_number[c.epci] for code, c in sorted(known.items()) if c.epci is not None
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


def place_files(catalog: Catalog) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """The index the pages link to (without the parts' names, which `search.assets` adds
    once the parts are named after their content) and one part per département."""
    parts = {d.code: places_table(catalog, d.code) for d in catalog.geo.departements}
    index: dict[str, Any] = {"version": 3, "adresses": urls.js_patterns(), "parties": {}}
    return index, parts
