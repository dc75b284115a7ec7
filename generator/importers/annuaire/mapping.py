"""The editable mapping file `correspondances-annuaire.yaml`: which types of the directory
(`pivot[].type_service_local`: `pole_emploi`, `mission_locale`, `cio`…) become places of
which of our providers, with which data·inclusion network.

Read like every data file (`yamlsource.read_yaml`), its errors located at
`file:line:col` with the key path; a provider must exist in `porteurs/`, a network must
be a data·inclusion `reseaux_porteurs` value, and a directory type may appear in one
rule only.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any

from pydantic import AfterValidator, Field, ValidationError
from pydantic_core import PydanticCustomError

from ...data.errors import DataError, Issue, Report, UserError, display_path
from ...data.fields import Identifiant, Strict, Texte
from ...data.messages import did_you_mean, validation_issues
from ...data.yamlsource import SourceDoc, read_yaml
from ..data_inclusion.mapping import Reseau, SourceImport

MAPPING_FILE = "correspondances-annuaire.yaml"
_TYPE = re.compile(r"[a-z0-9]+(?:_[a-z0-9]+)*")


def _check_type(value: str) -> str:
    if not _TYPE.fullmatch(value):
        raise PydanticCustomError(
            "fr_type_annuaire",
            f"type « {value} » mal formé : les types de l'annuaire s'écrivent en minuscules "
            "avec des soulignés (pole_emploi, mission_locale, chambre_metier…).",
        )
    return value


TypeAnnuaire = Annotated[str, AfterValidator(_check_type)]


class RegleType(Strict):
    types: list[TypeAnnuaire] = Field(
        min_length=1,
        description="Types de l'annuaire (pivot, type_service_local) dont les services "
        "deviennent des lieux de ce porteur.",
    )
    porteur: Identifiant = Field(
        description="Identifiant de notre porteur (porteurs/<id>.yaml) dont relèvent ces lieux."
    )
    reseau: Reseau | None = Field(
        None, description="Réseau data·inclusion (reseaux_porteurs) donné à ces lieux."
    )
    libelle: Texte | None = Field(
        None, description="Ce que sont ces services, en clair (pour qui relit le fichier)."
    )


class CorrespondancesAnnuaire(Strict):
    """The whole mapping file."""

    source: SourceImport = Field(
        description="Jeu de données de l'annuaire cité comme source de chaque lieu importé."
    )
    types: list[RegleType] = Field(
        min_length=1,
        description="Quels types de l'annuaire deviennent des lieux, et de quel porteur ; "
        "un service d'un autre type est écarté (et compté dans le bilan).",
    )


class Mapping:
    """The validated mapping, ready to answer for each record."""

    def __init__(self, correspondances: CorrespondancesAnnuaire) -> None:
        self.source = correspondances.source
        self._rules: dict[str, RegleType] = {}
        for rule in correspondances.types:
            for kind in rule.types:
                self._rules.setdefault(kind, rule)

    def rule_for(self, kinds: list[str]) -> tuple[str, RegleType] | None:
        """The first of a record's types that a rule relates to a provider."""
        for kind in kinds:
            if kind in self._rules:
                return kind, self._rules[kind]
        return None


def load_mapping(path: Path, root: Path) -> Mapping:
    """Read and check the mapping file; a DataError lists every problem with its place."""
    report = Report(files_read=1)
    display = display_path(path)
    if not path.is_file():
        raise UserError(
            f"fichier de correspondances introuvable : {display} (voir offer_data/LISEZMOI.md)."
        )
    doc, issues = read_yaml(path, display)
    report.extend(issues)
    if doc is None:
        raise DataError(report)
    report.extend(_cross_checks(doc, root))
    try:
        correspondances = CorrespondancesAnnuaire.model_validate(doc.data)
    except ValidationError as exc:
        report.extend(validation_issues(doc, exc, CorrespondancesAnnuaire))
        raise DataError(report) from None
    if report.errors:
        raise DataError(report)
    return Mapping(correspondances)


def _rules(doc: SourceDoc) -> list[tuple[int, dict[str, Any]]]:
    data = doc.data if isinstance(doc.data, dict) else {}
    rules = data.get("types")
    if not isinstance(rules, list):
        return []
    return [(i, rule) for i, rule in enumerate(rules) if isinstance(rule, dict)]


def _cross_checks(doc: SourceDoc, root: Path) -> list[Issue]:
    providers = sorted(p.stem for p in (root / "porteurs").glob("*.yaml"))
    issues = []
    first: dict[str, int] = {}
    for index, rule in _rules(doc):
        provider = rule.get("porteur")
        if isinstance(provider, str) and provider not in providers:
            issues.append(
                doc.issue(
                    ("types", index, "porteur"),
                    f"porteur « {provider} » inconnu (aucun fichier porteurs/{provider}.yaml)."
                    + did_you_mean(provider, providers),
                )
            )
        kinds = rule.get("types")
        if not isinstance(kinds, list):
            continue
        for position, kind in enumerate(kinds):
            if not isinstance(kind, str):
                continue
            if kind in first and first[kind] != index:
                issues.append(
                    doc.issue(
                        ("types", index, "types", position),
                        f"le type « {kind} » est déjà relié par la règle n° {first[kind] + 1} : "
                        "un type ne peut aller qu'à un porteur, supprimez l'un des deux.",
                    )
                )
            first.setdefault(kind, index)
    return issues
