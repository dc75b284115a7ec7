"""The files of the search, with content-hashed names so a CDN may cache them forever.

Our scripts and stylesheet are copied from `js/` and `css/`; the index files come from
`index.py`. Nothing is fetched from outside the site.

Two parts, made at different times of a build: `page_assets` (scripts, stylesheet,
communes and places tables: cheap, and linked from many pages) before the pages, and
`index_assets` (the full-text index: the costly part, linked from the search page only)
beside them, on the other core. `build_search_assets` makes both.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..catalog import Catalog
from ..urls import SEARCH_ASSETS_FOLDER as FOLDER
from ..urls import hashed_path
from .communes import communes_table
from .index import build_search_files, dumps
from .places import place_files

HERE = Path(__file__).parent
# The home page's commune box loads texte.js and commune.js; the search page loads one
# file (fewer requests, and `async`: it starts before the theme's own script has run).
SCRIPTS = ("texte", "commune")
SEARCH_PAGE_SCRIPTS = ("texte", "moteur", "commune", "lieux", "recherche")


@dataclass
class SearchAssets:
    """Site-relative URLs of each search file, and the files themselves."""

    urls: dict[str, str] = field(default_factory=dict)
    files: dict[str, str | bytes] = field(default_factory=dict)

    def add(self, name: str, stem: str, content: str | bytes, suffix: str) -> None:
        path = hashed_path(FOLDER, stem, content, suffix)
        self.urls[name] = path
        self.files[path] = content


def build_search_assets(catalog: Catalog) -> SearchAssets:
    """Every search file, and the names pages know them by."""
    assets = page_assets(catalog)
    index = index_assets(catalog)
    assets.urls.update(index.urls)
    assets.files.update(index.files)
    return assets


def page_assets(catalog: Catalog) -> SearchAssets:
    """The search files pages link to, but the full-text index."""
    assets = SearchAssets()
    for script in SCRIPTS:
        assets.add(script, script, (HERE / "js" / f"{script}.js").read_bytes(), ".js")
    bundle = b"\n".join(
        (HERE / "js" / f"{script}.js").read_bytes() for script in SEARCH_PAGE_SCRIPTS
    )
    assets.add("recherche", "recherche", bundle, ".js")
    assets.add("recherche_css", "recherche", (HERE / "css" / "recherche.css").read_bytes(), ".css")
    assets.add("communes", "communes", dumps(communes_table(catalog)), ".json")
    index, parts = place_files(catalog)
    for code, part in parts.items():
        assets.add(f"lieux-{code}", f"lieux-{code}", dumps(part), ".json")
        index["parties"][code] = assets.urls[f"lieux-{code}"].rsplit("/", 1)[-1]
    assets.add("lieux", "lieux", dumps(index), ".json")
    return assets


def index_assets(catalog: Catalog) -> SearchAssets:
    """The full-text index (named `index`) and the files it reaches."""
    assets = SearchAssets()
    search = build_search_files(catalog)
    for path, content in search.files.items():
        assets.files[f"{FOLDER}/{path}"] = content
    assets.urls["index"] = f"{FOLDER}/{search.index}"
    return assets
