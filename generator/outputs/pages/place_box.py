"""The "Où s'adresser" box of scheme pages: its script and what each page shows.

A scheme page lists, without JavaScript, the places that deliver the scheme, by
territory, then the official directories of the scheme's networks (or its provider's
website), and, apart, what France services do when the rule of reseaux.yaml asks for
them. With JavaScript, the reader types a commune (found with the commune table the site
already ships, `search.communes`) and the script offers the nearest places by the rule of
`generator/catalog/reach.py`, looked up in the search's places table (`search.places`): one file
for the whole site, shared with the search page's commune box, cached forever
(content-hashed name), not one per page.
"""

from __future__ import annotations

from pathlib import Path

from ...catalog import reach
from ...catalog.catalog import Catalog
from ...data.model import Dispositif
from ...rules import urls
from .context import PlaceBoxContext
from .place_helpers import PlaceHelpers

SCRIPT = Path(__file__).parent / "js" / "lieux.js"
# The nearness rule and the place items are the search page's (OffreLieux): one code for
# both boxes, bundled in front of the box's own script.
SHARED_SCRIPT = Path(__file__).parent.parent / "search" / "js" / "lieux.js"
# Files the box needs, by the name pages know them by (all but its script are the search's).
BOX_ASSETS = ("texte", "commune", "communes", "lieux", "ou_s_adresser")


def box_files(catalog: Catalog) -> tuple[dict[str, str | bytes], dict[str, str]]:
    """The box's script and the name pages know it by. The places serving each commune
    come from the search's places table (`search.places`), shared by both boxes."""
    script = SHARED_SCRIPT.read_bytes() + b"\n" + SCRIPT.read_bytes()
    path = urls.hashed_path(urls.SEARCH_ASSETS_FOLDER, "ou-s-adresser", script, ".js")
    return {path: script}, {"ou_s_adresser": path}


def place_box(helpers: PlaceHelpers, scheme: Dispositif, assets: dict[str, str]) -> PlaceBoxContext:
    """What the "Où s'adresser" section of a scheme page shows."""
    catalog = helpers.catalog
    lids = catalog.scheme_places.get(scheme.id, [])
    return PlaceBoxContext(
        count=len(lids),
        by_territory=helpers.by_territory(lids),
        outside=helpers.outside_territories(lids),
        assets=assets,
        directories=reach.scheme_directories(catalog, scheme),
        provider=reach.provider_contact(catalog, scheme),
        helpers=reach.procedure_help(catalog, scheme),
        rule=reach.RULE_TEXT,
    )
