"""Accessibility fixes to markup Material writes outside any template block.

Material's base.html writes two hidden toggle checkboxes (navigation drawer, search)
without an accessible name; they sit outside every overridable block, so we label them
in the rendered page. (The search toggle is unused — our search is a page — but
Material's script expects it to exist.)
"""

from __future__ import annotations

_DRAWER = (
    '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" '
    'autocomplete="off">'
)
_SEARCH = (
    '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" '
    'autocomplete="off">'
)
_OVERLAY = '<label class="md-overlay" for="__drawer"></label>'


def fix_theme_html(html: str) -> str:
    # Material writes each of these once, at the top of <body>: only the page up to them
    # is rewritten, and a printable booklet of 20 MB is copied once, not three times.
    end = html.find(_OVERLAY)
    if end < 0:
        return _fixed(html)
    start = html[: end + len(_OVERLAY)]
    return html.replace(start, _fixed(start), 1)


def _fixed(html: str) -> str:
    return (
        html.replace(
            _DRAWER,
            _DRAWER.replace(">", ' aria-label="Afficher ou masquer le menu" tabindex="-1">'),
        )
        .replace(_SEARCH, _SEARCH.replace(">", ' aria-label="Recherche" tabindex="-1">'))
        .replace(_OVERLAY, '<label class="md-overlay" for="__drawer" aria-hidden="true"></label>')
    )
