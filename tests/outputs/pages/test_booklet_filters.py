"""Booklets that fit a meeting (pages/booklet_filters.py, territories.booklet_list_page):
the compact list, the choice by public, theme and priority, the printed address."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import jinja2
import pytest

from generator.outputs.pages.booklet_filters import filter_attributes, filter_tags
from generator.outputs.pages.catalog_view import active_schemes
from generator.outputs.pages.renderer import Renderer
from generator.outputs.pages.territories import booklet_list_page, booklet_page
from generator.rules import urls
from tests.support.render_fixtures import make_renderer

REAL = "https://exemple.fr/offre/"
ITEM = re.compile(
    r'<li data-offre-livret-item="([a-z0-9-]+)" data-public="([^"]*)" '
    r'data-thematique="([^"]*)" data-priorite="([^"]*)">'
)


@pytest.fixture(scope="module")
def renderer(tmp_path_factory: pytest.TempPathFactory) -> Renderer:
    return make_renderer(tmp_path_factory.mktemp("livrets"))


def test_the_compact_list_has_every_active_scheme_tagged_for_the_choice(
    renderer: Renderer,
) -> None:
    catalog = renderer.catalog
    for tid in catalog.territoires:
        page = booklet_list_page(renderer, tid)
        assert (
            page.url == urls.territory_list_booklet_url(tid) == f"territoires/{tid}/livret/liste/"
        )
        html = page.render()
        found = {m.group(1): m.groups()[1:] for m in ITEM.finditer(html)}
        schemes = active_schemes(catalog, tid)
        assert sorted(found) == sorted(d.id for d in schemes), tid
        for scheme in schemes:
            publics, themes, priorities = found[scheme.id]
            assert publics.split() == scheme.publics
            assert set(scheme.thematiques) <= set(themes.split())
            assert priorities.split() == scheme.axes_clefop
        assert f'src="../../../../{renderer.assets["livret"]}"' in html


def test_the_choices_offer_only_values_the_schemes_carry(renderer: Renderer) -> None:
    catalog = renderer.catalog
    html = booklet_list_page(renderer, "sarthe").render()
    schemes = active_schemes(catalog, "sarthe")
    offered = re.findall(r'<select id="offre-livret-public" name="public">(.*?)</select>', html)
    assert offered
    values = set(re.findall(r'<option value="([^"]*)">', offered[0])) - {""}
    assert values == {p for d in schemes for p in d.publics}
    # Without JavaScript the form stays hidden and every scheme shows.
    assert re.search(r"<form [^>]*data-offre-livret-filtres[^>]*hidden>", html)
    assert " hidden" not in "".join(m.group(0) for m in ITEM.finditer(html))


def test_the_full_booklet_can_be_chosen_the_same_way(renderer: Renderer) -> None:
    html = booklet_page(renderer, "sarthe").render()
    ids = re.findall(r'<div data-offre-livret-item="([a-z0-9-]+)" data-public=', html)
    assert sorted(ids) == sorted(d.id for d in active_schemes(renderer.catalog, "sarthe"))
    assert 'href="liste/"' in html and "data-offre-livret-filtres" in html


def test_no_address_is_printed_while_it_is_the_placeholder(renderer: Renderer) -> None:
    assert renderer.site_url == "https://offre-clefop.invalid/"
    for page in (booklet_page(renderer, "sarthe"), booklet_list_page(renderer, "sarthe")):
        text = unescape(page.render())
        assert ".invalid" not in text
        assert "Version en ligne" not in text


def test_the_real_public_address_is_printed(tmp_path: Path) -> None:
    renderer = make_renderer(tmp_path, site_url=REAL)
    listing = booklet_list_page(renderer, "sarthe").render()
    assert f"Version en ligne : {REAL}territoires/sarthe/livret/liste/" in listing
    full = booklet_page(renderer, "sarthe").render()
    assert f"Version en ligne : {REAL}territoires/sarthe/" in full
    assert f"{REAL}dispositifs/aide-mobilite-essai/" in full


def test_filter_attributes_are_what_jinjas_xmlattr_writes(renderer: Renderer) -> None:
    # Written once per scheme in Python (a scheme is listed in many booklets), they must
    # stay exactly what the template filter they replace would write.
    env = jinja2.Environment(autoescape=True)
    xmlattr = env.from_string("{{ tags | xmlattr }}")
    site = renderer.site
    schemes = list(renderer.catalog.dispositifs.values())
    hostile = schemes[0].model_copy(update={"publics": ['jeunes" onclick="x', "<b>&"]})
    for scheme in [*schemes, hostile]:
        expected = xmlattr.render(tags=filter_tags(site, scheme))
        assert filter_attributes(site, scheme) == expected, scheme.id
