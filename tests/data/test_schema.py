"""The JSON Schemas editors use agree with the validator and are kept up to date."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from generator.data.schema import KINDS, json_schema, schema_path, schema_text
from tests.support.paths import REPO

OFFER = REPO / "offer_data"
FOLDERS = {
    "dispositif": "dispositifs",
    "porteur": "porteurs",
    "territoire": "territoires",
    "lieu": "lieux",
}


@pytest.mark.parametrize("kind", KINDS)
def test_committed_schema_is_up_to_date(kind: str) -> None:
    committed = schema_path(OFFER, kind).read_text(encoding="utf-8")
    assert committed == schema_text(json_schema(kind, OFFER)), (
        f"offer_data/schemas/{kind}.schema.json est périmé : lancez « offre schema --ecrire »."
    )


@pytest.mark.parametrize("kind", KINDS)
def test_every_shipped_file_matches_its_schema(kind: str) -> None:
    schema = json.loads(schema_path(OFFER, kind).read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    if kind in ("reglages", "reseaux"):
        files = [OFFER / f"{kind}.yaml"]
    else:
        files = sorted((OFFER / FOLDERS[kind]).rglob("*.yaml"))
    assert files
    for path in files:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_NoDates)
        errors = [e.message for e in validator.iter_errors(data)]
        assert not errors, f"{path}: {errors}"


def test_schema_flags_what_the_validator_refuses(dataset: Path) -> None:
    schema = json_schema("dispositif", dataset)
    validator = jsonschema.Draft202012Validator(schema)
    good = yaml.load(
        (dataset / "dispositifs" / "region-essai" / "formation-qualifiante-essai.yaml").read_text(
            encoding="utf-8"
        ),
        Loader=_NoDates,
    )
    assert not list(validator.iter_errors(good))
    for key, bad in [
        ("publics", ["jeune"]),
        ("porteur", "inconnu"),
        ("territoires", "toutes"),
        ("statut", "ferme"),
        ("champ_inconnu", 1),
        ("id", "Majuscules"),
    ]:
        assert list(validator.iter_errors({**good, key: bad})), key


class _NoDates(yaml.SafeLoader):
    """Editors' tooling reads dates as text, as our reader does."""


_NoDates.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def test_editor_reference_is_up_to_date_and_documents_every_field() -> None:
    from generator.importers.editor_doc import DOC_FILE, SECTIONS, editor_reference

    committed = (OFFER / DOC_FILE).read_text(encoding="utf-8")
    assert committed == editor_reference(), (
        "offer_data/LISEZMOI.md est périmé : lancez « offre schema --ecrire »."
    )
    for _, model in SECTIONS:
        for name, info in model.model_fields.items():
            assert f"| `{name}` |" in committed
            assert info.description, f"{model.__name__}.{name} n'a pas de description"
