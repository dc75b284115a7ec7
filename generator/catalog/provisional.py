"""Provisional Clefop territories, until the Région's official EFOP file is imported.

The real perimeters of the territories are not available offline (domain-facts.md
§1.2), so a documented, reproducible rule groups real EPCI instead:

* each EPCI goes to the arrondissement holding most of its population, counting only
  its communes in the region (ties: lowest arrondissement code);
* a commune in no EPCI goes to its own arrondissement;
* one territory per arrondissement that receives something, named after it.

Nothing here knows how many territories there are or what they are called: it all
comes from the geographic extract.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass

from ..data.geo import Geo
from ..rules.urls import slugify

STATUT = "provisoire"
HEADER = (
    "# Périmètre PROVISOIRE, calculé par scripts/build_provisional_territories.py\n"
    "# (règle : chaque EPCI est rattaché à l'arrondissement qui regroupe la plus grande part\n"
    "# de sa population dans la région). À remplacer par le fichier officiel de la Région\n"
    "# (« Territoires EFOP en Pays de la Loire ») avec `offre import-territoires`.\n"
)
"""Comment opening every generated file; also how the script recognises its own files."""


@dataclass(frozen=True)
class ProvisionalTerritory:
    id: str
    nom: str
    arrondissement: str
    epci: tuple[str, ...]
    communes_hors_epci: tuple[str, ...]
    population: int
    communes: int
    """Number of region communes covered (through its EPCI or directly)."""

    @property
    def regle(self) -> str:
        return (
            "Regroupement provisoire par arrondissement "
            f"(arrondissement {self.arrondissement} – {self.nom}) : chaque EPCI est rattaché "
            "à l'arrondissement qui regroupe la plus grande part de sa population dans la région."
        )


def epci_arrondissement(geo: Geo, siren: str) -> str:
    """Arrondissement holding most of the EPCI's population in the region."""
    population: dict[str, int] = defaultdict(int)
    for commune in geo.communes_of_epci(siren):
        population[commune.arrondissement] += commune.population
    if not population:
        raise ValueError(f"L'EPCI {siren} n'a aucune commune dans la région.")
    # Largest population first, then the lowest code, so ties are decided the same way
    # on every run.
    return min(population, key=lambda code: (-population[code], code))


def build_provisional_territories(geo: Geo) -> list[ProvisionalTerritory]:
    """One territory per arrondissement receiving an EPCI or a commune, sorted by code."""
    epci_by_arr: dict[str, list[str]] = defaultdict(list)
    communes_by_arr: dict[str, list[str]] = defaultdict(list)
    population: dict[str, int] = defaultdict(int)
    count: dict[str, int] = defaultdict(int)
    for epci in geo.epcis:
        arr = epci_arrondissement(geo, epci.siren)
        members = geo.communes_of_epci(epci.siren)
        epci_by_arr[arr].append(epci.siren)
        population[arr] += sum(c.population for c in members)
        count[arr] += len(members)
    for commune in geo.communes_without_epci():
        communes_by_arr[commune.arrondissement].append(commune.code)
        population[commune.arrondissement] += commune.population
        count[commune.arrondissement] += 1

    territories = []
    for code in sorted(population):
        arrondissement = geo.arrondissement(code)
        if arrondissement is None:
            raise ValueError(f"Arrondissement inconnu : {code}.")
        territories.append(
            ProvisionalTerritory(
                id=slugify(arrondissement.nom),
                nom=arrondissement.nom,
                arrondissement=code,
                epci=tuple(sorted(epci_by_arr[code])),
                communes_hors_epci=tuple(sorted(communes_by_arr[code])),
                population=population[code],
                communes=count[code],
            )
        )
    ids = [t.id for t in territories]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ValueError(f"Identifiants de territoire en double : {', '.join(duplicates)}.")
    return territories


def render_yaml(territory: ProvisionalTerritory) -> str:
    """The territory file, formatted by hand so that every code is a quoted string."""
    lines = [
        f"id: {_scalar(territory.id)}",
        f"nom: {_scalar(territory.nom)}",
        f"statut: {STATUT}",
        f"regle: {_quoted(territory.regle)}",
        *_codes("epci", territory.epci),
        *_codes("communes_hors_epci", territory.communes_hors_epci),
        "priorites: []",
        "contacts: []",
    ]
    return HEADER + "\n".join(lines) + "\n"


def _codes(key: str, codes: tuple[str, ...]) -> list[str]:
    # Quoted because YAML would read 44109 as a number and 0-prefixed codes as octal.
    if not codes:
        return [f"{key}: []"]
    return [f"{key}:", *(f"  - {_quoted(code)}" for code in codes)]


_PLAIN = re.compile(r"[^\W\d_][\w'’ -]*\w", re.UNICODE)
_YAML_WORDS = {"y", "n", "yes", "no", "true", "false", "on", "off", "null"}


def _scalar(text: str) -> str:
    """Plain when YAML reads it back as the same string (names, slugs), quoted otherwise."""
    if _PLAIN.fullmatch(text) and text.lower() not in _YAML_WORDS:
        return text
    return _quoted(text)


def _quoted(text: str) -> str:
    # A JSON string is a valid YAML double-quoted scalar, escapes included.
    return json.dumps(text, ensure_ascii=False)
