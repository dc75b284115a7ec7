"""The shapes of the official codes the data names places with, defined once.

A commune's INSEE code, a département's code, an EPCI's SIREN and a postal code are
checked by the model, the cross-file checks, the importers, the editors' JSON schema and
the browser's commune box; each takes its pattern from here (the browser receives it in
the commune table), so that a code one accepts the others never refuse.
"""

from __future__ import annotations

import re

# Written with \d as JSON Schema and JavaScript read them; compiled ASCII-only in Python
# (where \d would otherwise also match other scripts' digits).
INSEE_COMMUNE = r"\d{5}|2[AB]\d{3}"
"""A commune's INSEE code: five digits, or 2A/2B and three digits in Corsica."""
DEPARTEMENT = r"\d{2}|2[AB]|9[78]\d"
"""A département's code: two digits, 2A/2B, or 97x and 98x overseas."""
SIREN = r"\d{9}"
"""An EPCI's SIREN number."""
POSTCODE = r"\d{5}"
"""A French postal code."""
ZONE = f"{SIREN}|{INSEE_COMMUNE}|{DEPARTEMENT}"
"""A code a perimeter may name instead of a territory id: EPCI, commune or département."""


def anchored(pattern: str) -> str:
    """The pattern matching a whole value, as JSON Schema and JavaScript need it."""
    return f"^({pattern})$" if "|" in pattern else f"^{pattern}$"


_INSEE_COMMUNE = re.compile(INSEE_COMMUNE, re.ASCII)
_DEPARTEMENT = re.compile(DEPARTEMENT, re.ASCII)
_SIREN = re.compile(SIREN, re.ASCII)
_POSTCODE = re.compile(POSTCODE, re.ASCII)
_ZONE = re.compile(ZONE, re.ASCII)


def is_insee_commune(code: str) -> bool:
    return _INSEE_COMMUNE.fullmatch(code) is not None


def is_departement(code: str) -> bool:
    return _DEPARTEMENT.fullmatch(code) is not None


def is_siren(code: str) -> bool:
    return _SIREN.fullmatch(code) is not None


def is_postcode(code: str) -> bool:
    return _POSTCODE.fullmatch(code) is not None


def is_zone(code: str) -> bool:
    return _ZONE.fullmatch(code) is not None


def js_patterns() -> dict[str, str]:
    """The patterns the browser checks codes with, anchored (commune box)."""
    return {"commune": anchored(INSEE_COMMUNE)}
