"""Where a person can go for a scheme: nearby places, official directories, the provider.

An adviser must never leave a scheme page without something to click or call. This
module decides, from the data only, what the "Où s'adresser" box offers for a scheme and
a commune, so the pages, the browser script (through the places table) and
`scripts/reachability.py` apply one rule:

1. places delivering the scheme whose declared zone covers the commune;
2. else, those standing in the commune, then in its intercommunality (EPCI), then in its
   département — the nearest few, with the area named, since many places declare no zone;
3. always, the official directory of the networks that deliver the scheme
   (offer_data/reseaux.yaml), and the provider's website when no network has one;
4. apart, under their own heading, the France services near the commune for the schemes
   whose mobilisation goes through their national partners (rule in reseaux.yaml): they
   help with online procedures and never count as delivering the scheme.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..data import opening_hours
from ..data.model import Annuaire, Dispositif, Lieu
from ..rules.folding import collation_key
from .catalog import Catalog

NEAREST = 5
"""How many places of the same EPCI or département the box shows at most."""

# Nearness levels, nearest first; the page names the area of each.
SERVES = "dessert"
SAME_COMMUNE = "commune"
SAME_EPCI = "epci"
SAME_DEPARTEMENT = "departement"
LEVELS = (SERVES, SAME_COMMUNE, SAME_EPCI, SAME_DEPARTEMENT)

RULE_TEXT = (
    "Lieux proposés : d'abord ceux qui déclarent desservir la commune ; sinon ceux qui se "
    "trouvent dans la commune, puis dans son intercommunalité, puis dans son département "
    f"(les {NEAREST} premiers par ordre alphabétique). Un lieu sans zone déclarée peut ne "
    "pas accueillir tout le monde : appelez avant d'y envoyer la personne."
)


@dataclass(frozen=True)
class Near:
    """A place offered for a commune, and why (level and the area's name)."""

    lid: str
    level: str
    area: str


@dataclass(frozen=True)
class Contact:
    """Something to click when no place and no directory is known: the provider's site."""

    label: str
    url: str


APPOINTMENT = {
    "obligatoire": "Sur rendez-vous uniquement",
    "conseille": "Rendez-vous conseillé",
    "possible": "Rendez-vous possible",
    "sans": "Sans rendez-vous",
}


def appointment(place: Lieu) -> str | None:
    """Whether an appointment is needed, in French, when the place's data says so
    (`rendez_vous`, a field the places imported with their appointment rule carry)."""
    value = getattr(place, "rendez_vous", None)
    return APPOINTMENT.get(value) if isinstance(value, str) else None


def has_contact(place: Lieu) -> bool:
    """A place the person can reach: a phone, an e-mail or a web page."""
    return bool(place.telephone or place.courriel or place.site_web)


# ---------------------------------------------------------------------------- networks


def scheme_networks(catalog: Catalog, scheme: Dispositif) -> list[str]:
    """Networks that deliver the scheme: `delivre_par.reseaux`, else its providers'
    networks, plus the networks of the places it names."""
    networks: list[str] = []
    if scheme.delivre_par is not None:
        networks += scheme.delivre_par.reseaux
        for lid in scheme.delivre_par.lieux:
            if lid in catalog.lieux:
                networks += catalog.lieux[lid].reseaux_porteurs
    if not networks:
        for pid in (scheme.porteur, *scheme.co_porteurs):
            porteur = catalog.porteurs.get(pid)
            if porteur is not None and porteur.reseau:
                networks.append(porteur.reseau)
    aide = catalog.reseaux.aide_demarches
    helper = aide.reseau if aide else None
    return [n for n in dict.fromkeys(networks) if n != helper]


def directories(catalog: Catalog, networks: Iterable[str]) -> list[Annuaire]:
    """Official directories listing the places of these networks, in file order."""
    wanted = set(networks)
    return [a for a in catalog.reseaux.annuaires if wanted & set(a.reseaux)]


def scheme_directories(catalog: Catalog, scheme: Dispositif) -> list[Annuaire]:
    return directories(catalog, scheme_networks(catalog, scheme))


def provider_contact(catalog: Catalog, scheme: Dispositif) -> Contact | None:
    """The provider's (or first co-provider's) official website."""
    for pid in (scheme.porteur, *scheme.co_porteurs):
        porteur = catalog.porteurs.get(pid)
        if porteur is not None and porteur.site:
            return Contact(porteur.nom, porteur.site)
    return None


def helper_directory(catalog: Catalog) -> Annuaire | None:
    aide = catalog.reseaux.aide_demarches
    if aide is None:
        return None
    found = directories(catalog, [aide.reseau])
    return found[0] if found else None


def shows_procedure_help(catalog: Catalog, scheme: Dispositif) -> bool:
    """Whether the France services appear for this scheme (rule in reseaux.yaml): its
    provider is a partner whose procedures they help with, or such a network delivers it."""
    aide = catalog.reseaux.aide_demarches
    if aide is None:
        return False
    providers = {scheme.porteur, *scheme.co_porteurs}
    delivering = set(scheme.delivre_par.reseaux) if scheme.delivre_par else set()
    return bool(providers & set(aide.porteurs) or delivering & set(aide.reseaux))


def helper_places(catalog: Catalog) -> list[str]:
    """Places of the network that helps with procedures (France services)."""
    aide = catalog.reseaux.aide_demarches
    if aide is None:
        return []
    return [lid for lid, p in catalog.lieux.items() if aide.reseau in p.reseaux_porteurs]


@dataclass(frozen=True)
class DeliveryRule:
    """How the places delivering a scheme are picked (`Catalog._deliverers`), in terms a
    scheme page hands its box: the browser applies it to the places of one commune's part
    instead of the page listing every place (js/lieux.js, `OffreLieux.delivers`)."""

    scheme: str
    networks: tuple[str, ...] | None  # None: by the scheme's providers
    providers: tuple[str, ...]
    territories: tuple[str, ...]
    places: tuple[str, ...]  # named by the scheme (delivre_par.lieux)

    def delivers(
        self,
        lid: str,
        porteur: str,
        networks: Iterable[str],
        territories: Iterable[str],
        schemes: Iterable[str],
    ) -> bool:
        """The same test as the browser's, on one place's columns."""
        if lid in self.places or self.scheme in schemes:
            return True
        if self.networks is not None:
            ours = bool(set(self.networks).intersection(networks))
        else:
            ours = porteur in self.providers
        return ours and bool(set(self.territories).intersection(territories))


def delivery_rule(catalog: Catalog, scheme: Dispositif) -> DeliveryRule:
    by = scheme.delivre_par
    return DeliveryRule(
        scheme=scheme.id,
        networks=tuple(by.reseaux) if by is not None else None,
        providers=(scheme.porteur, *scheme.co_porteurs),
        territories=tuple(catalog.scheme_territories.get(scheme.id, [])),
        places=tuple(by.lieux) if by is not None else (),
    )


# ---------------------------------------------------------------------------- nearness


def nearest(
    catalog: Catalog, lids: Iterable[str], commune: str, limit: int = NEAREST
) -> list[Near]:
    """The places among `lids` to offer for `commune` (INSEE code), by the module's rule:
    the first non-empty level wins; within it, names A–Z, at most `limit` beyond those
    that declare serving the commune."""
    candidates = [lid for lid in lids if lid in catalog.lieux]
    here = catalog.geo.commune(commune)
    if here is None:
        return []
    serving = set(catalog.commune_places.get(commune, []))
    found = [lid for lid in candidates if lid in serving]
    if found:
        return [Near(lid, SERVES, here.nom) for lid in _by_name(catalog, found)]
    located = {lid: catalog.geo.commune(catalog.lieux[lid].adresse.commune) for lid in candidates}
    same_commune = [lid for lid, c in located.items() if c is not None and c.code == commune]
    if same_commune:
        return [Near(lid, SAME_COMMUNE, here.nom) for lid in _by_name(catalog, same_commune)]
    if here.epci is not None:
        epci = catalog.geo.epci(here.epci)
        same_epci = [lid for lid, c in located.items() if c is not None and c.epci == here.epci]
        if same_epci and epci is not None:
            chosen = _by_name(catalog, same_epci)[:limit]
            return [Near(lid, SAME_EPCI, epci.nom) for lid in chosen]
    same_dep = [
        lid for lid, c in located.items() if c is not None and c.departement == here.departement
    ]
    departement = catalog.geo.departement(here.departement)
    name = departement.nom if departement else here.departement
    return [Near(lid, SAME_DEPARTEMENT, name) for lid in _by_name(catalog, same_dep)[:limit]]


def _by_name(catalog: Catalog, lids: Iterable[str]) -> list[str]:
    return sorted(lids, key=lambda lid: (collation_key(catalog.lieux[lid].nom), lid))


def area_phrase(near: Near) -> str:
    """How the page says why a place is offered."""
    if near.level == SERVES:
        return f"dessert {near.area}"
    if near.level == SAME_COMMUNE:
        return f"à {near.area} (zone desservie non précisée)"
    if near.level == SAME_EPCI:
        return f"dans l'intercommunalité : {near.area}"
    return f"dans le département : {near.area}"


# ---------------------------------------------------------------------------- hours


def week(value: str) -> list[str] | None:
    """Hours of each day, Monday first, in French ("9 h – 12 h, 14 h – 17 h", "fermé"),
    from OSM opening hours; None when the rules cannot be read day by day (a comment
    only, or nothing parsable): the page then shows the hours as written."""
    try:
        rules = opening_hours.parse(value)
    except opening_hours.OpeningHoursError:
        return None
    days: list[str | None] = [None] * 7
    for rule in rules:
        indexes = _day_indexes(rule.days)
        if indexes is None:
            continue
        if rule.closed:
            text = "fermé"
        elif not rule.spans:
            if rule.comment and not rule.days:
                continue
            text = "ouvert toute la journée"
        else:
            text = ", ".join(_span_fr(s) for s in rule.spans)
        if rule.comment:
            text += f" ({rule.comment})"
        for i in indexes:
            days[i] = text
    if all(d is None for d in days):
        return None
    return [d or "fermé" for d in days]


def _day_indexes(selectors: tuple[str, ...]) -> list[int] | None:
    if not selectors:
        return list(range(7))
    indexes: list[int] = []
    for selector in selectors:
        if selector.startswith("PH"):
            continue  # public holidays: not a day of the week
        first, _, last = selector.partition("-")
        if first not in opening_hours.DAYS:
            return None
        a = opening_hours.DAYS.index(first)
        b = opening_hours.DAYS.index(last) if last else a
        indexes += list(range(a, b + 1)) if a <= b else [*range(a, 7), *range(0, b + 1)]
    return indexes or None


def _span_fr(span: str) -> str:
    start, end = span.split("-")
    return f"{_time_fr(start)} – {_time_fr(end)}"


def _time_fr(hhmm: str) -> str:
    hours, minutes = hhmm.split(":")
    return f"{int(hours)} h" + (f" {minutes}" if minutes != "00" else "")


@dataclass(frozen=True)
class ProcedureHelp:
    """The France services block of a scheme page: what they do, from reseaux.yaml."""

    network: str
    description: str
    partners: list[str]
    directory: Annuaire | None


def procedure_help(catalog: Catalog, scheme: Dispositif) -> ProcedureHelp | None:
    aide = catalog.reseaux.aide_demarches
    if aide is None or not shows_procedure_help(catalog, scheme):
        return None
    return ProcedureHelp(aide.reseau, aide.description, aide.partenaires, helper_directory(catalog))


# ---------------------------------------------------------------------------- measure


@dataclass
class Tally:
    """Counts of (scheme, commune) pairs for one territory, or for the region."""

    pairs: int = 0
    reachable: int = 0
    directory: int = 0
    next_step: int = 0
    helper: int = 0

    def add(self, reachable: bool, directory: bool, other: bool, helper: bool = False) -> None:
        self.pairs += 1
        self.reachable += reachable
        self.directory += directory
        self.next_step += reachable or directory or other
        self.helper += helper


@dataclass
class Reachability:
    """What `scripts/reachability.py` prints: see DEFINITION."""

    overall: Tally
    by_territory: dict[str, Tally]
    schemes: int
    dead_ends: list[str]


DEFINITION = (
    "Paires (dispositif, commune) : chaque dispositif dont la fiche a l'encadré « Où "
    "s'adresser » (ouvert, ni plan, ni instance, ni information), avec chaque commune de "
    "son périmètre. « Lieu joignable » : parmi les lieux qui délivrent le dispositif, "
    "l'encadré en propose pour la commune (règle : dessert la commune, sinon même "
    "commune, même intercommunalité, même département) et au moins l'un d'eux a un "
    "téléphone, un courriel ou une page web. « Annuaire » : au moins un annuaire "
    "officiel des réseaux du dispositif (reseaux.yaml). « Aide démarches » : le dispositif "
    "relève de la règle des France services (reseaux.yaml) et l'encadré en propose une "
    "joignable pour la commune, par la même règle de proximité ; elle aide aux démarches, "
    "elle n'est pas comptée comme lieu qui délivre. « Fiche sans suite » : ni lieu "
    "joignable pour aucune commune, ni annuaire, ni site du porteur."
)


def reachability(catalog: Catalog) -> Reachability:
    overall = Tally()
    by_territory: dict[str, Tally] = {tid: Tally() for tid in catalog.territoires}
    dead_ends: list[str] = []
    schemes = 0
    everywhere = [c.code for c in catalog.geo.communes]
    helpers = helper_places(catalog)
    for did, scheme in catalog.dispositifs.items():
        if not (scheme.is_open and scheme.is_scheme):
            continue
        schemes += 1
        lids = catalog.scheme_places.get(did, [])
        has_directory = bool(scheme_directories(catalog, scheme))
        has_provider = provider_contact(catalog, scheme) is not None
        with_helpers = shows_procedure_help(catalog, scheme)
        if scheme.everywhere:
            communes = everywhere
        else:
            communes = sorted(
                {
                    c.code
                    for t in catalog.scheme_territories.get(did, [])
                    for c in catalog.territory_communes.get(t, [])
                }
            )
        any_reachable = False
        for code in communes:
            offered = nearest(catalog, lids, code)
            reachable = any(has_contact(catalog.lieux[n.lid]) for n in offered)
            any_reachable |= reachable
            helper = with_helpers and any(
                has_contact(catalog.lieux[n.lid]) for n in nearest(catalog, helpers, code, 3)
            )
            overall.add(reachable, has_directory, has_provider, helper)
            tid = catalog.commune_territory.get(code)
            if tid is not None:
                by_territory[tid].add(reachable, has_directory, has_provider, helper)
        if not (any_reachable or has_directory or has_provider):
            dead_ends.append(did)
    return Reachability(overall, by_territory, schemes, dead_ends)
