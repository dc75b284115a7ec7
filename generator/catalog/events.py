"""What happened to the offer, as the data dates it: the feeds' entries and the home
page's "dernières mises à jour".

Only real events count: a record added to the offer (`cree_le`), a scheme opening
(`date_debut`) or announced to open, a status change (`statut_depuis`), an end passed or
near (`date_fin`), a content change (`modifie_le`), a provider's confirmation
(`verifie_le`). Reading the sources again (`consulte_le`) changes nothing a reader
follows, so it is never an event. Records added on the same day make one event
("12 fiches ajoutées le …"), not one per file. No date comes from the build clock:
`today` is the data's latest date, so the same data gives the same events.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from ..data import dates
from ..data.model import Dispositif
from ..rules import display
from ..rules.display import status_label
from .catalog import Catalog

# An end this close (or closer) is announced: three months, time to stop prescribing it.
NEAR_END = timedelta(days=92)
# Titles a grouped entry names in its summary before "…".
GROUP_NAMES = 30

LABELS = {
    "ajout": "Fiche ajoutée",
    "nouveau": "Ouverture du dispositif",
    "a-venir": "Ouverture annoncée",
    "statut": "Changement de statut",
    "se-termine": "Fin proche",
    "termine": display.STATUS_TITLES["termine"],
    "modifie": "Fiche mise à jour",
    "verifie": "Vérifiée auprès du porteur",
}


@dataclass(frozen=True)
class Event:
    day: date
    kind: str
    key: str
    """Date as the data states it (full or partial): with kind and id, the entry id."""
    schemes: tuple[Dispositif, ...]
    title: str
    summary: str
    scope: str = ""
    """For an event grouping several records: the feed it belongs to (`region`, or a
    territory id), so that its id names what it counts."""

    @property
    def scheme(self) -> Dispositif | None:
        """The record the event is about; None for a group of records."""
        return self.schemes[0] if len(self.schemes) == 1 else None

    @property
    def entry_id(self) -> str:
        """Stable id (the Atom entry's, after the tag: prefix)."""
        scheme = self.scheme
        if scheme is not None:
            return f"dispositif/{scheme.id}/{self.kind}/{self.key}"
        return f"{self.scope}/{self.kind}/{self.key}"


def _one(scheme: Dispositif, day: date, kind: str, key: str, title: str, text: str) -> Event:
    return Event(day, kind, key, (scheme,), title, text)


def scheme_events(scheme: Dispositif, today: date) -> list[Event]:
    """The dated events of one record, creation apart (see `creation_events`)."""
    titre = scheme.titre
    # When the record said what has not happened yet: a content change, else its creation.
    recorded = scheme.modifie_le or scheme.cree_le
    events: list[Event] = []
    if scheme.modifie_le and scheme.modifie_le != scheme.cree_le:
        events.append(
            _one(
                scheme,
                scheme.modifie_le,
                "modifie",
                scheme.modifie_le.isoformat(),
                f"Fiche mise à jour : {titre}",
                f"Fiche mise à jour le {dates.format_fr(scheme.modifie_le)}.",
            )
        )
    if scheme.verifie_le and scheme.verifie_le != scheme.modifie_le:
        events.append(
            _one(
                scheme,
                scheme.verifie_le,
                "verifie",
                scheme.verifie_le.isoformat(),
                f"Fiche vérifiée auprès du porteur : {titre}",
                f"Vérifiée auprès du porteur le {dates.format_fr(scheme.verifie_le)}.",
            )
        )
    if scheme.date_debut:
        start = dates.earliest(scheme.date_debut)
        if start <= today:
            events.append(
                _one(
                    scheme,
                    start,
                    "nouveau",
                    scheme.date_debut,
                    f"Ouverture {dates.on_fr(scheme.date_debut)} : {titre}",
                    f"Dispositif ouvert {dates.on_fr(scheme.date_debut)}.",
                )
            )
        elif recorded:
            events.append(
                _one(
                    scheme,
                    recorded,
                    "a-venir",
                    scheme.date_debut,
                    f"À venir : {titre}",
                    f"Ouverture prévue {dates.on_fr(scheme.date_debut)}.",
                )
            )
    events += _status_events(scheme, today)
    return events


def _status_events(scheme: Dispositif, today: date) -> list[Event]:
    titre = scheme.titre
    events: list[Event] = []
    if scheme.date_fin:
        end = dates.latest(scheme.date_fin)
        if end < today:
            events.append(
                _one(
                    scheme,
                    end,
                    "termine",
                    scheme.date_fin,
                    f"Terminé : {titre}",
                    f"Dispositif terminé {dates.on_fr(scheme.date_fin)}.",
                )
            )
        elif end - NEAR_END <= today:
            # Announced the day the end came near, or the day the record arrived if later.
            day = max(end - NEAR_END, scheme.cree_le or end - NEAR_END)
            events.append(
                _one(
                    scheme,
                    day,
                    "se-termine",
                    scheme.date_fin,
                    f"Se termine {dates.on_fr(scheme.date_fin)} : {titre}",
                    f"Fin prévue {dates.on_fr(scheme.date_fin)}.",
                )
            )
    since = scheme.statut_depuis
    covered = {scheme.date_debut} if scheme.statut == "actif" else {scheme.date_fin}
    if since and since not in covered and dates.earliest(since) <= today:
        label = status_label(scheme.statut)
        events.append(
            _one(
                scheme,
                dates.earliest(since),
                "statut",
                f"{scheme.statut}/{since}",
                f"{label} {dates.since_fr(since)} : {titre}",
                f"Statut « {label.lower()} » {dates.since_fr(since)}.",
            )
        )
    return events


def creation_events(schemes: Iterable[Dispositif], scope: str) -> list[Event]:
    """Records added to the offer, one event per day (grouped when several)."""
    by_day: dict[date, list[Dispositif]] = defaultdict(list)
    for scheme in schemes:
        if scheme.cree_le:
            by_day[scheme.cree_le].append(scheme)
    events = []
    for day, added in by_day.items():
        added.sort(key=lambda d: d.id)
        when = dates.format_fr(day)
        if len(added) == 1:
            scheme = added[0]
            events.append(
                _one(
                    scheme,
                    day,
                    "ajout",
                    day.isoformat(),
                    f"Fiche ajoutée : {scheme.titre}",
                    f"Fiche ajoutée à l'offre le {when}.",
                )
            )
            continue
        names = [d.titre for d in added[:GROUP_NAMES]]
        more = " ; …" if len(added) > GROUP_NAMES else ""
        events.append(
            Event(
                day,
                "ajout",
                day.isoformat(),
                tuple(added),
                f"{len(added)} fiches ajoutées le {when}",
                f"Fiches ajoutées à l'offre le {when} : " + " ; ".join(names) + more + ".",
                scope,
            )
        )
    return events


def latest_events(
    catalog: Catalog, dids: Iterable[str], scope: str, limit: int | None = None
) -> list[Event]:
    """Events of the records `dids`, most recent first (at most `limit`)."""
    today = catalog.latest_date()
    schemes = [catalog.dispositifs[did] for did in dids]
    events = [e for scheme in schemes for e in scheme_events(scheme, today)]
    events += creation_events(schemes, scope)
    events.sort(key=lambda e: (-e.day.toordinal(), e.entry_id))
    return events if limit is None else events[:limit]


def same_day_updates_grouped(events: list[Event], scope: str) -> list[Event]:
    """`events` with the content updates of one day made one entry ("23 fiches mises à
    jour le …"), for a reader who scans a short list: a review that touches many records
    on one day would otherwise fill it. Feeds keep one entry per record, each saying what
    changed."""
    updates: dict[date, list[Event]] = defaultdict(list)
    for event in events:
        if event.kind == "modifie" and event.scheme is not None:
            updates[event.day].append(event)
    grouped: dict[date, Event] = {}
    for day, same_day in updates.items():
        if len(same_day) < 2:
            continue
        schemes = tuple(sorted((e.schemes[0] for e in same_day), key=lambda d: d.id))
        when = dates.format_fr(day)
        names = [d.titre for d in schemes[:GROUP_NAMES]]
        more = " ; …" if len(schemes) > GROUP_NAMES else ""
        grouped[day] = Event(
            day,
            "modifie",
            day.isoformat(),
            schemes,
            f"{len(schemes)} fiches mises à jour le {when}",
            f"Fiches mises à jour le {when} : " + " ; ".join(names) + more + ".",
            scope,
        )
    result: list[Event] = []
    for event in events:
        group = grouped.get(event.day) if event.kind == "modifie" else None
        if group is None:
            result.append(event)
        elif group not in result:
            result.append(group)
    return result
