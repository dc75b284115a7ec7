"""Freshness and quality report: what maintainers should look at, provider by provider.

Pure functions over a Catalog: no printing, no clock. The caller chooses the reference
date (today for the `offre rapport` command, `catalog.latest_date()` for the file the
build writes, so two builds of the same data are identical). Rendering lives in
`render.py` (text, JSON) and in the render layer (HTML, `pages/maintainers_report.py`).
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache
from pathlib import Path

from ...catalog.catalog import Catalog
from ...data import dates
from ...data.model import CLOSED_STATUSES, Dispositif
from ...rules.display import DOUBT_LABEL, STATUS_LABELS, STATUS_ORDER
from ...rules.folding import collation_key
from .places import PlacesReport, build_places_report
from .review import ReviewReport, build_review_report
from .score import QualityScores, quality_scores

STALE_MONTHS = 12
SIMILARITY_THRESHOLD = 0.9

# Kinds of findings, in the order they are shown, with their French heading.
DOUBT = "statut_a_confirmer"
STALE = "non_verifie"
ENDED_ACTIVE = "date_fin_passee"
NO_CONTACT = "sans_contact"
NO_SOURCE = "sans_source"
DUPLICATE = "titre_proche"
KINDS: dict[str, str] = {
    DOUBT: f"{DOUBT_LABEL} (affiché à la place de « {STATUS_LABELS[STATUS_ORDER[0]]} »)",
    STALE: f"Sources non relues depuis plus de {STALE_MONTHS} mois",
    ENDED_ACTIVE: "Date de fin passée mais statut « actif »",
    NO_CONTACT: "Sans contact (ni régional, ni par territoire)",
    NO_SOURCE: "Sans source",
    DUPLICATE: "Titres qui se ressemblent (doublon possible ?)",
}

# Closed schemes stay online for the record; nobody needs to re-verify or contact them.
_CLOSED = CLOSED_STATUSES


@dataclass(frozen=True)
class Finding:
    kind: str
    scheme: str
    title: str
    file: str
    detail: str
    # For duplicates: the other scheme of the pair.
    other: str | None = None


@dataclass
class ProviderFindings:
    provider: str
    name: str
    findings: list[Finding] = field(default_factory=list)

    def by_kind(self) -> list[tuple[str, str, list[Finding]]]:
        """(kind, heading, findings) for each kind that has findings, in KINDS order."""
        return [
            (kind, heading, found)
            for kind, heading in KINDS.items()
            if (found := [f for f in self.findings if f.kind == kind])
        ]


@dataclass
class QualityReport:
    reference_date: date
    schemes_checked: int
    providers: list[ProviderFindings]
    # The official data·inclusion score of the services export (`with_scores`).
    scores: QualityScores | None = None
    places: PlacesReport | None = None
    review: ReviewReport | None = None

    @property
    def total(self) -> int:
        return sum(len(p.findings) for p in self.providers)

    def count(self, kind: str) -> int:
        return sum(1 for p in self.providers for f in p.findings if f.kind == kind)

    def as_dict(self) -> dict[str, object]:
        """Plain data for rapport.json (stable keys, French like the rest of the exports)."""
        return {
            "date_reference": self.reference_date.isoformat(),
            "fiches_examinees": self.schemes_checked,
            "totaux": {kind: self.count(kind) for kind in KINDS},
            "porteurs": [
                {
                    "id": p.provider,
                    "nom": p.name,
                    "constats": [
                        {
                            "type": f.kind,
                            "dispositif": f.scheme,
                            "titre": f.title,
                            "fichier": f.file,
                            "detail": f.detail,
                            **({"autre_dispositif": f.other} if f.other else {}),
                        }
                        for f in p.findings
                    ],
                }
                for p in self.providers
            ],
            **({"score_qualite_data_inclusion": self.scores.as_dict()} if self.scores else {}),
            **({"lieux": self.places.as_dict()} if self.places is not None else {}),
            **({"revue": self.review.as_dict()} if self.review is not None else {}),
        }


def one_year_before(day: date) -> date:
    try:
        return day.replace(year=day.year - STALE_MONTHS // 12)
    except ValueError:  # 29 February
        return day.replace(year=day.year - STALE_MONTHS // 12, day=28)


@cache  # each title is compared with several neighbours
def normalise_title(title: str) -> str:
    """Lower case, no accents, punctuation as single spaces: what "same title" means
    (the first level of the French collation pages sort by)."""
    return collation_key(title)[0]


NEIGHBOURS = 4


def candidate_pairs(schemes: list[Dispositif]) -> list[tuple[Dispositif, Dispositif]]:
    """Pairs worth comparing: neighbours once titles are sorted, by start and by end.

    Comparing every pair is quadratic (50 million comparisons at 10,000 schemes). Two
    titles that look alike share their beginning or their end, so they sit within a
    few places of each other in one of the two sort orders; only those are compared.
    """
    keyed = [(normalise_title(s.titre), s) for s in schemes]
    pairs: dict[tuple[str, str], tuple[Dispositif, Dispositif]] = {}
    for backwards in (False, True):
        ordered = sorted(
            keyed, key=lambda item: (item[0][::-1] if backwards else item[0], item[1].id)
        )
        for i, (_, first) in enumerate(ordered):
            for _, second in ordered[i + 1 : i + 1 + NEIGHBOURS]:
                a, b = sorted((first, second), key=lambda s: s.id)
                pairs[(a.id, b.id)] = (a, b)
    return [pairs[k] for k in sorted(pairs)]


def similar_titles(a: str, b: str) -> float | None:
    """Similarity of two titles if they look like duplicates, else None."""
    na, nb = normalise_title(a), normalise_title(b)
    if na == nb:
        return 1.0
    matcher = difflib.SequenceMatcher(None, na, nb)
    # The quick ratios are upper bounds of ratio(): most pairs are ruled out cheaply.
    if matcher.real_quick_ratio() < SIMILARITY_THRESHOLD:
        return None
    if matcher.quick_ratio() < SIMILARITY_THRESHOLD:
        return None
    ratio = matcher.ratio()
    return ratio if ratio >= SIMILARITY_THRESHOLD else None


def build_report(
    catalog: Catalog,
    reference_date: date,
    *,
    data_relative: bool = False,
    with_scores: bool = False,
) -> QualityReport:
    """Findings per provider. `data_relative` gives file paths relative to the data folder
    (for the file the build writes, which must not depend on the working directory);
    `with_scores` adds the data·inclusion quality score of the export (`offre rapport`)."""
    findings: dict[str, list[Finding]] = defaultdict(list)
    schemes = list(catalog.dispositifs.values())
    limit = one_year_before(reference_date)
    doubts = catalog.status_doubts(reference_date)
    for scheme in schemes:
        if scheme.id in doubts:
            findings[scheme.porteur].append(
                _finding(
                    catalog,
                    DOUBT,
                    scheme,
                    f"{doubts[scheme.id].short} : confirmez le statut auprès du porteur ou "
                    "par une source récente (date_publication), ou passez-le à « termine »",
                )
            )
        for finding in _scheme_findings(catalog, scheme, reference_date, limit):
            findings[scheme.porteur].append(finding)
    for a, b in candidate_pairs(schemes):
        ratio = similar_titles(a.titre, b.titre)
        if ratio is None:
            continue
        for one, other in ((a, b), (b, a)):
            findings[one.porteur].append(
                _finding(
                    catalog,
                    DUPLICATE,
                    one,
                    f"titre proche de « {other.titre} » ({other.id}, porteur "
                    f"{_provider_name(catalog, other.porteur)}, similarité "
                    f"{round(ratio * 100)} %)",
                    other=other.id,
                )
            )
    data_path = _DataPaths(catalog)
    if data_relative:
        findings = {
            pid: [replace(f, file=data_path(f.file)) for f in found]
            for pid, found in findings.items()
        }
    providers = [
        ProviderFindings(pid, _provider_name(catalog, pid), sorted(found, key=_order))
        for pid, found in findings.items()
    ]
    providers.sort(key=lambda p: (normalise_title(p.name), p.provider))
    scores = quality_scores(catalog, reference_date) if with_scores else None
    place_files = {
        lid: data_path(file) if data_relative else file
        for (kind, lid), file in catalog.source_files.items()
        if kind == "lieu"
    }
    places = build_places_report(catalog, reference_date, place_files)
    scheme_files = {
        did: data_path(file) if data_relative else file
        for (kind, did), file in catalog.source_files.items()
        if kind == "dispositif"
    }
    review = build_review_report(catalog, reference_date, scheme_files)
    return QualityReport(reference_date, len(schemes), providers, scores, places, review)


def _scheme_findings(
    catalog: Catalog, scheme: Dispositif, today: date, limit: date
) -> list[Finding]:
    found: list[Finding] = []
    if scheme.statut == "actif" and catalog.ended(scheme, today):
        assert scheme.date_fin is not None
        found.append(
            _finding(
                catalog,
                ENDED_ACTIVE,
                scheme,
                f"date_fin {dates.format_fr(scheme.date_fin)} : passez le statut à "
                "« termine » ou « remplace », ou corrigez la date",
            )
        )
    if scheme.statut in _CLOSED:
        return found
    if scheme.consulte_le < limit:
        months = dates.months_between(scheme.consulte_le, today)
        found.append(
            _finding(
                catalog,
                STALE,
                scheme,
                f"sources relues le {dates.format_fr(scheme.consulte_le)} (il y a {months} mois)",
            )
        )
    if scheme.contacts.regional is None and not scheme.contacts.territoires:
        found.append(
            _finding(catalog, NO_CONTACT, scheme, "ajoutez contacts.regional ou un contact local")
        )
    if not scheme.sources:
        found.append(_finding(catalog, NO_SOURCE, scheme, "ajoutez au moins une source"))
    return found


def _finding(
    catalog: Catalog, kind: str, scheme: Dispositif, detail: str, *, other: str | None = None
) -> Finding:
    file = catalog.source_files.get(("dispositif", scheme.id), "")
    return Finding(kind, scheme.id, scheme.titre, file, detail, other)


class _DataPaths:
    """Source files as shown to editors (relative to the working directory when possible,
    else to the data folder: see errors.display_path), made relative to the data folder.
    Each file is resolved once: a file with several findings is named several times."""

    def __init__(self, catalog: Catalog) -> None:
        self._root = catalog.root
        self._resolved_root = catalog.root.resolve()
        self._cwd = Path.cwd()
        self._known: dict[str, str] = {}

    def __call__(self, display: str) -> str:
        if display not in self._known:
            self._known[display] = self._relative(display)
        return self._known[display]

    def _relative(self, display: str) -> str:
        path = Path(display)
        if not path.is_absolute():
            from_cwd = self._cwd / path
            path = from_cwd if from_cwd.exists() else self._root / path
        try:
            return path.resolve().relative_to(self._resolved_root).as_posix()
        except ValueError:
            return display


def _provider_name(catalog: Catalog, pid: str) -> str:
    porteur = catalog.porteurs.get(pid)
    return porteur.nom if porteur else pid


def _order(finding: Finding) -> tuple[int, str, str]:
    return (list(KINDS).index(finding.kind), finding.scheme, finding.other or "")
