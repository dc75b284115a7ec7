"""The files of the search, with content-hashed names so a CDN may cache them forever.

lunr.js and lunr-languages are copied from the installed MkDocs package at build time
(not vendored in this repository), together with our own scripts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..catalog import Catalog
from ..urls import SEARCH_ASSETS_FOLDER as FOLDER
from ..urls import hashed_name
from .communes import communes_table
from .index import build_facet_table, build_index_and_postings, dumps
from .text import LUNR_FR_JS, LUNR_JS, LUNR_STEMMER_SUPPORT_JS

SCRIPTS = Path(__file__).parent / "js"


@dataclass
class SearchAssets:
    """Site-relative URLs of each search file, and the files themselves."""

    urls: dict[str, str] = field(default_factory=dict)
    files: dict[str, str | bytes] = field(default_factory=dict)

    def add(self, name: str, stem: str, content: str | bytes, suffix: str) -> None:
        path = f"{FOLDER}/{hashed_name(stem, content, suffix)}"
        self.urls[name] = path
        self.files[path] = content


def build_search_assets(catalog: Catalog) -> SearchAssets:
    assets = SearchAssets()
    assets.add("lunr", "lunr", LUNR_JS.read_bytes(), ".js")
    assets.add("lunr_support", "lunr.stemmer.support", LUNR_STEMMER_SUPPORT_JS.read_bytes(), ".js")
    assets.add("lunr_fr", "lunr.fr", LUNR_FR_JS.read_bytes(), ".js")
    assets.add("texte", "texte", (SCRIPTS / "texte.js").read_bytes(), ".js")
    assets.add("commune", "commune", (SCRIPTS / "commune.js").read_bytes(), ".js")
    assets.add("recherche", "recherche", (SCRIPTS / "recherche.js").read_bytes(), ".js")
    _, postings = build_index_and_postings(catalog)
    assets.add("index", "index", dumps(postings), ".json")
    assets.add("fiches", "fiches", dumps(build_facet_table(catalog).to_json()), ".json")
    assets.add("communes", "communes", dumps(communes_table(catalog)), ".json")
    return assets
