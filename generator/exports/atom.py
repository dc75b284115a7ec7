"""Atom 1.0 feeds: `flux/dispositifs.xml` (whole offer) and `flux/territoires/<id>.xml`.

Anyone can follow the offer from a feed reader, with no account and no server. Each
entry is an event the data dates (a record updated or checked, a scheme opening, an
announced or past end), so the feed is the same whenever it is built: no entry, and no
`<updated>`, ever comes from the build clock. Entry ids are tag: URIs made of the
scheme id, the event and its date, so a reader never shows the same event twice.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from xml.sax.saxutils import escape, quoteattr

from .. import dates, urls
from ..catalog import Catalog
from ..model import Dispositif
from ..site.pages import STATUS_LABELS
from .common import LICENCE_NAME, LICENCE_URL, TITLE, provider_name, scheme_url

ATOM_NS = "http://www.w3.org/2005/Atom"
# The tag: authority and the year it was minted: part of every id, so never changed.
TAG_PREFIX = "tag:offre-clefop,2026:"
MAX_ENTRIES = 100

EVENT_LABELS = {
    "modifie": "Fiche mise à jour",
    "verifie": "Fiche vérifiée",
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


def _attrs(attrs: dict[str, str]) -> str:
    return "".join(f" {name}={quoteattr(value)}" for name, value in attrs.items())


def _element(indent: int, tag: str, text: str | None = None, **attrs: str) -> str:
    """One line of XML; text and attribute values escaped (they come from editors)."""
    pad = "  " * indent
    if text is None:
        return f"{pad}<{tag}{_attrs(attrs)}/>"
    return f"{pad}<{tag}{_attrs(attrs)}>{escape(text)}</{tag}>"


def _summary(catalog: Catalog, event: Event) -> str:
    scheme = event.scheme
    status = STATUS_LABELS[scheme.statut]
    parts = [
        event.summary,
        f"Statut : {status.lower()}.",
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


def render_feed(catalog: Catalog, info: FeedInfo, dids: Iterable[str], site_url: str | None) -> str:
    events = latest_events(catalog, dids)
    updated = events[0].day if events else catalog.latest_date()
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="{ATOM_NS}" xml:lang="fr">',
        _element(1, "id", f"{TAG_PREFIX}{info.ident}"),
        _element(1, "title", info.title),
        _element(1, "subtitle", info.subtitle),
        _element(1, "updated", _timestamp(updated)),
        _element(
            1,
            "link",
            rel="self",
            type="application/atom+xml",
            href=urls.absolute_url(site_url, info.path),
        ),
        _element(
            1,
            "link",
            rel="alternate",
            type="text/html",
            href=urls.absolute_url(site_url, info.page),
        ),
        "  <author>",
        _element(2, "name", TITLE),
    ]
    if site_url:
        lines.append(_element(2, "uri", urls.absolute_url(site_url, "")))
    lines += ["  </author>", _element(1, "rights", f"Données sous {LICENCE_NAME} ({LICENCE_URL}).")]
    for event in events:
        lines += [
            "  <entry>",
            _element(2, "id", event.entry_id),
            _element(2, "title", event.title),
            _element(2, "updated", _timestamp(event.day)),
            _element(
                2,
                "link",
                rel="alternate",
                type="text/html",
                href=urls.absolute_url(site_url, scheme_url(event.scheme.id)),
            ),
            _element(2, "category", term=event.kind, label=EVENT_LABELS[event.kind]),
            _element(2, "summary", _summary(catalog, event)),
            "  </entry>",
        ]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"


def feed_files(catalog: Catalog, site_url: str | None) -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = {
        urls.FEED_URL: render_feed(
            catalog,
            FeedInfo(
                urls.FEED_URL,
                "flux/dispositifs",
                f"{TITLE} : nouveautés",
                "Dispositifs nouveaux, mis à jour, vérifiés ou terminés, dans toute la région.",
                "",
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
                f"flux/territoires/{tid}",
                f"{TITLE} : nouveautés — {nom}",
                f"Dispositifs nouveaux, mis à jour, vérifiés ou terminés, mobilisables sur le "
                f"territoire {nom}.",
                urls.page_url("territoire", tid),
            ),
            sorted(catalog.territory_schemes.get(tid, [])),
            site_url,
        )
    return files
