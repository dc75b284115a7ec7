"""`donnees/offre.json`: the whole catalogue, and `donnees/offre.schema.json`, its schema.

offre.json is the reference export: every field editors type, in the same French keys,
plus what the site computes (page address, Clefop territories covered). Lists are
sorted by id and keys keep the model's order, so a diff between two publications shows
only what changed in the data.
"""

from __future__ import annotations

from typing import Any

from ...catalog.catalog import Catalog
from ...data.model import Dispositif, Lieu, Porteur, Territoire
from ...data.vocab import KINDS
from ...rules import display, urls
from .publication import (
    LICENCE,
    LICENCE_NAME,
    LICENCE_URL,
    SOURCE,
    TITLE,
    dumps,
    provisional_territories,
    shown_status_fields,
    support_note,
)

JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


# ---------------------------------------------------------------------------- records


def scheme_record(catalog: Catalog, scheme: Dispositif) -> dict[str, Any]:
    record: dict[str, Any] = scheme.model_dump(mode="json")
    record["url"] = urls.page_url("dispositif", scheme.id)
    record["territoires_couverts"] = list(catalog.scheme_territories.get(scheme.id, []))
    record["territoires_provisoires"] = provisional_territories(
        catalog, record["territoires_couverts"]
    )
    record.update(shown_status_fields(catalog, scheme))
    record["appui_sources"] = support_note(catalog, scheme)
    return record


def provider_record(catalog: Catalog, porteur: Porteur) -> dict[str, Any]:
    record: dict[str, Any] = porteur.model_dump(mode="json")
    record["url"] = urls.page_url("porteur", porteur.id)
    record["dispositifs"] = list(catalog.provider_schemes.get(porteur.id, []))
    return record


def territory_record(catalog: Catalog, territoire: Territoire) -> dict[str, Any]:
    record: dict[str, Any] = territoire.model_dump(mode="json")
    record["url"] = urls.page_url("territoire", territoire.id)
    record["url_donnees"] = urls.territory_data_url(territoire.id)
    record["url_flux"] = urls.territory_feed_url(territoire.id)
    record["nombre_communes"] = len(catalog.territory_communes.get(territoire.id, []))
    return record


def place_record(catalog: Catalog, place: Lieu) -> dict[str, Any]:
    record: dict[str, Any] = place.model_dump(mode="json")
    record["url"] = urls.page_url("lieu", place.id)
    record["territoires_couverts"] = list(catalog.place_territories.get(place.id, []))
    record["territoires_provisoires"] = provisional_territories(
        catalog, record["territoires_couverts"]
    )
    record["dispositifs_delivres"] = list(catalog.place_schemes.get(place.id, []))
    return record


def vocabulary_records(catalog: Catalog) -> dict[str, list[dict[str, Any]]]:
    return {
        kind: [
            {
                "valeur": term.value,
                "libelle": term.label,
                "description": term.description,
                "origine": term.origin,
                "data_inclusion": term.data_inclusion,
            }
            for _, term in sorted(catalog.vocab.terms.get(kind, {}).items())
        ]
        for kind in KINDS
    }


def metadata(catalog: Catalog, site_url: str | None) -> dict[str, Any]:
    return {
        "titre": TITLE,
        "description": "Dispositifs emploi, formation et orientation mobilisables dans les "
        "territoires des Clefop (comités locaux emploi, formation, orientation "
        "professionnelles) des Pays de la Loire.",
        "licence": dict(LICENCE),
        "source": SOURCE,
        "url_site": site_url,
        "date_generation": catalog.latest_date().isoformat(),
        "schema": urls.absolute_url(site_url, urls.OPEN_DATA_SCHEMA_URL),
        "nombre_dispositifs": len(catalog.dispositifs),
        "nombre_porteurs": len(catalog.porteurs),
        "nombre_territoires": len(catalog.territoires),
        "nombre_lieux": len(catalog.lieux),
    }


def catalogue_document(catalog: Catalog, site_url: str | None) -> dict[str, Any]:
    return {
        "metadonnees": metadata(catalog, site_url),
        "dispositifs": [
            scheme_record(catalog, catalog.dispositifs[did]) for did in sorted(catalog.dispositifs)
        ],
        "porteurs": [
            provider_record(catalog, catalog.porteurs[pid]) for pid in sorted(catalog.porteurs)
        ],
        "territoires": [
            territory_record(catalog, catalog.territoires[tid])
            for tid in sorted(catalog.territoires)
        ],
        "lieux": [place_record(catalog, catalog.lieux[lid]) for lid in sorted(catalog.lieux)],
        "vocabulaires": vocabulary_records(catalog),
    }


# ---------------------------------------------------------------------------- schema

_TEXT = {"type": "string"}
_NULLABLE_TEXT = {"type": ["string", "null"]}
_ISO_DATE = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
_IDS = {"type": "array", "items": {"type": "string"}}

# French descriptions of the top-level definitions: the models' docstrings are English
# notes for developers, and this schema is read by partners.
_MODEL_DESCRIPTIONS = {
    "Dispositif": "Un dispositif, une action ou un outil mobilisable par un conseiller.",
    "Porteur": "Une structure qui porte ou opère des dispositifs.",
    "Territoire": "Un territoire de Clefop : un ensemble d'EPCI (et de communes hors EPCI).",
    "Lieu": "Un lieu d'accueil (agence, mission locale, antenne…) : adresse, contacts, zone "
    "desservie et sources.",
}


def _model_schema(
    model: type[Dispositif | Porteur | Territoire | Lieu],
    extra: dict[str, dict[str, Any]],
    defs: dict[str, Any],
) -> dict[str, Any]:
    """The pydantic model's own schema (field descriptions included), plus computed keys."""
    schema = model.model_json_schema(mode="serialization", ref_template="#/$defs/{model}")
    defs.update(schema.pop("$defs", {}))
    schema["description"] = _MODEL_DESCRIPTIONS[model.__name__]
    schema["properties"].update(extra)
    # Every key is always written (null when the editor left it empty).
    schema["required"] = list(schema["properties"])
    return schema


def catalogue_schema(site_url: str | None) -> dict[str, Any]:
    defs: dict[str, Any] = {}
    dispositif = _model_schema(
        Dispositif,
        {
            "url": {**_TEXT, "description": "Adresse de la fiche, relative à url_site."},
            "territoires_couverts": {
                **_IDS,
                "description": "Identifiants des territoires Clefop où le dispositif est "
                "mobilisable (calculés à partir de « territoires »).",
            },
            "statut_affiche": {
                "enum": list(display.shown_status_order()),
                "description": "Statut affiché par le site : « a-confirmer » quand aucune "
                "source récente n'établit qu'un dispositif actif ou suspendu l'est encore "
                "(statut_a_confirmer, ou source datée la plus récente plus ancienne que le "
                "délai fixé par le Cariforef) ; sinon, la valeur de « statut ».",
            },
            "motif_statut_a_confirmer": {
                **_NULLABLE_TEXT,
                "description": "Pourquoi le statut est à confirmer et ce qui le confirmerait "
                "(null quand il ne l'est pas).",
            },
            "territoires_provisoires": {
                **_IDS,
                "description": "Ceux des territoires_couverts dont le périmètre est "
                "provisoire : le site écrit « provisoire » après leur nom.",
            },
            "appui_sources": {
                **_NULLABLE_TEXT,
                "description": "Quand les sources sont fragiles, ce que la fiche en dit "
                "(« source unique, non officielle »…) ; null sinon.",
            },
        },
        defs,
    )
    porteur = _model_schema(
        Porteur,
        {
            "url": {**_TEXT, "description": "Adresse de la page du porteur, relative à url_site."},
            "dispositifs": {
                **_IDS,
                "description": "Dispositifs qu'il porte ou co-porte (identifiants).",
            },
        },
        defs,
    )
    territoire = _model_schema(
        Territoire,
        {
            "url": {**_TEXT, "description": "Adresse de la page, relative à url_site."},
            "url_donnees": {**_TEXT, "description": "Fichier JSON du territoire."},
            "url_flux": {**_TEXT, "description": "Flux Atom des nouveautés du territoire."},
            "nombre_communes": {
                "type": "integer",
                "minimum": 0,
                "description": "Nombre de communes de la région dans le territoire.",
            },
        },
        defs,
    )
    lieu = _model_schema(
        Lieu,
        {
            "url": {**_TEXT, "description": "Adresse de la page du lieu, relative à url_site."},
            "territoires_couverts": {
                **_IDS,
                "description": "Territoires Clefop que le lieu dessert ou où il se trouve.",
            },
            "territoires_provisoires": {
                **_IDS,
                "description": "Ceux des territoires_couverts dont le périmètre est provisoire.",
            },
            "dispositifs_delivres": {
                **_IDS,
                "description": "Dispositifs délivrés dans ce lieu (par son réseau, ou nommés "
                "par le lieu ou le dispositif).",
            },
        },
        defs,
    )
    defs.update(
        {"Dispositif": dispositif, "Porteur": porteur, "Territoire": territoire, "Lieu": lieu}
    )
    defs["Valeur"] = {
        "type": "object",
        "additionalProperties": False,
        "required": ["valeur", "libelle", "description", "origine", "data_inclusion"],
        "properties": {
            "valeur": {**_TEXT, "description": "Valeur écrite dans les fiches."},
            "libelle": {**_TEXT, "description": "Libellé affiché."},
            "description": {**_NULLABLE_TEXT, "description": "Définition."},
            "origine": {
                "enum": ["data·inclusion", "offre Clefop"],
                "description": "Vocabulaire d'origine : data·inclusion, ou ajout de l'offre.",
            },
            "data_inclusion": {
                **_NULLABLE_TEXT,
                "description": "Valeur data·inclusion équivalente (null : aucune).",
            },
        },
    }
    metadonnees = {
        "type": "object",
        "additionalProperties": False,
        "required": [
            "titre",
            "description",
            "licence",
            "source",
            "url_site",
            "date_generation",
            "schema",
            "nombre_dispositifs",
            "nombre_porteurs",
            "nombre_territoires",
            "nombre_lieux",
        ],
        "properties": {
            "titre": _TEXT,
            "description": _TEXT,
            "licence": {
                "type": "object",
                "additionalProperties": False,
                "required": ["nom", "url"],
                "properties": {"nom": {"const": LICENCE_NAME}, "url": {"const": LICENCE_URL}},
            },
            "source": _TEXT,
            "url_site": {
                **_NULLABLE_TEXT,
                "description": "Adresse du site, base des champs « url ».",
            },
            "date_generation": {
                **_ISO_DATE,
                "description": "Date la plus récente des données (sources relues, fiche "
                "ajoutée, modifiée ou confirmée par son porteur), pas la date de construction.",
            },
            "schema": {**_TEXT, "description": "Adresse de ce schéma."},
            "nombre_dispositifs": {"type": "integer", "minimum": 0},
            "nombre_porteurs": {"type": "integer", "minimum": 0},
            "nombre_territoires": {"type": "integer", "minimum": 0},
            "nombre_lieux": {"type": "integer", "minimum": 0},
        },
    }
    return {
        "$schema": JSON_SCHEMA_DIALECT,
        "$id": urls.absolute_url(site_url, urls.OPEN_DATA_SCHEMA_URL),
        "title": f"{TITLE} : fichier offre.json",
        "description": "Structure du fichier offre.json (dispositifs, porteurs, territoires, "
        "lieux d'accueil, vocabulaires). "
        f"Données et schéma publiés sous {LICENCE_NAME} ({LICENCE_URL}).",
        "type": "object",
        "additionalProperties": False,
        "required": [
            "metadonnees",
            "dispositifs",
            "porteurs",
            "territoires",
            "lieux",
            "vocabulaires",
        ],
        "properties": {
            "metadonnees": metadonnees,
            "dispositifs": {"type": "array", "items": {"$ref": "#/$defs/Dispositif"}},
            "porteurs": {"type": "array", "items": {"$ref": "#/$defs/Porteur"}},
            "territoires": {"type": "array", "items": {"$ref": "#/$defs/Territoire"}},
            "lieux": {"type": "array", "items": {"$ref": "#/$defs/Lieu"}},
            "vocabulaires": {
                "type": "object",
                "additionalProperties": False,
                "required": list(KINDS),
                "properties": {
                    kind: {"type": "array", "items": {"$ref": "#/$defs/Valeur"}} for kind in KINDS
                },
            },
        },
        "$defs": dict(sorted(defs.items())),
    }


def catalogue_files(catalog: Catalog, site_url: str | None) -> dict[str, str | bytes]:
    return {
        urls.OPEN_DATA_JSON_URL: dumps(catalogue_document(catalog, site_url)),
        urls.OPEN_DATA_SCHEMA_URL: dumps(catalogue_schema(site_url)),
    }
