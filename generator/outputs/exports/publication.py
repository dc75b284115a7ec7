"""What every export shares: the licence, the producer's name, the JSON writer."""

from __future__ import annotations

import json
from typing import Any

from ...catalog.catalog import Catalog
from ...data.model import Dispositif

LICENCE_NAME = "Licence Ouverte 2.0"
LICENCE_URL = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"
LICENCE = {"nom": LICENCE_NAME, "url": LICENCE_URL}
TITLE = "Offre de services des Clefop des Pays de la Loire"
SOURCE = (
    "Offre de services des Clefop des Pays de la Loire, d'après les sources publiques "
    "citées dans chaque fiche (porteurs des dispositifs)."
)
# Statuses whose schemes can still be mobilised or resume: the only ones published to
# data·inclusion, whose consumers show services people can use today.


def dumps(data: Any) -> str:
    """Stable JSON: UTF-8 characters kept, key order as built, final newline.

    Compact rather than indented: the indented form goes through the json module's
    pure-Python encoder, several seconds at 10,000 schemes; any JSON viewer indents.
    """
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def shown_status_fields(catalog: Catalog, scheme: Dispositif) -> dict[str, str | None]:
    """The status the site shows and why it is in doubt, for every export that has a
    status: `statut` stays what the record says; `statut_affiche` is `a-confirmer` when
    no recent source establishes an active or suspended scheme (see Catalog.status_doubt)."""
    return {
        "statut_affiche": catalog.shown_status(scheme),
        "motif_statut_a_confirmer": catalog.doubt_text(scheme),
    }


def provisional_territories(catalog: Catalog, tids: list[str]) -> list[str]:
    """Those of `tids` whose perimeter is provisional: every export that names territories
    carries them, so a partner can mark them as the site does."""
    return [t for t in tids if t in catalog.territoires and catalog.territoires[t].is_provisional]


def support_note(catalog: Catalog, scheme: Dispositif) -> str | None:
    """« source unique, non officielle »… (None when the sources hold up): see evidence."""
    return catalog.support(scheme).note


def provider_name(catalog: Catalog, pid: str) -> str:
    """A provider's full name (exports name it in full; badges use `display.short_name`)."""
    porteur = catalog.porteurs.get(pid)
    return porteur.nom if porteur else pid
