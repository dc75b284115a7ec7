"""The commune → territory table the browser searches (home page box and search facet).

Communes of the region with their postal codes, former names (communes déléguées and
associées) and territory; plus the communes outside the region that belong to an EPCI
straddling the border, so typing "Redon" says "outside the region" instead of "unknown".
"""

from __future__ import annotations

from typing import Any

from ...catalog.catalog import Catalog
from ...rules import codes, display, urls


def communes_table(catalog: Catalog) -> dict[str, Any]:
    territories = sorted(catalog.territoires.items(), key=lambda i: i[1].nom)
    t_index = {tid: n for n, (tid, _) in enumerate(territories)}
    departements = {d.code: d.nom for d in catalog.geo.departements}
    rows = []
    for commune in catalog.geo.communes:
        tid = catalog.commune_territory.get(commune.code)
        rows.append(
            [
                commune.code,
                commune.nom,
                list(commune.codes_postaux),
                t_index[tid] if tid is not None else -1,
                [ancien.nom for ancien in commune.anciens_noms],
                commune.departement,
                1 if commune.epci is None else 0,
                commune.population,
            ]
        )
    outside: dict[str, list[str]] = {}
    for epci in catalog.geo.epcis:
        for member in epci.hors_region:
            outside[member.code] = [member.code, member.nom, member.departement]
    return {
        "version": 2,
        "adresses": urls.js_patterns(),
        "codes": codes.js_patterns(),
        # Names as pages show them: « (provisoire) » after a provisional territory's.
        "territoires": [{"id": tid, "nom": display.territory_name(t)} for tid, t in territories],
        "departements": departements,
        "colonnes": [
            "code",
            "nom",
            "codes_postaux",
            "territoire",
            "anciens_noms",
            "departement",
            "hors_epci",
            "population",
        ],
        "communes": rows,
        "colonnes_hors_region": ["code", "nom", "departement"],
        "hors_region": [outside[code] for code in sorted(outside)],
    }
