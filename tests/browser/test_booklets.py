"""Booklets in Chromium: chosen by public, theme or priority, and the compact list's pages."""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import expect

from .conftest import Server, Tab, serious_violations
from .pdf import page_count

LIST = "territoires/sarthe/livret/liste/"
COUNT = "[data-offre-livret-compte]"
SHOWN = "li[data-offre-livret-item]:visible"


def _shown(page: Any, selector: str = SHOWN, *, scripted: bool = True) -> list[str]:
    """The ids shown, once the booklet's script (if it runs) has applied the choice (it
    fills the count last), read in one snapshot of the page."""
    if scripted:
        expect(page.locator(COUNT)).to_have_text(re.compile(r"^\d+ dispositifs? sur \d+\.$"))
    ids = page.locator(selector).evaluate_all(
        "nodes => nodes.map(n => n.getAttribute('data-offre-livret-item'))"
    )
    return sorted(ids)


def test_choosing_a_public_keeps_its_schemes_and_the_choice_in_the_address(
    site: Server, tab: Tab
) -> None:
    page = tab.page
    page.goto(site.url(LIST))
    everything = _shown(page)
    assert len(everything) > 2
    page.get_by_label("Public").select_option("jeunes")
    expect(page).to_have_url(site.url(LIST + "?public=jeunes"))
    kept = _shown(page)
    assert kept and set(kept) < set(everything)
    for node in page.locator(SHOWN).all():
        assert "jeunes" in node.get_attribute("data-public").split()
    assert page.locator(COUNT).inner_text() == f"{len(kept)} dispositifs sur {len(everything)}."
    # The choice is printed, the form is not.
    page.emulate_media(media="print")
    assert page.locator("[data-offre-livret-choix]").inner_text().startswith("Choix : Jeunes")
    assert not page.get_by_label("Public").is_visible()
    page.emulate_media(media="screen")
    # The link to the full booklet carries the choice; the full booklet applies it.
    page.get_by_role("link", name="Livret complet (une fiche par dispositif)").click()
    expect(page).to_have_url(site.url("territoires/sarthe/livret/?public=jeunes"))
    expect(page.locator(COUNT)).to_have_text(f"{len(kept)} dispositifs sur {len(everything)}.")
    full = _shown(page, "div[data-offre-livret-item]:visible")
    assert full == kept
    assert not tab.errors, tab.errors
    assert not tab.outside(site.base), tab.outside(site.base)
    page.goto(site.url(LIST))
    assert not serious_violations(page)


def test_on_a_phone_the_choices_fit_the_page(site: Server, browser: Any) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="fr-FR")
    try:
        page = context.new_page()
        page.goto(site.url(LIST))
        selects = page.locator("[data-offre-livret-filtres] select")
        expect(selects.first).to_be_visible()
        rights = selects.evaluate_all("s => s.map(e => e.getBoundingClientRect().right)")
        assert rights and max(rights) <= 390, rights
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    finally:
        context.close()


def test_without_javascript_the_whole_list_shows(site: Server, browser: Any) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site.url(LIST + "?public=jeunes"))
        assert not page.locator("[data-offre-livret-filtres]").is_visible()
        scripted = browser.new_context()
        try:
            other = scripted.new_page()
            other.goto(site.url(LIST))
            expect(other.locator(COUNT)).not_to_be_empty()
            assert _shown(page, scripted=False) == _shown(other)
        finally:
            scripted.close()
    finally:
        context.close()


def test_a_real_territory_compact_list_prints_on_at_most_twelve_pages(
    real_site: Server, tab: Tab
) -> None:
    page = tab.page
    page.goto(real_site.url("territoires/le-mans/livret/liste/"))
    expect(page.locator(COUNT)).not_to_be_empty()
    assert page.locator(SHOWN).count() >= 30
    compact = page_count(page.pdf(format="A4"))
    assert compact <= 12
    page.goto(real_site.url("territoires/le-mans/livret/"))
    assert page_count(page.pdf(format="A4")) > compact
