"""Editor Markdown → HTML that can only format, never run.

Descriptions are typed by editors and may contain pasted HTML. We convert the
Markdown ourselves, then pass the result through nh3 (the Rust `ammonia` sanitiser)
with a short allow-list: no script, no event handler, no style, and links only to
http(s), mailto and tel. Headings are shifted down so an editor's `#` never competes
with the page's own title and sections.
"""

from __future__ import annotations

import re
from functools import cache

import nh3
from markdown_it import MarkdownIt

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


# CommonMark (markdown-it-py): the Markdown editors know from GitHub and forums, and
# two to three times faster than Python-Markdown on our descriptions, which matters when
# 10,000 of them are rendered. Raw HTML is parsed, then removed by the sanitiser below.
_CONVERTER = MarkdownIt("commonmark", {"html": True}).enable("table")
# markdown-it leaves a link to a refused scheme (javascript:, data:) as literal text,
# which then travels in the plain-text exports; accepting every link here lets the
# sanitiser drop the address and keep only the link's words.
_CONVERTER.validateLink = lambda url: True  # type: ignore[method-assign]


def _shift_headings(html: str) -> str:
    return _HEADING.sub(lambda m: f"<{m.group(1)}h{min(int(m.group(2)) + 2, 6)}>", html)


@cache  # every description is rendered for several pages and exports
def render_markdown(text: str) -> str:
    """Safe HTML for a block of editor Markdown."""
    html = _shift_headings(_CONVERTER.render(text))
    return str(
        nh3.clean(
            html,
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes=URL_SCHEMES,
            link_rel="noopener noreferrer",
        )
    )


@cache
def render_inline(text: str) -> str:
    """Safe HTML for one line (a condition, a precision): no wrapping paragraph."""
    html = render_markdown(text).strip()
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        return html[3:-4]
    return html
