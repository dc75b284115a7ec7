#!/usr/bin/env python3
"""Benchmark `offre import-annuaire` on synthetic directory exports of growing size.

For each size N (default 50,000 and 200,000 records; the DILA's national export holds
about 60,000 services, several hundred megabytes with their communes of competence):

1. write `{"service": [...]}` with N FICTITIOUS records in the published record format
   (a fixed 300 of them in Pays de la Loire, mapped types; the rest elsewhere in France),
   each with a list of communes of competence, as the real file has;
2. copy `offer_data/` to a temporary folder and run the importer twice as a subprocess
   (the second run must change nothing), reporting wall time and the peak RSS of the
   importer process (getrusage of a one-child wrapper).

Memory should not grow with N: the importer streams the file and holds the kept places.
This is a measurement script, not a test.

    python scripts/bench_import_annuaire.py [--tailles 50000 200000]
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
REGION = ("44109", "49007", "53130", "72181", "85191")
ELSEWHERE = tuple(f"{d:02d}" for d in range(10, 96) if d not in (20, 44, 49, 53, 72, 85))
TYPES = ("pole_emploi", "mission_locale", "cci", "chambre_metier", "mairie", "caf")
WRAPPER = (
    "import resource, subprocess, sys\n"
    "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, code)\n"
)


def record(index: int, rng: random.Random, in_region: bool) -> dict[str, object]:
    if in_region:
        commune = rng.choice(REGION)
    else:
        commune = f"{rng.choice(ELSEWHERE)}{rng.randint(1, 500):03d}"
    return {
        "id": f"service-fictif-{index}",
        "nom": f"Service public fictif n° {index}",
        "pivot": [
            {
                "type_service_local": rng.choice(TYPES),
                "code_insee_commune": [commune] + [f"{commune[:2]}{n:03d}" for n in range(1, 40)],
            }
        ],
        "code_insee_commune": commune,
        "adresse": [
            {
                "type_adresse": "Adresse",
                "numero_voie": f"{index % 90 + 1} rue de l'Essai",
                "code_postal": commune[:2] + "000",
                "nom_commune": "Commune fictive",
                "longitude": "-0.5",
                "latitude": "47.5",
            }
        ],
        "telephone": [{"valeur": f"02 00 {index % 100:02d} {index // 100 % 100:02d} 00"}],
        "adresse_courriel": [f"accueil-{index}@example.org"],
        "site_internet": [{"libelle": "Site", "valeur": f"https://example.org/{index}"}],
        "plage_ouverture": [
            {
                "nom_jour_debut": "Lundi",
                "nom_jour_fin": "Vendredi",
                "valeur_heure_debut_1": "08:30:00",
                "valeur_heure_fin_1": "12:00:00",
                "valeur_heure_debut_2": "13:30:00",
                "valeur_heure_fin_2": "17:00:00",
                "commentaire": "",
            }
        ],
        "date_modification": "12/03/2026 10:15:00",
    }


def write_export(path: Path, size: int, region: int) -> None:
    rng = random.Random(size)
    in_region = set(rng.sample(range(size), region))
    with path.open("w", encoding="utf-8") as handle:
        handle.write('{"service": [\n')
        for index in range(size):
            if index:
                handle.write(",\n")
            handle.write(json.dumps(record(index, rng, index in in_region), ensure_ascii=False))
        handle.write("\n]}\n")


def run(export: Path, data: Path) -> tuple[float, int, int]:
    command = [
        sys.executable,
        "-m",
        "generator",
        "import-annuaire",
        str(export),
        "--data",
        str(data),
    ]
    start = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", WRAPPER, *command], capture_output=True, text=True, check=True
    ).stdout.split()
    return time.perf_counter() - start, int(out[0]), int(out[1])


def _snapshot(data: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in sorted((data / "lieux").rglob("*.yaml"))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tailles", type=int, nargs="+", default=[50_000, 200_000])
    parser.add_argument("--region", type=int, default=300)
    args = parser.parse_args()
    print("| enregistrements | Mo | 1er import (s) | RSS max (Mo) | 2e import (s) | RSS max (Mo) |")
    print("|---:|---:|---:|---:|---:|---:|")
    for size in args.tailles:
        with tempfile.TemporaryDirectory() as tmp:
            export = Path(tmp) / "annuaire.json"
            write_export(export, size, args.region)
            data = Path(tmp) / "offer_data"
            shutil.copytree(REPO / "offer_data", data)
            first = run(export, data)
            written = _snapshot(data)
            second = run(export, data)
            if _snapshot(data) != written:
                sys.exit("le 2e import a modifié des fichiers : il devait ne rien changer")
            if first[2] != 0 or second[2] != 0:
                sys.exit(f"import en échec (codes {first[2]}, {second[2]})")
            megabytes = export.stat().st_size / 1e6
            print(
                f"| {size:,} | {megabytes:.0f} | {first[0]:.1f} | {first[1] / 1024:.0f} | "
                f"{second[0]:.1f} | {second[1] / 1024:.0f} |".replace(",", "\u202f")
            )


if __name__ == "__main__":
    main()
