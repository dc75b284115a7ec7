"""Read-only access to the committed geographic extract of Pays de la Loire.

The extract (`offer_data/geo/pays-de-la-loire.json`, written by
`scripts/extract_geo.py`) is the only geographic source of the generator, so the
site builds offline. Load it once with `load_geo` and pass the `Geo` object around:
every lookup is a dictionary access prepared at load time.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from .errors import os_error_text

GEO_FILE = Path("geo") / "pays-de-la-loire.json"
"""Location of the extract inside a data directory (`offer_data` by default)."""


_T = TypeVar("_T")


class GeoDataError(Exception):
    """The geographic extract is missing or malformed; the message is for users (French)."""

    def __init__(self, message: str, line: int = 1, col: int = 1) -> None:
        super().__init__(message)
        self.line = line
        self.col = col


# json's messages are English; the extract is rarely edited by hand, but when it is,
# the reader deserves French.
_JSON_PROBLEMS = {
    "Expecting value": "valeur attendue",
    "Expecting property name enclosed in double quotes": "nom de clé entre guillemets attendu",
    "Expecting ':' delimiter": "« : » attendu après la clé",
    "Expecting ',' delimiter": "« , » attendue entre deux éléments",
    "Unterminated string starting at": "texte entre guillemets jamais refermé",
    "Invalid control character at": "caractère de contrôle dans un texte",
    "Invalid \\escape": "séquence d'échappement invalide",
    "Invalid \\uXXXX escape": "séquence \\u invalide",
    "Extra data": "contenu en trop après la fin du JSON",
    "Illegal trailing comma before end of object": "virgule en trop avant « } »",
    "Illegal trailing comma before end of array": "virgule en trop avant « ] »",
}


@dataclass(frozen=True)
class AncienNom:
    """A commune déléguée or associée, kept as a search alias of its current commune."""

    code: str
    nom: str
    type: str


@dataclass(frozen=True)
class CommuneExterieure:
    """A member commune of a straddling EPCI that lies outside the region."""

    code: str
    nom: str
    departement: str


@dataclass(frozen=True)
class Commune:
    code: str
    nom: str
    departement: str
    arrondissement: str
    epci: str | None
    codes_postaux: tuple[str, ...]
    population: int
    anciens_noms: tuple[AncienNom, ...] = ()


@dataclass(frozen=True)
class Epci:
    siren: str
    nom: str
    type: str
    population: int
    """Population of its communes in the region only."""
    communes_total: int
    hors_region: tuple[CommuneExterieure, ...] = ()

    @property
    def straddles_region(self) -> bool:
        return bool(self.hors_region)


@dataclass(frozen=True)
class Arrondissement:
    code: str
    nom: str
    departement: str
    chef_lieu: str


@dataclass(frozen=True)
class Departement:
    code: str
    nom: str


@dataclass(frozen=True)
class Region:
    code: str
    nom: str


class Geo:
    """The region's communes, EPCI, arrondissements and départements, with lookups."""

    def __init__(
        self,
        *,
        region: Region,
        departements: Iterable[Departement],
        arrondissements: Iterable[Arrondissement],
        epci: Iterable[Epci],
        communes: Iterable[Commune],
        source: Mapping[str, str | int] | None = None,
    ) -> None:
        self._region = region
        self._source = dict(source or {})
        self._departements = _index(departements, lambda d: d.code, "département")
        self._arrondissements = _index(arrondissements, lambda a: a.code, "arrondissement")
        self._epci = _index(epci, lambda e: e.siren, "EPCI")
        self._communes = _index(communes, lambda c: c.code, "commune")
        self._check_references()

        by_epci: dict[str, list[Commune]] = defaultdict(list)
        by_cp: dict[str, list[Commune]] = defaultdict(list)
        for commune in self._communes.values():
            if commune.epci is not None:
                by_epci[commune.epci].append(commune)
            for cp in commune.codes_postaux:
                by_cp[cp].append(commune)
        # Indexes hold communes in code order because _index sorted them.
        self._by_epci = {k: tuple(v) for k, v in by_epci.items()}
        self._by_cp = {k: tuple(v) for k, v in by_cp.items()}
        self._without_epci = tuple(c for c in self._communes.values() if c.epci is None)

    def _check_references(self) -> None:
        # Broken links would otherwise surface later as confusing KeyErrors in templates.
        for a in self._arrondissements.values():
            if a.departement not in self._departements:
                raise GeoDataError(
                    f"L'arrondissement {a.code} renvoie au département inconnu {a.departement}."
                )
        for c in self._communes.values():
            if c.arrondissement not in self._arrondissements:
                raise GeoDataError(
                    f"La commune {c.code} renvoie à l'arrondissement inconnu {c.arrondissement}."
                )
            if c.departement not in self._departements:
                raise GeoDataError(
                    f"La commune {c.code} renvoie au département inconnu {c.departement}."
                )
            if c.epci is not None and c.epci not in self._epci:
                raise GeoDataError(f"La commune {c.code} renvoie à l'EPCI inconnu {c.epci}.")

    # Lookups: None (or an empty tuple) when the code is unknown, so callers can
    # turn a bad code in the YAML data into a validation message.

    def commune(self, code: str) -> Commune | None:
        return self._communes.get(code)

    def epci(self, siren: str) -> Epci | None:
        return self._epci.get(siren)

    def arrondissement(self, code: str) -> Arrondissement | None:
        return self._arrondissements.get(code)

    def departement(self, code: str) -> Departement | None:
        return self._departements.get(code)

    def communes_of_epci(self, siren: str) -> tuple[Commune, ...]:
        """Member communes in the region, sorted by code."""
        return self._by_epci.get(siren, ())

    def communes_without_epci(self) -> tuple[Commune, ...]:
        return self._without_epci

    def communes_by_postal_code(self, cp: str) -> tuple[Commune, ...]:
        """All communes sharing this postal code (often several), sorted by code."""
        return self._by_cp.get(cp, ())

    @property
    def region(self) -> Region:
        return self._region

    @property
    def source(self) -> dict[str, str | int]:
        return dict(self._source)

    @property
    def communes(self) -> tuple[Commune, ...]:
        return tuple(self._communes.values())

    @property
    def epcis(self) -> tuple[Epci, ...]:
        return tuple(self._epci.values())

    @property
    def arrondissements(self) -> tuple[Arrondissement, ...]:
        return tuple(self._arrondissements.values())

    @property
    def departements(self) -> tuple[Departement, ...]:
        return tuple(self._departements.values())


def _index(items: Iterable[_T], key: Callable[[_T], str], label: str) -> dict[str, _T]:
    index: dict[str, _T] = {}
    for item in sorted(items, key=key):
        code = key(item)
        if code in index:
            raise GeoDataError(f"Code de {label} en double : {code}.")
        index[code] = item
    return index


def load_geo(path: str | Path) -> Geo:
    """Read and check the extract; raise GeoDataError with a French message on any problem."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise GeoDataError(
            f"Fichier géographique introuvable : {path}. "
            "Lancez « python scripts/extract_geo.py » pour le créer."
        ) from exc
    except UnicodeDecodeError as exc:
        raise GeoDataError(
            f"Le fichier géographique {path} n'est pas en UTF-8 : régénérez-le avec "
            "« python scripts/extract_geo.py »."
        ) from exc
    except OSError as exc:
        raise GeoDataError(
            f"Impossible de lire le fichier géographique {path} : {os_error_text(exc)}."
        ) from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        problem = _JSON_PROBLEMS.get(exc.msg, "syntaxe JSON invalide")
        raise GeoDataError(
            f"{path} n'est pas un JSON valide : {problem}. Régénérez-le avec "
            "« python scripts/extract_geo.py ».",
            exc.lineno,
            exc.colno,
        ) from exc
    try:
        return _parse(data)
    except GeoDataError as exc:
        raise GeoDataError(f"{path} : {exc}") from exc


def _parse(data: Any) -> Geo:
    root = _obj(data, "racine")
    region = _obj(root.get("region"), "region")
    return Geo(
        region=Region(code=_str(region, "code", "region"), nom=_str(region, "nom", "region")),
        source=_source(root.get("source")),
        departements=[
            Departement(code=_str(d, "code", w), nom=_str(d, "nom", w))
            for w, d in _items(root, "departements")
        ],
        arrondissements=[
            Arrondissement(
                code=_str(a, "code", w),
                nom=_str(a, "nom", w),
                departement=_str(a, "departement", w),
                chef_lieu=_str(a, "chef_lieu", w),
            )
            for w, a in _items(root, "arrondissements")
        ],
        epci=[
            Epci(
                siren=_str(e, "siren", w),
                nom=_str(e, "nom", w),
                type=_str(e, "type", w),
                population=_int(e, "population", w),
                communes_total=_int(e, "communes_total", w),
                hors_region=tuple(
                    CommuneExterieure(
                        code=_str(m, "code", mw),
                        nom=_str(m, "nom", mw),
                        departement=_str(m, "departement", mw),
                    )
                    for mw, m in _items(e, "hors_region", w)
                ),
            )
            for w, e in _items(root, "epci")
        ],
        communes=[_commune(c, w) for w, c in _items(root, "communes")],
    )


def _commune(c: dict[str, Any], where: str) -> Commune:
    epci = c.get("epci")
    if epci is not None and not isinstance(epci, str):
        raise GeoDataError(f"{where}.epci : texte ou null attendu.")
    codes_postaux = c.get("codes_postaux")
    if not isinstance(codes_postaux, list) or not all(isinstance(x, str) for x in codes_postaux):
        raise GeoDataError(f"{where}.codes_postaux : liste de textes attendue.")
    return Commune(
        code=_str(c, "code", where),
        nom=_str(c, "nom", where),
        departement=_str(c, "departement", where),
        arrondissement=_str(c, "arrondissement", where),
        epci=epci,
        codes_postaux=tuple(codes_postaux),
        population=_int(c, "population", where),
        anciens_noms=tuple(
            AncienNom(code=_str(a, "code", w), nom=_str(a, "nom", w), type=_str(a, "type", w))
            for w, a in _items(c, "anciens_noms", where)
        ),
    )


def _source(value: Any) -> dict[str, str | int]:
    source = _obj(value, "source")
    result: dict[str, str | int] = {}
    for key, item in source.items():
        if not isinstance(item, str | int) or isinstance(item, bool):
            raise GeoDataError(f"source.{key} : texte ou nombre attendu.")
        result[str(key)] = item
    return result


def _obj(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise GeoDataError(f"{where} : objet attendu.")
    return value


def _items(obj: dict[str, Any], key: str, where: str = "") -> list[tuple[str, dict[str, Any]]]:
    path = f"{where}.{key}" if where else key
    value = obj.get(key)
    if not isinstance(value, list):
        raise GeoDataError(f"{path} : liste attendue.")
    return [(f"{path}[{i}]", _obj(item, f"{path}[{i}]")) for i, item in enumerate(value)]


def _str(obj: dict[str, Any], key: str, where: str) -> str:
    value = obj.get(key)
    if not isinstance(value, str) or not value:
        raise GeoDataError(f"{where}.{key} : texte non vide attendu.")
    return value


def _int(obj: dict[str, Any], key: str, where: str) -> int:
    value = obj.get(key)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise GeoDataError(f"{where}.{key} : nombre entier positif attendu.")
    return value
