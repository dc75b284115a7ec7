"""Generated pages as MkDocs files: front matter at the theme boundary, table of contents."""

from __future__ import annotations

import json
from typing import Any

from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File
from mkdocs.structure.toc import TableOfContents, get_toc

from ..outputs.pages.page import GeneratedPage, toc_of
from ..rules import urls


def generated_file(config: MkDocsConfig, page: GeneratedPage) -> File:
    """The MkDocs file of a generated page (its content is given later, by the plugin)."""
    return File.generated(config, urls.source_uri(page.url), content=front_matter(page))


def front_matter(page: GeneratedPage) -> str:
    """The page's metadata as MkDocs front matter, every text already HTML-escaped.

    This is the boundary between our data and the theme's templates: Material prints
    `page.meta.title` and `page.meta.description` as they are (in <title> and in an
    attribute), so a value is escaped here, once, and nowhere else.
    """
    meta = {"title": page.title, **page.meta}
    if page.description:
        meta["description"] = page.description
    lines = [
        f"{key}: {json.dumps(_escaped(value), ensure_ascii=False)}" for key, value in meta.items()
    ]
    return "---\n" + "\n".join(lines) + "\n---\n"


def table_of_contents(html: str, first: tuple[str, str] | None = None) -> TableOfContents:
    """The page's sections; `first` (anchor, title), if given, leads: Material's skip
    link goes to the first entry."""
    entries = toc_of(html)
    if first is not None:
        entries = [first, *(entry for entry in entries if entry[0] != first[0])]
    return get_toc(
        [{"level": 2, "id": anchor, "name": name, "children": []} for anchor, name in entries]
    )


def _escaped(value: Any) -> Any:
    if isinstance(value, str):
        return str(escape(value))
    if isinstance(value, list):
        return [_escaped(item) for item in value]
    if isinstance(value, dict):
        return {key: _escaped(item) for key, item in value.items()}
    return value
