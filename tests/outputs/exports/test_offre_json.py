"""donnees/offre.json and its schema (exports/offre_json.py), read back from the shared build."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from generator.catalog.catalog import Catalog
from generator.rules import urls
from tests.support.goldens import check_golden


def _json(site: Path, path: str) -> Any:
    return json.loads((site / path).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def site_url(site: Path) -> str:
    value = _json(site, urls.OPEN_DATA_JSON_URL)["metadonnees"]["url_site"]
    assert value and value.endswith("/")
    return str(value)


def test_catalogue_json_is_valid_against_its_published_schema(site: Path) -> None:
    document = _json(site, urls.OPEN_DATA_JSON_URL)
    schema = _json(site, urls.OPEN_DATA_SCHEMA_URL)
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(document)


def test_catalogue_schema_refuses_unknown_keys_and_missing_fields(site: Path) -> None:
    document = _json(site, urls.OPEN_DATA_JSON_URL)
    validator = jsonschema.Draft202012Validator(_json(site, urls.OPEN_DATA_SCHEMA_URL))
    document["dispositifs"][0]["inconnu"] = 1
    del document["porteurs"][0]["nom"]
    errors = list(validator.iter_errors(document))
    assert len(errors) == 2


def test_catalogue_json_holds_the_whole_catalogue(site: Path, catalog: Catalog) -> None:
    document = _json(site, urls.OPEN_DATA_JSON_URL)
    meta = document["metadonnees"]
    assert meta["licence"] == {
        "nom": "Licence Ouverte 2.0",
        "url": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
    }
    # The data's latest date, never the build day.
    assert meta["date_generation"] == catalog.latest_date().isoformat() == "2026-11-01"
    assert meta["schema"].endswith(urls.OPEN_DATA_SCHEMA_URL)
    assert [d["id"] for d in document["dispositifs"]] == sorted(catalog.dispositifs)
    assert [p["id"] for p in document["porteurs"]] == sorted(catalog.porteurs)
    assert [t["id"] for t in document["territoires"]] == sorted(catalog.territoires)
    for record in document["dispositifs"]:
        scheme = catalog.dispositifs[record["id"]]
        assert record["url"] == urls.page_url("dispositif", scheme.id)
        assert record["territoires_couverts"] == catalog.scheme_territories[scheme.id]
        assert record["consulte_le"] == scheme.consulte_le.isoformat()
        # Every field of the model is there, under its own name.
        assert set(type(scheme).model_fields) <= set(record)
    mobilite = next(d for d in document["dispositifs"] if d["id"] == "aide-mobilite-essai")
    assert mobilite["modifie_le"] == "2026-09-15"
    assert mobilite["date_debut"] == "2020-01"
    sarthe = next(t for t in document["territoires"] if t["id"] == "sarthe")
    assert "247200132" in sarthe["epci"]
    assert sarthe["nombre_communes"] == len(catalog.territory_communes["sarthe"]) > 0
    assert meta["nombre_lieux"] == len(catalog.lieux) == 2
    places = {p["id"]: p for p in document["lieux"]}
    assert list(places) == sorted(catalog.lieux)
    agence = places["agence-fictive-le-mans"]
    assert set(type(catalog.lieux["agence-fictive-le-mans"]).model_fields) <= set(agence)
    assert agence["url"] == "lieux/agence-fictive-le-mans/"
    assert agence["adresse"]["commune"] == "72181"
    assert agence["telephone"] == "02 00 00 00 01"
    assert agence["territoires_couverts"] == ["sarthe"]
    assert agence["dispositifs_delivres"] == catalog.place_schemes["agence-fictive-le-mans"]
    assert "aide-mobilite-essai" in agence["dispositifs_delivres"]
    publics = {v["valeur"]: v for v in document["vocabulaires"]["publics"]}
    assert publics["jeunes"]["origine"] == "data·inclusion"
    assert publics["employeurs"] == {
        "valeur": "employeurs",
        "libelle": "Employeurs",
        "description": publics["employeurs"]["description"],
        "origine": "offre Clefop",
        "data_inclusion": None,
    }


@pytest.mark.parametrize("path", [urls.OPEN_DATA_JSON_URL, urls.OPEN_DATA_SCHEMA_URL])
def test_catalogue_golden(path: str, site: Path, update_goldens: bool) -> None:
    check_golden(f"exports/{path}", (site / path).read_bytes(), update_goldens)
