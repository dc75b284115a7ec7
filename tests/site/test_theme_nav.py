"""The theme's navigation, rendered once per place in the tree (site/theme_nav.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.commands.build import get_context
from mkdocs.config import load_config
from mkdocs.structure.files import get_files
from mkdocs.structure.nav import get_navigation
from mkdocs.structure.pages import Page

from generator.site.plugin import THEME_DIR
from generator.site.theme_nav import PARENT, NavCache, with_parent_theme

OUTSIDE = ("dispositifs/a", "dispositifs/b", "territoires/x/livret")


def _site(tmp: Path) -> Any:
    docs = tmp / "docs"
    docs.mkdir()
    # Three pages in the navigation, three outside it (as generated pages are).
    for name in ("index", "territoires", "dispositifs", *OUTSIDE):
        (docs / name).with_suffix(".md").parent.mkdir(parents=True, exist_ok=True)
        (docs / f"{name}.md").write_text(f"# {name}\n", encoding="utf-8")
    (tmp / "mkdocs.yml").write_text(
        "site_name: Essai\nsite_url: https://essai.invalid/\ntheme:\n  name: material\n"
        "  language: fr\n  font: false\n"
        "nav:\n  - Accueil: index.md\n  - Territoires: territoires.md\n"
        "  - Dispositifs: dispositifs.md\n",
        encoding="utf-8",
    )
    config = load_config(str(tmp / "mkdocs.yml"))
    config.theme.dirs.insert(0, str(THEME_DIR))
    return config


def test_pages_outside_the_navigation_share_one_render_per_place(tmp_path: Path) -> None:
    config = _site(tmp_path)
    files = get_files(config)
    nav = get_navigation(files, config)
    generated = {
        name: Page(None, files.get_file_from_path(f"{name}.md"), config) for name in OUTSIDE
    }
    env = config.theme.get_env()
    with_parent_theme(env, config.theme.dirs, str(THEME_DIR))
    # As Material's base.html includes it: with `lang` and `features` defined.
    wrapper = (
        '{% import "partials/language.html" as lang with context %}'
        "{% set features = config.theme.features or [] %}"
        '{% include "NAV" %}'
    )
    ours = env.from_string(wrapper.replace("NAV", "partials/nav.html"))
    materials = env.from_string(wrapper.replace("NAV", f"{PARENT}/partials/nav.html"))
    cache: NavCache = env.globals["offre_nav"]

    def both(page: Page) -> tuple[str, str]:
        page.active = True
        context = get_context(nav, files, config, page, base_url="")
        try:
            return ours.render(context), materials.render(context)
        finally:
            page.active = False

    for page in [*nav.pages, *generated.values()]:
        cached, plain = both(page)
        assert cached == plain, page.url
        assert 'href="' in cached
    # A page of the navigation is marked there: never shared.
    assert cache.key(nav.pages[0], nav, "", config) is None
    a, b = generated["dispositifs/a"], generated["dispositifs/b"]
    livret = generated["territoires/x/livret"]
    assert cache.key(a, nav, "", config) == cache.key(b, nav, "", config)
    assert cache.key(a, nav, "", config) != cache.key(livret, nav, "", config)
    assert cache.get(cache.key(a, nav, "", config)) is not None  # rendered once, kept
    assert both(a)[0] != both(livret)[0]  # links relative to each place
