"""The search filters (facets), defined once: names, labels, defaults, how they are chosen.

The index builds a column per facet, the search page draws its filter panel, the
relevance check searches with the defaults, and `recherche.js` reads the same list from
the page (`data-facettes`), so that a facet added, renamed or given a default here is
one everywhere.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from ...rules.display import NATURE_ORDER, STATUS_ORDER


@dataclass(frozen=True)
class Facet:
    name: str
    """Key in the index, parameter in the page's address."""
    label: str
    """Legend in the filter panel, and name in « Retirer le filtre « … : valeur » »."""
    multiple: bool = True
    """Several values ticked (checkboxes); else one chosen from a list (territory, situation)."""
    in_index: bool = False
    """Its column comes with the index: the default filters and badges need it at once."""
    default: tuple[str, ...] = ()
    """Values filtered on unless the reader asks otherwise."""
    beside: str | None = None
    """The facet whose panel box it shares (the doubt is ticked under the status)."""
    wide: bool = False
    """Its box takes the panel's width (long labels)."""


FACETS = (
    Facet("territoire", "Territoire", multiple=False),
    Facet("public", "Public"),
    Facet("thematique", "Thématique"),
    Facet("axe", "Priorité Clefop"),
    Facet("porteur", "Porteur", wide=True),
    Facet("type", "Type de dispositif"),
    # What the page shows unless asked: open schemes an adviser mobilises (governance
    # bodies, plans and information services one click away).
    Facet("statut", "Statut", in_index=True, default=(STATUS_ORDER[0],)),
    Facet("nature", "Nature de la fiche", in_index=True, default=(NATURE_ORDER[0],)),
    Facet("doute", "Statut", in_index=True, beside="statut"),
    Facet("situation", "Situation", multiple=False),
)
NAMES = tuple(facet.name for facet in FACETS)
INDEX_COLUMNS = tuple(facet.name for facet in FACETS if facet.in_index)
DEFAULT_FILTERS = {facet.name: list(facet.default) for facet in FACETS if facet.default}


def panel_boxes() -> list[tuple[Facet, list[Facet]]]:
    """The filter panel's boxes of ticked values: each facet with those sharing its box."""
    return [
        (facet, [facet, *(f for f in FACETS if f.beside == facet.name)])
        for facet in FACETS
        if facet.multiple and facet.beside is None
    ]


def by_name(name: str) -> Facet:
    return next(facet for facet in FACETS if facet.name == name)


def js_facets() -> str:
    """The list `recherche.js` reads from the page, as JSON."""
    return json.dumps(
        [
            {
                "nom": f.name,
                "libelle": f.label,
                "multiple": f.multiple,
                "index": f.in_index,
                "defaut": list(f.default),
            }
            for f in FACETS
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    )
