"""Keyboard: every field shows its focus, and the search page's skip link reaches the results."""

from __future__ import annotations

import pytest

from .conftest import Server, Tab

# Each field is focused in turn; its outline, shadow, border or background must change.
UNFOCUSED_FIELDS = """() => {
  const look = node => {
    const c = getComputedStyle(node);
    return [c.outlineStyle, c.outlineWidth, c.outlineColor, c.boxShadow, c.borderColor,
            c.backgroundColor].join('|');
  };
  const fields = Array.from(document.querySelectorAll('input, select, textarea'))
    .filter(node => node.type !== 'hidden' && !node.classList.contains('md-toggle'));
  const missing = [];
  let checked = 0;
  for (const node of fields) {
    if (!node.getClientRects().length) { continue; }
    const before = look(node);
    node.focus();
    if (document.activeElement !== node) { continue; }
    checked++;
    if (look(node) === before) { missing.push(node.id || node.name); }
    node.blur();
  }
  return { checked, missing };
}"""

PAGES = [
    "",
    "recherche/",
    "dispositifs/aide-mobilite-essai/",
    "selection/#d=aide-mobilite-essai",
    "territoires/sarthe/livret/liste/",
    "integrer/",
]


@pytest.mark.parametrize("path", PAGES)
def test_every_field_shows_its_focus(path: str, site: Server, tab: Tab) -> None:
    page = tab.page
    page.goto(site.url(path))
    page.wait_for_load_state("networkidle")
    page.keyboard.press("Tab")  # keyboard use: :focus-visible applies from now on
    result = page.evaluate(UNFOCUSED_FIELDS)
    assert result["checked"] > 0
    assert result["missing"] == [], result["missing"]


def test_the_commune_box_of_where_to_go_shows_its_focus(site: Server, tab: Tab) -> None:
    page = tab.page
    page.goto(site.url("dispositifs/aide-mobilite-essai/"))
    box = page.get_by_label("Commune de la personne (nom, code postal ou code INSEE)")
    box.wait_for()
    page.keyboard.press("Tab")
    box.focus()
    assert box.evaluate("node => getComputedStyle(node).outlineStyle") == "solid"
    assert box.evaluate("node => parseFloat(getComputedStyle(node).outlineWidth)") >= 2


def test_the_search_skip_link_goes_to_the_results(site: Server, tab: Tab) -> None:
    page = tab.page
    page.goto(site.url("recherche/?q=mobilite"))
    page.locator("#offre-resultats li").first.wait_for()
    page.keyboard.press("Tab")
    skip = page.locator(".md-skip")
    assert skip.evaluate("node => node === document.activeElement")
    assert skip.get_attribute("href") == "#offre-resultats-titre"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "() => document.activeElement.closest('#offre-resultats') !== null"
        " && document.activeElement.tagName"
    )
    assert focused == "A"
