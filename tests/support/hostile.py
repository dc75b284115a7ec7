"""A hostile copy of the test dataset: script payloads in every free-text and label field.

A hostile editor (or a compromised import) can type anything an editor can. Every text
the site shows — titles, summaries, descriptions, names, labels of our own vocabularies,
contact details, place names — gets payloads that would run or create markup if any
template, export or script forgot to escape it. Every payload element carries a
`data-x` attribute, so a page that lets one through is caught by a single selector.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

# Each would run, or make an element, if printed raw in some context: HTML text, an
# attribute (double or single quoted), <title>, an inline <script> holding JSON, a
# Markdown link, a Jinja template.
PAYLOADS = (
    "<script data-x>window.__xss=(window.__xss||0)+1</script>",
    '"><img data-x src=x onerror=alert(1)>',
    "'><svg data-x onload=alert(2)>",
    "</title><img data-x src=x onerror=alert(3)>",
    "</script><script data-x>alert(4)</script>",
    "[lien piégé](javascript:alert(5))",
    "{{ 7*191 }}",
)
# What a template engine would print for the last payload if data ever became a template.
TEMPLATE_RESULT = "1337"

# Keys whose values are identifiers, codes, dates, URLs or vocabulary values: the
# validator refuses anything else there, so they are not free text.
NOT_TEXT = {
    "id",
    "porteur",
    "co_porteurs",
    "publics",
    "situations",
    "destinataire",
    "frais_a_la_charge_de",
    "rendez_vous",
    "thematiques",
    "type",
    "frais",
    "statut",
    "nature",
    "remplace_par",
    "anciens_identifiants",
    "territoires",
    "date_debut",
    "date_fin",
    "statut_depuis",
    "statut_a_confirmer",
    "consulte_le",
    "verifie_le",
    "cree_le",
    "modifie_le",
    "date_publication",
    "url",
    "site",
    "site_web",
    "lien",
    "accessibilite",
    "modes",
    "mobilisable_par",
    "axes_clefop",
    "epci",
    "communes_hors_epci",
    "priorites",
    "niveau",
    "reseau",
    "reseaux",
    "reseaux_porteurs",
    "lieux",
    "dispositifs",
    "code",
    "code_postal",
    "commune",
    "zone_desservie",
    "valeur",
    "data_inclusion",
    "courriel",
    "telephone",
    "horaires_osm",
    "source",
    "producteur",
    "identifiant",
    "date_maj",
    "empreinte",
    "statut_a_confirmer_apres_mois",
    "fiche_a_revoir_apres_mois",
}
# Length limits of the model: a payload must not make the record invalid.
MAX_LENGTH = {"titre": 150, "nom": 150, "resume": 400}


def _payloads() -> Iterator[str]:
    for first, second in zip(
        itertools.cycle(PAYLOADS), itertools.cycle(PAYLOADS[3:] + PAYLOADS[:3]), strict=False
    ):
        yield f"{first} {second}"


def _poison(node: Any, key: str | None, source: Iterator[str]) -> Any:
    if isinstance(node, dict):
        return {k: node[k] if k in NOT_TEXT else _poison(node[k], k, source) for k in node}
    if isinstance(node, list):
        return [_poison(item, key, source) for item in node]
    if isinstance(node, str) and key is not None:
        payload = next(source)
        limit = MAX_LENGTH.get(key)
        if limit is not None:
            room = limit - len(payload) - 1
            node = node[: max(room, 3)]
        return f"{node} {payload}"
    return node


def poison_dataset(root: Path) -> int:
    """Rewrite every record of `root` with payloads in its text fields; returns how many."""
    source = _payloads()
    count = 0
    files = [root / "vocabulaires.yaml"]
    for folder in ("dispositifs", "porteurs", "territoires", "lieux"):
        files += sorted((root / folder).rglob("*.yaml"))
    for path in files:
        if not path.exists():
            continue
        record = yaml.safe_load(path.read_text(encoding="utf-8"))
        poisoned = _poison(record, None, source)
        count += _count_changes(record, poisoned)
        path.write_text(
            yaml.safe_dump(poisoned, allow_unicode=True, sort_keys=False, width=1000),
            encoding="utf-8",
        )
    return count


def _count_changes(before: Any, after: Any) -> int:
    if isinstance(before, dict):
        return sum(_count_changes(before[k], after[k]) for k in before)
    if isinstance(before, list):
        return sum(_count_changes(b, a) for b, a in zip(before, after, strict=True))
    return int(before != after)
