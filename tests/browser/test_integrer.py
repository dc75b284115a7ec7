"""Embeds and the embedding guide in Chromium: URL filters, the live snippet, the preview,
no request leaving 127.0.0.1, no serious accessibility violation."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import Server, Tab, assert_nothing_but_content_printed, serious_violations

MOBILITY = {"aide-mobilite-essai", "permis-jeunes-essai"}
SARTHE_ACTIVE = MOBILITY | {
    "piege-html-essai",
    "formation-qualifiante-essai",
    "accompagnement-jeunes-essai",
}


def _visible_schemes(frame: Any) -> set[str]:
    hrefs = frame.locator("li:visible a.titre").evaluate_all("(as) => as.map(a => a.href)")
    return {href.rstrip("/").rsplit("/", 1)[1] for href in hrefs}


def test_theme_filter_keeps_only_mobility_schemes(site: Server, tab: Tab) -> None:
    page = tab.page
    response = page.goto(site.url("integrer/sarthe/?thematique=mobilite"))
    assert response is not None and response.status == 200
    page.wait_for_load_state("networkidle")
    assert _visible_schemes(page) == MOBILITY
    assert page.locator("li").count() == len(SARTHE_ACTIVE)  # the others are only hidden
    assert page.locator("section[data-groupe]:visible h2").all_inner_texts() == ["Mobilité"]
    assert page.locator("#compte").inner_text() == "2 dispositifs sur 5"
    assert "thématique : Mobilité" in page.locator("#selection").inner_text()
    assert tab.errors == []
    assert tab.outside(site.url()) == []
    assert all(url.startswith("http://127.0.0.1:") for url in tab.requests)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", SARTHE_ACTIVE),
        ("?public=jeunes", {"permis-jeunes-essai", "accompagnement-jeunes-essai"}),
        ("?thematique=mobilite&public=jeunes", {"permis-jeunes-essai"}),
        ("?thematique=mobilite&thematique=se-former", MOBILITY | {"formation-qualifiante-essai"}),
        ("?thematique=mobilite--preparer-un-permis", {"permis-jeunes-essai"}),
        ("?thematique=inconnue", set()),
    ],
)
def test_filters_combine(query: str, expected: set[str], site: Server, tab: Tab) -> None:
    tab.page.goto(site.url("integrer/sarthe/" + query))
    assert _visible_schemes(tab.page) == expected
    assert tab.page.locator("#vide").is_visible() == (not expected)
    assert tab.errors == []


def test_without_javascript_the_full_list_shows(site: Server, browser: Any) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site.url("integrer/sarthe/?thematique=mobilite"))
        assert _visible_schemes(page) == SARTHE_ACTIVE
    finally:
        context.close()


def test_guide_builds_the_snippet_and_preview(site: Server, tab: Tab) -> None:
    page = tab.page
    page.goto(site.url("integrer/?territoire=sarthe"))
    page.wait_for_load_state("networkidle")
    assert page.locator("#offre-integrer-territoire").input_value() == "sarthe"
    page.get_by_label("Mobilité").check()
    code = page.locator("#offre-integrer-code")
    # Built with the placeholder address: the script writes the address the guide is read
    # from, never the placeholder.
    expected_src = f'src="{site.url("integrer/sarthe/?thematique=mobilite")}"'
    assert expected_src in code.input_value()
    assert 'title="Dispositifs emploi, formation et orientation : Territoire d' in (
        code.input_value()
    )
    preview = page.frame_locator("[data-offre-integrer-apercu]")
    page.wait_for_function(
        "() => document.querySelector('[data-offre-integrer-apercu]').src"
        ".endsWith('sarthe/?thematique=mobilite')"
    )
    page.locator("[data-offre-integrer-apercu]").scroll_into_view_if_needed()
    preview.locator("#selection").wait_for()
    assert _visible_schemes(preview) == MOBILITY
    copy_button = page.get_by_role("button", name="Copier le code")
    # Scrolled back from the preview first: clicking while the page still scrolls can
    # land on the preview frame.
    copy_button.scroll_into_view_if_needed()
    copy_button.click()
    status = page.locator("[data-offre-integrer-actions] .offre-actions__etat")
    status.filter(has_text="Cop").wait_for()
    assert tab.errors == []
    # A link of the sandboxed preview opens the scheme in the whole window.
    preview.locator("a.titre", has_text="Aide à la mobilité").click()
    page.wait_for_url("**/dispositifs/aide-mobilite-essai/")
    assert tab.outside(site.url()) == []


@pytest.mark.parametrize("path", ["integrer/", "integrer/sarthe/", "territoires/sarthe/livret/"])
def test_axe_finds_no_serious_violation(path: str, site: Server, tab: Tab) -> None:
    tab.page.goto(site.url(path))
    tab.page.wait_for_load_state("networkidle")
    assert serious_violations(tab.page) == []


def test_booklet_prints_without_navigation(site: Server, tab: Tab) -> None:
    page = tab.page
    page.goto(site.url("territoires/sarthe/livret/"))
    page.emulate_media(media="print")
    assert_nothing_but_content_printed(page)
    fiche = page.locator(".offre-livret__fiche").first
    assert fiche.evaluate("(e) => getComputedStyle(e).breakInside") == "avoid"
    assert page.locator("#dispositif-aide-mobilite-essai").is_visible()
