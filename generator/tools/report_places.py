"""The places part of the quality report: places to re-read, schemes no place delivers.

Pure functions over a Catalog, like `report.py`: the caller chooses the reference date.
A place is to be reviewed when neither its sources were read (`consulte_le`) nor the
structure confirmed it (`verifie_le`) within `reglages.fiche_a_revoir_apres_mois`.
Per territory, the mobilisable schemes (active, and schemes rather than plans or
bodies) that no place of the territory delivers: where advisers still have nowhere to
send people. The counts (places, with phone, with e-mail, per territory) come along.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .. import dates, display
from ..catalog import Catalog


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
        report.territories.append(
            TerritoryGap(
                tid,
                display.territory_label(territoire.nom, territoire.statut == "provisoire"),
                len(here),
                len(schemes),
                undelivered,
            )
        )
    return report


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
    return lines
