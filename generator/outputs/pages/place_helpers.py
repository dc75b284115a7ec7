"""What templates ask about places: names, addresses, hours, zones, and places grouped.

`site.lieux` in every template. Grouping and sorting follow the display rules (French
order of names); every address comes from `urls`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from ...catalog import reach
from ...catalog.catalog import Catalog
from ...data import opening_hours
from ...data.fields import phone_href
from ...data.model import Lieu
from ...rules import display


@dataclass(frozen=True)
class PlaceGroup:
    """Places under one heading (a network, a territory)."""

    id: str
    label: str
    places: list[Lieu]


class PlaceHelpers:
    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog

    # ------------------------------------------------------------------ one place

    def get(self, lid: str) -> Lieu:
        return self.catalog.lieux[lid]

    def phone_href(self, number: str) -> str:
        return f"tel:{phone_href(number)}"

    def mailto(self, address: str) -> str:
        return f"mailto:{address}"

    def network_labels(self, place: Lieu) -> list[str]:
        return [self.catalog.vocab.label("reseaux_porteurs", r) for r in place.reseaux_porteurs]

    def commune_name(self, code: str) -> str:
        """`Cholet (49)`, or the code itself when the geo extract does not know it."""
        commune = self.catalog.geo.commune(code)
        return f"{commune.nom} ({commune.departement})" if commune else code

    def address_lines(self, place: Lieu) -> list[str]:
        """The postal address, one line each: street, complement, postcode and commune."""
        adresse = place.adresse
        commune = self.catalog.geo.commune(adresse.commune)
        town = commune.nom if commune else adresse.commune
        last = f"{adresse.code_postal} {town}" if adresse.code_postal else town
        return [line for line in (adresse.ligne, adresse.complement) if line] + [last]

    def hours(self, place: Lieu) -> list[str]:
        """Opening hours in French: the plain text, else the OSM rules written out."""
        if place.horaires:
            return [place.horaires]
        if place.horaires_osm:
            return opening_hours.to_french(place.horaires_osm)
        return []

    def zone_names(self, place: Lieu) -> list[str]:
        """Each item of the zone served, named: territory, EPCI, commune or département."""
        geo = self.catalog.geo
        names = []
        for code in place.zone_desservie:
            if code in self.catalog.territoires:
                names.append(f"territoire {self._territory_label(code)}")
            elif (epci := geo.epci(code)) is not None:
                names.append(epci.nom)
            elif (commune := geo.commune(code)) is not None:
                names.append(f"{commune.nom} ({commune.departement})")
            elif (departement := geo.departement(code)) is not None:
                names.append(f"département {departement.nom} ({departement.code})")
            else:
                names.append(code)
        return names

    def has_contact(self, place: Lieu) -> bool:
        return reach.has_contact(place)

    def appointment(self, place: Lieu) -> str | None:
        """« Sur rendez-vous uniquement »…, when the place's data says so."""
        return reach.appointment(place)

    # ------------------------------------------------------------------ several places

    def territory_label(self, tid: str) -> str:
        return self._territory_label(tid)

    def _territory_label(self, tid: str) -> str:
        territoire = self.catalog.territoires[tid]
        return display.territory_name(territoire)

    def sort(self, places: Iterable[Lieu]) -> list[Lieu]:
        return display.sorted_by_name(places, lambda p: p.nom)

    def by_network(self, lids: Iterable[str]) -> list[PlaceGroup]:
        """Places grouped by network (a place of two networks is in both), A–Z."""
        grouped: dict[str, list[Lieu]] = defaultdict(list)
        for lid in lids:
            place = self.catalog.lieux[lid]
            for network in place.reseaux_porteurs or [""]:
                grouped[network].append(place)
        groups = [
            PlaceGroup(
                network or "autres",
                self.catalog.vocab.label("reseaux_porteurs", network)
                if network
                else "Autres structures",
                self.sort(places),
            )
            for network, places in grouped.items()
        ]
        return display.sorted_by_name(groups, lambda g: g.label)

    def by_territory(self, lids: Iterable[str]) -> list[PlaceGroup]:
        """Places grouped by the territories they serve or stand in, territories A–Z."""
        grouped: dict[str, list[Lieu]] = defaultdict(list)
        for lid in lids:
            for tid in self.catalog.place_territories.get(lid, []):
                grouped[tid].append(self.catalog.lieux[lid])
        groups = [
            PlaceGroup(tid, self._territory_label(tid), self.sort(places))
            for tid, places in grouped.items()
        ]
        return display.sorted_by_name(groups, lambda g: g.label)

    def outside_territories(self, lids: Iterable[str]) -> list[Lieu]:
        """Places attached to no territory (commune unknown to the territories)."""
        return self.sort(
            self.catalog.lieux[lid] for lid in lids if not self.catalog.place_territories.get(lid)
        )
