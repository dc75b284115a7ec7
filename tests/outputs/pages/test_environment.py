"""The Jinja environment and relative links (pages/environment.py)."""

from __future__ import annotations

import pytest

from generator.outputs.pages.environment import Linker, display_url, make_environment, thousands
from generator.rules import urls


@pytest.mark.parametrize(
    ("here", "target"),
    [
        ("dispositifs/cej/", "territoires/laval/"),
        ("dispositifs/cej/", "dispositifs/autre/"),
        ("dispositifs/", "dispositifs/cej/"),
        ("", "porteurs/x/"),
        ("territoires/laval/livret/", "territoires/laval/"),
        ("recherche/", ""),
        ("integrer/", "integrer/{id}/"),
    ],
)
def test_the_fast_path_gives_the_same_link_as_urls_relative(here: str, target: str) -> None:
    assert Linker(here)(target) == urls.relative(here, target)


def test_pages_of_one_depth_share_their_fragment_key_except_linked_sections() -> None:
    assert Linker("territoires/a/").fragment_key == Linker("territoires/b/").fragment_key
    assert Linker("dispositifs/a/").fragment_key != Linker("dispositifs/b/").fragment_key


def test_filters() -> None:
    assert display_url("https://www.exemple.fr/page/") == "exemple.fr/page"
    assert thousands(1234567) == "1\u202f234\u202f567"
    env = make_environment()
    rendered = env.from_string(
        "{{ t | md }}|{{ t | inline_md }}|{{ '2026-03' | on_date_fr }}"
    ).render(t="**gras**")
    assert rendered == "<p><strong>gras</strong></p>\n|<strong>gras</strong>|en mars 2026"


def test_templates_escape_and_refuse_unknown_names() -> None:
    import jinja2

    env = make_environment()
    assert env.from_string("{{ v }}").render(v="<b>") == "&lt;b&gt;"
    with pytest.raises(jinja2.UndefinedError):
        env.from_string("{{ absent }}").render()
    assert env.from_string("{{ display.title_with_acronym('Contrat', 'CEJ') }}").render() == (
        "Contrat (CEJ)"
    )
    assert env.from_string("{{ urls.page_url('dispositif', 'x') }}").render() == "dispositifs/x/"
