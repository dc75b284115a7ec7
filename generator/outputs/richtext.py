"""Editor Markdown → HTML that can only format, never run; and → plain text.

Descriptions are typed by editors and may contain pasted HTML. We convert the
Markdown ourselves, then pass the result through nh3 (the Rust `ammonia` sanitiser)
with a short allow-list: no script, no event handler, no style, and links only to
http(s), mailto and tel. Headings are shifted down so an editor's `#` never competes
with the page's own title and sections. Formats that carry no markup (CSV,
data·inclusion, feeds) get the same text through `plain_text`, after the same sanitiser;
it never turns text that was escaped markup back into a tag.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
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
Mapper = Callable[[Callable[[str], str], Sequence[str]], list[str]]


# CommonMark (markdown-it-py): the Markdown editors know from GitHub and forums, and
# two to three times faster than Python-Markdown on our descriptions, which matters when
# 10,000 of them are rendered. Raw HTML is parsed, then removed by the sanitiser below.
_CONVERTER = MarkdownIt("commonmark", {"html": True}).enable("table")
# markdown-it leaves a link to a refused scheme (javascript:, data:) as literal text,
# which then travels in the plain-text exports; accepting every link here lets the
# sanitiser drop the address and keep only the link's words.
_CONVERTER.validateLink = lambda url: True  # type: ignore[method-assign]


def _shift_headings(markup: str) -> str:
    return _HEADING.sub(lambda m: f"<{m.group(1)}h{min(int(m.group(2)) + 2, 6)}>", markup)


# Every description is rendered for several pages and exports: each text once.
_RENDERED: dict[str, str] = {}


def render_markdown(text: str) -> str:
    """Safe HTML for a block of editor Markdown."""
    rendered = _RENDERED.get(text)
    if rendered is None:
        rendered = _RENDERED[text] = _render(text)
    return rendered


def prerender(texts: Sequence[str], mapper: Mapper) -> None:
    """Render `texts` now, all at once, through `mapper` (the build shares them between
    the machine's cores: `data.processes`); later calls find them done."""
    todo = [text for text in dict.fromkeys(texts) if text not in _RENDERED]
    _RENDERED.update(zip(todo, mapper(_render, todo), strict=True))


def _render(text: str) -> str:
    markup = _shift_headings(_CONVERTER.render(text))
    return str(
        nh3.clean(
            markup,
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
            url_schemes=URL_SCHEMES,
            link_rel="noopener noreferrer",
        )
    )


@cache
def render_inline(text: str) -> str:
    """Safe HTML for one line (a condition, a precision): no wrapping paragraph."""
    markup = render_markdown(text).strip()
    if markup.startswith("<p>") and markup.endswith("</p>") and markup.count("<p>") == 1:
        return markup[3:-4]
    return markup


# ---------------------------------------------------------------------------- plain text

_PARAGRAPH_END = re.compile(r"</(p|h[1-6]|blockquote|table|ul|ol)>\n?")
_LINE_END = re.compile(r"(</(li|tr)>|<br\s*/?>)\n?")
_LIST_ITEM = re.compile(r"<li>")
_CELL_END = re.compile(r"</t[dh]>\n?")
_LINK = re.compile(r'<a\s[^>]*?href="([^"]*)"[^>]*>(.*?)</a>', re.S)
_TAG = re.compile(r"<[^>]+>")
_BLANKS = re.compile(r"\n{3,}")
# A `<` that would open a tag, comment or declaration if the text were ever read as HTML
# or Markdown (data·inclusion's consumers render descriptions as Markdown).
_TAG_OPENING = re.compile(r"<(?=[A-Za-z/!?])")
_SPACES = re.compile(r"[ \t]+")


def plain_text(markdown: str) -> str:
    """Editor Markdown as plain text, for formats that carry no markup.

    Goes through the same sanitiser as the pages, so a script or style block an editor
    pasted is dropped here too instead of surfacing as text.
    """
    safe = render_markdown(markdown)
    # Keep link targets: the reader of plain text has no other way to follow them.
    safe = _LINK.sub(_link_text, safe)
    safe = _LIST_ITEM.sub("- ", safe)
    safe = _CELL_END.sub(" ", safe)
    safe = _PARAGRAPH_END.sub("\n\n", safe)
    safe = _LINE_END.sub("\n", safe)
    text = _as_text(_TAG.sub("", safe))
    lines = [_SPACES.sub(" ", line).strip() for line in text.splitlines()]
    return _BLANKS.sub("\n\n", "\n".join(lines)).strip()


def _link_text(match: re.Match[str]) -> str:
    href, label = match.group(1), match.group(2)
    shown = html.unescape(_TAG.sub("", label)).strip()
    return label if shown == html.unescape(href) else f"{label} ({href})"


def _as_text(markup: str) -> str:
    """Entities decoded (`&amp;` → `&`, `a &lt; b` → `a < b`), except a `<` that would
    open a tag: escaped markup an editor wrote as text (`&lt;details open&gt;`, code)
    stays escaped, so it can never become an element in whoever renders the export."""
    return _TAG_OPENING.sub("&lt;", html.unescape(markup))
