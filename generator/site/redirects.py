"""Redirect pages for former scheme ids, so an old link never breaks.

A static host has no rewrite rules, so each former address gets a small French page
that sends the browser on (meta refresh, plus a plain link for everyone else) and tells
search engines the current address (canonical).
"""

from __future__ import annotations

from html import escape

from .. import urls
from ..catalog import Catalog

_PAGE = """<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<title>Adresse déplacée : {title}</title>
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url={target}">
{canonical}</head>
<body>
<p>Cette fiche a changé d'adresse : <a href="{target}">{title}</a>.</p>
</body>
</html>
"""


def redirect_pages(catalog: Catalog, site_url: str | None) -> dict[str, str]:
    pages: dict[str, str] = {}
    for old, current in sorted(catalog.redirects.items()):
        here = urls.page_url("dispositif", old)
        target = urls.page_url("dispositif", current)
        canonical = (
            f'<link rel="canonical" href="{escape(site_url.rstrip("/") + "/" + target)}">\n'
            if site_url
            else ""
        )
        pages[urls.output_path(here)] = _PAGE.format(
            title=escape(catalog.dispositifs[current].titre),
            target=escape(urls.relative(here, target)),
            canonical=canonical,
        )
    return pages
