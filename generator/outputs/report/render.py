"""The quality report as text (for `offre rapport`) and as JSON (for rapport/rapport.json).

The HTML version is rendered by `outputs/pages/maintainers_report.py` (rapport.html.j2).
"""

from __future__ import annotations

import json

from ...data import dates
from .places import render_places_text
from .quality import KINDS, QualityReport
from .review import render_review_text
from .score import QualityScores


def summary_line(report: QualityReport) -> str:
    schemes = report.schemes_checked
    fiches = f"{schemes} fiche{'s' if schemes > 1 else ''} examinée{'s' if schemes > 1 else ''}"
    if not report.total:
        return f"{fiches} : aucun constat."
    parts = [f"{report.count(kind)} × {heading.lower()}" for kind, heading in KINDS.items()]
    counted = [p for p, kind in zip(parts, KINDS, strict=True) if report.count(kind)]
    total = f"{report.total} constat{'s' if report.total > 1 else ''}"
    return f"{fiches}, {total} : " + " ; ".join(counted) + "."


def render_text(report: QualityReport) -> str:
    lines = [
        "Rapport de fraîcheur et de qualité des données",
        f"Date de référence : {dates.format_fr(report.reference_date)}",
        summary_line(report),
    ]
    for provider in report.providers:
        count = len(provider.findings)
        lines += ["", f"{provider.name} ({provider.provider}) — {count} constat{'s' * (count > 1)}"]
        for _kind, heading, findings in provider.by_kind():
            lines.append(f"  {heading} :")
            for finding in findings:
                where = f" [{finding.file}]" if finding.file else ""
                lines.append(
                    f"    - {finding.scheme} « {finding.title} »{where} : {finding.detail}"
                )
    if report.places is not None:
        lines += render_places_text(report.places)
    if report.review is not None:
        lines += render_review_text(report.review)
    if report.scores is not None:
        lines += ["", *score_lines(report.scores)]
    return "\n".join(lines) + "\n"


def _score(value: float) -> str:
    return f"{value:.2f}".replace(".", ",")


def score_lines(scores: QualityScores) -> list[str]:
    """The data·inclusion quality score of the export: overall, then per provider."""
    lines = [
        "Score de qualité data·inclusion de l'export (data_inclusion.schema.v1.score_qualite, "
        "de 0 à 1)",
        f"  {scores.services} services : moyenne {_score(scores.mean)}, "
        f"le plus bas {_score(scores.lowest)}",
    ]
    if scores.criteria:
        lines.append("  Ce qui le fait baisser (services en défaut sur le critère) :")
        lines += [f"    - {c.label} : {c.failing}" for c in scores.criteria]
    lines.append("  Par porteur (moyenne, plus bas, critères en défaut les plus fréquents) :")
    for pid, p in scores.providers.items():
        worst = " ; ".join(f"{c.label} ({c.failing})" for c in p.criteria) or "aucun"
        lines.append(
            f"    - {pid} : {p.services} service{'s' * (p.services > 1)}, moyenne "
            f"{_score(p.mean)}, plus bas {_score(p.lowest)} ({p.lowest_service}) — {worst}"
        )
    return lines


def render_json(report: QualityReport) -> str:
    return json.dumps(report.as_dict(), ensure_ascii=False, indent=2) + "\n"
