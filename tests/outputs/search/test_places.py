"""The places serving each commune, as the search page reads them (search/places.py)."""

from __future__ import annotations

from generator.outputs.search.places import places_table
from generator.rules import urls
from tests.support.datasets import BuiltSite


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


def test_the_browser_fetches_one_part_per_departement(built_site: BuiltSite) -> None:
    """Each part holds what the rule needs for its communes: the places standing in the
    département or serving one of its communes, and those communes' lists."""
    from generator.catalog import reach
    from generator.outputs.search.places import place_files

    catalog = built_site.catalog
    index, parts = place_files(catalog)
    assert index["version"] == 3 and index["parties"] == {}  # named by search.assets
    assert sorted(parts) == sorted(d.code for d in catalog.geo.departements)
    whole = places_table(catalog)
    for code, part in parts.items():
        at = {name: n for n, name in enumerate(part["colonnes"])}
        ids = {row[at["id"]] for row in part["lieux"]}
        communes = [c.code for c in catalog.geo.communes if c.departement == code]
        for commune in communes:
            # Every place the rule can offer for the commune is in its part.
            for near in reach.nearest(catalog, list(catalog.lieux), commune):
                assert near.lid in ids, (commune, near)
        served = {
            commune: sorted(part["lieux"][n][at["id"]] for n in numbers)
            for commune, numbers in part["communes"].items()
        }
        assert served == {
            commune: sorted(catalog.commune_places[commune])
            for commune in communes
            if commune in catalog.commune_places
        }
        assert len(part["lieux"]) <= len(whole["lieux"])
    # The test places are in Sarthe: the Mayenne part is empty, the Sarthe one is not.
    assert parts["72"]["lieux"] and not parts["53"]["lieux"]
    # Every page knows the index only; the index knows every part's file.
    assets = built_site.site / "recherche"
    shipped = sorted(p.name for p in assets.glob("lieux-*.json"))
    assert len(shipped) == len(parts)
