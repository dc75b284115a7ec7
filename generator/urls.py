"""The only code that turns ids into paths and URLs.

Partners link to these addresses, so they are part of the public contract: a scheme's
URL depends only on its id, never on its title, provider or territory. Every URL here
is relative to the site root (no leading slash); pages link to each other with
`relative()`, so the site works from any sub-path of any host.
"""

from __future__ import annotations

import posixpath
import re
import unicodedata

SECTIONS = {
    "dispositif": "dispositifs",
    "territoire": "territoires",
    "porteur": "porteurs",
    "thematique": "thematiques",
    "public": "publics",
}


def slugify(text: str) -> str:
    """An id from a name (territories from the official file, provisional territories):
    accents stripped, lowercase, every other non-alphanumeric run → one hyphen."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def page_url(kind: str, ident: str | None = None) -> str:
    """`page_url("dispositif", "cej")` → `dispositifs/cej/`; without id, the section index."""
    section = SECTIONS[kind]
    return f"{section}/{ident}/" if ident else f"{section}/"


def js_patterns() -> dict[str, str]:
    """Page URL patterns for scripts, which fill in `{id}`: no path is built by hand in JS."""
    return {kind: page_url(kind, "{id}") for kind in SECTIONS}


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


def territory_booklet_url(ident: str) -> str:
    return f"territoires/{ident}/livret/"


def embed_url(ident: str) -> str:
    return f"integrer/{ident}/"


def territory_feed_url(ident: str) -> str:
    return f"flux/territoires/{ident}.xml"


def territory_data_url(ident: str) -> str:
    return f"donnees/territoires/{ident}.json"


def absolute_url(site_url: str | None, url: str) -> str:
    """`url` (site-relative) on the public host, for files read outside the site (feeds,
    exports); stays site-relative when no site_url is configured."""
    return f"{site_url.rstrip('/')}/{url}" if site_url else url


# Open data files (exports): stable addresses partners download or link to.
OPEN_DATA_JSON_URL = "donnees/offre.json"
OPEN_DATA_SCHEMA_URL = "donnees/offre.schema.json"
OPEN_DATA_CSV_URL = "donnees/offre.csv"
DATA_INCLUSION_STRUCTURES_URL = "donnees/data-inclusion/structures.json"
DATA_INCLUSION_SERVICES_URL = "donnees/data-inclusion/services.json"


SEARCH_URL = "recherche/"
SITE_MAP_URL = "plan/"
FEED_URL = "flux/dispositifs.xml"
DATA_URL = "donnees/"
EMBED_INDEX_URL = "integrer/"


def embed_file(ident: str) -> str:
    """The standalone file behind `embed_url` (a produced file, not a theme page)."""
    return output_path(embed_url(ident))


def absolute(site_url: str, url: str) -> str:
    """Absolute address of a site-relative URL, for code partners paste on other sites."""
    return site_url.rstrip("/") + "/" + url


EMBED_SCRIPT_FOLDER = "integrer"
REPORT_URL = "rapport/"
REPORT_FILE = "rapport/index.html"
REPORT_JSON_FILE = "rapport/rapport.json"
