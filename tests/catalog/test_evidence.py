"""The doubt rule and the strength of sources (catalog/evidence.py), with reference dates."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from generator.catalog.evidence import SourceRules, months_before, status_doubt
from generator.catalog.load import load_catalog
from generator.data.model import Dispositif, Porteur, SourcesOfficielles
from tests.support.datasets import copy_fixture

TODAY = date(2026, 12, 1)


def scheme(**changes: Any) -> Dispositif:
    record: dict[str, Any] = {
        "id": "essai",
        "titre": "Dispositif d'essai",
        "porteur": "porteur-essai",
        "resume": "Un dispositif pour vérifier les règles de preuve.",
        "description": "Description.",
        "publics": ["jeunes"],
        "thematiques": ["mobilite"],
        "type": "accompagnement",
        "frais": "gratuit",
        "modalites_mobilisation": {},
        "territoires": "tous",
        "statut": "actif",
        "sources": [{"url": "https://example.org/page"}],
        "consulte_le": "2026-11-01",
    }
    record.update(changes)
    return Dispositif.model_validate(record, strict=False)


def sources(*items: tuple[str, str | None]) -> list[dict[str, str]]:
    return [{"url": url, **({"date_publication": when} if when else {})} for url, when in items]


# ---------------------------------------------------------------------------- doubt


def test_a_source_dated_within_the_threshold_establishes_the_scheme() -> None:
    recent = scheme(sources=sources(("https://example.org/a", "2025-01-15")))
    assert status_doubt(recent, TODAY, 24) is None


def test_an_undated_source_establishes_nothing() -> None:
    doubt = status_doubt(scheme(), TODAY, 24)
    assert doubt is not None and doubt.kind == "sans-date"
    assert "aucune de ses sources n'est datée" in doubt.text()
    assert "la confirmation du porteur" in doubt.remedy()


def test_undated_sources_beside_an_old_dated_one_do_not_lift_the_doubt() -> None:
    mixed = scheme(
        sources=sources(("https://example.org/a", None), ("https://example.org/b", "2019-05"))
    )
    doubt = status_doubt(mixed, TODAY, 24)
    assert doubt is not None and doubt.kind == "ancienne" and doubt.newest == "2019-05"
    assert "publiée en mai 2019, il y a plus de 24 mois" in doubt.text()
    assert doubt.short == "source datée la plus récente : mai 2019"


@pytest.mark.parametrize(
    ("published", "in_doubt"),
    [
        ("2024-12-01", False),  # exactly 24 months
        ("2024-11-30", True),  # one day more
        ("2024-12", False),  # a month counts to its last day
        ("2024", False),  # a year counts to 31 December
        ("2023", True),
        ("2027-01", False),  # announced ahead: not old
    ],
)
def test_the_threshold_is_counted_from_the_latest_day_a_date_can_mean(
    published: str, in_doubt: bool
) -> None:
    dated = scheme(sources=sources(("https://example.org/a", published)))
    assert (status_doubt(dated, TODAY, 24) is not None) is in_doubt


def test_months_before_keeps_the_day_or_takes_the_month_s_last() -> None:
    assert months_before(date(2026, 12, 1), 24) == date(2024, 12, 1)
    assert months_before(date(2026, 3, 31), 1) == date(2026, 2, 28)
    assert months_before(date(2026, 1, 15), 13) == date(2024, 12, 15)


def test_the_threshold_comes_from_the_settings() -> None:
    dated = scheme(sources=sources(("https://example.org/a", "2023-06")))
    assert status_doubt(dated, TODAY, 24) is not None
    assert status_doubt(dated, TODAY, 60) is None


def test_a_recent_confirmation_by_the_provider_establishes_it_an_old_one_does_not() -> None:
    assert status_doubt(scheme(verifie_le="2025-06-01"), TODAY, 24) is None
    old = status_doubt(scheme(verifie_le="2022-06-01"), TODAY, 24)
    assert old is not None and old.kind == "sans-date"


def test_the_record_s_own_flag_wins_over_recent_sources_and_points_to_what_to_check() -> None:
    flagged = scheme(
        statut_a_confirmer=True,
        sources=sources(("https://example.org/a", "2026-10")),
        a_verifier=["Statut : à confirmer auprès du porteur."],
    )
    doubt = status_doubt(flagged, TODAY, 24)
    assert doubt is not None and doubt.kind == "signale"
    assert "la fiche le signale (voir les points à vérifier)" in doubt.text()


def test_ended_schemes_have_no_doubt_suspended_ones_do() -> None:
    assert status_doubt(scheme(statut="termine"), TODAY, 24) is None
    assert status_doubt(scheme(statut="suspendu"), TODAY, 24) is not None


# ---------------------------------------------------------------------------- strength


LISTS = SourcesOfficielles(
    officiels=["gouv.fr", "paysdelaloire.fr"],
    autres_regions=["lozere.gouv.fr", "francetravail.fr/region/bretagne", "narbonne.example"],
)
PROVIDER = Porteur.model_validate(
    {
        "id": "porteur-essai",
        "nom": "Porteur d'essai",
        "niveau": "regional",
        "site": "https://www.porteur-essai.fr/accueil",
        "reseau": None,
    },
    strict=False,
)
RULES = SourceRules(LISTS, {"porteur-essai": PROVIDER})


@pytest.mark.parametrize(
    ("url", "official", "other_region"),
    [
        ("https://travail-emploi.gouv.fr/page", True, False),
        ("https://www.paysdelaloire.fr/aides", True, False),
        ("https://notgouv.fr/page", False, False),  # a look-alike domain is not official
        ("https://gouv.fr.example.com/page", False, False),
        ("https://porteur-essai.fr/dispositif", True, False),  # the provider's own site
        ("https://www.lozere.gouv.fr/emploi", True, True),  # official, other region
        ("https://francetravail.fr/region/bretagne/aides", False, True),
        ("https://francetravail.fr/region/pays-de-la-loire/aides", False, False),
        ("https://blog.narbonne.example/x", False, True),
    ],
)
def test_each_source_is_classified_by_the_lists_and_the_provider_site(
    url: str, official: bool, other_region: bool
) -> None:
    strength = RULES.source(scheme(sources=sources((url, None))).sources[0], scheme())
    assert (strength.official, strength.other_region) == (official, other_region)


@pytest.mark.parametrize(
    ("urls", "note"),
    [
        (["https://travail-emploi.gouv.fr/a"], "source unique"),
        (["https://example.org/a"], "source unique, non officielle"),
        (["https://blog.narbonne.example/a"], "source unique, non officielle, d'une autre région"),
        (["https://example.org/a", "https://example.net/b"], "sources non officielles uniquement"),
        (
            ["https://www.lozere.gouv.fr/a", "https://example.org/b"],
            "aucune source officielle de la région",
        ),
        (["https://travail-emploi.gouv.fr/a", "https://example.org/b"], None),
    ],
)
def test_a_scheme_on_weak_sources_says_so(urls: list[str], note: str | None) -> None:
    support = RULES.scheme(scheme(sources=sources(*[(u, None) for u in urls])))
    assert support.note == note


# ---------------------------------------------------------------------------- the data file


def test_a_bad_domain_in_the_list_is_a_located_error(tmp_path: Path) -> None:
    data = copy_fixture(tmp_path / "donnees")
    (data / "sources-officielles.yaml").write_text(
        "officiels:\n  - gouv.fr\n  - https://www.paysdelaloire.fr/\nautres_regions: []\n",
        encoding="utf-8",
    )
    catalog, report = load_catalog(data)
    assert catalog is None
    rendered = report.render()
    assert "sources-officielles.yaml:3:" in rendered
    assert "domaine invalide « https://www.paysdelaloire.fr/ »" in rendered


def test_the_shipped_list_is_valid_and_used(tmp_path: Path) -> None:
    data = copy_fixture(tmp_path / "donnees")
    (data / "sources-officielles.yaml").write_text("officiels: [example.org]\n", encoding="utf-8")
    catalog, report = load_catalog(data)
    assert catalog is not None, report.render()
    scheme_ = catalog.dispositifs["piege-html-essai"]  # its provider has no site
    assert catalog.support(scheme_).official == 1
