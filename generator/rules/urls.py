"""The only code that turns ids into paths and URLs.

Partners link to these addresses, so they are part of the public contract: a scheme's
URL depends only on its id, never on its title, provider or territory. Every URL here
is relative to the site root (no leading slash); pages link to each other with
`relative()`, so the site works from any sub-path of any host.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
import unicodedata
from collections.abc import Iterable

from .folding import fold

SECTIONS = {
    "dispositif": "dispositifs",
    "territoire": "territoires",
    "porteur": "porteurs",
    "thematique": "thematiques",
    "public": "publics",
    "lieu": "lieux",
    "priorite": "priorites",
}


def slugify(text: str) -> str:
    """An id from a name (territories from the official file, provisional territories).

    Ids are permanent addresses, so the rules are ours and fixed by tests rather than a
    transliteration library's table that could change with an upgrade: the site's one
    folding (`folding.fold`: ligatures expanded, œ → oe, accents stripped, lowercase), and
    every run of spaces and punctuation — any dash, any apostrophe — one hyphen:
    "Île-d’Yeu" → "ile-d-yeu". Other non-ASCII characters (symbols such as "°", other
    scripts) are dropped, as they always were, so "n°2" stays "n2".
    """
    kept = "".join(
        char if char.isascii() else " " if unicodedata.category(char)[0] in "PZ" else ""
        for char in fold(text)
    )
    return re.sub(r"[^a-z0-9]+", "-", kept).strip("-")


# Pages with an id: `{id}` is replaced by the record's id. Handed as they are to the
# browser (`js_patterns()`), so no script writes an address itself.
PATTERNS = {
    **{kind: f"{section}/{{id}}/" for kind, section in SECTIONS.items()},
    "livret": f"{SECTIONS['territoire']}/{{id}}/livret/",
    "livret_liste": f"{SECTIONS['territoire']}/{{id}}/livret/liste/",
    "lieux_territoire": f"{SECTIONS['territoire']}/{{id}}/lieux/",
    "integrer": "integrer/{id}/",
    "flux_territoire": "flux/territoires/{id}.xml",
    "donnees_territoire": "donnees/territoires/{id}.json",
}

# Pages without an id, generated or written in docs/.
HOME_URL = ""
SEARCH_URL = "recherche/"
SELECTION_URL = "selection/"
"""« Ma sélection »: its state is in the address after `#`, never sent to the host."""
SITE_MAP_URL = "plan/"
DATA_URL = "donnees/"
EMBED_INDEX_URL = "integrer/"
ABOUT_URL = "a-propos/"
ACCESSIBILITY_URL = "accessibilite/"
LEGAL_URL = "mentions-legales/"
REPORT_URL = "rapport/"
OTHER_KINDS_URL = "instances-plans-information/"
"""Records that are not schemes to mobilise: governance bodies, plans, information."""

# Files: stable addresses partners download or link to.
FEED_URL = "flux/dispositifs.xml"
FEED_STYLESHEET_URL = "flux/flux.xsl"
"""Turns a feed opened in a browser into a readable page (its CSS is beside it)."""
FEED_CSS_URL = "flux/flux.css"
OPEN_DATA_JSON_URL = "donnees/offre.json"
OPEN_DATA_SCHEMA_URL = "donnees/offre.schema.json"
OPEN_DATA_CSV_URL = "donnees/offre.csv"
OPEN_DATA_PLACES_CSV_URL = "donnees/lieux.csv"
DATA_INCLUSION_STRUCTURES_URL = "donnees/data-inclusion/structures.json"
DATA_INCLUSION_SERVICES_URL = "donnees/data-inclusion/services.json"
REPORT_FILE = "rapport/index.html"
REPORT_JSON_FILE = "rapport/rapport.json"

# Folders of files with content-hashed names (cacheable forever), and theme assets.
SEARCH_ASSETS_FOLDER = "recherche"
EMBED_SCRIPT_FOLDER = "integrer"
QR_LICENCE_FILE = f"{SEARCH_ASSETS_FOLDER}/qrcode-generator.LICENSE.txt"
"""Licence of the QR code library the selection page loads, served beside it."""
THEME_STYLESHEET = "assets/offre/offre.css"
THEME_SCRIPT = "assets/offre/offre.js"
FAVICON = "assets/images/favicon.png"  # Material's, copied by the theme


def page_url(kind: str, ident: str | None = None) -> str:
    """`page_url("dispositif", "cej")` → `dispositifs/cej/`; without id, the section index."""
    return f"{SECTIONS[kind]}/{ident}/" if ident else f"{SECTIONS[kind]}/"


def territory_booklet_url(ident: str) -> str:
    return PATTERNS["livret"].format(id=ident)


def territory_list_booklet_url(ident: str) -> str:
    """The booklet's compact list (a few A4 pages), beside the full booklet."""
    return PATTERNS["livret_liste"].format(id=ident)


def territory_places_url(ident: str) -> str:
    """Where to go in a territory: its places, by network (the no-script answer of the
    commune boxes, so no scheme page lists every place)."""
    return PATTERNS["lieux_territoire"].format(id=ident)


def embed_url(ident: str) -> str:
    return PATTERNS["integrer"].format(id=ident)


def embed_file(ident: str) -> str:
    """The standalone file behind `embed_url` (a produced file, not a theme page)."""
    return output_path(embed_url(ident))


def territory_feed_url(ident: str) -> str:
    return PATTERNS["flux_territoire"].format(id=ident)


def territory_data_url(ident: str) -> str:
    return PATTERNS["donnees_territoire"].format(id=ident)


def hashed_name(stem: str, content: str | bytes, suffix: str) -> str:
    """`index.3f2a…json`: a name that changes with the content, so a CDN may cache the
    file forever."""
    raw = content.encode("utf-8") if isinstance(content, str) else content
    return f"{stem}.{hashlib.sha256(raw).hexdigest()[:12]}{suffix}"


def group_digest(contents: Iterable[str]) -> str:
    """The hash a group of files shares in their names (`fiches/{n}.{h}.json`): it changes
    when any of them changes, so the group may be cached forever under its names."""
    return hashlib.sha256("\n".join(contents).encode("utf-8")).hexdigest()[:12]


def hashed_path(folder: str, stem: str, content: str | bytes, suffix: str) -> str:
    """Site path of a produced file named after its content (`hashed_name`)."""
    return f"{folder}/{hashed_name(stem, content, suffix)}"


def js_patterns() -> dict[str, str]:
    """Every address the browser builds, as data: `{id}` patterns and fixed pages.

    Written into the pages (or the search files) at build time, so `recherche.js`,
    `commune.js` and `integrer.js` fill a pattern instead of knowing a path.
    """
    return {**PATTERNS, "recherche": SEARCH_URL, "accueil": HOME_URL, "selection": SELECTION_URL}


def source_uri(url: str) -> str:
    """Markdown source path MkDocs needs for a generated page at `url`."""
    return "index.md" if url == "" else f"{url.rstrip('/')}.md"


def output_path(url: str) -> str:
    """File written for a page URL (directory URLs are served as index.html)."""
    return f"{url}index.html" if url.endswith("/") or url == "" else url


def relative(from_url: str, to_url: str) -> str:
    """Link from the page at `from_url` to `to_url`, both site-relative.

    `relative("dispositifs/cej/", "territoires/laval/")` → `../../territoires/laval/`.
    """
    base = from_url if from_url.endswith("/") or from_url == "" else posixpath.dirname(from_url)
    base = base.rstrip("/") or "."
    target = to_url.rstrip("/") or "."
    rel = posixpath.relpath(target, base)
    if to_url.endswith("/") or to_url == "":
        rel = "./" if rel == "." else rel + "/"
    return rel


def absolute_url(site_url: str | None, url: str) -> str:
    """`url` (site-relative) on the public host, for files read outside the site (feeds,
    exports, code partners paste); stays site-relative when no site_url is configured."""
    return f"{site_url.rstrip('/')}/{url}" if site_url else url
