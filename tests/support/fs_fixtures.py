"""Fixture files for the France services importer.

`tests/fixtures/france-services/liste-fs-20240801.csv` is a slice of the ANCT's real list
(Licence Ouverte 2.0): seven sites of Pays de la Loire and two elsewhere, as published on
2024-08-01. Everything built by `fictitious_row` is FICTITIOUS (« fictive », « d'essai »,
example.org, 02 00 00 00 xx numbers): nothing describes a real counter. Commune codes are
real so that the places land on our geographic extract.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from tests.support.paths import REPO

REAL_SLICE = REPO / "tests" / "fixtures" / "france-services" / "liste-fs-20240801.csv"
PROVIDER_FILE = REPO / "offer_data" / "porteurs" / "france-services.yaml"

COLUMNS = [
    "id_fs",
    "insee_dep",
    "lib_fs",
    "adresse",
    "complement_adresse",
    "insee_com",
    "code_postal",
    "lib_com",
    "latitude",
    "longitude",
    "mail",
    "telephone",
    "h_lundi",
    "h_mardi",
    "h_mercredi",
    "h_jeudi",
    "h_vendredi",
    "h_samedi",
    "prise_rdv",
    "commentaire",
    "type_fs",
    "format_fs",
    "groupe_fs",
    "labellisation_fs",
]

FICTITIOUS_SITES = {
    # id_fs: (département, name, commune INSEE, postal code)
    "90001": ("49", "France services fictive de Cholet", "49099", "49300"),
    "90002": ("53", "France services fictive de Laval", "53130", "53000"),
    "90003": ("85", "France services fictive de La Roche-sur-Yon", "85191", "85000"),
    "90004": ("53", "France services fictive de Mayenne", "53147", "53100"),
}


def fictitious_row(id_fs: str, **overrides: str) -> dict[str, str]:
    dep, name, commune, postcode = FICTITIOUS_SITES.get(
        id_fs, ("49", f"France services fictive n° {id_fs}", "49099", "49300")
    )
    row = {
        "id_fs": id_fs,
        "insee_dep": dep,
        "lib_fs": name,
        "adresse": "1 rue de l'Essai",
        "complement_adresse": "",
        "insee_com": commune,
        "code_postal": postcode,
        "lib_com": "Commune d'essai",
        "latitude": "47.0",
        "longitude": "-0.8",
        "mail": f"fs-essai-{id_fs}@example.org",
        "telephone": f"02 00 00 {id_fs[-4:-2]} {id_fs[-2:]}",
        "h_lundi": "09:00 - 12:00 / 13:30 - 17:00",
        "h_mardi": "09:00 - 12:00 / 13:30 - 17:00",
        "h_mercredi": "09:00 - 12:00",
        "h_jeudi": "09:00 - 12:00 / 13:30 - 17:00",
        "h_vendredi": "09:00 - 12:00 / 13:30 - 17:00",
        "h_samedi": "",
        "prise_rdv": "Oui",
        "commentaire": "Accueil d'essai : rendez-vous conseillé (texte fictif).",
        "type_fs": "Principal",
        "format_fs": "Fixe",
        "groupe_fs": "",
        "labellisation_fs": "Espace labellisé 01/01/2020",
    }
    row.update(overrides)
    return row


def write_csv(path: Path, rows: list[dict[str, Any]], columns: list[str] | None = None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(
            handle, fieldnames=columns or COLUMNS, quoting=csv.QUOTE_ALL, lineterminator="\n"
        )
        writer.writeheader()
        for row in rows:
            writer.writerow({k: v for k, v in row.items() if k in (columns or COLUMNS)})
    return path


def base_rows() -> list[dict[str, str]]:
    return [fictitious_row(i) for i in sorted(FICTITIOUS_SITES)]
