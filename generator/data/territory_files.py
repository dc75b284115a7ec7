"""Writing territory files, shared by the provisional rule and the official import."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

OFFICIAL_HEADER = (
    "# Périmètre OFFICIEL importé avec `offre import-territoires` depuis le fichier\n"
    "# « Territoires EFOP en Pays de la Loire » de la Région. Ne modifiez à la main que\n"
    "# les priorités et les contacts : un nouvel import remplace le périmètre.\n"
)


def render_territory_yaml(
    *,
    tid: str,
    nom: str,
    statut: str,
    epci: list[str],
    communes_hors_epci: list[str],
    regle: str | None = None,
    code: str | None = None,
    source: str | None = None,
    priorites: list[str] | None = None,
    contacts: list[dict[str, Any]] | None = None,
    header: str = OFFICIAL_HEADER,
) -> str:
    document: dict[str, Any] = {"id": tid, "nom": nom}
    if code:
        document["code"] = code
    document["statut"] = statut
    if regle:
        document["regle"] = regle
    if source:
        document["source"] = source
    document["epci"] = list(epci)
    document["communes_hors_epci"] = list(communes_hors_epci)
    document["priorites"] = list(priorites or [])
    document["contacts"] = list(contacts or [])
    # PyYAML's emitter quotes any string that would read back as another type, so codes
    # such as "01004" or "244400404" stay strings.
    body = yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=100)
    return header + body


def write_territory_file(path: Path, **fields: Any) -> None:
    path.write_text(render_territory_yaml(**fields), encoding="utf-8")
