"""Fixture files for the directory importer, written from the record format the DILA
publishes (« Annuaire de l'administration », base de données locales: a JSON object whose
key `service` lists the records; see generator/importers/annuaire/record.py).

Every name, address, phone number, e-mail and page here is FICTITIOUS (« fictive »,
« d'essai », example.org, 02 00 00 xx xx numbers): nothing describes a real counter.
Commune codes are real so that the places land on our geographic extract.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def service(
    ident: str,
    nom: str,
    kind: str,
    commune: str,
    postcode: str,
    *,
    competence: list[str] | None = None,
    **fields: Any,
) -> dict[str, Any]:
    """One record as the DILA's export nests it (FICTITIOUS values)."""
    record: dict[str, Any] = {
        "id": ident,
        "nom": nom,
        "pivot": [{"type_service_local": kind, "code_insee_commune": competence or [commune]}],
        "code_insee_commune": commune,
        "adresse": [
            {
                "type_adresse": "Adresse",
                "complement1": "Bâtiment d'essai",
                "complement2": "",
                "numero_voie": "1 rue de l'Essai",
                "service_distribution": "",
                "code_postal": postcode,
                "nom_commune": "Commune d'essai",
                "pays": "France",
                "longitude": "-0.8",
                "latitude": "47.0",
            },
            {
                "type_adresse": "Adresse postale",
                "numero_voie": "BP 0000 (fictive)",
                "code_postal": postcode,
                "nom_commune": "Commune d'essai",
            },
        ],
        "telephone": [{"valeur": "02 00 00 10 01", "description": "Accueil (essai)"}],
        "adresse_courriel": [f"accueil-{ident}@example.org"],
        "site_internet": [{"libelle": "Site (essai)", "valeur": f"https://example.org/{ident}"}],
        "plage_ouverture": [
            {
                "nom_jour_debut": "Lundi",
                "nom_jour_fin": "Vendredi",
                "valeur_heure_debut_1": "08:30:00",
                "valeur_heure_fin_1": "12:30:00",
                "valeur_heure_debut_2": "13:30:00",
                "valeur_heure_fin_2": "16:30:00",
                "commentaire": "",
            }
        ],
        "url_service_public": f"https://example.org/annuaire/{ident}",
        "date_modification": "12/03/2099 10:15:00",
    }
    record.update(fields)
    return record


def base_services() -> list[dict[str, Any]]:
    return [
        service(
            "ft-essai-cholet",
            "Agence France Travail fictive de Cholet",
            "pole_emploi",
            "49099",
            "49300",
            competence=["49099", "49092"],
        ),
        service(
            "ml-essai-laval",
            "Mission locale fictive de Laval",
            "mission_locale",
            "53130",
            "53000",
        ),
        service(
            "mairie-essai",
            "Mairie fictive de La Roche-sur-Yon",
            "mairie",
            "85191",
            "85000",
        ),
        service(
            "ft-essai-ailleurs",
            "Agence France Travail fictive hors région",
            "pole_emploi",
            "75056",
            "75001",
        ),
    ]


def write_dump(path: Path, records: list[Any]) -> Path:
    """The DILA's export: an object whose key `service` lists the records."""
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = {"service": records}
    path.write_text(json.dumps(payload, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def as_api_record(record: dict[str, Any]) -> dict[str, Any]:
    """The same record as the directory's API exports it: list fields as JSON text."""
    out = dict(record)
    for key in ("pivot", "adresse", "telephone", "site_internet", "plage_ouverture"):
        out[key] = json.dumps(record[key], ensure_ascii=False)
    out["adresse_courriel"] = record["adresse_courriel"][0]
    return out
