"""The renderer (pages/renderer.py): one environment, typed contexts, required files."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.outputs.pages.context import IndexContext
from generator.outputs.pages.pages import all_pages
from generator.outputs.pages.renderer import Renderer, RenderError
from tests.support.render_fixtures import SITE_URL, make_renderer


@pytest.fixture(scope="module")
def renderer(tmp_path_factory: pytest.TempPathFactory) -> Renderer:
    return make_renderer(tmp_path_factory.mktemp("rendu"))


def test_render_links_relative_to_the_page_and_gives_the_canonical(renderer: Renderer) -> None:
    context = IndexContext(title="Essai", intro=None, groups=[], note=None)
    html = renderer.render("index.html.j2", "porteurs/", context)
    assert '<a href="../">Accueil</a>' in html
    assert renderer.site_url == SITE_URL


def test_deferred_renders_only_when_called(renderer: Renderer) -> None:
    context = IndexContext(title="Plus tard", intro="<b>échappé</b>", groups=[], note=None)
    deferred = renderer.deferred("index.html.j2", "publics/", context)
    html = deferred()
    assert "<h1>Plus tard</h1>" in html
    assert "&lt;b&gt;échappé&lt;/b&gt;" in html  # autoescaped


def test_an_unknown_template_variable_is_an_error(renderer: Renderer) -> None:
    import jinja2

    with pytest.raises(jinja2.UndefinedError):
        renderer.render("index.html.j2", "publics/", {"title": "sans groupes", "intro": None})


def test_fragments_are_rendered_once(renderer: Renderer) -> None:
    calls: list[int] = []

    def make() -> str:
        calls.append(1)
        return "fragment"

    assert renderer.fragment(("essai", None), make) == "fragment"
    assert renderer.fragment(("essai", None), make) == "fragment"
    assert calls == [1]


def test_a_missing_produced_file_is_an_error_not_a_missing_page(tmp_path: Path) -> None:
    full = make_renderer(tmp_path)
    for name in ("index", "integrer"):
        assets = {k: v for k, v in full.assets.items() if k != name}
        bare = Renderer(full.catalog, SITE_URL, assets)
        with pytest.raises(RenderError, match=f"manquant.*{name}"):
            all_pages(bare)
