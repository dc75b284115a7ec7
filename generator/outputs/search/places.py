"""The places of the site, for the commune boxes (search page and scheme pages).

Typed a commune, the adviser sees the places (offer_data/lieux/) that serve it or stand
nearest (same commune, intercommunality, then département: the rule of
`generator/catalog/reach.py`), with their network, address, phone, e-mail, web page, today's
hours and the date their facts were read, and a link to their page, fetched only when a
commune is typed; rows are read by column name, like the communes table. Each commune's
intercommunality is given (its SIREN, named in `epci`) so the browser can apply the
nearness rule without a second table.

The browser does not fetch the whole table: `place_files` cuts it into one part per
intercommunality (or per commune outside any), with the places standing in its communes
or serving one of them, and one part per département for the département level of the
rule, with only the first places by name of each way a scheme picks its places (network
or provider, per territory; named places) — the rule never offers more than those. An
index maps each commune to its part. A commune lookup thus costs the index, its part and
its département's part, whose sizes depend on the places of one intercommunality and on
the number of networks and territories, not on the number of places in the region.

Each row also carries what a scheme page needs to tell, in the browser, whether the place
delivers its scheme (`reach.delivery_rule`): its provider, territories and named schemes.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from ...catalog import reach
from ...catalog.catalog import Catalog
from ...data.model import Lieu
from ...rules import urls
from ...rules.display import short_name
from ...rules.folding import collation_key

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
    "porteur_id",
    "territoires",
    "dispositifs",
    "adresse",
    "lu_le",
]


def places_table(
    catalog: Catalog,
    communes: Collection[str] | None = None,
    chosen: Collection[str] | None = None,
) -> dict[str, Any]:
    """Every place (or, with `communes`, the part the browser fetches for one of these
    communes: the places `chosen` for it by `place_files`, see the module docstring)
    with its columns, and the commune → places tables."""
    places = list(catalog.lieux.values())
    towns = list(catalog.geo.communes)
    if communes is not None:
        wanted_codes = set(communes)
        towns = [c for c in towns if c.code in wanted_codes]
        places = [catalog.lieux[lid] for lid in (chosen or ())]
    communes_list = towns
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
                place.porteur,
                catalog.place_territories.get(place.id, []),
                list(place.dispositifs),
                _address_lines(place, town.nom if town else place.adresse.commune),
                # When its facts were read, and whether the structure confirmed them.
                [(place.verifie_le or place.consulte_le).isoformat(), place.verifie_le is not None],
            ]
        )
    located = {catalog.geo.commune(p.adresse.commune) for p in ordered}
    known = {c.code: c for c in [*communes_list, *(c for c in located if c is not None)]}
    epcis = sorted({c.epci for c in known.values() if c.epci is not None})
    wanted = {c.code for c in communes_list}
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
        "epci": {siren: _epci_name(catalog, siren) for siren in epcis},
        "commune_epci": {code: c.epci for code, c in sorted(known.items()) if c.epci is not None},
        "departements": {d.code: d.nom for d in catalog.geo.departements},
        "limite": reach.NEAREST,
    }


def _address_lines(place: Lieu, town: str) -> list[str]:
    """As the place pages write it (`PlaceHelpers.address_lines`)."""
    adresse = place.adresse
    last = f"{adresse.code_postal} {town}" if adresse.code_postal else town
    return [line for line in (adresse.ligne, adresse.complement) if line] + [last]


def _epci_name(catalog: Catalog, siren: str) -> str:
    epci = catalog.geo.epci(siren)
    return epci.nom if epci else siren


def _osm_text(value: str | None) -> str | None:
    from ...data import opening_hours

    if not value or opening_hours.problem(value):
        return value
    return " ; ".join(opening_hours.to_french(value))


def place_groups(catalog: Catalog) -> list[list[str]]:
    """The communes of each part: those of one intercommunality, or one commune outside
    any, in code order."""
    groups: dict[str, list[str]] = {}
    for commune in sorted(catalog.geo.communes, key=lambda c: c.code):
        groups.setdefault(commune.epci or f"commune:{commune.code}", []).append(commune.code)
    return [groups[key] for key in sorted(groups)]


def place_files(
    catalog: Catalog,
) -> tuple[dict[str, Any], list[tuple[list[str], dict[str, Any]]], dict[str, dict[str, Any]]]:
    """The index the pages link to (without the parts' names, which `search.assets` adds
    once the parts are named after their content: `parties` with `communes`, commune →
    number of its part, and `departements`, département → its part), the parts with
    their communes, and the département parts."""
    firsts = _first_of_each_way(catalog)
    standing: dict[str, list[str]] = {}
    for lid, place in catalog.lieux.items():
        standing.setdefault(place.adresse.commune, []).append(lid)
    parts = []
    for group in place_groups(catalog):
        chosen: set[str] = set()
        for code in group:
            chosen.update(standing.get(code, ()))
            chosen.update(catalog.commune_places.get(code, ()))
        parts.append((group, places_table(catalog, group, chosen)))
    departements = {
        d.code: places_table(catalog, (), firsts.get(d.code, ())) for d in catalog.geo.departements
    }
    index: dict[str, Any] = {
        "version": 4,
        "adresses": urls.js_patterns(),
        "parties": [],
        "communes": {},
        "departements": {},
    }
    return index, parts, departements


def _first_of_each_way(catalog: Catalog) -> dict[str, set[str]]:
    """By département, the places the département level of the rule may offer: for each
    way a scheme (or a commune box) picks its candidates, the first `reach.NEAREST` by
    name standing in the département. The first few of a union are among the first few
    of its members, so these are enough whatever the scheme's networks and territories."""
    networks: set[str] = set()
    providers: set[str] = set()
    named: set[str] = set()
    for scheme in catalog.dispositifs.values():
        if not scheme.is_scheme:
            continue
        if scheme.delivre_par is not None:
            networks.update(scheme.delivre_par.reseaux)
            named.update(scheme.delivre_par.lieux)
        else:
            providers.update((scheme.porteur, *scheme.co_porteurs))
    aide = catalog.reseaux.aide_demarches
    helper = aide.reseau if aide else None
    firsts: dict[tuple[str, ...], list[str]] = {}
    by_departement: dict[str, set[str]] = {}
    for place in sorted(catalog.lieux.values(), key=lambda p: (collation_key(p.nom), p.id)):
        town = catalog.geo.commune(place.adresse.commune)
        departement = town.departement if town else place.adresse.commune[:2]
        ways: list[tuple[str, ...]] = [("tous",)]
        territories = catalog.place_territories.get(place.id, [])
        for network in place.reseaux_porteurs:
            if network == helper:
                ways.append(("aide", network))
            if network in networks:
                ways += [("reseau", network, t) for t in territories]
        if place.porteur in providers:
            ways += [("porteur", place.porteur, t) for t in territories]
        ways += [("dispositif", did) for did in place.dispositifs]
        if place.id in named:
            ways.append(("lieu", place.id))
        for way in ways:
            first = firsts.setdefault((departement, *way), [])
            if len(first) < reach.NEAREST:
                first.append(place.id)
                by_departement.setdefault(departement, set()).add(place.id)
    return by_departement
