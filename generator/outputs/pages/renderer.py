"""The renderer: one catalogue, one Jinja environment, and the files pages link to.

Page kinds call `render` (now) or `deferred` (when MkDocs asks for the page); nothing
else touches Jinja. Produced files whose content-hashed names pages link to (search
files, scripts) are given at construction and checked where they are needed: a missing
one is an error, never a page silently left out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from functools import partial
from typing import Any

import jinja2

from ...catalog.catalog import Catalog
from ...data.processes import release_free_memory
from .catalog_view import SiteHelpers
from .correction import Correction
from .environment import Linker, make_environment


class RenderError(Exception):
    """The render layer cannot produce a page (message in French)."""


class Renderer:
    """Renders the pages and standalone files of one catalog."""

    def __init__(
        self,
        catalog: Catalog,
        site_url: str | None = None,
        assets: Mapping[str, str] | None = None,
        correction: str | None = None,
    ) -> None:
        self.catalog = catalog
        # Target of "Proposer une correction" (plugin option), None when unset.
        self.correction = correction or None
        self.site = SiteHelpers(catalog)
        self.site_url = site_url.rstrip("/") + "/" if site_url else None
        # Site path of each produced file pages link to, by name. Kept as given, not
        # copied: some names are resolved only when a page first reads them (the search
        # index, made beside the pages: site.outputs.Promised).
        self.assets: Mapping[str, str] = assets if assets is not None else {}
        self._env = make_environment()
        self._templates: dict[str, jinja2.Template] = {}
        # Rendered fragments shared by several pages (booklet blocks), by key.
        self._fragments: dict[tuple[str | None, ...], str] = {}

    def require(self, names: Iterable[str], what: str) -> Mapping[str, str]:
        """The produced files `what` links to; a RenderError names any that is missing."""
        missing = [name for name in names if name not in self.assets]
        if missing:
            raise RenderError(
                f"{what} : fichier(s) produit(s) manquant(s) : {', '.join(missing)}. "
                "Les fichiers auxquels les pages renvoient sont produits avant elles."
            )
        return self.assets

    def render(self, template: str, here: str, context: Mapping[str, Any]) -> str:
        """`template` rendered for the page at `here` (site-relative URL)."""
        canonical = f"{self.site_url}{here}" if self.site_url else None
        return self._template(template).render(
            site=self.site,
            link=Linker(here),
            canonical=canonical,
            correction=Correction(self.correction, canonical or here),
            **context,
        )

    def deferred(self, template: str, here: str, context: Mapping[str, Any]) -> Callable[[], str]:
        """The same render, postponed until the page is needed."""
        return partial(self.render, template, here, context)

    def fragment(self, key: tuple[str | None, ...], make: Callable[[], str]) -> str:
        """A fragment rendered once and shared by every page that shows it."""
        if key not in self._fragments:
            self._fragments[key] = make()
        return self._fragments[key]

    def forget_fragments(self) -> None:
        """Drop the shared fragments: the pages that show them are all rendered."""
        self._fragments.clear()
        release_free_memory()

    def macros(self, template: str, here: str, context: Mapping[str, Any]) -> Any:
        """A template's macros, bound to the page at `here` (blocks inside other pages)."""
        return self._template(template).make_module(
            {
                "site": self.site,
                "link": Linker(here),
                "correction": Correction(self.correction, here),
                **context,
            }
        )

    def _template(self, name: str) -> jinja2.Template:
        if name not in self._templates:
            self._templates[name] = self._env.get_template(name)
        return self._templates[name]
