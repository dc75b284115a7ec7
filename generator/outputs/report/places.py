"""The places part of the quality report: places to re-read, schemes no place delivers.

Pure functions over a Catalog, like `report.py`: the caller chooses the reference date.
A place is to be reviewed when neither its sources were read (`consulte_le`) nor the
structure confirmed it (`verifie_le`) within `reglages.fiche_a_revoir_apres_mois`.
Per territory, the mobilisable schemes (active, and schemes rather than plans or
bodies) that no place of the territory delivers: where advisers still have nowhere to
send people. The counts (places, with phone, with e-mail, per territory) come along.

Per territory too: the places by network with the age of their data (`Lieu.updated_on`),
and how many (active scheme, commune) pairs have a reachable place — a place that
delivers the scheme, serves the commune, and can be called, written to or looked up
(`is_reachable`, `reachable_places`: the one definition, for others to reuse).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ...catalog.catalog import Catalog
from ...data import dates
from ...data.model import Lieu
from ...rules import display

NO_NETWORK = "(sans réseau)"


def is_reachable(place: Lieu) -> bool:
    """A place an adviser can send someone to: it publishes a phone, an e-mail or a page."""
    return bool(place.telephone or place.courriel or place.site_web)


def reachable_places(catalog: Catalog, did: str, commune: str) -> list[str]:
    """Places that deliver scheme `did`, serve `commune` (INSEE code) and are reachable."""
    return [lid for lid in catalog.places_for(did, commune) if is_reachable(catalog.lieux[lid])]


def scheme_communes(catalog: Catalog, did: str) -> set[str]:
    """The communes of a scheme's perimeter (every commune of the region when it is
    everywhere)."""
    scheme = catalog.dispositifs[did]
    if scheme.everywhere:
        return {c.code for c in catalog.geo.communes}
    return {c for code in scheme.territoires for c in catalog.communes_of_code(code)}


@dataclass(frozen=True)
class NetworkPlaces:
    """A territory's places of one network, and how old their data is."""

    network: str
    places: int
    with_phone: int
    oldest: date
    newest: date
    oldest_months: int


@dataclass(frozen=True)
class TerritoryReach:
    territory: str
    name: str
    networks: list[NetworkPlaces]
    pairs: int
    """(active scheme, commune of the territory in its perimeter) pairs."""
    reachable_pairs: int
    """Those with at least one reachable place (`reachable_places`)."""

    @property
    def share(self) -> float:
        return self.reachable_pairs / self.pairs if self.pairs else 0.0


@dataclass(frozen=True)
class StalePlace:
    place: str
    name: str
    file: str
    last_read: date
    months: int


@dataclass(frozen=True)
class TerritoryGap:
    territory: str
    name: str
    places: int
    schemes: int
    undelivered: list[str]


@dataclass
class PlacesReport:
    months: int
    places: int
    with_phone: int
    with_email: int
    stale: list[StalePlace] = field(default_factory=list)
    territories: list[TerritoryGap] = field(default_factory=list)
    reach: list[TerritoryReach] = field(default_factory=list)

    @property
    def definition(self) -> str:
        return REACHABLE_DEFINITION

    @property
    def pairs(self) -> int:
        return sum(r.pairs for r in self.reach)

    @property
    def reachable_pairs(self) -> int:
        return sum(r.reachable_pairs for r in self.reach)

    def as_dict(self) -> dict[str, object]:
        return {
            "seuil_mois": self.months,
            "nombre_lieux": self.places,
            "avec_telephone": self.with_phone,
            "avec_courriel": self.with_email,
            "lieux_a_revoir": [
                {
                    "lieu": s.place,
                    "nom": s.name,
                    "fichier": s.file,
                    "derniere_lecture": s.last_read.isoformat(),
                    "mois": s.months,
                }
                for s in self.stale
            ],
            "territoires": [
                {
                    "territoire": t.territory,
                    "nom": t.name,
                    "lieux": t.places,
                    "dispositifs": t.schemes,
                    "dispositifs_sans_lieu": t.undelivered,
                }
                for t in self.territories
            ],
            "atteignables": {
                "definition": REACHABLE_DEFINITION,
                "couples": self.pairs,
                "couples_avec_lieu_joignable": self.reachable_pairs,
                "territoires": [_reach_dict(r) for r in self.reach],
            },
        }


REACHABLE_DEFINITION = (
    "Un couple (dispositif actif, commune de son périmètre) a un lieu joignable quand au "
    "moins un lieu qui délivre le dispositif dessert la commune et publie un téléphone, un "
    "courriel ou une page web."
)


def _reach_dict(reach: TerritoryReach) -> dict[str, object]:
    return {
        "territoire": reach.territory,
        "couples": reach.pairs,
        "couples_avec_lieu_joignable": reach.reachable_pairs,
        "reseaux": [
            {
                "reseau": n.network,
                "lieux": n.places,
                "avec_telephone": n.with_phone,
                "donnees_plus_anciennes": n.oldest.isoformat(),
                "donnees_plus_recentes": n.newest.isoformat(),
            }
            for n in reach.networks
        ],
    }


def build_places_report(
    catalog: Catalog, reference_date: date, files: dict[str, str] | None = None
) -> PlacesReport:
    """`files`: the file shown for each place (default: as the catalogue records it)."""
    months = catalog.reglages.fiche_a_revoir_apres_mois
    places = catalog.lieux.values()
    report = PlacesReport(
        months=months,
        places=len(catalog.lieux),
        with_phone=sum(1 for p in places if p.telephone),
        with_email=sum(1 for p in places if p.courriel),
    )
    for place in display.sorted_by_name(places, lambda p: p.nom):
        last = max(d for d in (place.consulte_le, place.verifie_le) if d)
        age = dates.months_between(last, reference_date)
        if age > months:
            file = (files or {}).get(place.id) or catalog.source_files.get(("lieu", place.id), "")
            report.stale.append(StalePlace(place.id, place.nom, file, last, age))
    for tid, territoire in display.sorted_by_name(
        catalog.territoires.items(), lambda item: item[1].nom
    ):
        here = set(catalog.territory_places.get(tid, []))
        schemes = [
            catalog.dispositifs[did]
            for did in catalog.territory_schemes.get(tid, [])
            if catalog.dispositifs[did].statut == "actif" and catalog.dispositifs[did].is_scheme
        ]
        undelivered = sorted(
            d.id for d in schemes if not here & set(catalog.scheme_places.get(d.id, []))
        )
        label = display.territory_name(territoire)
        report.territories.append(
            TerritoryGap(
                tid,
                label,
                len(here),
                len(schemes),
                undelivered,
            )
        )
        report.reach.append(
            _territory_reach(catalog, tid, label, [d.id for d in schemes], reference_date)
        )
    return report


def _territory_reach(
    catalog: Catalog, tid: str, name: str, schemes: list[str], reference_date: date
) -> TerritoryReach:
    by_network: dict[str, list[Lieu]] = {}
    for lid in catalog.territory_places.get(tid, []):
        place = catalog.lieux[lid]
        for network in place.reseaux_porteurs or [NO_NETWORK]:
            by_network.setdefault(network, []).append(place)
    networks = []
    for network in sorted(by_network):
        places = by_network[network]
        data_dates = [p.updated_on for p in places]
        networks.append(
            NetworkPlaces(
                network,
                len(places),
                sum(1 for p in places if p.telephone),
                min(data_dates),
                max(data_dates),
                dates.months_between(min(data_dates), reference_date),
            )
        )
    here = {c.code for c in catalog.territory_communes.get(tid, [])}
    # What a scheme of the whole region covers here, computed once for all of them.
    here_in_region = here & {c.code for c in catalog.geo.communes}
    pairs = reachable = 0
    for did in schemes:
        if catalog.dispositifs[did].everywhere:
            communes = here_in_region
        else:
            communes = here & scheme_communes(catalog, did)
        served: set[str] = set()
        for lid in catalog.scheme_places.get(did, []):
            if is_reachable(catalog.lieux[lid]):
                served.update(catalog.place_communes.get(lid, []))
        pairs += len(communes)
        reachable += len(communes & served)
    return TerritoryReach(tid, name, networks, pairs, reachable)


def render_places_text(report: PlacesReport) -> list[str]:
    """Lines for `offre rapport`."""
    lines = [
        "",
        f"Lieux d'accueil : {report.places} (avec téléphone : {report.with_phone} ; "
        f"avec courriel : {report.with_email})",
        f"  Lieux non relus ni vérifiés depuis plus de {report.months} mois : {len(report.stale)}",
    ]
    for stale in report.stale:
        where = f" [{stale.file}]" if stale.file else ""
        lines.append(
            f"    - {stale.place} « {stale.name} »{where} : dernière lecture le "
            f"{dates.format_fr(stale.last_read)} (il y a {stale.months} mois)"
        )
    lines.append("  Par territoire : lieux, et dispositifs actifs qu'aucun lieu ne délivre :")
    for gap in report.territories:
        missing = len(gap.undelivered)
        lines.append(
            f"    - {gap.name} ({gap.territory}) : {gap.places} lieu{'x' * (gap.places > 1)} ; "
            f"{missing} dispositif{'s' * (missing > 1)} sur {gap.schemes} sans lieu"
            + (f" : {', '.join(gap.undelivered)}" if gap.undelivered else "")
        )
    lines += render_reach_text(report)
    return lines


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f} %".replace(".", ",") if whole else "—"


def render_reach_text(report: PlacesReport) -> list[str]:
    """Per territory: places by network with the age of their data, and the share of
    (active scheme, commune) pairs with a reachable place."""
    lines = [
        "  Lieux joignables : couples (dispositif actif, commune) avec un lieu joignable : "
        f"{report.reachable_pairs} sur {report.pairs} "
        f"({_percent(report.reachable_pairs, report.pairs)}).",
        f"    ({REACHABLE_DEFINITION})",
        "  Par territoire : lieux par réseau (date des données), couples avec un lieu joignable :",
    ]
    for reach in report.reach:
        lines.append(
            f"    - {reach.name} ({reach.territory}) : {reach.reachable_pairs} sur {reach.pairs} "
            f"({_percent(reach.reachable_pairs, reach.pairs)})"
        )
        for n in reach.networks:
            when = (
                f"données du {dates.format_fr(n.oldest)}"
                if n.oldest == n.newest
                else f"données du {dates.format_fr(n.oldest)} au {dates.format_fr(n.newest)}"
            )
            lines.append(
                f"        {n.network} : {n.places} lieu{'x' * (n.places > 1)} "
                f"({n.with_phone} avec téléphone), {when} (les plus anciennes ont "
                f"{n.oldest_months} mois)"
            )
    return lines
