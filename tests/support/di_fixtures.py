"""Fixture files for the data·inclusion importer, built with the official v1 models.

Every name, address, phone number and e-mail here is FICTITIOUS (« fictif », « de test »,
example.org): nothing describes a real office. Codes are real INSEE/postal codes so that
the places land on our geographic extract.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from data_inclusion.schema import v1 as di

DAY = date(2025, 3, 1)

MAPPING_YAML = """\
# Correspondances FICTIVES pour les tests de l'import data·inclusion.
source:
  url: https://example.org/jeu-de-donnees-fictif
  titre: Jeu de données fictif de test
porteurs:
  - porteur: france-travail-essai
    reseaux: [france-travail]
  - porteur: association-essai
    reseaux: [mission-locale]
    producteurs: [producteur-fictif]
dispositifs:
  - dispositif: accompagnement-jeunes-essai
    noms: [accompagnement jeunes fictif]
  - dispositif: aide-mobilite-essai
    thematiques: [mobilite--financer-ma-mobilite]
    reseaux: [france-travail]
"""


def structure(ident: str, nom: str, **fields: Any) -> dict[str, Any]:
    """One record as data·inclusion publishes it, checked by the official model."""
    values: dict[str, Any] = {"source": "fictif", "id": ident, "nom": nom, "date_maj": DAY}
    values.update(fields)
    return di.Structure(**values).model_dump(mode="json", exclude_none=True)


def service(ident: str, structure_id: str, nom: str, **fields: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "source": "fictif",
        "id": ident,
        "structure_id": structure_id,
        "nom": nom,
        "description": "Service fictif, écrit pour les tests de l'import.",
        "date_maj": DAY,
    }
    values.update(fields)
    return di.Service(**values).model_dump(mode="json", exclude_none=True)


def sorted_lists(record: dict[str, Any]) -> dict[str, Any]:
    """The official models hold sets; the published files hold lists."""
    return {k: sorted(v) if isinstance(v, list) else v for k, v in record.items()}


def base_structures() -> list[dict[str, Any]]:
    return [
        structure(
            "fictif--agence-nantes",
            "Agence fictive de test (Nantes)",
            code_insee="44109",
            code_postal="44000",
            commune="Nantes",
            adresse="1 rue Fictive",
            complement_adresse="Bâtiment de test",
            telephone="+33240000000",
            courriel="agence-fictive@example.org",
            site_web="https://example.org/agence-fictive",
            horaires_accueil="Mo-Fr 09:00-12:00",
            accessibilite_lieu="https://acceslibre.beta.gouv.fr/app/exemple-fictif/",
            lien_source="https://example.org/fiche/agence-fictive",
            reseaux_porteurs=["france-travail"],
            description="Agence fictive, décrite pour les tests.",
        ),
        structure(
            "fictif--ml-cholet",
            "Mission locale fictive de test (Cholet)",
            code_postal="49300",
            telephone="02.41.00.00.00",
            reseaux_porteurs=["mission-locale"],
        ),
        structure(
            "fictif--ccas-nantes",
            "CCAS fictif de test",
            code_insee="44109",
            reseaux_porteurs=["ccas-cias"],
        ),
        structure(
            "fictif--agence-paris",
            "Agence fictive de test (Paris)",
            code_insee="75056",
            reseaux_porteurs=["france-travail"],
        ),
        structure(
            "fictif--sans-adresse",
            "Agence fictive sans adresse",
            reseaux_porteurs=["france-travail"],
        ),
        structure(
            "fictif--antenne-le-mans",
            "Antenne fictive de test (Le Mans)",
            source="producteur-fictif",
            code_insee="72181",
            telephone="02 43 00 00 00 ou 06 00 00 00 00",
            horaires_accueil="du lundi au vendredi, 9 h - 12 h (fictif)",
        ),
        structure(
            "fictif--commune-inconnue",
            "Agence fictive à la commune inconnue",
            code_insee="53999",
            reseaux_porteurs=["france-travail"],
        ),
        structure(
            "fictif--chemere",
            "Agence fictive de test (Chéméré)",
            code_insee="44040",
            reseaux_porteurs=["france-travail"],
        ),
    ]


def base_services() -> list[dict[str, Any]]:
    return [
        service(
            "fictif--s-nantes-jeunes",
            "fictif--agence-nantes",
            "Accompagnement jeunes fictif",
            zone_eligibilite=["44109"],
        ),
        service(
            "fictif--s-nantes-mobilite",
            "fictif--agence-nantes",
            "Aide fictive au transport",
            thematiques=["mobilite--financer-ma-mobilite"],
            zone_eligibilite=["44", "france"],
        ),
        service(
            "fictif--s-cholet-jeunes",
            "fictif--ml-cholet",
            "Accompagnement Jeunes (fictif) — Cholet",
            zone_eligibilite=["200071678"],
        ),
        service(
            "fictif--s-cholet-mobilite",
            "fictif--ml-cholet",
            "Aide fictive au transport",
            thematiques=["mobilite--financer-ma-mobilite"],
        ),
        service("fictif--s-paris", "fictif--agence-paris", "Accompagnement jeunes fictif"),
        service("fictif--s-ccas", "fictif--ccas-nantes", "Aide fictive du CCAS"),
    ]


def write_json(path: Path, records: list[Any]) -> Path:
    path.write_text(json.dumps(records, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def write_inputs(
    folder: Path,
    structures: list[Any] | None = None,
    services: list[Any] | None = None,
) -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return (
        write_json(
            folder / "structures.json", base_structures() if structures is None else structures
        ),
        write_json(folder / "services.json", base_services() if services is None else services),
    )


def write_mapping(dataset: Path, text: str = MAPPING_YAML) -> Path:
    path = dataset / "correspondances-data-inclusion.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder`, byte for byte."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }
