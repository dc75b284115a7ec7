"""The "Où s'adresser" box of scheme pages: its script and the commune → places table.

A scheme page lists, without JavaScript, the places that deliver the scheme, by
territory. With JavaScript, the reader types a commune (found with the commune table
the site already ships for "which territory is this commune in", `search.communes`)
and the script keeps the places that serve it, looked up in the table made here: one
file for the whole site, cached forever (content-hashed name), not one per page.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .. import urls
from ..catalog import Catalog
from ..model import Dispositif
from .context import PlaceBoxContext
from .place_helpers import PlaceHelpers

SCRIPT = Path(__file__).parent / "js" / "lieux.js"
# Files the box needs, by the name pages know them by (the first three are the search's).
BOX_ASSETS = ("texte", "commune", "communes", "ou_s_adresser", "lieux_communes")


def places_table(catalog: Catalog) -> dict[str, Any]:
    """`{"lieux": [ids], "communes": {insee: [index in lieux]}}`, ids A–Z."""
    lids = sorted(catalog.lieux)
    index = {lid: n for n, lid in enumerate(lids)}
    communes = {
        code: sorted(index[lid] for lid in places)
        for code, places in sorted(catalog.commune_places.items())
    }
    return {"version": 1, "lieux": lids, "communes": communes}


def box_files(catalog: Catalog) -> tuple[dict[str, str | bytes], dict[str, str]]:
    """The box's files and the names pages know them by."""
    script = SCRIPT.read_bytes()
    table = json.dumps(places_table(catalog), ensure_ascii=False, separators=(",", ":"))
    files: dict[str, str | bytes] = {}
    names: dict[str, str] = {}
    for name, stem, content, suffix in (
        ("ou_s_adresser", "ou-s-adresser", script, ".js"),
        ("lieux_communes", "lieux-communes", table, ".json"),
    ):
        path = urls.hashed_path(urls.SEARCH_ASSETS_FOLDER, stem, content, suffix)
        files[path] = content
        names[name] = path
    return files, names


def place_box(helpers: PlaceHelpers, scheme: Dispositif, assets: dict[str, str]) -> PlaceBoxContext:
    """What the "Où s'adresser" section of a scheme page shows."""
    lids = helpers.catalog.scheme_places.get(scheme.id, [])
    return PlaceBoxContext(
        count=len(lids),
        by_territory=helpers.by_territory(lids),
        outside=helpers.outside_territories(lids),
        assets=assets,
    )
