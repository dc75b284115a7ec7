"""The shipped dataset is valid and meets the editorial bar of the project."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from generator.catalog.catalog import Catalog
from generator.catalog.load import load_catalog
from tests.support.paths import REPO

OFFER = REPO / "offer_data"


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    result, report = load_catalog(OFFER)
    assert result is not None, report.render()
    # Warnings depend on the day (an end date passes): `offre rapport` lists them for
    # editors; only errors would stop a publication.
    assert not report.errors, report.render()
    return result


def test_validator_is_clean_on_shipped_data(catalog: Catalog) -> None:
    assert catalog.dispositifs
    _, report = load_catalog(OFFER, today=date(2026, 12, 7))  # the latest read date of the data
    assert report.issues == [], report.render()


def test_at_least_fifty_real_schemes_with_sources_and_check_date(catalog: Catalog) -> None:
    assert len(catalog.dispositifs) >= 50
    for scheme in catalog.dispositifs.values():
        assert scheme.sources, scheme.id
        assert scheme.consulte_le, scheme.id


def test_providers_cover_state_france_travail_region_cariforef_and_six_more(
    catalog: Catalog,
) -> None:
    per_provider = Counter(s.porteur for s in catalog.dispositifs.values())
    for core in ("etat", "france-travail", "region-pays-de-la-loire", "cariforef-pays-de-la-loire"):
        assert per_provider[core] >= 1, core
    others = [
        p
        for p in per_provider
        if p
        not in {"etat", "france-travail", "region-pays-de-la-loire", "cariforef-pays-de-la-loire"}
    ]
    assert len(others) >= 6, others


def test_ended_schemes_are_kept_with_their_successor(catalog: Catalog) -> None:
    replaced = [s for s in catalog.dispositifs.values() if s.statut == "remplace"]
    assert replaced
    for scheme in replaced:
        assert scheme.remplace_par in catalog.dispositifs
    garantie = catalog.dispositifs.get("garantie-jeunes")
    assert garantie is not None and garantie.remplace_par == "contrat-engagement-jeune"


def test_every_region_commune_is_in_one_territory(catalog: Catalog) -> None:
    assert set(catalog.commune_territory) == {c.code for c in catalog.geo.communes}


def test_provisional_territories_say_so(catalog: Catalog) -> None:
    for territoire in catalog.territoires.values():
        if territoire.statut == "provisoire":
            assert territoire.regle, territoire.id
