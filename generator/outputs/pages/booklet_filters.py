"""Booklets that fit a meeting: choose a territory's schemes by public, theme or Clefop
priority, in the full booklet or its compact list (`…/livret/liste/`).

The site is static, so every booklet page lists all the territory's active schemes,
each tagged with its publics, themes and priorities; a small script (`js/livret.js`,
content-hashed like the search files) hides those that do not match the choice and
keeps it in the address (`?public=…&thematique=…&priorite=…`), so a link reopens the
same booklet. Without JavaScript the choice is not offered and everything is shown.
"""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup, escape

from ...data.model import Dispositif
from ...rules import display, urls
from .catalog_view import SiteHelpers
from .context import BookletFilter, Option

SCRIPT = Path(__file__).parent / "js" / "livret.js"
BOOKLET_ASSETS = ("livret",)


def booklet_script() -> tuple[dict[str, str | bytes], dict[str, str]]:
    script = SCRIPT.read_bytes()
    path = urls.hashed_path(urls.SEARCH_ASSETS_FOLDER, "livret", script, ".js")
    return {path: script}, {"livret": path}


def booklet_filters(site: SiteHelpers, schemes: list[Dispositif]) -> list[BookletFilter]:
    """The choices that narrow `schemes`: only values some of them carry, A–Z."""
    themes, audiences = site.filter_options(schemes)
    axes = {a for d in schemes for a in d.axes_clefop}
    priorities = display.sorted_by_name(
        [Option(a, site.label("axes_clefop", a)) for a in axes], lambda o: o.label
    )
    return [
        BookletFilter("public", "Public", "Tous les publics", audiences),
        BookletFilter("thematique", "Thématique", "Toutes les thématiques", themes),
        BookletFilter("priorite", "Priorité Clefop", "Toutes les priorités", priorities),
    ]


def filter_tags(site: SiteHelpers, scheme: Dispositif) -> dict[str, str]:
    """A scheme's values for each choice, as the data attributes the script reads."""
    return {
        "data-public": " ".join(scheme.publics),
        "data-thematique": site.theme_tokens(scheme),
        "data-priorite": " ".join(scheme.axes_clefop),
    }


def filter_attributes(site: SiteHelpers, scheme: Dispositif) -> Markup:
    """`filter_tags` written as the attributes of an element, space first (what Jinja's
    `xmlattr` writes): made once per scheme, as a scheme is listed twice in each of the
    booklets it appears in."""
    tags = filter_tags(site, scheme)
    return Markup("".join(f' {name}="{escape(value)}"' for name, value in tags.items()))
