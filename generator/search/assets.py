"""The files of the search, with content-hashed names so a CDN may cache them forever.

Our scripts and stylesheet are copied from `js/` and `css/`; the index files come from
`index.py`. Nothing is fetched from outside the site.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .. import folding
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


def script(name: str) -> bytes:
    """One of our scripts as shipped: texte.js with the folding table written into it."""
    path = HERE / "js" / f"{name}.js"
    return folding.script_with_table(path) if name == "texte" else path.read_bytes()


def build_search_assets(catalog: Catalog) -> SearchAssets:
    assets = SearchAssets()
    for name in SCRIPTS:
        assets.add(name, name, script(name), ".js")
    bundle = b"\n".join(script(name) for name in SEARCH_PAGE_SCRIPTS)
    assets.add("recherche", "recherche", bundle, ".js")
    assets.add("recherche_css", "recherche", (HERE / "css" / "recherche.css").read_bytes(), ".css")
    assets.add("communes", "communes", dumps(communes_table(catalog)), ".json")
    index, parts = place_files(catalog)
    for code, part in parts.items():
        assets.add(f"lieux-{code}", f"lieux-{code}", dumps(part), ".json")
        index["parties"][code] = assets.urls[f"lieux-{code}"].rsplit("/", 1)[-1]
    assets.add("lieux", "lieux", dumps(index), ".json")
    search = build_search_files(catalog)
    for path, content in search.files.items():
        assets.files[f"{FOLDER}/{path}"] = content
    assets.urls["index"] = f"{FOLDER}/{search.index}"
    return assets
