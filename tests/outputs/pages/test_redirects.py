"""Pages at former scheme addresses (pages/redirects.py)."""

from __future__ import annotations

from pathlib import Path

from generator.outputs.pages.redirects import redirect_pages
from tests.support.render_fixtures import make_renderer


def test_a_former_id_sends_readers_and_crawlers_to_the_current_page(tmp_path: Path) -> None:
    renderer = make_renderer(tmp_path)
    pages = redirect_pages(renderer)
    assert list(pages) == ["dispositifs/ancienne-aide-mobilite/index.html"]
    html = pages["dispositifs/ancienne-aide-mobilite/index.html"]
    assert '<meta http-equiv="refresh" content="0; url=../aide-mobilite-essai/">' in html
    assert (
        '<link rel="canonical" href="https://offre-clefop.invalid/dispositifs/aide-mobilite-essai/">'
        in html
    )
    assert '<a href="../aide-mobilite-essai/">Aide à la mobilité (essai)</a>' in html
    assert '<meta name="robots" content="noindex">' in html


def test_without_public_address_there_is_no_canonical_and_titles_are_escaped(
    tmp_path: Path,
) -> None:
    renderer = make_renderer(tmp_path, site_url=None)
    catalog = renderer.catalog
    scheme = catalog.dispositifs["aide-mobilite-essai"]
    catalog.dispositifs["aide-mobilite-essai"] = scheme.model_copy(
        update={"titre": "Aide <b>« piégée »</b> & co"}
    )
    html = redirect_pages(renderer)["dispositifs/ancienne-aide-mobilite/index.html"]
    assert "canonical" not in html
    assert "Aide &lt;b&gt;« piégée »&lt;/b&gt; &amp; co" in html
