#!/usr/bin/env python3
"""Benchmark `offre import-data-inclusion` on synthetic national-size files.

For each total size N (default 200,000 and 400,000 records, structures and services
together, about 42 % structures as in data·inclusion's national files):

1. write a pair of files, `structures.json` and `services.json`, of valid
   data·inclusion v1 records (deterministic: same N and seed, same bytes). The part
   located in Pays de la Loire has the same size at every N (--region, 5,000 structures
   by default, about their share of the national files); the rest is spread over the
   other départements, with real-looking but fictitious codes;
2. copy `offer_data/` (porteurs, dispositifs, geography, mapping file) to a temporary
   data folder;
3. run the importer twice as a subprocess: the first run writes the places, the second
   must find nothing to change (it is checked). Each run reports its wall time and the
   peak RSS of the importer process (getrusage of a one-child wrapper).

Memory should not grow with N: the importer holds the kept places, not the files. The
regional part is kept constant so that the two sizes differ only by the records the
importer streams past.

This is a measurement script, not a test. Temporary files are removed at the end unless
--garder is given.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any, TextIO

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SIZES = (200_000, 400_000)
STRUCTURE_SHARE = 0.42  # about 100,000 structures for 140,000 services nationally
REGION_DEPARTEMENTS = ("44", "49", "53", "72", "85")
OTHER_DEPARTEMENTS = (
    *(f"{n:02d}" for n in range(1, 96) if n != 20 and f"{n:02d}" not in REGION_DEPARTEMENTS),
    *("2A", "2B", "971", "972", "973", "974"),
)
NETWORKS: tuple[list[str], ...] = (
    ["france-travail"],
    ["mission-locale"],
    ["cap-emploi-reseau-cheops"],
    ["ecoles-de-la-deuxieme-chance"],
    ["ccas-cias"],
    ["france-service"],
    [],
)
SOURCES = ("dora", "france-travail", "soliguide", "emplois-de-linclusion", "mission-locale")
SERVICE_NAMES = (
    "Contrat d'engagement jeune (CEJ)",
    "Accompagnement PACEA",
    "Atelier fictif : rédiger son CV",
    "Aide fictive au transport",
    "Permanence fictive d'accès aux droits",
    "Prépa compétences",
)
THEMES = (
    "trouver-un-emploi--repondre-a-des-offres-demploi",
    "preparer-sa-candidature--realiser-un-cv-et-ou-une-lettre-de-motivation",
    "mobilite--financer-ma-mobilite",
    "difficultes-administratives-ou-juridiques--accompagnement-pour-lacces-aux-droits",
)
DESCRIPTION = (
    "Structure fictive générée pour mesurer l'import : accueil, information et "
    "accompagnement des personnes dans leurs démarches d'emploi, de formation et "
    "d'accès aux droits, sur rendez-vous ou lors des permanences."
)
ENV = {**os.environ, "PYTHONHASHSEED": "0"}

# Peak RSS of one child: the wrapper has a single child, so RUSAGE_CHILDREN is its own.
WRAPPER = (
    "import resource, subprocess, sys\n"
    "code = subprocess.run(sys.argv[1:]).returncode\n"
    "usage = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print('USAGE', usage.ru_maxrss, usage.ru_utime + usage.ru_stime, file=sys.stderr)\n"
    "sys.exit(code)\n"
)


@dataclass
class Run:
    wall: float
    cpu: float
    """User + system time of the importer: steadier than wall time on a shared machine."""
    rss_mb: float
    summary: str


def _region_communes() -> list[tuple[str, str]]:
    data = json.loads((REPO / "offer_data" / "geo" / "pays-de-la-loire.json").read_text("utf-8"))
    out = []
    for commune in data["communes"]:
        for postal in commune.get("codes_postaux", [])[:1]:
            out.append((commune["code"], postal))
    return sorted(out)


def _write_array(handle: TextIO, record: dict[str, Any], first: bool) -> None:
    handle.write("[\n" if first else ",\n")
    handle.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")))


def generate(folder: Path, total: int, region: int, seed: int) -> tuple[Path, Path, int, int]:
    """Write the two files; returns their paths and the numbers of records."""
    rng = random.Random(seed)
    communes = _region_communes()
    structures_count = int(total * STRUCTURE_SHARE)
    services_count = total - structures_count
    regional = set(rng.sample(range(structures_count), min(region, structures_count)))
    per_structure, extra = divmod(services_count, structures_count)
    structures_path, services_path = folder / "structures.json", folder / "services.json"
    first_service = True
    start = date(2023, 1, 1)
    with (
        structures_path.open("w", encoding="utf-8") as structures,
        services_path.open("w", encoding="utf-8") as services,
    ):
        for index in range(structures_count):
            source = SOURCES[index % len(SOURCES)]
            ident = f"{source}--fictif-{index:07d}"
            if index in regional:
                insee, postal = rng.choice(communes)
            else:
                dept = rng.choice(OTHER_DEPARTEMENTS)
                insee = (dept + f"{rng.randrange(1, 1000):03d}")[:5]
                postal = (dept[:2] if dept[:2] not in ("2A", "2B") else "20") + "000"
                postal = (postal + "000")[:5]
            networks = NETWORKS[rng.randrange(len(NETWORKS))]
            record: dict[str, Any] = {
                "source": source,
                "id": ident,
                "nom": f"Structure fictive n° {index}",
                "date_maj": (start + timedelta(days=rng.randrange(700))).isoformat(),
                "description": DESCRIPTION,
                "lien_source": f"https://example.org/structures/{index}",
                "commune": "Commune fictive",
                "code_postal": postal,
                "code_insee": insee,
                "adresse": f"{rng.randrange(1, 200)} rue Fictive",
                "longitude": round(rng.uniform(-4.5, 8.0), 5),
                "latitude": round(rng.uniform(42.0, 51.0), 5),
                "telephone": f"+332{rng.randrange(10**8):08d}",
                "courriel": f"contact-{index}@example.org",
                "site_web": f"https://example.org/s/{index}",
                "horaires_accueil": "Mo-Fr 09:00-12:00,14:00-17:00",
                "reseaux_porteurs": networks,
            }
            _write_array(structures, record, index == 0)
            for number in range(per_structure + (1 if index < extra else 0)):
                service = {
                    "source": source,
                    "structure_id": ident,
                    "id": f"{ident}--service-{number}",
                    "nom": SERVICE_NAMES[(index + number) % len(SERVICE_NAMES)],
                    "description": "Service fictif généré pour mesurer l'import.",
                    "date_maj": record["date_maj"],
                    "type": "accompagnement",
                    "thematiques": [THEMES[(index + number) % len(THEMES)]],
                    "frais": "gratuit",
                    "publics": ["tous-publics"],
                    "modes_accueil": ["en-presentiel"],
                    "zone_eligibilite": [insee],
                    "modes_mobilisation": ["se-presenter"],
                    "mobilisable_par": ["usagers", "professionnels"],
                }
                _write_array(services, service, first_service)
                first_service = False
        structures.write("\n]\n")
        services.write("\n]\n" if not first_service else "[]\n")
    return structures_path, services_path, structures_count, services_count


def run_import(structures: Path, services: Path, data: Path) -> Run:
    command = [
        sys.executable,
        "-c",
        WRAPPER,
        sys.executable,
        "-m",
        "generator",
        "import-data-inclusion",
        "--structures",
        str(structures),
        "--services",
        str(services),
        "--data",
        str(data),
        "--date",
        "2025-01-15",
    ]
    began = time.perf_counter()
    result = subprocess.run(command, cwd=REPO, env=ENV, capture_output=True, text=True)
    wall = time.perf_counter() - began
    if result.returncode != 0:
        sys.exit(f"import failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    _, peak, cpu = next(
        line.split() for line in result.stderr.splitlines() if line.startswith("USAGE")
    )
    summary = "\n".join(
        line
        for line in result.stdout.splitlines()
        if line.startswith(("Structures", "Services", "Lieux", "Enregistrements"))
        or "fichier(s)" in line
    )
    return Run(wall, float(cpu), int(peak) / 1024, summary)


def _mb(path: Path) -> float:
    return path.stat().st_size / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--tailles",
        default=",".join(str(n) for n in DEFAULT_SIZES),
        help="total records per pair of files, comma-separated (default: 200000,400000)",
    )
    parser.add_argument("--region", type=int, default=5000, help="structures in the region")
    parser.add_argument("--graine", type=int, default=1, help="random seed")
    parser.add_argument("--garder", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()
    sizes = [int(n) for n in args.tailles.split(",") if n.strip()]

    import ijson

    print(f"ijson backend: {ijson.backend}; python {sys.version.split()[0]}; {os.cpu_count()} CPU")
    work = Path(tempfile.mkdtemp(prefix="bench-import-"))
    rows = []
    try:
        for size in sizes:
            folder = work / str(size)
            folder.mkdir()
            began = time.perf_counter()
            structures, services, n_structures, n_services = generate(
                folder, size, args.region, args.graine
            )
            generated = time.perf_counter() - began
            data = folder / "offer_data"
            shutil.copytree(
                REPO / "offer_data", data, ignore=shutil.ignore_patterns("lieux", "schemas")
            )
            first = run_import(structures, services, data)
            before = {p: p.read_bytes() for p in (data / "lieux").rglob("*.yaml")}
            second = run_import(structures, services, data)
            after = {p: p.read_bytes() for p in (data / "lieux").rglob("*.yaml")}
            if before != after or "0 fichier(s) écrit(s)" not in second.summary:
                sys.exit(f"the second import changed files:\n{second.summary}")
            if "invalides" in first.summary:
                sys.exit(f"generated records failed the official models:\n{first.summary}")
            rows.append((size, _mb(structures) + _mb(services), first, second))
            print(
                f"\n== {size:,} records ({n_structures:,} structures, {n_services:,} services; "
                f"{_mb(structures):.0f} + {_mb(services):.0f} MB; generated in {generated:.0f} s)"
            )
            print(first.summary)
            print(
                f"first import:  {first.wall:6.1f} s wall, {first.cpu:6.1f} s CPU, "
                f"peak RSS {first.rss_mb:4.0f} MB"
            )
            print(
                f"second import: {second.wall:6.1f} s wall, {second.cpu:6.1f} s CPU, "
                f"peak RSS {second.rss_mb:4.0f} MB ({len(after):,} place files, none rewritten)"
            )
    finally:
        if args.garder:
            print(f"\nfiles kept in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)

    print("\nrecords   | input MB | 1st: wall s | CPU s | RSS MB | 2nd: wall s | CPU s | RSS MB")
    for size, megabytes, first, second in rows:
        print(
            f"{size:9,} | {megabytes:8.0f} | {first.wall:11.1f} | {first.cpu:5.1f} |"
            f" {first.rss_mb:6.0f} | {second.wall:11.1f} | {second.cpu:5.1f} | {second.rss_mb:6.0f}"
        )
    if len(rows) >= 2:
        (small, _, small_run, _), (large, _, large_run, _) = rows[0], rows[-1]
        print(
            f"\n{large / small:.1f}× the records → {large_run.rss_mb / small_run.rss_mb:.2f}× "
            f"the peak memory, {large_run.cpu / small_run.cpu:.2f}× the CPU time (first import)."
        )


if __name__ == "__main__":
    main()
