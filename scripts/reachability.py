"""How often the site gives an adviser somewhere to send a person, per territory.

For every scheme page with a "Où s'adresser" box and every commune of the scheme's
perimeter, counts whether the box names a reachable place (phone, e-mail or web page)
serving or near the commune, by the rule of generator/catalog/reach.py, and whether it links at
least one official directory of the scheme's networks; then lists the scheme pages with
no next step at all. Also counts, per territory, the places and those with a phone and
with hours. Reads the shipped data, or the data folder given:

    python scripts/reachability.py [DOSSIER]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.catalog.load import load_catalog  # noqa: E402
from generator.catalog.reach import DEFINITION, Tally, has_contact, reachability  # noqa: E402


def _share(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f} %" if whole else "    – "


def _line(name: str, tally: Tally) -> str:
    return (
        f"{name[:38]:<38} {tally.pairs:>7} {_share(tally.reachable, tally.pairs):>8} "
        f"{_share(tally.directory, tally.pairs):>8} {_share(tally.next_step, tally.pairs):>8} "
        f"{_share(tally.helper, tally.pairs):>9}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dossier", nargs="?", type=Path, default=ROOT / "offer_data")
    args = parser.parse_args(argv)
    catalog, report = load_catalog(args.dossier)
    if catalog is None:
        print(report.render(), file=sys.stderr)
        return 1
    result = reachability(catalog)
    print(DEFINITION)
    print()
    print(
        f"{'territoire':<38} {'paires':>7} {'joignable':>8} {'annuaire':>8} {'suite':>8} "
        f"{'aide dém.':>9}"
    )
    for tid, tally in sorted(result.by_territory.items(), key=lambda i: i[0]):
        print(_line(catalog.territoires[tid].nom, tally))
    print(_line("TOUTE LA RÉGION", result.overall))
    print()
    print(f"fiches avec l'encadré : {result.schemes} ; fiches sans suite : {len(result.dead_ends)}")
    for did in result.dead_ends:
        print(f"  - {did}")
    print()
    print(f"{'territoire':<38} {'lieux':>6} {'avec tél.':>9} {'horaires':>9} {'joignables':>10}")
    total = [0, 0, 0, 0]
    for tid in sorted(catalog.territoires):
        places = [catalog.lieux[lid] for lid in catalog.territory_places.get(tid, [])]
        counts = [
            len(places),
            sum(1 for p in places if p.telephone),
            sum(1 for p in places if p.horaires or p.horaires_osm),
            sum(1 for p in places if has_contact(p)),
        ]
        print(
            f"{catalog.territoires[tid].nom[:38]:<38} "
            + " ".join(f"{n:>{w}}" for n, w in zip(counts, (6, 9, 9, 10), strict=True))
        )
    places = list(catalog.lieux.values())
    total = [
        len(places),
        sum(1 for p in places if p.telephone),
        sum(1 for p in places if p.horaires or p.horaires_osm),
        sum(1 for p in places if has_contact(p)),
    ]
    print(
        f"{'TOUS LES LIEUX':<38} "
        + " ".join(f"{n:>{w}}" for n, w in zip(total, (6, 9, 9, 10), strict=True))
    )
    porteurs = list(catalog.porteurs.values())
    print(f"porteurs : {len(porteurs)} ; avec site : {sum(1 for p in porteurs if p.site)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
