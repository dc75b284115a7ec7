"""What every export shares: the licence, the JSON writer, scheme helpers, plain text."""

from __future__ import annotations

import html
import json
import re
from datetime import date
from typing import Any

from .. import dates, urls
from ..catalog import Catalog
from ..model import Dispositif
from ..site.richtext import render_markdown

LICENCE_NAME = "Licence Ouverte 2.0"
LICENCE_URL = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"
LICENCE = {"nom": LICENCE_NAME, "url": LICENCE_URL}
TITLE = "Offre de services des Clefop des Pays de la Loire"
SOURCE = (
    "Offre de services des Clefop des Pays de la Loire, d'après les sources publiques "
    "citées dans chaque fiche (porteurs des dispositifs)."
)
# Statuses whose schemes can still be mobilised or resume: the only ones published to
# data·inclusion, whose consumers show services people can use today.
CURRENT_STATUSES = ("actif", "suspendu")


def dumps(data: Any) -> str:
    """Stable JSON: UTF-8 characters kept, key order as built, final newline.

    Compact rather than indented: the indented form goes through the json module's
    pure-Python encoder, several seconds at 10,000 schemes; any JSON viewer indents.
    """
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def scheme_url(did: str) -> str:
    return urls.page_url("dispositif", did)


def record_date(scheme: Dispositif) -> date:
    """Last date the scheme's record changed, was read from its sources or confirmed."""
    return max(d for d in (scheme.consulte_le, scheme.modifie_le, scheme.verifie_le) if d)


def is_ended(scheme: Dispositif, today: date) -> bool:
    return scheme.date_fin is not None and dates.latest(scheme.date_fin) < today


def provider_name(catalog: Catalog, pid: str) -> str:
    porteur = catalog.porteurs.get(pid)
    return porteur.nom if porteur else pid


# ---------------------------------------------------------------------------- plain text

_PARAGRAPH_END = re.compile(r"</(p|h[1-6]|blockquote|table|ul|ol)>\n?")
_LINE_END = re.compile(r"(</(li|tr)>|<br\s*/?>)\n?")
_LIST_ITEM = re.compile(r"<li>")
_CELL_END = re.compile(r"</t[dh]>\n?")
_LINK = re.compile(r'<a\s[^>]*?href="([^"]*)"[^>]*>(.*?)</a>', re.S)
_TAG = re.compile(r"<[^>]+>")
_BLANKS = re.compile(r"\n{3,}")
_SPACES = re.compile(r"[ \t]+")


def plain_text(markdown: str) -> str:
    """Editor Markdown as plain text, for formats that carry no markup.

    Goes through the same sanitiser as the pages, so a script or style block an editor
    pasted is dropped here too instead of surfacing as text.
    """
    safe = render_markdown(markdown)
    # Keep link targets: the reader of plain text has no other way to follow them.
    safe = _LINK.sub(_link_text, safe)
    safe = _LIST_ITEM.sub("- ", safe)
    safe = _CELL_END.sub(" ", safe)
    safe = _PARAGRAPH_END.sub("\n\n", safe)
    safe = _LINE_END.sub("\n", safe)
    text = html.unescape(_TAG.sub("", safe))
    lines = [_SPACES.sub(" ", line).strip() for line in text.splitlines()]
    return _BLANKS.sub("\n\n", "\n".join(lines)).strip()


def _link_text(match: re.Match[str]) -> str:
    href, label = match.group(1), match.group(2)
    shown = html.unescape(_TAG.sub("", label)).strip()
    return label if shown == html.unescape(href) else f"{label} ({href})"
