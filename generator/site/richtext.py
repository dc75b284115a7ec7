"""Editor Markdown → HTML that can only format, never run.

Descriptions are typed by editors and may contain pasted HTML. We convert the
Markdown ourselves, then pass the result through nh3 (the Rust `ammonia` sanitiser)
with a short allow-list: no script, no event handler, no style, and links only to
http(s), mailto and tel. Headings are shifted down so an editor's `#` never competes
with the page's own title and sections.
"""

from __future__ import annotations

import re
from functools import lru_cache

import markdown
import nh3

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "b",
    "i",
    "ul",
    "ol",
    "li",
    "a",
    "code",
    "blockquote",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "abbr",
    "sup",
    "sub",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
_HEADING = re.compile(r"<(/?)h([1-6])>")


class _Converter:
    """One Markdown instance reused across calls (building one costs more than converting)."""

    def __init__(self) -> None:
        self._md = markdown.Markdown(extensions=["sane_lists", "tables"], output_format="html")

    def convert(self, text: str) -> str:
        self._md.reset()
        return str(self._md.convert(text))


_CONVERTER = _Converter()


def _shift_headings(html: str) -> str:
    return _HEADING.sub(lambda m: f"<{m.group(1)}h{min(int(m.group(2)) + 2, 6)}>", html)


@lru_cache(maxsize=4096)
def render_markdown(text: str) -> str:
    """Safe HTML for a block of editor Markdown."""
    html = _shift_headings(_CONVERTER.convert(text))
    return str(
        nh3.clean(
            html,
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes=URL_SCHEMES,
            link_rel="noopener noreferrer",
        )
    )


@lru_cache(maxsize=4096)
def render_inline(text: str) -> str:
    """Safe HTML for one line (a condition, a precision): no wrapping paragraph."""
    html = render_markdown(text)
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        return html[3:-4]
    return html
