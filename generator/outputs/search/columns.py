"""What the filters read of each scheme: every facet's values, a column per facet giving
each scheme's values by number, the situations and the age bounds of eligibility.

Derived from the catalogue for the index and the facets file (and the home page's
lists), apart from the text scores: a facet added in `facets.py` gets its values here.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ...catalog.catalog import Catalog
from ...data.model import Dispositif
from ...data.vocab import category_of
from ...rules import display, text
from ...rules.display import NATURE_LABELS, NATURE_ORDER, STATUS_LABELS, STATUS_ORDER
from . import facets

ALL_PUBLICS = "tous-publics"


def situations_of(d: Dispositif) -> list[str]:
    """The situations a scheme is open to: its structured situations, else its publics."""
    return list(d.situations or d.publics)


def age_bounds(d: Dispositif) -> list[int | None] | None:
    """[min, max] as the sources state them, or None when they state neither."""
    if d.age_min is None and d.age_max is None:
        return None
    return [d.age_min, d.age_max]


def facet_values(catalog: Catalog) -> dict[str, list[tuple[str, str]]]:
    """Each facet's values (value, label), in French alphabetical order of the label."""
    vocab = catalog.vocab
    schemes = list(catalog.dispositifs.values())

    def ordered(pairs: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
        return sorted(set(pairs), key=lambda p: (text.collation_key(p[1]), p[0]))

    values = {
        "territoire": ordered((tid, t.nom) for tid, t in catalog.territoires.items()),
        "public": ordered((p, vocab.label("publics", p)) for d in schemes for p in d.publics),
        "thematique": ordered(
            (c, vocab.label("categories_thematiques", c))
            for d in schemes
            for c in (category_of(vocab, t) for t in d.thematiques)
        ),
        "porteur": ordered((pid, p.sigle or p.nom) for pid, p in catalog.porteurs.items()),
        "type": ordered((d.type, vocab.label("types", d.type)) for d in schemes),
        "statut": ordered((s, STATUS_LABELS[s]) for s in STATUS_ORDER),
        "axe": ordered((a, vocab.label("axes_clefop", a)) for d in schemes for a in d.axes_clefop),
        "nature": [(n, NATURE_LABELS[n]) for n in NATURE_ORDER],
        "doute": [(display.DOUBT_STATUS, display.DOUBT_LABEL)],
        "situation": ordered(
            (p, vocab.label("publics", p))
            for d in schemes
            for p in situations_of(d)
            if p != ALL_PUBLICS
        ),
    }
    return {name: values[name] for name in facets.NAMES}


def facet_columns(
    schemes: list[Dispositif], catalog: Catalog, values: dict[str, list[tuple[str, str]]]
) -> dict[str, list[Any]]:
    """One column per facet, a value per scheme (by number): the position of its value
    in the facet's list, a list of positions, or -1 for "every territory"."""
    position = {facet: {v: n for n, (v, _) in enumerate(pairs)} for facet, pairs in values.items()}
    vocab = catalog.vocab
    columns: dict[str, list[Any]] = {name: [] for name in facets.NAMES}
    for d in schemes:
        columns["territoire"].append(
            -1
            if d.everywhere
            else sorted(position["territoire"][t] for t in catalog.scheme_territories[d.id])
        )
        columns["public"].append(sorted({position["public"][p] for p in d.publics}))
        columns["thematique"].append(
            sorted({position["thematique"][category_of(vocab, t)] for t in d.thematiques})
        )
        columns["porteur"].append(position["porteur"][d.porteur])
        columns["type"].append(position["type"][d.type])
        columns["statut"].append(position["statut"][d.statut])
        columns["axe"].append(sorted({position["axe"][a] for a in d.axes_clefop}))
        columns["nature"].append(position["nature"][d.nature])
        # A list: empty for a scheme not in doubt, so it neither matches nor counts.
        columns["doute"].append([0] if d.id in catalog.status_doubt else [])
        situations = situations_of(d)
        columns["situation"].append(
            -1
            if ALL_PUBLICS in situations
            else sorted({position["situation"][p] for p in situations})
        )
    return columns
