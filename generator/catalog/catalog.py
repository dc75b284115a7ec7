"""The validated dataset, cross-linked and sorted, ready to render.

Everything the pages, the search index and the exports need to know about how objects
relate (which schemes apply in which territory, which commune belongs where) is
computed once here, so the renderers never re-derive it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from ..data import dates
from ..data.geo import Commune, Geo
from ..data.model import (
    Dispositif,
    Lieu,
    Porteur,
    Reglages,
    Reseaux,
    Source,
    SourcesOfficielles,
    Territoire,
)
from ..data.vocab import Vocabularies
from ..data.yamlsource import SourceDoc
from ..rules import display
from .evidence import Doubt, SchemeSupport, SourceRules, SourceStrength, status_doubt

if TYPE_CHECKING:
    from ..data.synonyms import SynonymTable


@dataclass
class _PlaceIndex:
    """Places by network, provider and named scheme: linking places to schemes then costs
    the places of each scheme's networks, not every place for every scheme."""

    by_network: defaultdict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    by_provider: defaultdict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    naming: defaultdict[str, set[str]] = field(default_factory=lambda: defaultdict(set))


@dataclass
class Catalog:
    root: Path
    dispositifs: dict[str, Dispositif]
    porteurs: dict[str, Porteur]
    territoires: dict[str, Territoire]
    vocab: Vocabularies
    geo: Geo
    lieux: dict[str, Lieu] = field(default_factory=dict)
    reglages: Reglages = field(default_factory=Reglages)
    sources_officielles: SourcesOfficielles = field(default_factory=SourcesOfficielles)
    # Official directory of each network, and the rule for France services (reseaux.yaml).
    reseaux: Reseaux = field(default_factory=Reseaux)
    # Source file of each object, as shown to editors (for "modifier cette fiche").
    source_files: dict[tuple[str, str], str] = field(default_factory=dict)
    # Where every value of each object sits in its file, by (kind, id), for tools that
    # point at a line (`offre liens`). Kept only when asked (`load_catalog(positions=
    # True)`): the build does without, and they weigh tens of MB at 10,000 schemes.
    sources: dict[tuple[str, str], SourceDoc] = field(default_factory=dict)
    # Synonyms and acronyms of the search (offer_data/synonymes.yaml), already checked.
    synonymes: SynonymTable | None = None
    # Derived relations, filled by `link()`.
    commune_territory: dict[str, str] = field(default_factory=dict)
    epci_territory: dict[str, str] = field(default_factory=dict)
    territory_communes: dict[str, list[Commune]] = field(default_factory=dict)
    scheme_territories: dict[str, list[str]] = field(default_factory=dict)
    territory_schemes: dict[str, list[str]] = field(default_factory=dict)
    provider_schemes: dict[str, list[str]] = field(default_factory=dict)
    redirects: dict[str, str] = field(default_factory=dict)
    replaced_by_me: dict[str, list[str]] = field(default_factory=dict)
    # Places: the communes each one serves, and who delivers what where.
    place_communes: dict[str, list[str]] = field(default_factory=dict)
    place_territories: dict[str, list[str]] = field(default_factory=dict)
    territory_places: dict[str, list[str]] = field(default_factory=dict)
    commune_places: dict[str, list[str]] = field(default_factory=dict)
    place_schemes: dict[str, list[str]] = field(default_factory=dict)
    scheme_places: dict[str, list[str]] = field(default_factory=dict)
    # Schemes shown as "statut à confirmer", with the reason (see `status_doubts`).
    status_doubt: dict[str, Doubt] = field(default_factory=dict)
    _latest: date | None = None
    _source_rules: SourceRules | None = None

    def link(self) -> Catalog:
        self._link_territories()
        self._link_schemes()
        self._link_places()
        self.status_doubt = self.status_doubts(self.latest_date())
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

    def communes_of_code(self, code: str) -> list[str]:
        """Communes (INSEE codes) a zone item designates: territory, EPCI, commune, département."""
        if code in self.territoires:
            return [c.code for c in self.territory_communes.get(code, [])]
        if self.geo.epci(code) is not None:
            return [c.code for c in self.geo.communes_of_epci(code)]
        if self.geo.commune(code) is not None:
            return [code]
        return [c.code for c in self.geo.communes if c.departement == code]

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

    def _link_places(self) -> None:
        by_territory: dict[str, set[str]] = defaultdict(set)
        by_commune: dict[str, list[str]] = defaultdict(list)
        for lid, place in self.lieux.items():
            communes = sorted(
                {c for code in place.zone_desservie for c in self.communes_of_code(code)}
            )
            self.place_communes[lid] = communes
            for code in communes:
                by_commune[code].append(lid)
            # A place belongs to the territories it serves, and to the one it stands in
            # (its zone may be unknown: it is still a place to go in that territory).
            tids = {self.commune_territory[c] for c in communes if c in self.commune_territory}
            home = self.commune_territory.get(place.adresse.commune)
            if home:
                tids.add(home)
            self.place_territories[lid] = sorted(tids)
            for tid in tids:
                by_territory[tid].add(lid)
        self.territory_places = {tid: sorted(by_territory.get(tid, ())) for tid in self.territoires}
        self.commune_places = dict(by_commune)
        # Places by network, provider and named scheme, so linking stays linear in the
        # number of places rather than schemes × places.
        index = _PlaceIndex()
        for lid, place in self.lieux.items():
            for network in place.reseaux_porteurs:
                index.by_network[network].add(lid)
            index.by_provider[place.porteur].add(lid)
            for did in place.dispositifs:
                index.naming[did].add(lid)
        delivered: dict[str, set[str]] = defaultdict(set)
        for did, scheme in self.dispositifs.items():
            # Plans, governance bodies and information services are not delivered at a
            # reception point, even when their providers run places.
            if not scheme.is_scheme:
                continue
            for lid in self._deliverers(scheme, index):
                delivered[lid].add(did)
        self.place_schemes = {lid: sorted(delivered.get(lid, ())) for lid in self.lieux}
        by_scheme: dict[str, list[str]] = defaultdict(list)
        for lid, dids in self.place_schemes.items():
            for did in dids:
                by_scheme[did].append(lid)
        self.scheme_places = {did: by_scheme.get(did, []) for did in self.dispositifs}

    def _deliverers(self, scheme: Dispositif, index: _PlaceIndex) -> list[str]:
        """Places that deliver a scheme: those named on either side, and the places of its
        networks (or, without `delivre_par`, of its providers) within its perimeter."""
        explicit = set(scheme.delivre_par.lieux) if scheme.delivre_par else set()
        explicit |= index.naming.get(scheme.id, set())
        by_network: set[str] = set()
        if scheme.delivre_par is not None:
            for network in scheme.delivre_par.reseaux:
                by_network |= index.by_network.get(network, set())
        else:
            for provider in (scheme.porteur, *scheme.co_porteurs):
                by_network |= index.by_provider.get(provider, set())
        where = set(self.scheme_territories.get(scheme.id, []))
        in_perimeter = {lid for lid in by_network if where & set(self.place_territories[lid])}
        return sorted(explicit | in_perimeter)

    def places_for(self, did: str, commune: str) -> list[str]:
        """Places delivering scheme `did` that serve `commune` (INSEE code)."""
        serving = set(self.commune_places.get(commune, []))
        return [lid for lid in self.scheme_places.get(did, []) if lid in serving]

    # ------------------------------------------------------------------ statuses

    def status_doubts(self, today: date) -> dict[str, Doubt]:
        """Active or suspended schemes whose status no recent source establishes, and why
        (the rule: `evidence.status_doubt`, threshold from reglages.yaml)."""
        months = self.reglages.statut_a_confirmer_apres_mois
        doubts = {did: status_doubt(s, today, months) for did, s in self.dispositifs.items()}
        return {did: doubt for did, doubt in doubts.items() if doubt is not None}

    def shown_status(self, scheme: Dispositif) -> str:
        """The status every page and export shows (`display.DOUBT_STATUS` when in doubt)."""
        return display.shown_status(scheme.statut, scheme.id in self.status_doubt)

    def doubt_text(self, scheme: Dispositif) -> str | None:
        """Why the scheme shows « Statut à confirmer » and what would confirm it, as
        sentences; None if it does not."""
        doubt = self.status_doubt.get(scheme.id)
        return doubt.text() if doubt else None

    @property
    def source_rules(self) -> SourceRules:
        if self._source_rules is None:
            self._source_rules = SourceRules(self.sources_officielles, self.porteurs)
        return self._source_rules

    def source_strength(self, scheme: Dispositif, source: Source) -> SourceStrength:
        """Whether one of a scheme's sources is official, and from another region."""
        return self.source_rules.source(source, scheme)

    def support(self, scheme: Dispositif) -> SchemeSupport:
        """How a scheme's sources hold up (single, non-official, other regions)."""
        return self.source_rules.scheme(scheme)

    def source(self, kind: str, ident: str) -> SourceDoc:
        """The positions of a record's values (`.pos(key_path)`, `.display`)."""
        return self.sources[(kind, ident)]

    # ------------------------------------------------------------------ helpers for renderers

    def markdown_texts(self) -> list[str]:
        """Every text editors write in Markdown, once each, in catalogue order: what
        pages and exports render (`outputs.richtext`)."""
        texts: dict[str, None] = {}
        for scheme in self.dispositifs.values():
            texts[scheme.description] = None
            texts.update(dict.fromkeys(scheme.conditions))
            texts.update(dict.fromkeys(scheme.a_verifier))
            if scheme.modalites_mobilisation.precisions:
                texts[scheme.modalites_mobilisation.precisions] = None
        for place in self.lieux.values():
            texts.update(dict.fromkeys(place.a_verifier))
        return list(texts)

    def latest_date(self) -> date:
        """Most recent date the data states; stands in for "now" so builds are reproducible."""
        if self._latest is None:
            candidates: list[date] = [date(2020, 1, 1)]
            for scheme in self.dispositifs.values():
                candidates.append(scheme.consulte_le)
                candidates += [
                    d for d in (scheme.verifie_le, scheme.modifie_le, scheme.cree_le) if d
                ]
            for place in self.lieux.values():
                candidates.append(place.consulte_le)
                if place.verifie_le:
                    candidates.append(place.verifie_le)
            self._latest = max(candidates)
        return self._latest

    def ended(self, scheme: Dispositif, today: date) -> bool:
        return scheme.date_fin is not None and dates.latest(scheme.date_fin) < today
