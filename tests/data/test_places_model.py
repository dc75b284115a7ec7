"""Places (lieux), who delivers what where, status doubts and opening hours."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.catalog.catalog import Catalog
from generator.catalog.load import load_catalog
from generator.data import opening_hours
from tests.support.datasets import copy_fixture

LE_MANS = "72181"  # in Le Mans Métropole (EPCI 247200132), served by the fictitious agency
MAMERS = "72180"  # where the place with an unknown zone stands


def test_a_place_serves_the_communes_of_its_zone(catalog: Catalog) -> None:
    communes = catalog.place_communes["agence-fictive-le-mans"]
    assert LE_MANS in communes
    assert all(catalog.commune_territory[c] == "sarthe" for c in communes)
    assert "agence-fictive-le-mans" in catalog.commune_places[LE_MANS]


def test_a_place_with_an_unknown_zone_serves_no_commune_but_stays_in_its_territory(
    catalog: Catalog,
) -> None:
    assert catalog.place_communes["antenne-fictive-sans-zone"] == []
    assert MAMERS not in catalog.commune_places
    assert catalog.place_territories["antenne-fictive-sans-zone"] == ["sarthe"]
    assert "antenne-fictive-sans-zone" in catalog.territory_places["sarthe"]
    assert catalog.territory_places["littoral"] == []


def test_without_delivre_par_the_places_of_the_provider_deliver_its_schemes(
    catalog: Catalog,
) -> None:
    # Regional schemes of the provider: delivered by both of its places.
    assert catalog.scheme_places["accompagnement-jeunes-essai"] == [
        "agence-fictive-le-mans",
        "antenne-fictive-sans-zone",
    ]
    # Another provider's scheme is not theirs.
    assert catalog.scheme_places["apprentissage-essai"] == []
    # For a commune, only the places that serve it.
    assert catalog.places_for("accompagnement-jeunes-essai", LE_MANS) == ["agence-fictive-le-mans"]
    assert catalog.places_for("accompagnement-jeunes-essai", MAMERS) == []


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_delivre_par_names_the_networks_and_places(tmp_path: Path) -> None:
    data = copy_fixture(tmp_path / "donnees")
    folder = data / "dispositifs" / "region-essai"
    delivery = "statut: actif\ndelivre_par:\n  reseaux: [france-travail]"
    _edit(folder / "formation-qualifiante-essai.yaml", "statut: actif", delivery)
    # A local scheme elsewhere (Anjou-Maine) is not delivered by the Sarthe places.
    _edit(folder / "apprentissage-essai.yaml", "statut: actif", delivery)
    catalog, report = load_catalog(data)
    assert catalog is not None, report.render()
    assert catalog.scheme_places["formation-qualifiante-essai"] == [
        "agence-fictive-le-mans",
        "antenne-fictive-sans-zone",
    ]
    assert catalog.scheme_places["apprentissage-essai"] == []
    # A network that has no place here delivers nothing; a named place always does.
    _edit(
        folder / "formation-qualifiante-essai.yaml",
        "reseaux: [france-travail]",
        "reseaux: [mission-locale]\n  lieux: [antenne-fictive-sans-zone]",
    )
    catalog, report = load_catalog(data)
    assert catalog is not None, report.render()
    assert catalog.scheme_places["formation-qualifiante-essai"] == ["antenne-fictive-sans-zone"]


def test_a_local_scheme_is_not_delivered_by_places_outside_its_perimeter(
    catalog: Catalog,
) -> None:
    for did, lids in catalog.scheme_places.items():
        where = set(catalog.scheme_territories[did])
        for lid in lids:
            assert where & set(catalog.place_territories[lid]), (did, lid)


def test_status_is_in_doubt_when_flagged_or_when_dated_evidence_is_old(tmp_path: Path) -> None:
    data = copy_fixture(tmp_path / "donnees")
    folder = data / "dispositifs" / "region-essai"
    _edit(
        folder / "apprentissage-essai.yaml",
        "statut: actif",
        "statut: actif\nstatut_a_confirmer: true",
    )
    _edit(
        folder / "formation-qualifiante-essai.yaml",
        "  - url: https://example.org/source-formation",
        "  - url: https://example.org/source-formation\n    date_publication: 2019-05",
    )
    catalog, report = load_catalog(data)
    assert catalog is not None, report.render()
    doubts = catalog.status_doubts(catalog.latest_date())
    assert doubts["apprentissage-essai"].short == "signalé dans la fiche"
    assert doubts["formation-qualifiante-essai"].short == "source datée la plus récente : mai 2019"
    assert "aide-mobilite-essai" not in doubts
    # A provider's confirmation after the evidence lifts the doubt; the threshold is data.
    (data / "reglages.yaml").write_text("statut_a_confirmer_apres_mois: 240\n", encoding="utf-8")
    catalog, report = load_catalog(data)
    assert catalog is not None, report.render()
    assert "formation-qualifiante-essai" not in catalog.status_doubts(catalog.latest_date())


@pytest.mark.parametrize(
    ("value", "french"),
    [
        (
            "Mo-Fr 08:30-12:30,13:30-17:00; Sa 09:00-12:00; PH off",
            [
                "Du lundi au vendredi : 8 h 30 – 12 h 30, 13 h 30 – 17 h",
                "Samedi : 9 h – 12 h",
                "Fermé : jours fériés",
            ],
        ),
        ("24/7", ["Ouvert 24 h sur 24, 7 jours sur 7"]),
        ('Tu,Th 14:00-17:00 "sur rendez-vous"', ["Mardi, jeudi : 14 h – 17 h (sur rendez-vous)"]),
        ("Mo-Su 09:00-24:00", ["Du lundi au dimanche : 9 h – 24 h"]),
    ],
)
def test_opening_hours_read_as_plain_french(value: str, french: list[str]) -> None:
    assert opening_hours.problem(value) is None
    assert opening_hours.to_french(value) == french


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("Lundi 9h-12h", "« Lundi » : jours attendus"),
        ("Mo-Fr 9:00-12:00", "« 9:00-12:00 » : plage horaire attendue"),
        ("Mo-Fr 12:00-09:00", "l'heure de fin précède"),
        ("Mo-Fr 08:00-12:00 || PH off", "« || »"),
        ("Mo-Fr 08:00-12:00 14:00-17:00", "séparez les plages par des virgules"),
        ("", "valeur vide"),
    ],
)
def test_opening_hours_outside_the_subset_are_refused_with_a_reason(
    value: str, reason: str
) -> None:
    problem = opening_hours.problem(value)
    assert problem is not None and reason in problem


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("02 40 00 00 00", True),
        ("02.40.00.00.00", True),
        ("39 49", True),
        ("+33 2 40 00 00 00", True),
        ("+44 20 7946 0000", True),
        ("02 40 00", False),
        ("2 40 00 00 00", False),
        ("+33 02 40 00 00 00", False),
        ("02 40 00 00 00 ou 06 00 00 00 00", False),
    ],
)
def test_phone_numbers_are_one_dialable_number(value: str, valid: bool) -> None:
    from pydantic import ValidationError

    from generator.data.fields import phone_href
    from generator.data.model import Contact

    try:
        Contact(telephone=value)
    except ValidationError:
        accepted = False
    else:
        accepted = True
    assert accepted is valid
    if valid:
        assert phone_href(value).lstrip("+").isdigit()
