"""Atom 1.0 feeds: `flux/dispositifs.xml` (whole offer) and `flux/territoires/<id>.xml`.

Anyone can follow the offer from a feed reader, with no account and no server. Each
entry is a real event the data dates (`generator.catalog.events`: records added, a scheme
opening, a status change, an end passed or near, a content change, a provider's
confirmation), so the feed is the same whenever it is built: no entry, and no
`<updated>`, ever comes from the build clock. Entry ids are tag: URIs made of the
scheme id (or the feed, for a group of records added the same day), the event and its
date, so a reader never shows the same event twice.

Opened in a browser, a feed reads as a French page (`flux/flux.xsl`, named by an
`<?xml-stylesheet?>` instruction, with `flux/flux.css`; no script, so the site's CSP
allows it). Each entry's content says what changed (the event) and what the record
says now on the points a partner follows: status, dates, conditions, places.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ...catalog.catalog import Catalog
from ...catalog.events import LABELS, Event, latest_events
from ...data import dates
from ...data.model import Dispositif
from ...rules import display, urls
from ...rules.display import DOUBT_STATUS, status_label
from ..richtext import plain_text
from .publication import LICENCE_NAME, LICENCE_URL, TITLE, provider_name

ATOM_NS = "http://www.w3.org/2005/Atom"
XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
XHTML_NS = "http://www.w3.org/1999/xhtml"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Atom is the default namespace of the document: no `ns0:` prefix on every element.
ET.register_namespace("", ATOM_NS)
ET.register_namespace("xhtml", XHTML_NS)
STYLE_FOLDER = Path(__file__).parent / "flux"
# Places named in an entry before "and N others".
PLACES_NAMED = 5
# What each kind of event changes, said first in the entry.
CHANGED = {
    "ajout": "la fiche entre dans l'offre",
    "nouveau": "dates (ouverture)",
    "a-venir": "dates (ouverture annoncée)",
    "statut": "statut",
    "se-termine": "dates (fin proche)",
    "termine": "dates et statut (fin)",
    "modifie": "contenu de la fiche",
    "verifie": "confirmation par le porteur",
}
# The tag: authority and the year it was minted: part of every id, so never changed.
TAG_PREFIX = "tag:offre-clefop,2026:"
# Feed ids (after TAG_PREFIX): identifiers, not addresses. They read like the first
# feeds' paths but must stay as they are even if a path changes.
WHOLE_FEED_ID = "flux/dispositifs"
TERRITORY_FEED_ID = "flux/territoires/{id}"
MAX_ENTRIES = 100

REGION_SCOPE = "region"


# ---------------------------------------------------------------------------- XML


def _timestamp(day: date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _add(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", attrs)
    element.text = text
    return element


def _summary(catalog: Catalog, event: Event) -> str:
    scheme = event.scheme
    if scheme is None:
        return event.summary
    shown = catalog.shown_status(scheme)
    parts = [
        event.summary,
        f"{status_label(shown)}."
        if shown == DOUBT_STATUS
        else f"Statut : {status_label(shown).lower()}.",
        f"Porteur : {provider_name(catalog, scheme.porteur)}.",
        scheme.resume,
    ]
    if scheme.remplace_par and scheme.remplace_par in catalog.dispositifs:
        parts.append(f"Remplacé par : {catalog.dispositifs[scheme.remplace_par].titre}.")
    return " ".join(parts)


def _xhtml(parent: ET.Element, tag: str, text: str | None = None) -> ET.Element:
    element = ET.SubElement(parent, f"{{{XHTML_NS}}}{tag}")
    element.text = text
    return element


def _status_text(catalog: Catalog, scheme: Dispositif) -> str:
    shown = catalog.shown_status(scheme)
    if shown == DOUBT_STATUS:
        return display.DOUBT_ADVICE
    label = status_label(shown).lower()
    return f"{label} {dates.since_fr(scheme.statut_depuis)}" if scheme.statut_depuis else label


def _places_text(catalog: Catalog, scheme: Dispositif, scope: str) -> str:
    lids = catalog.scheme_places.get(scheme.id, [])
    if scope != REGION_SCOPE:
        lids = [lid for lid in lids if scope in catalog.place_territories.get(lid, [])]
    if not lids:
        return "aucun lieu d'accueil connu"
    names = []
    for lid in lids[:PLACES_NAMED]:
        place = catalog.lieux[lid]
        town = catalog.geo.commune(place.adresse.commune)
        names.append(f"{place.nom} ({town.nom if town else place.adresse.commune})")
    more = len(lids) - PLACES_NAMED
    rest = f" ; et {more} autre(s)" if more > 0 else ""
    return f"{len(lids)} lieu(x) : " + " ; ".join(names) + rest


def _content(catalog: Catalog, event: Event, scope: str) -> ET.Element:
    """The entry's XHTML: what changed, then what the record says now on the points a
    partner follows (the data keeps no history of its fields: the current values)."""
    content = ET.Element(f"{{{ATOM_NS}}}content", {"type": "xhtml"})
    div = _xhtml(content, "div")
    what = _xhtml(div, "p")
    _xhtml(what, "strong", "Ce qui change : ")
    scheme = event.scheme
    if scheme is None:
        what[0].tail = event.summary
        listed = _xhtml(div, "ul")
        for added in event.schemes:
            _xhtml(listed, "li", added.titre)
        return content
    what[0].tail = f"{CHANGED[event.kind]}. {event.summary}"
    facts = _xhtml(div, "dl")
    _xhtml(facts, "dt", "Statut")
    _xhtml(facts, "dd", _status_text(catalog, scheme))
    _xhtml(facts, "dt", "Dates")
    _xhtml(facts, "dd", dates.span_fr(scheme.date_debut, scheme.date_fin))
    _xhtml(facts, "dt", "Conditions")
    if scheme.conditions:
        conditions = _xhtml(_xhtml(facts, "dd"), "ul")
        for condition in scheme.conditions:
            _xhtml(conditions, "li", plain_text(condition))
    else:
        _xhtml(facts, "dd", "non précisées par les sources")
    if scheme.is_scheme:
        _xhtml(facts, "dt", "Lieux d'accueil")
        _xhtml(facts, "dd", _places_text(catalog, scheme, scope))
    if scheme.remplace_par and scheme.remplace_par in catalog.dispositifs:
        _xhtml(facts, "dt", "Remplacé par")
        _xhtml(facts, "dd", catalog.dispositifs[scheme.remplace_par].titre)
    _xhtml(div, "p", f"Porteur : {provider_name(catalog, scheme.porteur)}. {scheme.resume}")
    return content


@dataclass(frozen=True)
class FeedInfo:
    path: str
    ident: str
    title: str
    subtitle: str
    page: str
    scope: str


def feed_element(
    catalog: Catalog, info: FeedInfo, dids: Iterable[str], site_url: str | None
) -> ET.Element:
    """The feed as an element tree (ElementTree escapes every text editors typed)."""
    events = latest_events(catalog, dids, info.scope, MAX_ENTRIES)
    updated = events[0].day if events else catalog.latest_date()
    feed = ET.Element(f"{{{ATOM_NS}}}feed", {XML_LANG: "fr"})
    if not site_url:
        # No public address (none given, or the placeholder): links stay site-relative,
        # and xml:base (RFC 4287 §2) makes them resolve from the feed's own folder.
        feed.set(XML_BASE, "../" * info.path.count("/") or "./")
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
        _add(entry, "id", TAG_PREFIX + event.entry_id)
        _add(entry, "title", event.title)
        _add(entry, "updated", _timestamp(event.day))
        scheme = event.scheme
        # A group of records added the same day links to the feed's own page.
        target = urls.page_url("dispositif", scheme.id) if scheme else info.page
        href = urls.absolute_url(site_url, target)
        _add(entry, "link", rel="alternate", type="text/html", href=href)
        _add(entry, "category", term=event.kind, label=LABELS[event.kind])
        _add(entry, "summary", _summary(catalog, event))
        entry.append(_content(catalog, event, info.scope))
    return feed


def render_feed(catalog: Catalog, info: FeedInfo, dids: Iterable[str], site_url: str | None) -> str:
    """The feed document: UTF-8 XML, indented, the same bytes for the same data."""
    feed = feed_element(catalog, info, dids, site_url)
    ET.indent(feed)
    buffer = io.BytesIO()
    ET.ElementTree(feed).write(buffer, encoding="utf-8", xml_declaration=True)
    declaration, body = buffer.getvalue().decode("utf-8").split("\n", 1)
    stylesheet = urls.relative(info.path, urls.FEED_STYLESHEET_URL)
    instruction = f'<?xml-stylesheet type="text/xsl" href="{stylesheet}"?>'
    return f"{declaration}\n{instruction}\n{body}\n"


def feed_files(catalog: Catalog, site_url: str | None) -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = {
        urls.FEED_STYLESHEET_URL: (STYLE_FOLDER / "flux.xsl").read_bytes(),
        urls.FEED_CSS_URL: (STYLE_FOLDER / "flux.css").read_bytes(),
        urls.FEED_URL: render_feed(
            catalog,
            FeedInfo(
                urls.FEED_URL,
                WHOLE_FEED_ID,
                f"{TITLE} : nouveautés",
                "Fiches ajoutées, dispositifs ouverts, changements de statut, fins proches ou "
                "passées, fiches modifiées ou confirmées par leur porteur, dans toute la région.",
                urls.HOME_URL,
                REGION_SCOPE,
            ),
            sorted(catalog.dispositifs),
            site_url,
        ),
    }
    for tid in sorted(catalog.territoires):
        territoire = catalog.territoires[tid]
        nom = display.territory_name(territoire)
        path = urls.territory_feed_url(tid)
        files[path] = render_feed(
            catalog,
            FeedInfo(
                path,
                TERRITORY_FEED_ID.format(id=tid),
                f"{TITLE} : nouveautés — {nom}",
                "Fiches ajoutées, dispositifs ouverts, changements de statut, fins proches ou "
                "passées, fiches modifiées ou confirmées par leur porteur, sur le territoire "
                f"{nom}.",
                urls.page_url("territoire", tid),
                tid,
            ),
            sorted(catalog.territory_schemes.get(tid, [])),
            site_url,
        )
    return files
