"""The places serving each commune, as the search page reads them (search/places.py)."""

from __future__ import annotations

from conftest import BuiltSite

from generator import urls
from generator.search.places import places_table


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
