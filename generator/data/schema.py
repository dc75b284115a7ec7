"""JSON Schema of the files editors type, for autocompletion in their editor.

The schema comes from the pydantic models; the vocabularies and the ids of providers and
territories are added as `enum`s taken from the dataset itself, so the editor proposes
exactly the values the validator accepts.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..rules import codes
from .errors import Report
from .fields import Strict
from .model import Dispositif, Lieu, Porteur, Reglages, Reseaux, Territoire
from .reader import read_dataset
from .vocab import Vocabularies, build_vocabularies

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_FOLDER = "schemas"
KINDS = ("dispositif", "porteur", "territoire", "lieu", "reglages", "reseaux")
_MODELS: dict[str, type[Strict]] = {
    "dispositif": Dispositif,
    "porteur": Porteur,
    "territoire": Territoire,
    "lieu": Lieu,
    "reglages": Reglages,
    "reseaux": Reseaux,
}
_TITLES = {
    "dispositif": "Fiche dispositif de l'offre de services Clefop",
    "porteur": "Fiche porteur de l'offre de services Clefop",
    "territoire": "Fiche territoire de l'offre de services Clefop",
    "lieu": "Fiche lieu d'accueil de l'offre de services Clefop",
    "reglages": "Réglages de l'offre de services Clefop",
    "reseaux": "Annuaires des réseaux de l'offre de services Clefop",
}
CODE_PATTERN = codes.anchored(codes.ZONE)


def json_schema(kind: str, root: Path) -> dict[str, Any]:
    """Schema for one kind of file, with enums from the dataset in `root`."""
    data = read_dataset(root, Report())
    vocab, _ = build_vocabularies(data.vocabulaires.item if data.vocabulaires else None)
    porteurs = sorted({p.item.id for p in data.porteurs})
    territoires = sorted({t.item.id for t in data.territoires})
    dispositifs = sorted({d.item.id for d in data.dispositifs})
    lieux = sorted({p.item.id for p in data.lieux})
    schema = _MODELS[kind].model_json_schema(mode="validation")
    schema = {
        "$schema": SCHEMA_DIALECT,
        "title": _TITLES[kind],
        **{k: v for k, v in schema.items() if k != "title"},
    }
    props = schema["properties"]
    if kind == "dispositif":
        _enum_items(props["publics"], vocab, "publics")
        _enum_items(props["situations"], vocab, "publics")
        _enum_items(props["thematiques"], vocab, "thematiques")
        _enum_items(props["axes_clefop"], vocab, "axes_clefop")
        _enum(props["type"], vocab.values("types"))
        _enum(props["frais"], vocab.values("frais"))
        _enum(props["porteur"], porteurs)
        _enum_items(props["co_porteurs"], None, None, porteurs)
        mobilisation = schema["$defs"]["Mobilisation"]["properties"]
        _enum_items(mobilisation["modes"], vocab, "modes_mobilisation")
        _enum_items(mobilisation["mobilisable_par"], vocab, "mobilisable_par")
        props["territoires"] = {
            "description": props["territoires"].get("description", ""),
            "anyOf": [
                {"const": "tous"},
                {
                    "type": "array",
                    "minItems": 1,
                    "items": {
                        "anyOf": [
                            {"enum": territoires},
                            {"type": "string", "pattern": CODE_PATTERN},
                        ]
                    },
                },
            ],
        }
        contacts = schema["$defs"]["Contacts"]["properties"]["territoires"]
        contacts["propertyNames"] = {"enum": territoires}
        delivery = schema["$defs"]["DelivrePar"]["properties"]
        _enum_items(delivery["reseaux"], vocab, "reseaux_porteurs")
        _enum_items(delivery["lieux"], None, None, lieux)
    elif kind == "porteur":
        _enum(props["reseau"], vocab.values("reseaux_porteurs"))
    elif kind == "territoire":
        _enum_items(props["priorites"], vocab, "axes_clefop")
    elif kind == "lieu":
        _enum(props["porteur"], porteurs)
        _enum_items(props["reseaux_porteurs"], vocab, "reseaux_porteurs")
        _enum_items(props["dispositifs"], None, None, dispositifs)
        props["zone_desservie"]["items"] = {
            "anyOf": [{"enum": territoires}, {"type": "string", "pattern": CODE_PATTERN}]
        }
    elif kind == "reseaux":
        annuaire = schema["$defs"]["Annuaire"]["properties"]
        _enum_items(annuaire["reseaux"], vocab, "reseaux_porteurs")
        aide = schema["$defs"]["AideDemarches"]["properties"]
        _enum(aide["reseau"], vocab.values("reseaux_porteurs"))
        _enum_items(aide["reseaux"], vocab, "reseaux_porteurs")
        _enum_items(aide["porteurs"], None, None, porteurs)
    return schema


def schema_text(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def schema_path(root: Path, kind: str) -> Path:
    return root / SCHEMA_FOLDER / f"{kind}.schema.json"


def _enum(prop: dict[str, Any], values: list[str]) -> None:
    # Optional fields are `anyOf: [{type: string}, {type: null}]`: put the enum on the string.
    target = prop
    for option in prop.get("anyOf", []):
        if option.get("type") == "string":
            target = option
    target["enum"] = sorted(values)


def _enum_items(
    prop: dict[str, Any],
    vocab: Vocabularies | None,
    kind: str | None,
    values: list[str] | None = None,
) -> None:
    chosen = values if values is not None else (vocab.values(kind) if vocab and kind else [])
    prop.setdefault("items", {})["enum"] = sorted(chosen)
