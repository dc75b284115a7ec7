"""Atom 1.0 feeds: `flux/dispositifs.xml` (whole offer) and `flux/territoires/<id>.xml`.

Anyone can follow the offer from a feed reader, with no account and no server. Each
entry is an event the data dates (a record updated or checked, a scheme opening, an
announced or past end), so the feed is the same whenever it is built: no entry, and no
`<updated>`, ever comes from the build clock. Entry ids are tag: URIs made of the
scheme id, the event and its date, so a reader never shows the same event twice.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from .. import dates, urls
from ..catalog import Catalog
from ..display import status_label
from ..model import Dispositif
from .common import LICENCE_NAME, LICENCE_URL, TITLE, provider_name

ATOM_NS = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Atom is the default namespace of the document: no `ns0:` prefix on every element.
ET.register_namespace("", ATOM_NS)
# The tag: authority and the year it was minted: part of every id, so never changed.
TAG_PREFIX = "tag:offre-clefop,2026:"
# Feed ids (after TAG_PREFIX): identifiers, not addresses. They read like the first
# feeds' paths but must stay as they are even if a path changes.
WHOLE_FEED_ID = "flux/dispositifs"
TERRITORY_FEED_ID = "flux/territoires/{id}"
MAX_ENTRIES = 100

EVENT_LABELS = {
    "modifie": "Fiche mise à jour",
    "verifie": "Vérifiée auprès du porteur",
    "nouveau": "Nouveau dispositif",
    "a-venir": "Ouverture annoncée",
    "se-termine": "Fin annoncée",
    "termine": "Dispositif terminé",
}


@dataclass(frozen=True)
class Event:
    day: date
    kind: str
    key: str
    """Date as the data states it (full or partial): with kind and id, the entry id."""
    scheme: Dispositif
    title: str
    summary: str

    @property
    def entry_id(self) -> str:
        return f"{TAG_PREFIX}dispositif/{self.scheme.id}/{self.kind}/{self.key}"


def scheme_events(scheme: Dispositif, today: date) -> list[Event]:
    """The dated events of one scheme; `today` is the data's latest date, not the clock."""
    titre = scheme.titre
    # The date a future opening or end was recorded, for events that have not happened.
    recorded = scheme.modifie_le or scheme.consulte_le
    events: list[Event] = []

    def add(day: date, kind: str, key: str, title: str, detail: str) -> None:
        events.append(Event(day, kind, key, scheme, title, detail))

    if scheme.modifie_le:
        add(
            scheme.modifie_le,
            "modifie",
            scheme.modifie_le.isoformat(),
            f"Fiche mise à jour : {titre}",
            f"Fiche mise à jour le {dates.format_fr(scheme.modifie_le)}.",
        )
    # Only a provider's confirmation is an event; reading the sources again is not.
    if scheme.verifie_le and scheme.verifie_le != scheme.modifie_le:
        add(
            scheme.verifie_le,
            "verifie",
            scheme.verifie_le.isoformat(),
            f"Fiche vérifiée auprès du porteur : {titre}",
            f"Vérifiée auprès du porteur le {dates.format_fr(scheme.verifie_le)}.",
        )
    if scheme.date_debut:
        start = dates.earliest(scheme.date_debut)
        if start <= today:
            add(
                start,
                "nouveau",
                scheme.date_debut,
                f"Nouveau : {titre}",
                f"Dispositif ouvert {dates.on_fr(scheme.date_debut)}.",
            )
        else:
            add(
                recorded,
                "a-venir",
                scheme.date_debut,
                f"À venir : {titre}",
                f"Ouverture prévue {dates.on_fr(scheme.date_debut)}.",
            )
    if scheme.date_fin:
        end = dates.latest(scheme.date_fin)
        if end < today:
            add(
                end,
                "termine",
                scheme.date_fin,
                f"Terminé : {titre}",
                f"Dispositif terminé {dates.on_fr(scheme.date_fin)}.",
            )
        else:
            add(
                recorded,
                "se-termine",
                scheme.date_fin,
                f"Se termine {dates.on_fr(scheme.date_fin)} : {titre}",
                f"Fin prévue {dates.on_fr(scheme.date_fin)}.",
            )
    return events


def latest_events(catalog: Catalog, dids: Iterable[str]) -> list[Event]:
    today = catalog.latest_date()
    events = [e for did in dids for e in scheme_events(catalog.dispositifs[did], today)]
    events.sort(key=lambda e: (-e.day.toordinal(), e.scheme.id, e.kind))
    return events[:MAX_ENTRIES]


# ---------------------------------------------------------------------------- XML


def _timestamp(day: date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _add(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", attrs)
    element.text = text
    return element


def _summary(catalog: Catalog, event: Event) -> str:
    scheme = event.scheme
    parts = [
        event.summary,
        f"Statut : {status_label(catalog.shown_status(scheme)).lower()}.",
        f"Porteur : {provider_name(catalog, scheme.porteur)}.",
        scheme.resume,
    ]
    if scheme.remplace_par and scheme.remplace_par in catalog.dispositifs:
        parts.append(f"Remplacé par : {catalog.dispositifs[scheme.remplace_par].titre}.")
    return " ".join(parts)


@dataclass(frozen=True)
class FeedInfo:
    path: str
    ident: str
    title: str
    subtitle: str
    page: str


def feed_element(
    catalog: Catalog, info: FeedInfo, dids: Iterable[str], site_url: str | None
) -> ET.Element:
    """The feed as an element tree (ElementTree escapes every text editors typed)."""
    events = latest_events(catalog, dids)
    updated = events[0].day if events else catalog.latest_date()
    feed = ET.Element(f"{{{ATOM_NS}}}feed", {XML_LANG: "fr"})
    _add(feed, "id", f"{TAG_PREFIX}{info.ident}")
    _add(feed, "title", info.title)
    _add(feed, "subtitle", info.subtitle)
    _add(feed, "updated", _timestamp(updated))
    self_link = urls.absolute_url(site_url, info.path)
    _add(feed, "link", rel="self", type="application/atom+xml", href=self_link)
    page_link = urls.absolute_url(site_url, info.page)
    _add(feed, "link", rel="alternate", type="text/html", href=page_link)
    author = _add(feed, "author")
    _add(author, "name", TITLE)
    if site_url:
        _add(author, "uri", urls.absolute_url(site_url, urls.HOME_URL))
    _add(feed, "rights", f"Données sous {LICENCE_NAME} ({LICENCE_URL}).")
    for event in events:
        entry = _add(feed, "entry")
        _add(entry, "id", event.entry_id)
        _add(entry, "title", event.title)
        _add(entry, "updated", _timestamp(event.day))
        href = urls.absolute_url(site_url, urls.page_url("dispositif", event.scheme.id))
        _add(entry, "link", rel="alternate", type="text/html", href=href)
        _add(entry, "category", term=event.kind, label=EVENT_LABELS[event.kind])
        _add(entry, "summary", _summary(catalog, event))
    return feed


def render_feed(catalog: Catalog, info: FeedInfo, dids: Iterable[str], site_url: str | None) -> str:
    """The feed document: UTF-8 XML, indented, the same bytes for the same data."""
    feed = feed_element(catalog, info, dids, site_url)
    ET.indent(feed)
    buffer = io.BytesIO()
    ET.ElementTree(feed).write(buffer, encoding="utf-8", xml_declaration=True)
    return buffer.getvalue().decode("utf-8") + "\n"


def feed_files(catalog: Catalog, site_url: str | None) -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = {
        urls.FEED_URL: render_feed(
            catalog,
            FeedInfo(
                urls.FEED_URL,
                WHOLE_FEED_ID,
                f"{TITLE} : nouveautés",
                "Dispositifs nouveaux, mis à jour, vérifiés ou terminés, dans toute la région.",
                urls.HOME_URL,
            ),
            sorted(catalog.dispositifs),
            site_url,
        )
    }
    for tid in sorted(catalog.territoires):
        nom = catalog.territoires[tid].nom
        path = urls.territory_feed_url(tid)
        files[path] = render_feed(
            catalog,
            FeedInfo(
                path,
                TERRITORY_FEED_ID.format(id=tid),
                f"{TITLE} : nouveautés — {nom}",
                f"Dispositifs nouveaux, mis à jour, vérifiés ou terminés, mobilisables sur le "
                f"territoire {nom}.",
                urls.page_url("territoire", tid),
            ),
            sorted(catalog.territory_schemes.get(tid, [])),
            site_url,
        )
    return files
