"""The next step of a scheme page (catalog/reach.py): nearness, directories, France services.

Built on the test dataset plus tests/fixtures/reach/ (fictitious directories, a fictitious
France services in Mayenne and its provider), so nothing depends on the shipped data.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.catalog import reach
from generator.catalog.catalog import Catalog
from generator.catalog.load import load_catalog
from tests.support.paths import FIXTURES

EXTRA = FIXTURES / "reach"

LE_MANS, MAMERS, SAINT_CALAIS = "72181", "72180", "72269"
MAYENNE, LAVAL, CHATEAU_GONTIER, CHOLET = "53147", "53130", "53062", "49099"
FS_MAYENNE = "france-services-fictive-mayenne"


def add_reach_files(data: Path) -> Path:
    """The test dataset plus the directories, the France services and their provider."""
    shutil.copy(EXTRA / "reseaux.yaml", data / "reseaux.yaml")
    shutil.copy(EXTRA / "france-services-essai.yaml", data / "porteurs")
    folder = data / "lieux" / "france-services-essai"
    folder.mkdir(parents=True)
    shutil.copy(EXTRA / f"{FS_MAYENNE}.yaml", folder)
    return data


@pytest.fixture
def catalog(dataset: Path) -> Catalog:
    result, report = load_catalog(add_reach_files(dataset))
    assert result is not None, report.render()
    # The Région's network has no directory in the file, on purpose: said, not an error.
    assert [i.message.split(" (")[0] for i in report.issues] == ["le réseau « regions »"], (
        report.render()
    )
    assert not report.errors
    return result


# ---------------------------------------------------------------------------- nearness


def test_a_place_whose_zone_covers_the_commune_comes_first(catalog: Catalog) -> None:
    lids = catalog.scheme_places["aide-mobilite-essai"]
    assert sorted(lids) == ["agence-fictive-le-mans", "antenne-fictive-sans-zone"]
    near = reach.nearest(catalog, lids, LE_MANS)
    assert near == [reach.Near("agence-fictive-le-mans", reach.SERVES, "Le Mans")]


def test_then_a_place_standing_in_the_commune_though_it_declares_no_zone(
    catalog: Catalog,
) -> None:
    lids = catalog.scheme_places["aide-mobilite-essai"]
    near = reach.nearest(catalog, lids, MAMERS)
    assert near == [reach.Near("antenne-fictive-sans-zone", reach.SAME_COMMUNE, "Mamers")]
    assert "zone desservie non précisée" in reach.area_phrase(near[0])


def test_then_the_same_intercommunality_then_the_same_departement(catalog: Catalog) -> None:
    # Château-Gontier is in another EPCI of Mayenne than the France services of Mayenne.
    epci_cg = catalog.geo.commune(CHATEAU_GONTIER).epci  # type: ignore[union-attr]
    epci_mayenne = catalog.geo.commune(MAYENNE).epci  # type: ignore[union-attr]
    assert epci_cg != epci_mayenne
    near = reach.nearest(catalog, [FS_MAYENNE], CHATEAU_GONTIER)
    assert near == [reach.Near(FS_MAYENNE, reach.SAME_DEPARTEMENT, "Mayenne")]
    assert reach.area_phrase(near[0]) == "dans le département : Mayenne"
    # A commune of the same EPCI as the place: the EPCI is named.
    neighbour = next(
        c
        for c in catalog.geo.communes_of_epci(epci_mayenne)  # type: ignore[arg-type]
        if c.code != MAYENNE
    )
    near = reach.nearest(catalog, [FS_MAYENNE], neighbour.code)
    epci = catalog.geo.epci(epci_mayenne)  # type: ignore[arg-type]
    assert epci is not None
    assert near == [reach.Near(FS_MAYENNE, reach.SAME_EPCI, epci.nom)]
    assert reach.area_phrase(near[0]) == f"dans l'intercommunalité : {epci.nom}"


def test_nothing_in_the_departement_means_no_place(catalog: Catalog) -> None:
    assert reach.nearest(catalog, [FS_MAYENNE], CHOLET) == []
    assert reach.nearest(catalog, [FS_MAYENNE], "99999") == []  # unknown commune


def test_at_most_the_limit_beyond_the_places_serving_the_commune(catalog: Catalog) -> None:
    lids = catalog.scheme_places["aide-mobilite-essai"]
    # Saint-Calais: in Sarthe, in neither place's commune nor EPCI: both by département.
    near = reach.nearest(catalog, lids, SAINT_CALAIS)
    assert {n.level for n in near} == {reach.SAME_DEPARTEMENT}
    assert len(near) == 2
    assert len(reach.nearest(catalog, lids, SAINT_CALAIS, limit=1)) == 1


# ---------------------------------------------------------------------------- directories


def test_a_scheme_links_the_directory_of_its_providers_network(catalog: Catalog) -> None:
    scheme = catalog.dispositifs["aide-mobilite-essai"]
    assert reach.scheme_networks(catalog, scheme) == ["france-travail"]
    found = reach.scheme_directories(catalog, scheme)
    assert [a.url for a in found] == ["https://example.org/annuaire-agences"]


def test_a_scheme_without_a_directory_falls_back_on_its_providers_site(
    catalog: Catalog,
) -> None:
    scheme = catalog.dispositifs["apprentissage-essai"]  # Région: no directory in the file
    assert reach.scheme_directories(catalog, scheme) == []
    assert reach.provider_contact(catalog, scheme) == reach.Contact(
        "Région (essai)", "https://example.org/region"
    )


def test_the_france_services_network_is_never_a_scheme_network(catalog: Catalog) -> None:
    # The France services place delivers nothing, even for a scheme of its rule.
    assert catalog.place_schemes[FS_MAYENNE] == []
    for scheme in catalog.dispositifs.values():
        assert "france-service" not in reach.scheme_networks(catalog, scheme)


def test_the_france_services_appear_by_the_rule_of_the_file(catalog: Catalog) -> None:
    shown = catalog.dispositifs["aide-mobilite-essai"]  # provider france-travail-essai
    hidden = catalog.dispositifs["apprentissage-essai"]  # provider region-essai
    assert reach.shows_procedure_help(catalog, shown)
    assert not reach.shows_procedure_help(catalog, hidden)
    block = reach.procedure_help(catalog, shown)
    assert block is not None and block.network == "france-service"
    assert block.directory is not None
    assert block.directory.url == "https://example.org/carte-france-services"
    assert reach.procedure_help(catalog, hidden) is None
    assert reach.helper_places(catalog) == [FS_MAYENNE]


def test_without_the_file_no_directory_and_no_france_services(dataset: Path) -> None:
    bare, report = load_catalog(dataset)
    assert bare is not None, report.render()
    scheme = bare.dispositifs["aide-mobilite-essai"]
    assert reach.scheme_directories(bare, scheme) == []
    assert not reach.shows_procedure_help(bare, scheme)
    assert reach.provider_contact(bare, scheme) is not None


# ---------------------------------------------------------------------------- hours


def test_the_week_of_osm_hours_monday_first() -> None:
    days = reach.week("Mo-Fr 08:30-12:30,13:30-16:30; PH off")
    assert days is not None and len(days) == 7
    assert days[0] == days[4] == "8 h 30 – 12 h 30, 13 h 30 – 16 h 30"
    assert days[5] == days[6] == "fermé"
    later_rule_wins = reach.week("Mo-Sa 09:00-12:00; We off")
    assert later_rule_wins is not None
    assert later_rule_wins[2] == "fermé" and later_rule_wins[5] == "9 h – 12 h"
    assert reach.week("Sa-Mo 10:00-11:00") == ["10 h – 11 h", *["fermé"] * 4, *["10 h – 11 h"] * 2]


def test_hours_that_cannot_be_read_day_by_day_give_none() -> None:
    assert reach.week('"sur rendez-vous"') is None
    assert reach.week("pas des horaires") is None


# ---------------------------------------------------------------------------- measure


def test_reachability_counts_pairs_directories_and_dead_ends(catalog: Catalog) -> None:
    result = reach.reachability(catalog)
    # The association's provider has neither website nor network, and no place: measured.
    assert result.schemes > 0 and result.dead_ends == ["piege-html-essai"]
    overall = result.overall
    assert overall.pairs >= len(catalog.geo.communes)  # a scheme covers the whole region
    assert 0 < overall.reachable < overall.pairs  # Sarthe has places with a phone; not Cholet
    assert 0 < overall.directory < overall.next_step < overall.pairs
    # The France services of Mayenne is offered for the schemes of its rule, in Mayenne only.
    assert 0 < overall.helper < overall.pairs
    mayenne = sum(1 for c in catalog.geo.communes if c.departement == "53")
    rule = [d for d in catalog.dispositifs.values() if reach.shows_procedure_help(catalog, d)]
    assert overall.helper == mayenne * sum(1 for d in rule if d.is_open and d.is_scheme)
    assert sum(t.pairs for t in result.by_territory.values()) <= overall.pairs


def test_a_scheme_without_place_directory_or_site_is_a_dead_end(dataset: Path) -> None:
    site_line = "site: https://example.org/region\n"
    path = dataset / "porteurs" / "region-essai.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(site_line, ""), encoding="utf-8")
    bare, report = load_catalog(dataset)
    assert bare is not None, report.render()
    result = reach.reachability(bare)
    assert {"apprentissage-essai", "formation-qualifiante-essai"} <= set(result.dead_ends)
    assert "aide-mobilite-essai" not in result.dead_ends  # places with a phone in Sarthe


def test_an_appointment_is_said_only_when_the_data_says_so(catalog: Catalog) -> None:
    from types import SimpleNamespace
    from typing import cast

    from generator.data.model import Lieu

    place = catalog.lieux["agence-fictive-le-mans"]
    assert reach.appointment(place) is None  # this branch's places carry no such field
    needed = cast(Lieu, SimpleNamespace(rendez_vous="obligatoire"))
    assert reach.appointment(needed) == "Sur rendez-vous uniquement"
    assert reach.appointment(cast(Lieu, SimpleNamespace(rendez_vous="sans"))) == (
        "Sans rendez-vous"
    )
    assert reach.appointment(cast(Lieu, SimpleNamespace(rendez_vous=None))) is None
