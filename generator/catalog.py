"""Stage 3: the validated dataset, cross-linked and sorted, ready to render.

Everything the pages, the search index and the exports need to know about how objects
relate (which schemes apply in which territory, which commune belongs where) is
computed once here, so the renderers never re-derive it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from . import dates
from .geo import Commune, Geo
from .model import Dispositif, Porteur, Territoire
from .vocab import Vocabularies
from .yamlsource import SourceDoc


@dataclass
class Catalog:
    root: Path
    dispositifs: dict[str, Dispositif]
    porteurs: dict[str, Porteur]
    territoires: dict[str, Territoire]
    vocab: Vocabularies
    geo: Geo
    # Source file of each object, as shown to editors (for "modifier cette fiche").
    source_files: dict[tuple[str, str], str] = field(default_factory=dict)
    # Where every value of each object sits in its file, by (kind, id), for tools that
    # point at a line (`offre liens`). Kept only when asked (`load_catalog(positions=
    # True)`): the build does without, and they weigh tens of MB at 10,000 schemes.
    sources: dict[tuple[str, str], SourceDoc] = field(default_factory=dict)
    # Derived relations, filled by `link()`.
    commune_territory: dict[str, str] = field(default_factory=dict)
    epci_territory: dict[str, str] = field(default_factory=dict)
    territory_communes: dict[str, list[Commune]] = field(default_factory=dict)
    scheme_territories: dict[str, list[str]] = field(default_factory=dict)
    territory_schemes: dict[str, list[str]] = field(default_factory=dict)
    provider_schemes: dict[str, list[str]] = field(default_factory=dict)
    redirects: dict[str, str] = field(default_factory=dict)
    replaced_by_me: dict[str, list[str]] = field(default_factory=dict)
    _latest: date | None = None

    def link(self) -> Catalog:
        self._link_territories()
        self._link_schemes()
        return self

    def _link_territories(self) -> None:
        for tid, territoire in self.territoires.items():
            communes: dict[str, Commune] = {}
            for siren in territoire.epci:
                self.epci_territory[siren] = tid
                for commune in self.geo.communes_of_epci(siren):
                    communes[commune.code] = commune
            for code in territoire.communes_hors_epci:
                commune_hors = self.geo.commune(code)
                if commune_hors is not None:
                    communes[code] = commune_hors
            self.territory_communes[tid] = [communes[c] for c in sorted(communes)]
            for code in communes:
                self.commune_territory[code] = tid

    def territories_of_code(self, code: str) -> list[str]:
        """Territories a perimeter item designates: a territory id, EPCI, commune or département."""
        if code in self.territoires:
            return [code]
        if code in self.epci_territory:
            return [self.epci_territory[code]]
        if code in self.commune_territory:
            return [self.commune_territory[code]]
        found = {
            tid
            for tid, communes in self.territory_communes.items()
            if any(c.departement == code for c in communes)
        }
        return sorted(found)

    def _link_schemes(self) -> None:
        all_territories = sorted(self.territoires)
        by_territory: dict[str, list[str]] = defaultdict(list)
        by_provider: dict[str, list[str]] = defaultdict(list)
        replaced: dict[str, list[str]] = defaultdict(list)
        for did, scheme in self.dispositifs.items():
            if scheme.everywhere:
                tids = all_territories
            else:
                tids = sorted(
                    {t for code in scheme.territoires for t in self.territories_of_code(code)}
                )
            self.scheme_territories[did] = tids
            for tid in tids:
                by_territory[tid].append(did)
            by_provider[scheme.porteur].append(did)
            for co in scheme.co_porteurs:
                by_provider[co].append(did)
            for old in scheme.anciens_identifiants:
                self.redirects[old] = did
            if scheme.remplace_par:
                replaced[scheme.remplace_par].append(did)
        self.territory_schemes = {tid: by_territory.get(tid, []) for tid in self.territoires}
        self.provider_schemes = {
            pid: sorted(set(by_provider.get(pid, []))) for pid in self.porteurs
        }
        self.replaced_by_me = dict(replaced)

    def source(self, kind: str, ident: str) -> SourceDoc:
        """The positions of a record's values (`.pos(key_path)`, `.display`)."""
        return self.sources[(kind, ident)]

    # ------------------------------------------------------------------ helpers for renderers

    def latest_date(self) -> date:
        """Most recent date the data states; stands in for "now" so builds are reproducible."""
        if self._latest is None:
            candidates: list[date] = [date(2020, 1, 1)]
            for scheme in self.dispositifs.values():
                candidates.append(scheme.verifie_le)
                if scheme.modifie_le:
                    candidates.append(scheme.modifie_le)
            self._latest = max(candidates)
        return self._latest

    def ended(self, scheme: Dispositif, today: date) -> bool:
        return scheme.date_fin is not None and dates.latest(scheme.date_fin) < today
