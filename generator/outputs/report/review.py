"""The review trail of the quality report: per provider, what was reviewed when, and what
still rests on weak evidence, so the Cariforef can carry the review on where it stopped.

Pure functions over a Catalog, like `report.py`. For each scheme: when its sources were
last read (`consulte_le`, and each source's own `consulte_le`), the newest date its
sources state (`date_publication`), whether its status is in doubt and why
(`evidence.status_doubt`), and whether it rests on a single source, on no official source
or on other regions' pages (`evidence.SchemeSupport`). Schemes in doubt or on weak
sources are listed first: they are what to review next.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ...catalog.catalog import Catalog
from ...catalog.evidence import Doubt
from ...data import dates
from ...data.model import Dispositif
from ...rules import display, folding


@dataclass(frozen=True)
class ReviewedScheme:
    scheme: str
    title: str
    file: str
    status: str  # the shown status (`a-confirmer` when in doubt)
    read_on: date  # the record's consulte_le
    sources_read_on: date | None  # latest consulte_le of its sources, if they have one
    newest_source: str | None  # latest date_publication (partial date)
    doubt: str | None  # short reason, when the status is in doubt
    weak: str | None  # « source unique, non officielle »…, when the sources are weak

    @property
    def to_review(self) -> bool:
        return self.doubt is not None or self.weak is not None


@dataclass
class ProviderReview:
    provider: str
    name: str
    schemes: list[ReviewedScheme] = field(default_factory=list)

    @property
    def first_read(self) -> date:
        return min(s.read_on for s in self.schemes)

    @property
    def last_read(self) -> date:
        return max(s.read_on for s in self.schemes)

    @property
    def weak(self) -> list[ReviewedScheme]:
        return [s for s in self.schemes if s.weak]

    @property
    def in_doubt(self) -> list[ReviewedScheme]:
        return [s for s in self.schemes if s.doubt]


@dataclass
class ReviewReport:
    providers: list[ProviderReview]

    @property
    def schemes(self) -> int:
        return sum(len(p.schemes) for p in self.providers)

    @property
    def weak(self) -> int:
        return sum(len(p.weak) for p in self.providers)

    @property
    def in_doubt(self) -> int:
        return sum(len(p.in_doubt) for p in self.providers)

    def as_dict(self) -> dict[str, object]:
        return {
            "fiches": self.schemes,
            "statut_a_confirmer": self.in_doubt,
            "sources_fragiles": self.weak,
            "porteurs": [
                {
                    "id": p.provider,
                    "nom": p.name,
                    "relues_du": p.first_read.isoformat(),
                    "relues_au": p.last_read.isoformat(),
                    "dispositifs": [
                        {
                            "id": s.scheme,
                            "titre": s.title,
                            "fichier": s.file,
                            "statut_affiche": s.status,
                            "consulte_le": s.read_on.isoformat(),
                            "sources_consultees_le": (
                                s.sources_read_on.isoformat() if s.sources_read_on else None
                            ),
                            "source_datee_la_plus_recente": s.newest_source,
                            "motif_statut_a_confirmer": s.doubt,
                            "appui_sources": s.weak,
                        }
                        for s in p.schemes
                    ],
                }
                for p in self.providers
            ],
        }


def _reviewed(
    catalog: Catalog, scheme: Dispositif, file: str, doubt: Doubt | None
) -> ReviewedScheme:
    read = [s.consulte_le for s in scheme.sources if s.consulte_le]
    return ReviewedScheme(
        scheme=scheme.id,
        title=scheme.titre,
        file=file,
        status=display.shown_status(scheme.statut, doubt is not None),
        read_on=scheme.consulte_le,
        sources_read_on=max(read) if read else None,
        newest_source=scheme.evidence_date(),
        doubt=doubt.short if doubt else None,
        weak=catalog.support(scheme).note,
    )


def build_review_report(
    catalog: Catalog, reference_date: date, files: dict[str, str]
) -> ReviewReport:
    """Every scheme under its main provider, its doubt judged at `reference_date`;
    `files` gives each scheme's file as shown.

    Within a provider: schemes to review first (in doubt or on weak sources), then by
    oldest reading, then by id. Providers A–Z.
    """
    doubts = catalog.status_doubts(reference_date)
    by_provider: dict[str, list[ReviewedScheme]] = {}
    for did, scheme in catalog.dispositifs.items():
        reviewed = _reviewed(catalog, scheme, files.get(did, ""), doubts.get(did))
        by_provider.setdefault(scheme.porteur, []).append(reviewed)
    providers = []
    for pid, schemes in by_provider.items():
        porteur = catalog.porteurs.get(pid)
        schemes.sort(key=lambda s: (not s.to_review, s.read_on, s.scheme))
        providers.append(ProviderReview(pid, porteur.nom if porteur else pid, schemes))
    providers.sort(key=lambda p: (folding.collation_key(p.name), p.provider))
    return ReviewReport(providers)


def _scheme_line(s: ReviewedScheme) -> str:
    parts = [f"relue le {dates.format_fr(s.read_on)}"]
    if s.newest_source:
        parts.append(f"source datée la plus récente : {dates.format_fr(s.newest_source)}")
    else:
        parts.append("aucune source datée")
    if s.doubt:
        parts.append(f"statut à confirmer ({s.doubt})")
    elif s.status != "actif":
        parts.append(display.status_label(s.status).lower())
    if s.weak:
        parts.append(f"appui fragile : {s.weak}")
    where = f" [{s.file}]" if s.file else ""
    return f"    - {s.scheme} « {s.title} »{where} : " + " ; ".join(parts)


def render_review_text(report: ReviewReport) -> list[str]:
    """Lines for `offre rapport`."""
    lines = [
        "",
        "Revue des sources, par porteur : ce qui a été relu quand, ce qui reste fragile",
        f"  {report.schemes} fiches ; statut à confirmer : {report.in_doubt} ; "
        f"source unique, non officielle ou d'une autre région : {report.weak}",
    ]
    for p in report.providers:
        lines.append(
            f"  {p.name} ({p.provider}) — {len(p.schemes)} fiche{'s' * (len(p.schemes) > 1)}, "
            f"relues du {dates.format_fr(p.first_read)} au {dates.format_fr(p.last_read)} ; "
            f"à confirmer : {len(p.in_doubt)} ; appui fragile : {len(p.weak)}"
        )
        lines += [_scheme_line(s) for s in p.schemes]
    return lines
