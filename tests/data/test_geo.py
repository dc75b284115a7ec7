"""The committed geographic extract matches the documented COG 2026 facts (domain-facts §4.1)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from generator.data.geo import GEO_FILE, Geo, GeoDataError, load_geo
from tests.support.paths import REPO

GEO_PATH = REPO / "offer_data" / GEO_FILE


@pytest.fixture(scope="module")
def geo() -> Geo:
    return load_geo(GEO_PATH)


def test_region_counts(geo: Geo) -> None:
    assert geo.region.code == "52"
    assert geo.region.nom == "Pays de la Loire"
    assert len(geo.communes) == 1228
    assert len(geo.epcis) == 71
    assert [d.code for d in geo.departements] == ["44", "49", "53", "72", "85"]
    assert len(geo.arrondissements) == 16
    per_dept = Counter(c.departement for c in geo.communes)
    assert per_dept == {"44": 207, "49": 176, "53": 240, "72": 352, "85": 253}
    assert sum(c.population for c in geo.communes) == 3_907_156


def test_epci_types_and_straddling(geo: Geo) -> None:
    assert Counter(e.type for e in geo.epcis) == {"CC": 54, "CA": 13, "CU": 3, "METRO": 1}
    straddling = {
        e.siren: (len(geo.communes_of_epci(e.siren)), e.communes_total)
        for e in geo.epcis
        if e.straddles_region
    }
    assert straddling == {
        "243500741": (8, 31),  # CA Redon Agglomération
        "244400610": (12, 15),  # Cap Atlantique
        "200072676": (49, 51),  # CC Maine Saosnois
        "246100663": (5, 31),  # CU d'Alençon
    }
    for epci in geo.epcis:
        members = geo.communes_of_epci(epci.siren)
        assert len(members) + len(epci.hors_region) == epci.communes_total
        # Population counts only the communes in the region.
        assert epci.population == sum(c.population for c in members)
    redon = geo.epci("243500741")
    assert redon is not None
    assert "35236" in {c.code for c in redon.hors_region}


def test_lists_sorted_by_code(geo: Geo) -> None:
    codes = [c.code for c in geo.communes]
    assert codes == sorted(codes)
    sirens = [e.siren for e in geo.epcis]
    assert sirens == sorted(sirens)
    nantes_metropole = geo.communes_of_epci("244400404")
    assert len(nantes_metropole) == 24
    assert [c.code for c in nantes_metropole] == sorted(c.code for c in nantes_metropole)
    assert all(c.epci == "244400404" for c in nantes_metropole)


def test_ile_d_yeu_has_no_epci(geo: Geo) -> None:
    yeu = geo.commune("85113")
    assert yeu is not None
    assert yeu.nom == "L'Île-d'Yeu"
    assert yeu.epci is None
    assert [c.code for c in geo.communes_without_epci()] == ["85113"]


def test_postal_codes(geo: Geo) -> None:
    all_cp = {cp for c in geo.communes for cp in c.codes_postaux}
    assert len(all_cp) == 306
    shared = geo.communes_by_postal_code("44140")
    assert len(shared) > 1
    assert all("44140" in c.codes_postaux for c in shared)
    assert [c.code for c in shared] == sorted(c.code for c in shared)
    assert max(len(geo.communes_by_postal_code(cp)) for cp in all_cp) == 22
    nantes = geo.commune("44109")
    assert nantes is not None
    assert nantes.codes_postaux == ("44000", "44100", "44200", "44300")
    assert geo.communes_by_postal_code("75001") == ()


def test_commune_deleguee_is_alias_of_parent(geo: Geo) -> None:
    chemille = geo.commune("49092")
    assert chemille is not None
    assert chemille.nom == "Chemillé-en-Anjou"
    aliases = {(a.code, a.nom, a.type) for a in chemille.anciens_noms}
    assert ("49169", "La Jumellière", "commune-deleguee") in aliases
    # The déléguée bearing the old name of the chef-lieu is kept: it differs from the new name.
    assert ("49092", "Chemillé", "commune-deleguee") in aliases
    cholet = geo.commune("49099")
    assert cholet is not None
    assert "Le Puy-Saint-Bonnet" in {a.nom for a in cholet.anciens_noms}


def test_aliases_never_repeat_the_commune_name(geo: Geo) -> None:
    types = Counter(a.type for c in geo.communes for a in c.anciens_noms)
    assert types["commune-associee"] == 11
    # 352 déléguées in the region, minus the few bearing exactly their parent's name.
    assert 340 < types["commune-deleguee"] < 352
    assert all(a.nom != c.nom for c in geo.communes for a in c.anciens_noms)


def test_source_and_unknown_codes(geo: Geo) -> None:
    assert geo.source["version"] == "6.0.0"
    assert geo.source["paquet"] == "@etalab/decoupage-administratif"
    assert "Licence Ouverte" in str(geo.source["licence"])
    assert geo.commune("99999") is None
    assert geo.epci("000000000") is None
    assert geo.communes_of_epci("000000000") == ()


def test_extract_is_deterministic_json() -> None:
    text = GEO_PATH.read_text(encoding="utf-8")
    data = json.loads(text)
    expected = json.dumps(
        data, ensure_ascii=False, indent=None, separators=(",", ":"), sort_keys=True
    )
    assert text == expected + "\n"


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(GeoDataError, match="introuvable"):
        load_geo(tmp_path / "absent.json")


def test_malformed_json(tmp_path: Path) -> None:
    path = tmp_path / "geo.json"
    path.write_text('{"region": ', encoding="utf-8")
    with pytest.raises(GeoDataError, match="JSON valide"):
        load_geo(path)


def _minimal() -> dict[str, Any]:
    return {
        "source": {"version": "test"},
        "region": {"code": "52", "nom": "Pays de la Loire"},
        "departements": [{"code": "44", "nom": "Loire-Atlantique"}],
        "arrondissements": [
            {"code": "442", "nom": "Nantes", "departement": "44", "chef_lieu": "44109"}
        ],
        "epci": [],
        "communes": [
            {
                "code": "44109",
                "nom": "Nantes",
                "departement": "44",
                "arrondissement": "442",
                "epci": None,
                "codes_postaux": ["44000"],
                "population": 1,
                "anciens_noms": [],
            }
        ],
    }


def test_minimal_file_loads(tmp_path: Path) -> None:
    path = tmp_path / "geo.json"
    path.write_text(json.dumps(_minimal()), encoding="utf-8")
    geo = load_geo(path)
    assert [c.code for c in geo.communes_without_epci()] == ["44109"]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("communes", {"code": "44109"}, "liste attendue"),
        ("epci", None, "liste attendue"),
        ("region", [], "objet attendu"),
    ],
)
def test_malformed_structure(tmp_path: Path, field: str, value: object, message: str) -> None:
    data = _minimal()
    data[field] = value
    path = tmp_path / "geo.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(GeoDataError, match=message):
        load_geo(path)


def test_population_must_be_an_integer(tmp_path: Path) -> None:
    data = _minimal()
    data["communes"][0]["population"] = "1000"
    path = tmp_path / "geo.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(GeoDataError, match=r"communes\[0\]\.population"):
        load_geo(path)


def test_dangling_epci_reference(tmp_path: Path) -> None:
    data = _minimal()
    data["communes"][0]["epci"] = "244400404"
    path = tmp_path / "geo.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(GeoDataError, match="EPCI inconnu 244400404"):
        load_geo(path)
