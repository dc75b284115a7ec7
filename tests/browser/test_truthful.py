"""What a reader sees of doubtful statuses, other kinds of record, grouped news and
provisional territories, in Chromium on the shipped data."""

from __future__ import annotations

import re

from generator.rules import urls
from tests.support.datasets import BuiltSite

from .conftest import Server, Tab, serious_violations


def _in_doubt(shipped_site: BuiltSite, flagged: bool) -> str:
    catalog = shipped_site.catalog
    return next(
        did
        for did in sorted(catalog.status_doubt)
        if catalog.dispositifs[did].statut_a_confirmer is flagged
    )


def test_scheme_in_doubt_shows_the_banner_and_passes_axe(
    real_site: Server, tab: Tab, shipped_site: BuiltSite
) -> None:
    for did in (_in_doubt(shipped_site, True), _in_doubt(shipped_site, False)):
        tab.page.goto(real_site.url(urls.page_url("dispositif", did)))
        banner = tab.page.locator(".offre-bandeau--a-confirmer")
        assert banner.is_visible()
        assert "Aucune source récente" in banner.inner_text()
        status = tab.page.locator("dl.offre-bref dt:text-is('Statut') + dd")
        assert status.inner_text() == "Statut à confirmer"
    assert serious_violations(tab.page) == []
    assert tab.errors == [] and tab.outside(real_site.url()) == []


def test_home_news_groups_same_day_additions(real_site: Server, tab: Tab) -> None:
    tab.page.goto(real_site.url())
    group = tab.page.locator(".offre-nouveautes details").first
    summary = group.locator("summary")
    assert re.fullmatch(r"\d+ fiches (ajoutées|mises à jour) le .+", summary.inner_text())
    links = group.locator("ul a")
    assert not links.first.is_visible()
    summary.click()
    assert links.first.is_visible() and links.count() > 1
    assert "18 Clefop" in tab.page.locator(".offre-territoires-info").first.inner_text()
    assert serious_violations(tab.page) == []


def test_provisional_territory_sentence_leads_to_the_details(
    real_site: Server, tab: Tab, shipped_site: BuiltSite
) -> None:
    tid = next(
        t for t, v in sorted(shipped_site.catalog.territoires.items()) if v.statut == "provisoire"
    )
    tab.page.goto(real_site.url(urls.page_url("territoire", tid)))
    tab.page.locator(".offre-bandeau-provisoire a").click()
    assert tab.page.url.endswith("#perimetre-provisoire")
    heading = tab.page.locator("#perimetre-provisoire")
    assert heading.is_visible()
    assert (
        tab.page.evaluate(
            "document.querySelector('#perimetre-provisoire').getBoundingClientRect().top"
        )
        < 200
    )
    assert serious_violations(tab.page) == []


def test_other_kinds_page_is_one_click_from_a_provider(
    real_site: Server, tab: Tab, shipped_site: BuiltSite
) -> None:
    catalog = shipped_site.catalog
    pid = next(
        p
        for p in sorted(catalog.porteurs)
        if any(not catalog.dispositifs[d].is_scheme for d in catalog.provider_schemes[p])
    )
    tab.page.goto(real_site.url(urls.page_url("porteur", pid)))
    tab.page.locator("#instances-plans-information + p a").click()
    tab.page.wait_for_load_state()
    assert tab.page.url.endswith(urls.OTHER_KINDS_URL)
    assert tab.page.locator("h1").inner_text() == "Instances, plans et services d'information"
    assert serious_violations(tab.page) == []
