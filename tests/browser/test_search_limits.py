"""The search page under hostile parameters: a query of 10,000 characters (in the address or
typed) is cut to the page's limit with a visible note, and the page answers."""

from __future__ import annotations

from urllib.parse import quote

from .conftest import Server, Tab
from .test_search import shown, wait_ready

LIMIT = 200  # MAX_QUERY in generator/outputs/search/js/recherche.js


def test_a_huge_query_in_the_address_is_cut_with_a_note(site: Server, tab: Tab) -> None:
    query = ("permis " * 1500)[:10_000]
    tab.page.goto(site.url("recherche/?q=" + quote(query)))
    found = shown(tab)
    assert "permis-jeunes-essai" in found
    note = tab.page.locator("#offre-q-tronquee")
    assert note.is_visible()
    assert f"limitée aux {LIMIT} premiers caractères" in note.inner_text()
    assert "10000" in note.inner_text()
    assert len(tab.page.locator("#offre-q").input_value()) <= LIMIT
    assert tab.errors == []
    assert tab.outside(site.url()) == []


def test_a_huge_typed_query_is_cut_and_a_short_one_clears_the_note(site: Server, tab: Tab) -> None:
    tab.page.goto(site.url("recherche/"))
    wait_ready(tab)
    tab.page.locator("#offre-q").fill("<script>alert(1)</script> mobilité " * 400)
    shown(tab)
    assert tab.page.locator("#offre-q-tronquee").is_visible()
    tab.page.locator("#offre-q").fill("mobilité")
    found = shown(tab)
    assert "aide-mobilite-essai" in found
    assert not tab.page.locator("#offre-q-tronquee").is_visible()
    assert tab.errors == []
