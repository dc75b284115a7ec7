"""The places serving each commune, as the search page reads them (search/places.py)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from devtools.synth import synthesize

from generator.catalog import reach
from generator.catalog.catalog import Catalog
from generator.catalog.load import load_catalog
from generator.outputs.search.places import places_table
from generator.rules import urls
from generator.rules.display import collation_key
from tests.support.datasets import BuiltSite
from tests.support.paths import REPO


def test_each_commune_lists_the_places_whose_area_covers_it(built_site: BuiltSite) -> None:
    catalog = built_site.catalog
    table = places_table(catalog)
    at = {name: n for n, name in enumerate(table["colonnes"])}
    rows = table["lieux"]
    assert len(rows) == len(catalog.lieux)
    served = {
        code: sorted(rows[n][at["id"]] for n in numbers)
        for code, numbers in table["communes"].items()
    }
    assert served == {code: sorted(lids) for code, lids in catalog.commune_places.items()}
    assert served  # the test dataset has a place with a zone: the check above means something
    # A place with an unknown zone serves no commune it could be shown for.
    unknown = [lid for lid, p in catalog.lieux.items() if not p.zone_desservie]
    assert unknown and not any(lid in ids for ids in served.values() for lid in unknown)


def test_a_row_names_the_place_its_network_and_town(built_site: BuiltSite) -> None:
    catalog = built_site.catalog
    table = places_table(catalog)
    at = {name: n for n, name in enumerate(table["colonnes"])}
    for row in table["lieux"]:
        place = catalog.lieux[row[at["id"]]]
        assert row[at["nom"]] == place.nom
        assert row[at["reseaux"]] == [
            catalog.vocab.label("reseaux_porteurs", r) for r in place.reseaux_porteurs
        ]
        town = catalog.geo.commune(place.adresse.commune)
        assert town is not None and row[at["commune"]] == town.nom
    assert table["adresses"]["lieu"].replace("{id}", "x") == urls.page_url("lieu", "x")
    assert urls.page_url("lieu", "x") == "lieux/x/"


def test_the_browser_fetches_the_index_a_part_and_a_departement_part(
    built_site: BuiltSite,
) -> None:
    """Every commune has one part (its intercommunality's); each département one part;
    the shipped index names them all."""
    from generator.outputs.search.places import place_files, place_groups

    catalog = built_site.catalog
    index, parts, departements = place_files(catalog)
    assert index["version"] == 4 and index["parties"] == [] and index["communes"] == {}
    assert sorted(departements) == sorted(d.code for d in catalog.geo.departements)
    grouped = [code for group in place_groups(catalog) for code in group]
    assert sorted(grouped) == sorted(c.code for c in catalog.geo.communes)
    assert len(parts) == len(place_groups(catalog))
    # The test places are in Sarthe: the Mayenne part is empty, the Sarthe one is not.
    assert departements["72"]["lieux"] and not departements["53"]["lieux"]
    shipped = built_site.site / "recherche"
    (index_file,) = shipped.glob("lieux.*.json")
    shipped_index = json.loads(index_file.read_text(encoding="utf-8"))
    assert set(shipped_index["communes"]) == set(grouped)
    for name in [*shipped_index["parties"], *shipped_index["departements"].values()]:
        assert (shipped / name).is_file()


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    """200 schemes and 1,000 places: a place set large enough for every level of the rule."""
    folder = tmp_path_factory.mktemp("synth") / "donnees"
    synthesize(200, folder, source=REPO / "offer_data", places=1000)
    catalog, report = load_catalog(folder)
    assert catalog is not None, report.render()
    return catalog


def _browser_table(part: dict[str, Any], departement: dict[str, Any]) -> dict[str, Any]:
    """What js/lieux.js `merge` makes of a commune's part and its département's part."""
    rows: list[dict[str, Any]] = []
    seen: set[str] = set()
    for data in (part, departement):
        at = {name: n for n, name in enumerate(data["colonnes"])}
        for row in data["lieux"]:
            place = {name: row[n] for name, n in at.items()}
            if place["id"] not in seen:
                seen.add(place["id"])
                rows.append(place)
    return {
        "lieux": rows,
        "communes": part["communes"],
        "commune_epci": {**departement["commune_epci"], **part["commune_epci"]},
        "limite": part["limite"],
    }


def _browser_nearest(
    table: dict[str, Any], pool: list[dict[str, Any]], commune: Any, limit: int
) -> list[str]:
    """OffreLieux.nearest, on the rows (ids only, in the order shown)."""
    part_ids = [table["lieux"][n]["id"] for n in table["communes"].get(commune.code, [])]
    name = lambda p: (collation_key(p["nom"]), p["id"])  # noqa: E731
    found = sorted((p for p in pool if p["id"] in part_ids), key=name)
    if found:
        return [p["id"] for p in found]
    found = sorted((p for p in pool if p["insee"] == commune.code), key=name)
    if found:
        return [p["id"] for p in found]
    epci = table["commune_epci"].get(commune.code)
    if epci is not None:
        found = sorted((p for p in pool if table["commune_epci"].get(p["insee"]) == epci), key=name)
        if found:
            return [p["id"] for p in found][:limit]
    found = sorted((p for p in pool if p["insee"][:2] == commune.departement), key=name)
    return [p["id"] for p in found][:limit]


def test_a_communes_parts_give_what_the_rule_gives_with_the_whole_table(
    synthetic: Catalog,
) -> None:
    """For schemes, France services and the search page's box, and communes of every
    kind, the browser's answer from the parts equals `reach.nearest` on every place: the
    parts lose nothing, and the scheme page's delivery rule picks the scheme's places."""
    from generator.outputs.search.places import place_files

    catalog = synthetic
    _, parts, departements = place_files(catalog)
    part_of = {code: part for group, part in parts for code in group}
    schemes = [d for d in catalog.dispositifs.values() if d.is_open and d.is_scheme]
    rules = [reach.delivery_rule(catalog, d) for d in schemes]
    helpers = reach.helper_places(catalog)
    aide = catalog.reseaux.aide_demarches
    assert aide is not None and helpers
    levels: set[str] = set()
    communes = sorted(catalog.geo.communes, key=lambda c: c.code)[::7]
    for commune in communes:
        table = _browser_table(part_of[commune.code], departements[commune.departement])
        rows = table["lieux"]
        # The search page and territory pages: every place.
        expected = [n.lid for n in reach.nearest(catalog, list(catalog.lieux), commune.code)]
        assert _browser_nearest(table, rows, commune, 5) == expected, commune.code
        # The France services, apart: three at most.
        pool = [p for p in rows if aide.reseau in p["reseaux_ids"]]
        expected = [n.lid for n in reach.nearest(catalog, helpers, commune.code, 3)]
        assert _browser_nearest(table, pool, commune, 3) == expected, commune.code
        for scheme, rule in zip(schemes, rules, strict=True):
            near = reach.nearest(catalog, catalog.scheme_places[scheme.id], commune.code)
            levels.update(n.level for n in near)
            pool = [
                p
                for p in rows
                if rule.delivers(
                    p["id"], p["porteur_id"], p["reseaux_ids"], p["territoires"], p["dispositifs"]
                )
            ]
            got = _browser_nearest(table, pool, commune, 5)
            assert got == [n.lid for n in near], (scheme.id, commune.code)
    # Every level of the rule was met, so each was compared.
    assert levels == set(reach.LEVELS)


def test_the_delivery_rule_picks_the_places_the_catalogue_links(synthetic: Catalog) -> None:
    catalog = synthetic
    for scheme in catalog.dispositifs.values():
        if not scheme.is_scheme:
            continue
        rule = reach.delivery_rule(catalog, scheme)
        picked = sorted(
            lid
            for lid, p in catalog.lieux.items()
            if rule.delivers(
                lid,
                p.porteur,
                p.reseaux_porteurs,
                catalog.place_territories[lid],
                p.dispositifs,
            )
        )
        assert picked == sorted(catalog.scheme_places[scheme.id]), scheme.id


def test_a_lookup_does_not_grow_with_the_places_of_the_region(synthetic: Catalog) -> None:
    """A département part holds at most NEAREST places per way of picking them, whatever
    the number of places; a commune part only its intercommunality's."""
    from generator.outputs.search.places import place_files

    catalog = synthetic
    _, parts, departements = place_files(catalog)
    biggest = max(len(part["lieux"]) for _, part in parts)
    assert biggest < len(catalog.lieux) / 5
    for code, part in departements.items():
        located = [p for p in catalog.lieux.values() if p.adresse.commune.startswith(code)]
        assert 0 < len(part["lieux"]) < len(located), code
