"""The theme's navigation, rendered once for every page at one place in the tree.

Material renders the primary navigation (each entry of `nav`, its links relative to the
page) on every page: at 10,000 schemes that was 4 of the theme's 15 seconds, for a block
that is the same on every page outside the navigation seen from one place. Our
`partials/nav.html` asks `NavCache.key` for the addresses the navigation links to, as
the page sees them; two pages with the same key get the same navigation, rendered once.
A page that is itself in the navigation (marked there as the current page) gets no key
and is rendered every time, as Material does.

The template we wrap is the next theme's (Material's, unless an operator's `custom_dir`
overrides it): it is reached under the `PARENT` prefix, a loader over the theme folders
that come after ours.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import jinja2
from mkdocs.utils import normalize_url

PARENT = "offre-theme-parent"


class NavCache:
    """Rendered navigations by key, for one build (`on_env` makes a new one)."""

    def __init__(self) -> None:
        self._rendered: dict[tuple[str, ...], str] = {}

    def key(self, page: Any, nav: Any, base_url: str, config: Any) -> tuple[str, ...] | None:
        """The navigation's addresses as `page` sees them; None for a page in the navigation."""
        if page is None or nav is None or any(item is page for item in _walk(nav.items)):
            return None
        targets = [getattr(item, "url", None) for item in _walk(nav.items)]
        homepage = nav.homepage.url if nav.homepage is not None else None
        targets += [config.extra.get("homepage"), homepage, config.theme.get("logo")]
        return tuple(
            normalize_url(str(target), page=page, base=base_url) if target else ""
            for target in targets
        )

    def get(self, key: tuple[str, ...]) -> str | None:
        return self._rendered.get(key)

    def keep(self, key: tuple[str, ...], rendered: str) -> str:
        self._rendered[key] = rendered
        return rendered


def _walk(items: Iterable[Any]) -> Iterator[Any]:
    for item in items:
        yield item
        yield from _walk(getattr(item, "children", None) or ())


def with_parent_theme(env: jinja2.Environment, dirs: Sequence[str], ours: str) -> None:
    """Let our templates include the next theme's under `PARENT/`."""
    after = list(dirs[dirs.index(ours) + 1 :]) if ours in dirs else []
    assert env.loader is not None
    env.loader = jinja2.ChoiceLoader(
        [env.loader, jinja2.PrefixLoader({PARENT: jinja2.FileSystemLoader(after)})]
    )
    env.globals["offre_nav"] = NavCache()
