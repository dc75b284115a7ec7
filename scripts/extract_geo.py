#!/usr/bin/env python3
"""Extract the Pays de la Loire subset of @etalab/decoupage-administratif.

The site generator must work offline, so a developer runs this script (npm needed)
and commits the small JSON extract it writes. Standard library only, so it runs
before the project's virtualenv exists.

Usage:
    python scripts/extract_geo.py [--output PATH] [--tarball PATH]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tarfile
import tempfile
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

PACKAGE = "@etalab/decoupage-administratif"
VERSION = "6.0.0"
REGION_CODE = "52"
ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = ROOT / "offer_data" / "geo" / "pays-de-la-loire.json"

SOURCE = {
    "paquet": PACKAGE,
    "version": VERSION,
    "depot": "https://github.com/etalab/decoupage-administratif",
    "licence": "Licence Ouverte / Open Licence 2.0 (données) — code du paquet sous licence MIT",
    "producteurs": (
        "INSEE (COG 2026, populations légales), "
        "DGCL (liste des EPCI à fiscalité propre 2026), "
        "La Poste (base officielle des codes postaux)"
    ),
    "millesime": 2026,
}

DATA_FILES = ("communes", "epci", "departements", "arrondissements", "regions")
ALIAS_TYPES = ("commune-deleguee", "commune-associee")

# Figures documented for version 6.0.0 (domain-facts.md §4.1): printed next to the
# computed ones so a wrong extraction is noticed before the file is committed.
EXPECTED = {
    "communes actuelles": 1228,
    "EPCI": 71,
    "codes postaux distincts": 306,
    "communes déléguées": 352,
    "communes associées": 11,
    "EPCI à cheval sur une autre région": 4,
    "communes sans EPCI": 1,
}

Raw = dict[str, list[dict[str, Any]]]


class ExtractError(Exception):
    """A failure the developer can fix (npm missing, bad tarball); message in French."""


def fetch_tarball(workdir: Path) -> Path:
    """Run `npm pack` in a scratch directory: downloads the tarball, installs nothing."""
    try:
        result = subprocess.run(
            ["npm", "pack", f"{PACKAGE}@{VERSION}"],
            cwd=workdir,
            capture_output=True,
            text=True,
            check=False,
        )
    except FileNotFoundError as exc:
        raise ExtractError(
            "npm est introuvable : installez Node.js/npm ou passez --tarball."
        ) from exc
    tarballs = sorted(workdir.glob("*.tgz"))
    if result.returncode != 0 or not tarballs:
        detail = (result.stderr or result.stdout).strip().splitlines()[-5:]
        raise ExtractError(
            f"échec de « npm pack {PACKAGE}@{VERSION} » (code {result.returncode}) :\n"
            + "\n".join(detail)
        )
    return tarballs[0]


def read_tarball(tarball: Path) -> Raw:
    """Read the JSON files straight from the archive, without writing them to disk."""
    try:
        with tarfile.open(tarball, "r:gz") as archive:
            manifest = _read_member(archive, "package/package.json")
            if manifest.get("name") != PACKAGE or manifest.get("version") != VERSION:
                raise ExtractError(
                    f"{tarball} contient {manifest.get('name')}@{manifest.get('version')}, "
                    f"attendu {PACKAGE}@{VERSION}."
                )
            return {name: _read_member(archive, f"package/data/{name}.json") for name in DATA_FILES}
    except (OSError, tarfile.TarError) as exc:
        raise ExtractError(f"archive illisible {tarball} : {exc}") from exc


def _read_member(archive: tarfile.TarFile, name: str) -> Any:
    try:
        member = archive.extractfile(name)
    except KeyError as exc:
        raise ExtractError(f"fichier {name} absent de l'archive.") from exc
    if member is None:
        raise ExtractError(f"{name} n'est pas un fichier ordinaire dans l'archive.")
    with member:
        try:
            return json.load(member)
        except json.JSONDecodeError as exc:
            raise ExtractError(f"{name} n'est pas un JSON valide : {exc}") from exc


def build_extract(raw: Raw) -> dict[str, Any]:
    """Keep the region's départements, arrondissements, communes and their EPCI."""
    region = next((r for r in raw["regions"] if r["code"] == REGION_CODE), None)
    if region is None:
        raise ExtractError(f"région {REGION_CODE} absente de regions.json.")

    actuelles = {c["code"]: c for c in raw["communes"] if c["type"] == "commune-actuelle"}
    in_region = {code: c for code, c in actuelles.items() if c.get("region") == REGION_CODE}

    commune_epci: dict[str, str] = {}
    epci_out = []
    for epci in raw["epci"]:
        members = [m["code"] for m in epci["membres"]]
        local = [code for code in members if code in in_region]
        if not local:
            continue
        for code in local:
            if code in commune_epci:
                raise ExtractError(f"commune {code} membre de deux EPCI.")
            commune_epci[code] = epci["code"]
        outside = []
        for code in members:
            if code in in_region:
                continue
            if code not in actuelles:
                raise ExtractError(f"membre {code} de l'EPCI {epci['code']} inconnu.")
            other = actuelles[code]
            outside.append({"code": code, "nom": other["nom"], "departement": other["departement"]})
        epci_out.append(
            {
                "siren": epci["code"],
                "nom": epci["nom"],
                "type": epci["type"],
                # Summed from the communes' own (INSEE) population rather than the DGCL
                # member figures, which lag one census behind: totals then stay consistent.
                "population": sum(in_region[code]["population"] for code in local),
                "communes_total": len(members),
                "hors_region": sorted(outside, key=lambda m: m["code"]),
            }
        )

    aliases: dict[str, list[dict[str, str]]] = defaultdict(list)
    for alias in raw["communes"]:
        parent = in_region.get(alias.get("chefLieu", ""))
        if alias["type"] not in ALIAS_TYPES or parent is None:
            continue
        # A déléguée often repeats its commune nouvelle's name: no use as a search alias.
        if alias["nom"] == parent["nom"]:
            continue
        aliases[parent["code"]].append(
            {"code": alias["code"], "nom": alias["nom"], "type": alias["type"]}
        )

    communes_out = [
        {
            "code": code,
            "nom": c["nom"],
            "departement": c["departement"],
            "arrondissement": c["arrondissement"],
            "epci": commune_epci.get(code),
            "codes_postaux": sorted(set(c.get("codesPostaux", []))),
            "population": c["population"],
            "anciens_noms": sorted(aliases[code], key=lambda a: (a["code"], a["nom"], a["type"])),
        }
        for code, c in in_region.items()
    ]

    return {
        "source": SOURCE,
        "region": {"code": region["code"], "nom": region["nom"]},
        "departements": sorted(
            (
                {"code": d["code"], "nom": d["nom"]}
                for d in raw["departements"]
                if d["region"] == REGION_CODE
            ),
            key=lambda d: d["code"],
        ),
        "arrondissements": sorted(
            (
                {
                    "code": a["code"],
                    "nom": a["nom"],
                    "departement": a["departement"],
                    "chef_lieu": a["chefLieu"],
                }
                for a in raw["arrondissements"]
                if a["region"] == REGION_CODE
            ),
            key=lambda a: a["code"],
        ),
        "epci": sorted(epci_out, key=lambda e: e["siren"]),
        "communes": sorted(communes_out, key=lambda c: c["code"]),
    }


def serialize(extract: dict[str, Any]) -> str:
    text = json.dumps(
        extract, ensure_ascii=False, indent=None, separators=(",", ":"), sort_keys=True
    )
    return text + "\n"


def summarize(raw: Raw, extract: dict[str, Any]) -> list[str]:
    """Counts to compare with domain-facts.md §4.1; mismatches are flagged."""
    communes = extract["communes"]
    epcis = extract["epci"]
    alias_types = Counter(
        c["type"]
        for c in raw["communes"]
        if c["type"] in ALIAS_TYPES and c.get("region") == REGION_CODE
    )
    by_cp: dict[str, int] = Counter(cp for c in communes for cp in c["codes_postaux"])
    straddling = [e for e in epcis if e["hors_region"]]
    without_epci = [c for c in communes if c["epci"] is None]
    dept_of = {c["code"]: c["departement"] for c in communes}
    cross_dept = [
        e
        for e in epcis
        if len({dept_of[c["code"]] for c in communes if c["epci"] == e["siren"]}) > 1
    ]
    computed = {
        "communes actuelles": len(communes),
        "EPCI": len(epcis),
        "codes postaux distincts": len(by_cp),
        "communes déléguées": alias_types["commune-deleguee"],
        "communes associées": alias_types["commune-associee"],
        "EPCI à cheval sur une autre région": len(straddling),
        "communes sans EPCI": len(without_epci),
    }
    lines = [f"{PACKAGE} {VERSION} — région {extract['region']['code']} {extract['region']['nom']}"]
    for label, value in computed.items():
        expected = EXPECTED[label]
        mark = "ok" if value == expected else f"ÉCART, attendu {expected}"
        lines.append(f"  {label:<36} {value:>6}  ({mark})")
    per_dept = Counter(c["departement"] for c in communes)
    lines.append(
        "  communes par département : " + ", ".join(f"{d} {n}" for d, n in sorted(per_dept.items()))
    )
    lines.append(f"  population municipale totale : {sum(c['population'] for c in communes)}")
    lines.append(f"  arrondissements : {len(extract['arrondissements'])}")
    lines.append(f"  anciens noms rattachés : {sum(len(c['anciens_noms']) for c in communes)}")
    multi_cp = sum(len(c["codes_postaux"]) > 1 for c in communes)
    lines.append(f"  communes à plusieurs codes postaux : {multi_cp}")
    shared = [n for n in by_cp.values() if n > 1]
    lines.append(
        f"  codes postaux partagés : {len(shared)} (jusqu'à {max(shared, default=0)} communes)"
    )
    lines.append(
        "  EPCI par type : "
        + ", ".join(f"{t} {n}" for t, n in sorted(Counter(e["type"] for e in epcis).items()))
    )
    for e in straddling:
        inside = e["communes_total"] - len(e["hors_region"])
        share = f"{inside}/{e['communes_total']} communes dans la région"
        lines.append(f"    à cheval : {e['siren']} {e['nom']} ({share})")
    for e in cross_dept:
        lines.append(f"    sur plusieurs départements de la région : {e['siren']} {e['nom']}")
    for c in without_epci:
        lines.append(f"    sans EPCI : {c['code']} {c['nom']}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Extrait les données géographiques des Pays de la Loire."
    )
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="fichier JSON à écrire")
    parser.add_argument("--tarball", type=Path, help="archive .tgz déjà téléchargée (évite npm)")
    args = parser.parse_args(argv)
    try:
        if args.tarball is not None:
            raw = read_tarball(args.tarball)
        else:
            with tempfile.TemporaryDirectory(prefix="decoupage-") as tmp:
                raw = read_tarball(fetch_tarball(Path(tmp)))
        extract = build_extract(raw)
    except (KeyError, TypeError) as exc:
        print(f"Erreur : structure inattendue dans le paquet ({exc!r}).", file=sys.stderr)
        return 1
    except ExtractError as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        return 1
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(serialize(extract), encoding="utf-8")
    print("\n".join(summarize(raw, extract)))
    print(f"Écrit : {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
