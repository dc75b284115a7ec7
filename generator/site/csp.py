"""A Content-Security-Policy for every HTML file of the site, as a <meta> tag.

Defence in depth: the templates escape every value, and this policy makes sure that an
escaping slip still cannot run script. It allows only the site's own files, plus the
inline scripts and styles that are in the page when it is written, each by the SHA-256
of its exact text (computed here, at build time): a script injected later, or markup
smuggled in through the data, matches no hash and is blocked. A `<meta http-equiv>`
works on any static host, where response headers cannot be set.

Framing cannot be restricted here (`frame-ancestors` is ignored in a meta tag): the
host sends it as a response header, from the deploy recipes of scripts/deploy/, built
from `header_policy` below — `'none'` on every page but the embed pages (`integrer/<id>/`),
which partners frame in their own pages. A browser enforces both the meta policy and
the header one, so the header only adds what a meta tag cannot say, plus the directives
that need no per-page hash.
"""

from __future__ import annotations

import base64
import hashlib
import re

_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.S | re.I)
_STYLE = re.compile(r"<style\b[^>]*>(.*?)</style>", re.S | re.I)
_SRC = re.compile(r"\bsrc\s*=", re.I)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.I)
_HEAD = re.compile(r"<head\b[^>]*>", re.I)
_CHARSET = re.compile(r"<meta\s+charset\s*=[^>]*>", re.I)
# Script types the browser executes; others (application/json…) are data blocks.
_EXECUTABLE = {"", "text/javascript", "application/javascript", "module"}
MARKER = 'http-equiv="Content-Security-Policy"'


def _digest(text: str) -> str:
    raw = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(raw).decode('ascii')}'"


def inline_hashes(html: str) -> tuple[list[str], list[str]]:
    """Hashes of the page's executable inline scripts and of its inline styles."""
    scripts: list[str] = []
    for match in _SCRIPT.finditer(html):
        attributes, body = match.group(1), match.group(2)
        if _SRC.search(attributes):
            continue
        kind = _TYPE.search(attributes)
        if (kind.group(1).lower() if kind else "") not in _EXECUTABLE:
            continue
        scripts.append(_digest(body))
    styles = [_digest(match.group(1)) for match in _STYLE.finditer(html)]
    return sorted(set(scripts)), sorted(set(styles))


def policy(html: str) -> str:
    scripts, styles = inline_hashes(html)
    directives = [
        "default-src 'self'",
        "script-src " + " ".join(["'self'", *scripts]),
        "style-src " + " ".join(["'self'", *styles]),
        # Material draws its icons with data: SVG images in its stylesheet.
        "img-src 'self' data:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ]
    return "; ".join(directives)


def with_csp(html: str) -> str:
    """`html` with its policy as the first element of <head> after the charset."""
    if MARKER in html:
        return html
    tag = f'<meta {MARKER} content="{policy(html)}">'
    charset = _CHARSET.search(html)
    if charset is not None:
        # The first occurrence of the tag is the one found: the page is copied once.
        return html.replace(charset.group(0), charset.group(0) + "\n    " + tag, 1)
    head = _HEAD.search(html)
    if head is None:
        return html  # not a page (a fragment): nothing to protect
    return html[: head.end()] + tag + html[head.end() :]


# The pages partners may frame: one per territory, under integrer/ (the page that
# explains embedding, integrer/ itself, is not one of them).
EMBED_PAGE_PATTERN = r"/integrer/[^/]+/(index\.html)?$"

_HEADER_DIRECTIVES = ("object-src 'none'", "base-uri 'self'", "form-action 'self'")


def header_policy(*, frameable: bool) -> str:
    """The Content-Security-Policy response header of a page (scripts/deploy/)."""
    ancestors = "frame-ancestors *" if frameable else "frame-ancestors 'none'"
    return "; ".join((ancestors, *_HEADER_DIRECTIVES))
