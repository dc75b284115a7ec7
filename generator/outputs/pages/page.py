"""A generated page: its address, title, metadata and (deferred) HTML body."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

_H2 = re.compile(r'<h2 id="([^"]+)">(.*?)</h2>', re.S)
_TAGS = re.compile(r"<[^>]+>")


@dataclass
class GeneratedPage:
    """One page the site adds beside the hand-written ones.

    `html` is usually a deferred render: pages are listed when MkDocs collects files but
    rendered only when MkDocs reads them, so no second copy of every page is kept.
    """

    url: str
    title: str
    html: str | Callable[[], str]
    description: str = ""
    meta: dict[str, Any] = field(default_factory=dict)
    skip_to: tuple[str, str] | None = None
    """(anchor, title) the theme's skip link goes to, when not the first section: the
    search page's results rather than its filters."""

    def render(self) -> str:
        return self.html() if callable(self.html) else self.html


def toc_of(html: str) -> list[tuple[str, str]]:
    """(anchor, title) of each section of a rendered page, for the table of contents."""
    return [(m.group(1), _TAGS.sub("", m.group(2)).strip()) for m in _H2.finditer(html)]
