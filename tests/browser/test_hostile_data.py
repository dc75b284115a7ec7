"""No script from the data: every page kind, built from hostile data, loaded in Chromium.

The dataset has payloads in every free-text and label field of every record kind
(tests/hostile.py). Every HTML file of the built site is opened, plus the search page
with queries that match the poisoned texts: no dialog opens, no payload script runs,
and no element or attribute made from the data exists anywhere in the document,
<head> included.
"""

from __future__ import annotations

from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from tests.support.datasets import copy_fixture, run_cli
from tests.support.hostile import TEMPLATE_RESULT, poison_dataset

from .conftest import Server, _serve

# Pages whose behaviour depends on the query string: each is also opened with these.
WITH_QUERY = [
    "recherche/?q=script",
    "recherche/?q=img+onerror",
    "recherche/?q=alert&statut=termine&statut=remplace&statut=suspendu",
    "recherche/?q=essai&territoire=sarthe",
    "integrer/sarthe/?thematique=mobilite",
    "integrer/?territoire=littoral",
]

CHECK = """() => {
  const found = [];
  for (const element of document.querySelectorAll('[data-x]')) {
    found.push('element ' + element.outerHTML.slice(0, 80));
  }
  for (const element of document.querySelectorAll('*')) {
    for (const attribute of element.attributes) {
      const value = attribute.value.trim().toLowerCase();
      if (attribute.name.startsWith('on')) {
        found.push('handler ' + element.tagName + '[' + attribute.name + ']');
      }
      if (['href', 'src', 'action', 'formaction'].includes(attribute.name)
          && value.startsWith('javascript:')) {
        found.push('link ' + element.tagName + '[' + attribute.name + '=' + value + ']');
      }
    }
  }
  if (window.__xss) found.push('script ran ' + window.__xss + ' time(s)');
  return found;
}"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory, chromium_path: Path) -> Iterator[Server]:
    base = tmp_path_factory.mktemp("hostile")
    data = copy_fixture(base / "donnees")
    assert poison_dataset(data) > 60
    code, output = run_cli("validate", str(data))
    assert code == 0, output  # hostile but valid: the site must survive what validates
    code, output = run_cli("build", "--data", str(data), "--out", str(base / "site"))
    assert code == 0, output
    server, url = _serve(base / "site")
    yield Server(base / "site", url, data)
    server.shutdown()


def _pages(site: Path) -> list[str]:
    pages = []
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site).as_posix()
        pages.append(
            relative[: -len("index.html")] if relative.endswith("index.html") else relative
        )
    return pages


def test_every_page_kind_is_covered(hostile_site: Server) -> None:
    pages = set(_pages(hostile_site.root))
    for expected in (
        "",
        "dispositifs/piege-html-essai/",
        "dispositifs/ancienne-aide-mobilite/",  # a redirect page
        "porteurs/association-essai/",
        "lieux/",
        "lieux/agence-fictive-le-mans/",
        "territoires/sarthe/",
        "territoires/sarthe/livret/",
        "thematiques/mobilite/",
        "publics/jeunes/",
        "recherche/",
        "integrer/",
        "integrer/sarthe/",
        "rapport/",
        "plan/",
        "404.html",
    ):
        assert expected in pages, expected


def test_no_payload_runs_or_becomes_markup_on_any_page(hostile_site: Server, browser: Any) -> None:
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    dialogs: list[str] = []
    page.on(
        "dialog", lambda dialog: (dialogs.append(f"{page.url}: {dialog.message}"), dialog.dismiss())
    )
    problems: list[str] = []
    checked = 0
    try:
        for path in [*_pages(hostile_site.root), *WITH_QUERY]:
            page.goto(hostile_site.url(path), wait_until="load")
            if path.startswith("recherche/?"):
                # The result count is announced once the query has run.
                page.wait_for_function(
                    "() => [...document.querySelectorAll('[role=status]')]"
                    ".some(e => e.textContent.trim() !== '')"
                )
            page.wait_for_timeout(20)  # let event handlers such as onerror fire
            problems += [f"{path}: {p}" for p in _check(page)]
            if TEMPLATE_RESULT in page.content():
                problems.append(f"{path}: data rendered as a template ({TEMPLATE_RESULT})")
            checked += 1
    finally:
        context.close()
    assert checked > 45
    assert dialogs == []
    assert problems == []


def _check(page: Any) -> list[str]:
    from playwright.sync_api import Error

    try:
        return list(page.evaluate(CHECK))
    except Error as exc:  # a redirect page navigated away while being checked
        if "context was destroyed" not in str(exc):
            raise
        page.wait_for_load_state("load")
        return list(page.evaluate(CHECK))


class _StaticMarkup(HTMLParser):
    """What the browser would build from a file, before any script or redirect runs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "data-x" or name.startswith("on"):
                self.found.append(f"<{tag} {name}>")
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith(
                "javascript:"
            ):
                self.found.append(f"<{tag} {name}={value}>")


def test_no_file_of_the_site_holds_data_made_markup(hostile_site: Server) -> None:
    problems = []
    for path in sorted(hostile_site.root.rglob("*")):
        if path.suffix not in (".html", ".xml", ".svg"):
            continue
        parser = _StaticMarkup()
        parser.feed(path.read_text(encoding="utf-8"))
        problems += [f"{path.relative_to(hostile_site.root)}: {p}" for p in parser.found]
    assert problems == []


def test_search_results_show_poisoned_titles_as_text(hostile_site: Server, browser: Any) -> None:
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    try:
        page.goto(hostile_site.url("recherche/?q=onerror"))
        page.wait_for_selector("[data-dispositif]")
        text = page.locator("[data-dispositif]").first.inner_text()
        assert "onerror" in text  # shown, as text
        assert page.evaluate(CHECK) == []
    finally:
        context.close()
