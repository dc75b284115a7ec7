"""The Jinja environment of our templates, their filters, and relative links.

Autoescaped and strict (an unknown name is an error, not an empty string); editor
Markdown reaches a template only through the `md` and `inline_md` filters, which go
through `richtext`, the one place that turns text into markup. Templates build every
address with `urls` and show every label with `display` (both are globals).
"""

from __future__ import annotations

import re
from pathlib import Path

import jinja2
from markupsafe import Markup

from ...data import dates
from ...rules import display, urls
from ..richtext import render_inline, render_markdown

TEMPLATES = Path(__file__).parent / "templates"
# Pages of these sections link to schemes and providers with links that depend on the
# page itself (siblings), elsewhere only on the page's depth.
LINKED_SECTIONS = (urls.SECTIONS["dispositif"], urls.SECTIONS["porteur"])


class Linker:
    """`link(url)` in templates: a link relative to the page being rendered."""

    def __init__(self, here: str) -> None:
        self.here = here
        parts = [part for part in here.split("/") if part] if here.endswith("/") else []
        self.section = parts[0] if parts else None
        self._up = "../" * len(parts)
        # Links from two pages with the same key are identical: a cache key for fragments.
        self.key = (self.section, len(parts)) if parts else (here, -1)

    def __call__(self, to_url: str) -> str:
        # Fast path, same result as urls.relative: a target in another section is
        # "up to the root, then down" (hundreds of thousands of links at 10,000 schemes).
        if self.section and to_url and to_url.split("/", 1)[0] != self.section:
            return self._up + to_url
        return urls.relative(self.here, to_url)

    @property
    def fragment_key(self) -> tuple[str | None, int] | tuple[str, int]:
        """Cache key of a fragment holding links to schemes and providers."""
        return self.key if self.section not in LINKED_SECTIONS else (self.here, 0)


def display_url(url: str) -> str:
    """An address as shown in text: no scheme, no `www.`, no final slash."""
    return re.sub(r"^https?://(www\.)?", "", url).rstrip("/")


def thousands(value: int) -> str:
    """`12345` → `12 345` (narrow no-break space, as French typography has it)."""
    return f"{value:,}".replace(",", "\u202f")


def make_environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = lambda text: Markup(render_markdown(text))
    env.filters["inline_md"] = lambda text: Markup(render_inline(text))
    env.filters["date_fr"] = lambda value: dates.format_fr(value)
    env.filters["on_date_fr"] = dates.on_fr
    env.filters["display_url"] = display_url
    env.filters["thousands"] = thousands
    # `{{ n | pluriel("lieu", "lieux") }}` → « 0 lieu », « 2 lieux »; `accord` gives the
    # word alone. Keep apostrophes out of the words: they would be escaped.
    env.filters["pluriel"] = display.plural
    env.globals["accord"] = display.agree
    env.globals["urls"] = urls
    env.globals["display"] = display
    return env
