"""Helpers to inspect a built site: links, requests, page fragments (stdlib HTML parser)."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

# Elements whose URL attribute makes the browser fetch something.
FETCHING = {
    ("script", "src"),
    ("img", "src"),
    ("iframe", "src"),
    ("source", "src"),
    ("video", "src"),
    ("audio", "src"),
    ("embed", "src"),
    ("object", "data"),
}
FETCHING_LINK_RELS = {"stylesheet", "icon", "preload", "modulepreload", "prefetch", "manifest"}


@dataclass
class PageLinks:
    hrefs: list[str] = field(default_factory=list)
    fetched: list[str] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links = PageLinks()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if "id" in values:
            self.links.ids.add(values["id"])
        if tag == "a" and "href" in values:
            self.links.hrefs.append(values["href"])
        if tag == "link" and "href" in values:
            rels = set(values.get("rel", "").split())
            if rels & FETCHING_LINK_RELS:
                self.links.fetched.append(values["href"])
        for element, attribute in FETCHING:
            if tag == element and attribute in values:
                self.links.fetched.append(values[attribute])


def parse(path: Path) -> PageLinks:
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector.links


def is_external(url: str) -> bool:
    return bool(urlsplit(url).scheme) or url.startswith("//")


def resolve(page: Path, site: Path, url: str) -> tuple[Path, str]:
    """File a relative link from `page` points to, and its fragment."""
    parts = urlsplit(url)
    target = (page.parent / unquote(parts.path)).resolve() if parts.path else page.resolve()
    if target.is_dir() or parts.path.endswith("/"):
        target = target / "index.html"
    return target, parts.fragment


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def article(path: Path) -> str:
    """The page's own content (between Material's article tags), for golden comparisons."""
    text = path.read_text(encoding="utf-8")
    match = re.search(r'<article class="md-content__inner md-typeset">(.*?)</article>', text, re.S)
    assert match, f"no article in {path}"
    return match.group(1).strip() + "\n"


def urls_in(node: object) -> set[str]:
    """Every http(s) address anywhere in a nested structure of dicts, lists and strings."""
    if isinstance(node, dict):
        return set().union(*(urls_in(value) for value in node.values()))
    if isinstance(node, list):
        return set().union(*(urls_in(value) for value in node))
    if isinstance(node, str) and node.startswith(("http://", "https://")):
        return {node}
    return set()


def tree_digest(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }
