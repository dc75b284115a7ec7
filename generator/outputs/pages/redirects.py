"""Redirect pages for former scheme ids, so an old link never breaks.

A static host has no rewrite rules, so each former address gets a small French page
that sends the browser on (meta refresh, plus a plain link for everyone else) and tells
search engines the current address (canonical).
"""

from __future__ import annotations

from ...rules import urls
from .context import RedirectContext
from .renderer import Renderer


def redirect_pages(renderer: Renderer) -> dict[str, str]:
    """{file: page} for every former id, at the address the former id had."""
    catalog = renderer.catalog
    pages: dict[str, str] = {}
    for old, current in sorted(catalog.redirects.items()):
        here = urls.page_url("dispositif", old)
        target = urls.page_url("dispositif", current)
        context = RedirectContext(
            title=catalog.dispositifs[current].titre,
            target=urls.relative(here, target),
            current_address=urls.absolute_url(renderer.site_url, target)
            if renderer.site_url
            else None,
        )
        pages[urls.output_path(here)] = renderer.render("redirection.html.j2", here, context)
    return pages
