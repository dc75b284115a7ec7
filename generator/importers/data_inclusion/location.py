"""Where a data·inclusion record is: its département (to keep or skip it), the commune of
a place, and the zone its services cover, all checked against our geographic extract."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ...data.geo import Geo
from .mapping import fold


def departement_of(code_insee: Any, code_postal: Any) -> str | None:
    """Département of a record from its INSEE code, else its postal code (raw values)."""
    if isinstance(code_insee, str) and len(code_insee.strip()) == 5:
        code = code_insee.strip().upper()
        return code[:3] if code[:2] in ("97", "98") else code[:2]
    if isinstance(code_postal, int) and not isinstance(code_postal, bool):
        code_postal = f"{code_postal:05d}"
    if isinstance(code_postal, str) and len(code_postal.strip()) == 5:
        code = code_postal.strip()
        if not code.isdigit():
            return None
        if code[:2] in ("97", "98"):
            return code[:3]
        if code[:2] == "20":  # Corsica: 200xx–201xx Corse-du-Sud, 202xx–206xx Haute-Corse
            return "2A" if code < "20200" else "2B"
        return code[:2]
    return None


@dataclass(frozen=True)
class Commune:
    code: str
    note: str | None = None
    """Set when the code was not taken as is: the editor should check it."""


class Locator:
    """Commune and zone codes resolved against the committed geographic extract."""

    def __init__(self, geo: Geo) -> None:
        self._geo = geo
        self._former: dict[str, tuple[str, str]] = {}
        for commune in geo.communes:
            for old in commune.anciens_noms:
                self._former.setdefault(old.code, (commune.code, old.nom))
        self.departements = tuple(d.code for d in geo.departements)

    def commune(
        self, code_insee: str | None, code_postal: str | None, name: str | None
    ) -> Commune | None:
        """The current commune of a place, or None when it cannot be told for sure."""
        if code_insee:
            if self._geo.commune(code_insee) is not None:
                return Commune(code_insee)
            if code_insee in self._former:
                current, old_name = self._former[code_insee]
                return Commune(
                    current,
                    f"Commune : data·inclusion donne le code {code_insee} ({old_name}, "
                    f"ancienne commune) ; remplacé par celui de la commune actuelle, {current}.",
                )
        if not code_postal:
            return None
        candidates = self._geo.communes_by_postal_code(code_postal)
        if name and len(candidates) > 1:
            wanted = fold(name)
            candidates = tuple(c for c in candidates if fold(c.nom) == wanted)
        if len(candidates) != 1:
            return None
        found = candidates[0]
        return Commune(
            found.code,
            f"Commune déduite du code postal {code_postal} ({found.nom}) : data·inclusion "
            "ne donne pas de code commune reconnu.",
        )

    def zone_codes(self, codes: Iterable[str]) -> set[str]:
        """Codes of the region among a service's `zone_eligibilite` (others are dropped:
        "france", other regions, countries)."""
        kept: set[str] = set()
        for code in codes:
            if self._geo.commune(code) is not None:
                kept.add(code)
            elif code in self._former:
                kept.add(self._former[code][0])
            elif self._geo.epci(code) is not None or self._geo.departement(code) is not None:
                kept.add(code)
        return kept
