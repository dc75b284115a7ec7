"""The only code that turns ids into paths and URLs.

Partners link to these addresses, so they are part of the public contract: a scheme's
URL depends only on its id, never on its title, provider or territory. Every URL here
is relative to the site root (no leading slash); pages link to each other with
`relative()`, so the site works from any sub-path of any host.
"""

from __future__ import annotations

import posixpath

SECTIONS = {
    "dispositif": "dispositifs",
    "territoire": "territoires",
    "porteur": "porteurs",
    "thematique": "thematiques",
    "public": "publics",
}


def page_url(kind: str, ident: str | None = None) -> str:
    """`page_url("dispositif", "cej")` → `dispositifs/cej/`; without id, the section index."""
    section = SECTIONS[kind]
    return f"{section}/{ident}/" if ident else f"{section}/"


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


SEARCH_URL = "recherche/"
FEED_URL = "flux/dispositifs.xml"
DATA_URL = "donnees/"
EMBED_INDEX_URL = "integrer/"
