#!/usr/bin/env python3
"""Where the review of the offer stands, in figures: before and after a review of the data.

Prints, for a dataset (validated and loaded as the site does), over the schemes that
are current (statut actif or suspendu):
- the active schemes, those shown « Statut à confirmer » with each reason (the rule of
  `generator.catalog.evidence`: no source dated within the threshold of reglages.yaml), and the
  ended ones (statut termine or remplace);
- those resting on a single source, on at least one non-official source, on at least
  one other region's page (offer_data/sources-officielles.yaml and the providers' sites);
and, given a built site, the pages that name a provisional territory without saying
« provisoire » (see `unmarked_mentions`).

Usage:
    python scripts/offer_review_counts.py [--data offer_data] [--site site]

Before/after a change of code: run the same data with each version of the code, e.g.
    mkdir -p /tmp/avant && git archive main | tar -x -C /tmp/avant
With code that predates `generator.catalog.evidence`, the source-strength lines say so.
"""

from __future__ import annotations

import argparse
import html
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.catalog.catalog import Catalog  # noqa: E402
from generator.catalog.load import load_catalog  # noqa: E402

CURRENT = ("actif", "suspendu")
ENDED = ("termine", "remplace")
MARK = "provisoire"
# How far after a territory's name its mark may stand (the mark follows the name, as
# « Nantes (provisoire) » or a badge right after the link).
MARK_WINDOW = 40
_TAG = re.compile(r"<[^>]+>")
# Tags that end a block of text: a name at the start of a block is not « territoire X ».
_BLOCK = re.compile(
    r"</?(?:p|li|ul|ol|h[1-6]|div|dt|dd|dl|tr|td|th|table|section|summary|details|br)\b[^>]*>",
    re.I,
)
_SCRIPT = re.compile(r"<(script|style)\b.*?</\1>", re.S | re.I)


def _text(fragment: str) -> str:
    return html.unescape(_TAG.sub("", fragment))


def unmarked_mentions(page: str, provisional: dict[str, str]) -> list[str]:
    """Where a page names a provisional territory (id → name) without the mark.

    A mention is a link to the territory's page (`…territoires/<id>/`) whose text has
    its name, or its name after « territoire » / « Territoire : » in the text. It is
    marked when « provisoire » is in the link's text or within MARK_WINDOW characters
    after the name.
    """
    page = _SCRIPT.sub("", page)
    found: list[str] = []
    for tid, name in provisional.items():
        link = re.compile(
            r'<a\b[^>]*href="[^"]*territoires/' + re.escape(tid) + r'/(?:index\.html)?(?:#[^"]*)?"'
            r"[^>]*>(.*?)</a>",
            re.S,
        )
        for match in link.finditer(page):
            inside = _text(match.group(1))
            if name not in inside:  # « Voir la page du territoire »: names nothing
                continue
            after = _text(page[match.end() : match.end() + 400])[:MARK_WINDOW]
            if MARK not in inside and MARK not in after:
                found.append(f"lien « {inside.strip()} »")
    blocks = _text(_BLOCK.sub("\n", page))
    text = "\n".join(" ".join(line.split()) for line in blocks.splitlines())
    for name in provisional.values():
        said = re.compile(r"\b[Tt]erritoires? ?:? " + re.escape(name) + r"(?![\w-])")
        for match in said.finditer(text):
            if MARK not in text[match.end() : match.end() + MARK_WINDOW]:
                found.append(f"« {match.group(0)} »")
    return found


def scan_site(site: Path, provisional: dict[str, str]) -> dict[str, list[str]]:
    """Pages (relative paths) with unmarked mentions, and those mentions."""
    pages: dict[str, list[str]] = {}
    for path in sorted(site.rglob("*.html")):
        found = unmarked_mentions(path.read_text(encoding="utf-8"), provisional)
        if found:
            pages[path.relative_to(site).as_posix()] = found
    return pages


def _reason(doubt: object) -> str:
    """A doubt's short reason (older code keeps it as a plain string)."""
    return str(getattr(doubt, "short", doubt))


def _kind(doubt: object) -> str:
    kind = getattr(doubt, "kind", None)
    if kind is not None:
        return str(kind)
    text = str(doubt)
    return "ancienne" if text.startswith("source datée") else "signale"


def data_lines(catalog: Catalog) -> list[str]:
    schemes = list(catalog.dispositifs.values())
    current = [d for d in schemes if d.statut in CURRENT]
    active = [d for d in schemes if d.statut == "actif"]
    doubts = {did: catalog.status_doubt[did] for did in sorted(catalog.status_doubt)}
    lines = [
        f"Fiches : {len(schemes)}",
        f"Actives : {len(active)} (dont dispositifs mobilisables : "
        f"{sum(1 for d in active if d.is_scheme)})",
        f"Statut à confirmer : {len(doubts)} (sur {len(current)} actives ou suspendues)",
    ]
    by_kind = Counter(_kind(d) for d in doubts.values())
    lines += [f"  motif {kind} : {count}" for kind, count in sorted(by_kind.items())]
    lines += [f"    - {did} : {_reason(doubt)}" for did, doubt in doubts.items()]
    ended = [d for d in schemes if d.statut in ENDED]
    lines.append(f"Terminées ou remplacées : {len(ended)}")
    support = getattr(catalog, "support", None)
    if support is None:
        lines.append(
            "Sources (actives ou suspendues) : non calculé, code sans generator.catalog.evidence"
        )
        return lines
    supports = {d.id: support(d) for d in current}
    single = [did for did, s in supports.items() if s.single]
    non_official = [did for did, s in supports.items() if s.official < s.count]
    other_region = [did for did, s in supports.items() if s.other_region]
    either = [did for did, s in supports.items() if s.official < s.count or s.other_region]
    weak = [did for did, s in supports.items() if s.note]
    lines += [
        f"Source unique (actives ou suspendues) : {len(single)}",
        f"Au moins une source non officielle : {len(non_official)}",
        f"Au moins une source d'une autre région : {len(other_region)}",
        f"Au moins une source non officielle ou d'une autre région : {len(either)}",
        f"Appui fragile affiché sur la page : {len(weak)}",
    ]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Chiffres de la revue de l'offre.")
    parser.add_argument("--data", type=Path, default=ROOT / "offer_data", help="données")
    parser.add_argument("--site", type=Path, help="site construit à examiner")
    args = parser.parse_args(argv)
    catalog, report = load_catalog(args.data)
    if catalog is None:
        print(report.render(), file=sys.stderr)
        return 1
    print(f"Données : {args.data} (date de référence {catalog.latest_date().isoformat()})")
    print("\n".join(data_lines(catalog)))
    if args.site is not None:
        provisional = {
            tid: t.nom for tid, t in catalog.territoires.items() if t.statut == "provisoire"
        }
        pages = scan_site(args.site, provisional)
        total = sum(1 for _ in args.site.rglob("*.html"))
        print(
            f"Pages qui nomment un territoire provisoire sans « {MARK} » : {len(pages)} "
            f"(sur {total} pages)"
        )
        for kind in ("dispositifs/", "lieux/", "territoires/"):
            print(f"  dont {kind} : {sum(1 for p in pages if p.startswith(kind))}")
        for path, found in list(pages.items())[:15]:
            print(
                f"    - {path} : {found[0]}" + (f" (+{len(found) - 1})" if len(found) > 1 else "")
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
