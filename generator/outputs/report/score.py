"""The official data·inclusion quality score of our services export, per provider.

data·inclusion rates every service it receives with `data_inclusion.schema.v1.
score_qualite` (0 to 1: the mean of the criteria that apply to the service). We score
the very records the site publishes (`build_data_inclusion`, no site address), so the
figure is the one a partner sees, and say which criteria lower it the most.

The criterion "date_maj_recente" compares the record's date with `pendulum.now()`; the
score is taken at the report's reference date instead (the module sees a pendulum whose
`now()` is that date, for the duration of the scoring), so a report on the same data and
date gives the same figures. pendulum's own time travel needs an extra test package.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

import pendulum
from data_inclusion.schema import v1 as di
from data_inclusion.schema.v1 import score_qualite
from pydantic import ValidationError

from ...catalog.catalog import Catalog
from ..exports.data_inclusion import build_data_inclusion

# French wording of each official criterion, for the report.
CRITERIA: dict[str, str] = {
    "adresse_bien_definie": "adresse (accueil ou orientation en présentiel)",
    "modes_mobilisation_bien_definis": "modes de mobilisation et qui mobilise",
    "au_moins_un_public": "au moins un public",
    "au_moins_une_thematique": "au moins une thématique",
    "au_moins_un_moyen_de_contact": "un moyen de contact (courriel, téléphone ou lien)",
    "courriel_bien_defini": "courriel (mobilisation par courriel)",
    "date_maj_recente": "date de mise à jour récente",
    "frais_bien_definis": "frais (gratuit, ou payant avec précisions)",
    "description_bien_definie": "description de 200 à 2 000 caractères",
    "telephone_bien_defini": "téléphone (mobilisation par téléphone)",
}
WORST_CRITERIA = 3


class _ClockAt:
    """pendulum as `score_qualite` uses it, with `now()` fixed at one moment."""

    def __init__(self, moment: pendulum.DateTime) -> None:
        self._moment = moment

    def now(self, *_args: object, **_kwargs: object) -> pendulum.DateTime:
        return self._moment

    def __getattr__(self, name: str) -> Any:
        return getattr(pendulum, name)


@dataclass(frozen=True)
class Criterion:
    name: str
    label: str
    failing: int
    """Services where the criterion applies and scores below 1."""
    mean: float


@dataclass
class ProviderScore:
    provider: str
    services: int
    mean: float
    lowest: float
    lowest_service: str
    criteria: list[Criterion] = field(default_factory=list)
    """What lowers the score, the most frequent first (only criteria that fail)."""


@dataclass
class QualityScores:
    services: int
    mean: float
    lowest: float
    providers: dict[str, ProviderScore]
    criteria: list[Criterion]

    def as_dict(self) -> dict[str, Any]:
        def crit(items: list[Criterion]) -> list[dict[str, Any]]:
            return [
                {"critere": c.name, "libelle": c.label, "services_en_defaut": c.failing}
                for c in items
            ]

        return {
            "services": self.services,
            "moyenne": self.mean,
            "minimum": self.lowest,
            "criteres_en_defaut": crit(self.criteria),
            "porteurs": {
                pid: {
                    "services": p.services,
                    "moyenne": p.mean,
                    "minimum": p.lowest,
                    "service_le_plus_bas": p.lowest_service,
                    "criteres_en_defaut": crit(p.criteria),
                }
                for pid, p in self.providers.items()
            },
        }


def score_services(
    services: list[dict[str, Any]], reference_date: date
) -> dict[str, tuple[float, dict[str, float | None]]]:
    """Official score and per-criterion results of each service record, by id."""
    moment = pendulum.instance(
        datetime(reference_date.year, reference_date.month, reference_date.day, tzinfo=UTC)
    )
    scored: dict[str, tuple[float, dict[str, float | None]]] = {}
    score_qualite.pendulum = _ClockAt(moment)
    try:
        for record in services:
            try:
                service = di.Service.model_validate(record)
                value, detail = score_qualite.score(service)
            except (ValidationError, ValueError):
                # The export only holds records the models accept; a criterion that
                # cannot rate a record counts as the lowest score, never as a crash.
                value, detail = 0.0, {}
            scored[str(record["id"])] = (value, dict(detail))
    finally:
        score_qualite.pendulum = pendulum
    return scored


def _criteria(results: list[dict[str, float | None]]) -> list[Criterion]:
    values: dict[str, list[float]] = defaultdict(list)
    for detail in results:
        for name, value in detail.items():
            if value is not None:
                values[name].append(value)
    found = [
        Criterion(
            name,
            CRITERIA.get(name, name),
            sum(1 for v in applied if v < 1),
            round(statistics.fmean(applied), 2),
        )
        for name, applied in values.items()
    ]
    failing = [c for c in found if c.failing]
    return sorted(failing, key=lambda c: (-c.failing, c.mean, c.name))


def quality_scores(catalog: Catalog, reference_date: date) -> QualityScores | None:
    """Scores of the services export (None when no service is exported)."""
    services = build_data_inclusion(catalog, None).services
    if not services:
        return None
    scored = score_services(services, reference_date)
    by_provider: dict[str, list[str]] = defaultdict(list)
    for record in services:
        by_provider[str(record["structure_id"])].append(str(record["id"]))
    providers: dict[str, ProviderScore] = {}
    for pid in sorted(by_provider):
        ids = by_provider[pid]
        values = [scored[i][0] for i in ids]
        lowest_id = min(ids, key=lambda i: (scored[i][0], i))
        providers[pid] = ProviderScore(
            pid,
            len(ids),
            round(statistics.fmean(values), 2),
            min(values),
            lowest_id,
            _criteria([scored[i][1] for i in ids])[:WORST_CRITERIA],
        )
    values = [value for value, _ in scored.values()]
    return QualityScores(
        len(services),
        round(statistics.fmean(values), 2),
        min(values),
        providers,
        _criteria([detail for _, detail in scored.values()]),
    )
