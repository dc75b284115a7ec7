#!/usr/bin/env python3
"""Counts that describe how truthful and complete the shipped offer is, side by side.

Give one or more datasets as LABEL=DIRECTORY (e.g. `avant=/tmp/avant/offer_data
apres=offer_data`); each is validated and loaded like the site does. The table gives,
per dataset: schemes per status, per `frais` value and per `nature`, the schemes shown
« Statut à confirmer » (flagged in the file, or evidence older than the threshold of
reglages.yaml), single-source schemes, dated sources, sources about other regions,
places (total, with phone, e-mail, address line, zone; per territory) and the official
data·inclusion quality score of the services export.

The score is computed with `data_inclusion.schema.v1.score_qualite`, on the services the
site exports (`generator.outputs.exports.data_inclusion.build_data_inclusion`, the function the
build uses); `--services LABEL=FILE` reads a built `donnees/data-inclusion/services.json`
instead. The score has a "recent update" criterion measured against the real clock:
compare datasets scored on the same day.

Usage:
    python scripts/data_counts.py avant=/tmp/avant/offer_data apres=offer_data \
        [--services avant=/tmp/site-avant/donnees/data-inclusion/services.json]

Prepare the "before" dataset from a branch without touching any worktree:
    mkdir -p /tmp/avant && git archive main offer_data | tar -x -C /tmp/avant
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from data_inclusion.schema import v1 as di
from data_inclusion.schema.v1 import score_qualite

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.catalog.catalog import Catalog  # noqa: E402
from generator.catalog.load import load_catalog  # noqa: E402
from generator.outputs.exports.data_inclusion import build_data_inclusion  # noqa: E402

# Pages whose subject is another region than Pays de la Loire (a regional office, a
# prefecture, a regional newspaper or association elsewhere), found in the sources.
# Matched against "host/path". A source kept on purpose because it documents a national
# rule says so in its title ("règle nationale", "programme national"): counted apart.
OTHER_REGION_MARKERS: dict[str, str] = {
    "francetravail.fr/region/provence-alpes-cote-d-azur": "Provence-Alpes-Côte d'Azur",
    "formamag-reunion.fr": "La Réunion",
    "gref-bretagne.com": "Bretagne",
    "idf.drieets.gouv.fr": "Île-de-France",
    "charente-maritime.gouv.fr": "Nouvelle-Aquitaine (Charente-Maritime)",
    "lozere.gouv.fr": "Occitanie (Lozère)",
    "savoie.gouv.fr": "Auvergne-Rhône-Alpes (Savoie)",
    "uriopss-hdf.fr": "Hauts-de-France",
    "avenir-cotedazur.net": "Provence-Alpes-Côte d'Azur",
    "legrandnarbonne.com": "Occitanie (Narbonne)",
    "bourgogne-greta.fr": "Bourgogne-Franche-Comté",
    "picardiegazette.fr": "Hauts-de-France (Picardie)",
    "cap-metiers.pro": "Nouvelle-Aquitaine",
}
NATIONAL_RULE_MARK = "national"  # "règle nationale", "programme national"…
STATUSES = ("actif", "suspendu", "termine", "remplace")
FRAIS = ("gratuit", "payant", "non-precise")
NATURES = ("dispositif", "instance", "plan", "information")


@dataclass
class Figures:
    """What one dataset gives; rows of the table, in order."""

    rows: dict[str, str] = field(default_factory=dict)

    def put(self, label: str, value: object) -> None:
        self.rows[label] = str(value)


def other_region(url: str) -> str | None:
    parts = urlsplit(url)
    where = (parts.netloc.removeprefix("www.") + parts.path).lower()
    for marker, region in OTHER_REGION_MARKERS.items():
        if marker in where:
            return region
    return None


def scheme_figures(catalog: Catalog, figures: Figures) -> None:
    schemes = list(catalog.dispositifs.values())
    figures.put("Fiches (dispositifs, instances, plans, information)", len(schemes))
    per_status: Counter[str] = Counter(s.statut for s in schemes)
    for status in STATUSES:
        figures.put(f"statut : {status}", per_status[status])
    doubts = catalog.status_doubt
    flagged = sum(1 for s in schemes if s.statut_a_confirmer)
    figures.put("affichées « Statut à confirmer »", len(doubts))
    figures.put("  dont signalées dans la fiche (statut_a_confirmer)", flagged)
    figures.put("  dont par l'âge de la source la plus récente", len(doubts) - flagged)
    shown_active = sum(1 for s in schemes if s.statut == "actif" and s.id not in doubts)
    figures.put("affichées « Actif »", shown_active)
    per_frais = Counter(s.frais for s in schemes)
    for value in FRAIS:
        figures.put(f"frais : {value}", per_frais[value])
    per_nature: Counter[str] = Counter(s.nature for s in schemes)
    for nature in NATURES:
        figures.put(f"nature : {nature}", per_nature[nature])
    figures.put("une seule source", sum(1 for s in schemes if len(s.sources) == 1))
    sources = [src for s in schemes for src in s.sources]
    figures.put("sources (total)", len(sources))
    figures.put(
        "sources datées (date_publication)", sum(1 for src in sources if src.date_publication)
    )
    elsewhere = [src for src in sources if other_region(src.url)]
    kept = [src for src in elsewhere if NATIONAL_RULE_MARK in (src.titre or "").lower()]
    figures.put("sources sur une autre région", len(elsewhere))
    figures.put("  dont gardées comme règle nationale (titre)", len(kept))
    figures.put("  pages distinctes", len({src.url for src in elsewhere}))
    figures.put("avec delivre_par", sum(1 for s in schemes if s.delivre_par))
    figures.put(
        "avec verifie_le (confirmées par le porteur)", sum(1 for s in schemes if s.verifie_le)
    )
    figures.put("points « à vérifier » (total)", sum(len(s.a_verifier) for s in schemes))


def place_figures(catalog: Catalog, figures: Figures) -> None:
    places = list(catalog.lieux.values())
    figures.put("Lieux", len(places))
    figures.put("  avec téléphone", sum(1 for p in places if p.telephone))
    figures.put("  avec courriel", sum(1 for p in places if p.courriel))
    figures.put("  avec ligne d'adresse", sum(1 for p in places if p.adresse.ligne))
    figures.put("  avec zone desservie", sum(1 for p in places if p.zone_desservie))
    figures.put("  avec point « à vérifier »", sum(1 for p in places if p.a_verifier))
    for tid in sorted(catalog.territoires):
        name = catalog.territoires[tid].nom
        figures.put(f"  lieux · {name}", len(catalog.territory_places.get(tid, [])))
    without = sum(1 for tid in catalog.territoires if not catalog.territory_places.get(tid))
    figures.put("  territoires sans aucun lieu", without)


def scores(services: list[dict[str, Any]]) -> tuple[list[float], Counter[str], Counter[str]]:
    """Official score per service, and per criterion its total and how often it applies."""
    values: list[float] = []
    totals: Counter[str] = Counter()
    applied: Counter[str] = Counter()
    for record in services:
        service = di.Service.model_validate(record)
        value, detail = score_qualite.score(service)
        values.append(value)
        for criterion, result in detail.items():
            if result is not None:
                totals[criterion] += result
                applied[criterion] += 1
    return values, totals, applied


def score_figures(services: list[dict[str, Any]], figures: Figures) -> None:
    values, totals, applied = scores(services)
    figures.put("Services exportés (data·inclusion)", len(values))
    if not values:
        return
    figures.put("score qualité : moyenne", f"{statistics.fmean(values):.2f}")
    figures.put("score qualité : le plus bas", f"{min(values):.2f}")
    for criterion in sorted(applied):
        mean = totals[criterion] / applied[criterion]
        figures.put(f"  critère {criterion} (moyenne)", f"{mean:.2f}")


def exported_services(catalog: Catalog, built: Path | None) -> list[dict[str, Any]]:
    if built is None:
        return build_data_inclusion(catalog, None).services
    document = json.loads(built.read_text(encoding="utf-8"))
    services: list[dict[str, Any]] = document["services"]
    return services


def figures_for(data: Path, built: Path | None) -> Figures:
    catalog, report = load_catalog(data)
    if catalog is None:
        sys.exit(f"{data} : données invalides\n{report.render()}")
    figures = Figures()
    scheme_figures(catalog, figures)
    place_figures(catalog, figures)
    score_figures(exported_services(catalog, built), figures)
    return figures


def labelled(values: list[str], what: str) -> dict[str, Path]:
    pairs: dict[str, Path] = {}
    for value in values:
        label, sep, path = value.partition("=")
        if not sep or not label or not path:
            sys.exit(f"{what} « {value} » : écrivez NOM=CHEMIN (par exemple apres=offer_data).")
        pairs[label] = Path(path)
    return pairs


def table(columns: dict[str, Figures]) -> str:
    labels: list[str] = []
    for figures in columns.values():
        labels += [label for label in figures.rows if label not in labels]
    lines = [
        "| | " + " | ".join(columns) + " |",
        "|---|" + "---:|" * len(columns),
    ]
    for label in labels:
        cells = [figures.rows.get(label, "—") for figures in columns.values()]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("jeux", nargs="+", help="NOM=DOSSIER de données (offer_data)")
    parser.add_argument(
        "--services",
        action="append",
        default=[],
        help="NOM=services.json construit, à noter à la place de l'export calculé",
    )
    args = parser.parse_args(argv)
    datasets = labelled(args.jeux, "jeu")
    built = labelled(args.services, "--services")
    unknown = set(built) - set(datasets)
    if unknown:
        sys.exit(f"--services : jeu inconnu {sorted(unknown)}")
    columns = {label: figures_for(path, built.get(label)) for label, path in datasets.items()}
    print(table(columns))
    return 0


if __name__ == "__main__":
    sys.exit(main())
