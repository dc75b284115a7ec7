"""The editable mapping file `correspondances-data-inclusion.yaml`: which data·inclusion
structures become places of which of our providers, and which services say that a place
delivers one of our schemes.

Editors type it, so its keys are French and it is read like every data file: with
`yamlsource.read_yaml`, its errors located at `file:line:col` with the key path.
Rules are tried in file order; for a structure the first matching provider rule wins,
for a service every matching scheme rule adds its scheme.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from data_inclusion.schema import v1 as di
from pydantic import AfterValidator, Field, ValidationError, model_validator
from pydantic_core import PydanticCustomError

from ...data.errors import DataError, Issue, Report, UserError, display_path
from ...data.fields import Identifiant, Strict, Texte, Url
from ...data.messages import did_you_mean, validation_issues
from ...data.yamlsource import SourceDoc, read_yaml
from ...rules import folding

MAPPING_FILE = "correspondances-data-inclusion.yaml"

NETWORKS = frozenset(r.value for r in di.ReseauPorteur)
THEMES = frozenset(t.value for t in di.Thematique)


def _in_vocabulary(values: frozenset[str], name: str) -> Any:
    def check(value: str) -> str:
        if value not in values:
            raise PydanticCustomError(
                "fr_vocabulaire",
                f"« {value} » n'est pas une valeur {name} de data·inclusion."
                + did_you_mean(value, values),
            )
        return value

    return check


Reseau = Annotated[str, AfterValidator(_in_vocabulary(NETWORKS, "reseaux_porteurs"))]
Thematique = Annotated[str, AfterValidator(_in_vocabulary(THEMES, "thematiques"))]


def _rule_error(message: str, field: str) -> PydanticCustomError:
    return PydanticCustomError("fr_regle", message, {"champ": field})


class SourceImport(Strict):
    url: Url = Field(
        description="Page du jeu de données data·inclusion, citée comme source de chaque lieu."
    )
    titre: Texte = Field(description="Titre de cette page, tel qu'il s'affichera.")


class ReglePorteur(Strict):
    porteur: Identifiant = Field(
        description="Identifiant de notre porteur (porteurs/<id>.yaml) dont les lieux "
        "importés dépendent."
    )
    reseaux: list[Reseau] = Field(
        default_factory=list,
        description="Réseaux data·inclusion (reseaux_porteurs) dont les structures deviennent "
        "des lieux de ce porteur.",
    )
    producteurs: list[Identifiant] = Field(
        default_factory=list,
        description="Producteurs data·inclusion (champ source : france-travail, dora…) dont "
        "toutes les structures deviennent des lieux de ce porteur.",
    )

    @model_validator(mode="after")
    def _au_moins_un_critere(self) -> ReglePorteur:
        if not (self.reseaux or self.producteurs):
            raise _rule_error(
                "règle sans critère : indiquez au moins un réseau (reseaux) ou un "
                "producteur (producteurs).",
                "porteur",
            )
        return self


class RegleDispositif(Strict):
    dispositif: Identifiant = Field(
        description="Identifiant de notre dispositif, ajouté aux `dispositifs` du lieu qui "
        "propose un service correspondant."
    )
    noms: list[Texte] = Field(
        default_factory=list,
        description="Le nom du service contient l'un de ces mots ou expressions (mots "
        "entiers ; accents, majuscules et ponctuation ignorés).",
    )
    thematiques: list[Thematique] = Field(
        default_factory=list,
        description="Le service a l'une de ces thématiques data·inclusion.",
    )
    reseaux: list[Reseau] = Field(
        default_factory=list,
        description="Facultatif : seulement les services des structures de l'un de ces réseaux.",
    )

    @model_validator(mode="after")
    def _nom_ou_thematique(self) -> RegleDispositif:
        if not (self.noms or self.thematiques):
            raise _rule_error(
                "règle trop large : indiquez des noms de service (noms) ou des thématiques "
                "(thematiques), sinon tous les services seraient reliés à ce dispositif.",
                "dispositif",
            )
        return self


class Correspondances(Strict):
    """The whole mapping file."""

    source: SourceImport = Field(
        description="Jeu de données data·inclusion cité comme source de chaque lieu importé."
    )
    porteurs: list[ReglePorteur] = Field(
        min_length=1,
        description="Quelles structures deviennent des lieux, et de quel porteur : la "
        "première règle qui convient l'emporte ; une structure qu'aucune règle ne retient "
        "est écartée.",
    )
    dispositifs: list[RegleDispositif] = Field(
        default_factory=list,
        description="Quels services data·inclusion ajoutent un de nos dispositifs au lieu "
        "qui les propose ; toutes les règles qui conviennent s'appliquent.",
    )


# ---------------------------------------------------------------------------- matching


_WORD = re.compile("[a-z0-9]+")


def fold(text: str) -> str:
    """Words of a text without accents, case or punctuation, padded for whole-word search
    (the site's folding, `folding.fold`; what is not a Latin letter or a digit separates)."""
    return " " + " ".join(_WORD.findall(folding.fold(text))) + " "


@dataclass(frozen=True)
class _SchemeRule:
    scheme: str
    names: tuple[str, ...]
    themes: frozenset[str]
    networks: frozenset[str]

    def matches(self, name: str, themes: Iterable[str], networks: frozenset[str]) -> bool:
        if self.networks and not (self.networks & networks):
            return False
        if self.names:
            folded = fold(name)
            if not any(pattern in folded for pattern in self.names):
                return False
        return not self.themes or not self.themes.isdisjoint(themes)


class Mapping:
    """The validated mapping, ready to answer for each record."""

    def __init__(self, correspondances: Correspondances) -> None:
        self.source = correspondances.source
        self._providers = [
            (rule.porteur, frozenset(rule.reseaux), frozenset(rule.producteurs))
            for rule in correspondances.porteurs
        ]
        self._schemes = [
            _SchemeRule(
                rule.dispositif,
                tuple(fold(n) for n in rule.noms if fold(n).strip()),
                frozenset(rule.thematiques),
                frozenset(rule.reseaux),
            )
            for rule in correspondances.dispositifs
        ]

    def provider_for(self, networks: frozenset[str], producer: str) -> str | None:
        for provider, rule_networks, producers in self._providers:
            if networks & rule_networks or producer in producers:
                return provider
        return None

    def schemes_for(self, name: str, themes: Iterable[str], networks: frozenset[str]) -> list[str]:
        theme_set = frozenset(themes)
        return [r.scheme for r in self._schemes if r.matches(name, theme_set, networks)]


def raw_networks(raw: dict[str, Any]) -> frozenset[str]:
    """`reseaux_porteurs` of a record not validated yet (used to decide its scope)."""
    value = raw.get("reseaux_porteurs")
    if isinstance(value, list):
        return frozenset(v for v in value if isinstance(v, str))
    return frozenset()


# ---------------------------------------------------------------------------- loading


def load_mapping(path: Path, root: Path) -> Mapping:
    """Read and check the mapping file; a DataError lists every problem with its place."""
    report = Report(files_read=1)
    display = display_path(path)
    if not os.path.lexists(path):  # a folder or a FIFO is said so by read_yaml, in French
        raise UserError(
            f"fichier de correspondances introuvable : {display} (voir offer_data/LISEZMOI.md)."
        )
    doc, issues = read_yaml(path, display)
    report.extend(issues)
    if doc is None:
        raise DataError(report)
    # Checks against the other files run on the raw data too, so that one run lists
    # every problem of the file, whether or not its shape is right.
    report.extend(_cross_checks(doc, root))
    try:
        correspondances = Correspondances.model_validate(doc.data)
    except ValidationError as exc:
        report.extend(validation_issues(doc, exc, Correspondances))
        raise DataError(report) from None
    if report.errors:
        raise DataError(report)
    return Mapping(correspondances)


def _rules(doc: SourceDoc, key: str) -> list[tuple[int, dict[str, Any]]]:
    data = doc.data if isinstance(doc.data, dict) else {}
    rules = data.get(key)
    if not isinstance(rules, list):
        return []
    return [(i, rule) for i, rule in enumerate(rules) if isinstance(rule, dict)]


def _cross_checks(doc: SourceDoc, root: Path) -> list[Issue]:
    providers = sorted(p.stem for p in (root / "porteurs").glob("*.yaml"))
    schemes = sorted(p.stem for p in (root / "dispositifs").glob("*/*.yaml"))
    issues = []
    for index, rule in _rules(doc, "porteurs"):
        provider = rule.get("porteur")
        if isinstance(provider, str) and provider not in providers:
            issues.append(
                doc.issue(
                    ("porteurs", index, "porteur"),
                    f"porteur « {provider} » inconnu (aucun fichier porteurs/{provider}.yaml)."
                    + did_you_mean(provider, providers),
                )
            )
    issues += _shadowed(doc, "reseaux")
    issues += _shadowed(doc, "producteurs")
    for index, rule in _rules(doc, "dispositifs"):
        scheme = rule.get("dispositif")
        if isinstance(scheme, str) and scheme not in schemes:
            issues.append(
                doc.issue(
                    ("dispositifs", index, "dispositif"),
                    f"dispositif « {scheme} » inconnu (aucun fichier "
                    f"dispositifs/<porteur>/{scheme}.yaml)." + did_you_mean(scheme, schemes),
                )
            )
    return issues


def _shadowed(doc: SourceDoc, key: str) -> list[Issue]:
    """A network or producer named in two provider rules: the second would never apply."""
    first: dict[str, tuple[int, str]] = {}
    issues = []
    for index, rule in _rules(doc, "porteurs"):
        values = rule.get(key)
        if not isinstance(values, list):
            continue
        for position, value in enumerate(values):
            if not isinstance(value, str):
                continue
            if value in first and first[value][0] != index:
                earlier, provider = first[value]
                issues.append(
                    doc.issue(
                        ("porteurs", index, key, position),
                        f"« {value} » est déjà relié au porteur « {provider} » (règle n° "
                        f"{earlier + 1}) : la première règle l'emporte, supprimez l'une des deux.",
                    )
                )
            first.setdefault(value, (index, str(rule.get("porteur"))))
    return issues
