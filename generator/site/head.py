"""Tags a page's content asks to have in <head>, moved there when the page is written.

A generated page is rendered into the theme's content area, in <body>; but what must
start downloading at once (the search page's index and script) is best asked for in
<head>, before the stylesheets. Measured in Chromium (scripts/bench_search.py, its
request waterfall), files of <body>, and even a stylesheet of <head> after Material's
inline script, are requested only once the parser reaches their tag — the page's
Content-Security-Policy <meta> seems to keep the preload scanner from fetching ahead —
and the parser waits there for the stylesheets before going on into <body>. A tag with
the attribute `data-offre-tete` is moved, in order, before the first stylesheet of
<head> (the attribute itself is dropped).
"""

from __future__ import annotations

import re

MARK = "data-offre-tete"
_TAG = re.compile(r"<(link|script)\b[^>]*\s" + MARK + r"\b[^>]*>(?:</script>)?\n?", re.I)
_STYLESHEET = re.compile(r'<link\s+rel="stylesheet"', re.I)


def hoist_head_tags(html: str) -> str:
    """`html` with its marked tags moved from <body> into <head>."""
    if MARK not in html:
        return html
    body = html.find("<body")
    head_end = html.find("</head>")
    if body < 0 or head_end < 0 or head_end > body:
        return html  # not a whole page (a fragment): left as it is
    found = list(_TAG.finditer(html, body))
    if not found:
        return html
    tags = "".join(re.sub(r"\s" + MARK + r"\b", "", m.group(0).rstrip("\n")) + "\n" for m in found)
    rest = html[:body] + _TAG.sub("", html[body:])
    stylesheet = _STYLESHEET.search(rest, 0, head_end)
    at = stylesheet.start() if stylesheet is not None else head_end
    return rest[:at] + tags + "      " + rest[at:]
