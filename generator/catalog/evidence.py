"""What a scheme's sources establish, decided in one place for every page, export and report.

Two rules live here:

- the doubt rule: an active or suspended scheme is shown « Statut à confirmer » unless a
  source dated within `statut_a_confirmer_apres_mois` months (reglages.yaml) of the build's
  reference date, or the provider's confirmation (`verifie_le`) within that time, shows it
  is running. An undated source establishes nothing: it may be years old. The record can
  also say so itself (`statut_a_confirmer: true`). Each doubt carries why, and what would
  lift it.
- the strength of sources: a source is official when its address is on a domain the
  Cariforef lists (offer_data/sources-officielles.yaml) or on the site of one of the
  scheme's providers, and from another region when its domain is listed as such. A scheme
  resting on a single source, or on no official source of the region, says so.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from typing import Literal
from urllib.parse import urlsplit

from ..data import dates
from ..data.model import CURRENT_STATUSES, Dispositif, Porteur, Source, SourcesOfficielles

DoubtKind = Literal["signale", "sans-date", "ancienne"]
DOUBT_KINDS: dict[DoubtKind, str] = {
    "signale": "signalé dans la fiche",
    "sans-date": "aucune source datée",
    "ancienne": "source datée trop ancienne",
}
"""Short names of the reasons, for the report and the review counts."""


# ---------------------------------------------------------------------------- doubt


@dataclass(frozen=True)
class Doubt:
    """Why no recent source establishes that a scheme is running."""

    kind: DoubtKind
    months: int
    newest: str | None = None  # newest dated source (partial date), for "ancienne"
    flagged_points: bool = False  # the record lists points to check (`a_verifier`)

    @property
    def short(self) -> str:
        """One line for the report: `source datée la plus récente : mai 2019`."""
        if self.kind == "ancienne" and self.newest:
            return f"source datée la plus récente : {dates.format_fr(self.newest)}"
        return DOUBT_KINDS[self.kind]

    def reason(self) -> str:
        """Why, as a sentence (pages, booklets, exports)."""
        lead = "Aucune source récente n'établit que ce dispositif est toujours ouvert"
        if self.kind == "signale":
            points = " (voir les points à vérifier)" if self.flagged_points else ""
            return f"{lead} : la fiche le signale{points}."
        if self.kind == "sans-date":
            return f"{lead} : aucune de ses sources n'est datée."
        assert self.newest is not None
        return (
            f"{lead} : sa source datée la plus récente a été publiée "
            f"{dates.on_fr(self.newest)}, il y a plus de {self.months} mois."
        )

    def remedy(self) -> str:
        """What would confirm the status, as a sentence."""
        return (
            "Ce qui le confirmerait : une page officielle du porteur datée de moins de "
            f"{self.months} mois (date de publication, de mise à jour ou « vérifié le »), "
            "ou la confirmation du porteur."
        )

    def text(self) -> str:
        return f"{self.reason()} {self.remedy()}"


def months_before(day: date, months: int) -> date:
    """The same day `months` months earlier (the month's last day when it is shorter)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def is_recent(partial: str, today: date, months: int) -> bool:
    """A (partial) date no more than `months` months before `today`, counted from the
    last day it can mean (`2024` is 31 December 2024); a later date counts too."""
    return dates.latest(partial) >= months_before(today, months)


def status_doubt(scheme: Dispositif, today: date, months: int) -> Doubt | None:
    """The doubt on an active or suspended scheme's status, or None if a recent dated
    source or a recent confirmation by its provider establishes it."""
    if scheme.statut not in CURRENT_STATUSES:
        return None
    if scheme.statut_a_confirmer:
        return Doubt("signale", months, flagged_points=bool(scheme.a_verifier))
    if scheme.verifie_le and is_recent(scheme.verifie_le.isoformat(), today, months):
        return None
    stated = [s.date_publication for s in scheme.sources if s.date_publication]
    if any(is_recent(d, today, months) for d in stated):
        return None
    if not stated:
        return Doubt("sans-date", months)
    return Doubt("ancienne", months, newest=max(stated, key=dates.latest))


# ---------------------------------------------------------------------------- strength


def host(url: str) -> str:
    """The lower-case host of an address, without `www.` or a final dot."""
    name = (urlsplit(url).hostname or "").rstrip(".")
    return name[4:] if name.startswith("www.") else name


def on_domain(name: str, domain: str) -> bool:
    """`travail-emploi.gouv.fr` is on `gouv.fr`; `notgouv.fr` is not."""
    return name == domain or name.endswith("." + domain)


def under(name: str, path: str, marker: str) -> bool:
    """An address (host `name`, `path`) on a marker's domain and, if the marker has one,
    under its path: `francetravail.fr/region/bretagne`."""
    domain, _, prefix = marker.partition("/")
    if not on_domain(name, domain):
        return False
    return not prefix or path.rstrip("/").startswith("/" + prefix.rstrip("/"))


@dataclass(frozen=True)
class SourceStrength:
    official: bool
    other_region: bool

    @property
    def strong(self) -> bool:
        return self.official and not self.other_region

    @property
    def marks(self) -> list[str]:
        """What a source list says after a weak source: `non officielle`, `autre région`."""
        found = [] if self.official else ["non officielle"]
        return [*found, "autre région"] if self.other_region else found


@dataclass(frozen=True)
class SchemeSupport:
    """How a scheme's sources hold up, as a whole."""

    count: int
    official: int
    other_region: int
    strong: int  # official and of the region

    @property
    def single(self) -> bool:
        return self.count == 1

    @property
    def weak_non_official(self) -> bool:
        """At least one source is not official."""
        return self.official < self.count

    @property
    def note(self) -> str | None:
        """What the page says when the support is weak: « source unique, non officielle »…"""
        if self.single:
            parts = ["source unique"]
            if not self.official:
                parts.append("non officielle")
            if self.other_region:
                parts.append("d'une autre région")
            return ", ".join(parts)
        if self.strong:
            return None
        if not self.official:
            if self.other_region == self.count:
                return "sources non officielles et d'autres régions uniquement"
            return "sources non officielles uniquement"
        return "aucune source officielle de la région"

    @property
    def remedy(self) -> str:
        """What would strengthen a weak support, as a sentence."""
        if self.strong:
            return "Une deuxième source le confirmerait."
        return "Une page officielle du porteur, de l'État ou de la Région le renforcerait."


class SourceRules:
    """Classifies sources by the Cariforef's lists and the scheme's providers' sites."""

    def __init__(self, lists: SourcesOfficielles, porteurs: dict[str, Porteur]) -> None:
        self.lists = lists
        self.provider_hosts = {
            pid: host(p.site) for pid, p in porteurs.items() if p.site and host(p.site)
        }

    def source(self, source: Source, scheme: Dispositif | None = None) -> SourceStrength:
        name = host(source.url)
        own = set()
        if scheme is not None:
            pids = (scheme.porteur, *scheme.co_porteurs)
            own = {self.provider_hosts[p] for p in pids if p in self.provider_hosts}
        official = any(on_domain(name, d) for d in (*self.lists.officiels, *own))
        path = urlsplit(source.url).path
        other = any(under(name, path, marker) for marker in self.lists.autres_regions)
        return SourceStrength(official, other)

    def scheme(self, scheme: Dispositif) -> SchemeSupport:
        found = [self.source(s, scheme) for s in scheme.sources]
        return SchemeSupport(
            count=len(found),
            official=sum(f.official for f in found),
            other_region=sum(f.other_region for f in found),
            strong=sum(f.strong for f in found),
        )
