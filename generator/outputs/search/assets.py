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

from ...catalog.catalog import Catalog
from ...rules import folding
from ...rules.urls import SEARCH_ASSETS_FOLDER as FOLDER
from ...rules.urls import hashed_path
from .communes import communes_table
from .compact_json import dumps
from .index import build_search_files
from .places import place_files

HERE = Path(__file__).parent
# The home page's commune box loads texte.js and commune.js. The search page loads two
# files, both `async` from <head>: the engine first (small, so it arrives early:
# depart.js opens the index and fetches the first query's files at once), and the page
# itself (commune, places, results), which depart.js starts once the page is read.
SCRIPTS = ("texte", "commune")
SEARCH_ENGINE_SCRIPTS = ("texte", "moteur", "depart")
SEARCH_PAGE_SCRIPTS = ("commune", "lieux", "recherche")


@dataclass
class SearchAssets:
    """Site-relative URLs of each search file, and the files themselves."""

    urls: dict[str, str] = field(default_factory=dict)
    files: dict[str, str | bytes] = field(default_factory=dict)

    def add(self, name: str, stem: str, content: str | bytes, suffix: str) -> None:
        path = hashed_path(FOLDER, stem, content, suffix)
        self.urls[name] = path
        self.files[path] = content


def script(name: str) -> bytes:
    """One of our scripts as shipped: texte.js with the folding table written into it."""
    path = HERE / "js" / f"{name}.js"
    return folding.script_with_table(path) if name == "texte" else path.read_bytes()


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
    for name in SCRIPTS:
        assets.add(name, name, script(name), ".js")
    for name, scripts in (("moteur", SEARCH_ENGINE_SCRIPTS), ("recherche", SEARCH_PAGE_SCRIPTS)):
        bundle = b"\n".join(script(part) for part in scripts)
        assets.add(name, name, bundle, ".js")
    assets.add("recherche_css", "recherche", (HERE / "css" / "recherche.css").read_bytes(), ".css")
    assets.add("communes", "communes", dumps(communes_table(catalog)), ".json")
    index, parts, departements = place_files(catalog)
    for number, (communes, part) in enumerate(parts):
        # Named after its first commune; two parts with the same places are still two
        # files, each tiny, so a commune's part never depends on another's.
        name = f"lieux-{communes[0]}"
        assets.add(name, name, dumps(part), ".json")
        index["parties"].append(assets.urls[name].rsplit("/", 1)[-1])
        for code in communes:
            index["communes"][code] = number
    for code, part in departements.items():
        name = f"lieux-departement-{code}"
        assets.add(name, name, dumps(part), ".json")
        index["departements"][code] = assets.urls[name].rsplit("/", 1)[-1]
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
