#!/usr/bin/env python3
"""Write the provisional territory files, one per arrondissement (generator/catalog/provisional.py).

Usage:
    python scripts/build_provisional_territories.py [--data DIR]

Only files this script wrote and that are still `statut: provisoire` with no
priorities or contacts added are ever replaced or deleted; an official file (or a
provisional one edited by hand) stops the run before anything changes.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
# Run as a plain script from a checkout: make the `generator` package importable.
sys.path.insert(0, str(ROOT))

from generator.catalog.provisional import (  # noqa: E402
    HEADER,
    STATUT,
    ProvisionalTerritory,
    build_provisional_territories,
    render_yaml,
)
from generator.data.geo import GEO_FILE, GeoDataError, load_geo  # noqa: E402


class PlanError(Exception):
    """Existing files that must not be overwritten; message in French."""


def is_replaceable(path: Path) -> bool:
    """True for a file this script wrote and nobody has enriched since."""
    try:
        text = path.read_text(encoding="utf-8")
        data: Any = yaml.safe_load(text)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return False
    return (
        text.startswith(HEADER)
        and isinstance(data, dict)
        and data.get("statut") == STATUT
        and not data.get("priorites")
        and not data.get("contacts")
    )


def statut_of(path: Path) -> object:
    try:
        data: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    return data.get("statut") if isinstance(data, dict) else None


def plan(directory: Path, territories: list[ProvisionalTerritory]) -> list[Path]:
    """Stale generated files to delete; raise PlanError if something must be protected."""
    existing = sorted(p for p in directory.glob("*.y*ml") if p.is_file())
    official = [p.name for p in existing if statut_of(p) == "officiel"]
    if official:
        raise PlanError(
            f"des territoires officiels sont présents dans {directory} ({', '.join(official)}) : "
            "le découpage provisoire n'est pas recalculé, pour ne pas mélanger les deux."
        )
    targets = {directory / f"{t.id}.yaml" for t in territories}
    blocked = [p.name for p in sorted(targets) if p.exists() and not is_replaceable(p)]
    if blocked:
        raise PlanError(
            f"fichiers modifiés à la main ou non générés par ce script : {', '.join(blocked)}. "
            "Déplacez-les ou reportez vos modifications avant de relancer."
        )
    return [p for p in existing if p not in targets and is_replaceable(p)]


def table(territories: list[ProvisionalTerritory]) -> str:
    rows = [("Territoire (arrondissement)", "EPCI", "Communes", "Population")]
    rows += [
        (f"{t.nom} ({t.arrondissement})", str(len(t.epci)), str(t.communes), f"{t.population:,}")
        for t in territories
    ]
    rows.append(
        (
            f"Total : {len(territories)} territoires",
            str(sum(len(t.epci) for t in territories)),
            str(sum(t.communes for t in territories)),
            f"{sum(t.population for t in territories):,}",
        )
    )
    width = [max(len(r[i]) for r in rows) for i in range(4)]
    lines = [
        f"{r[0]:<{width[0]}}  " + "  ".join(f"{v:>{width[i]}}" for i, v in enumerate(r) if i)
        for r in rows
    ]
    lines.insert(1, "-" * len(lines[0]))
    lines.insert(-1, "-" * len(lines[0]))
    return "\n".join(lines).replace(",", "\N{NARROW NO-BREAK SPACE}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Calcule les territoires provisoires (un par arrondissement)."
    )
    parser.add_argument(
        "--data", type=Path, default=ROOT / "offer_data", help="dossier des données"
    )
    args = parser.parse_args(argv)
    directory = args.data / "territoires"
    try:
        territories = build_provisional_territories(load_geo(args.data / GEO_FILE))
        directory.mkdir(parents=True, exist_ok=True)
        stale = plan(directory, territories)
    except (GeoDataError, PlanError, ValueError) as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        return 1
    for territory in territories:
        path = directory / f"{territory.id}.yaml"
        text = render_yaml(territory)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
    for path in stale:
        path.unlink()
        print(f"Supprimé (périmètre provisoire obsolète) : {path}")
    print(table(territories))
    print(f"Fichiers écrits dans {directory}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
