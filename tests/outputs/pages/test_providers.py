"""Provider pages (pages/providers.py)."""

from __future__ import annotations

from pathlib import Path

from generator.outputs.pages.providers import provider_page
from tests.support.render_fixtures import make_renderer


def test_provider_page_lists_open_then_closed_schemes(tmp_path: Path) -> None:
    renderer = make_renderer(tmp_path)
    page = provider_page(renderer, "france-travail-essai")
    assert page.url == "porteurs/france-travail-essai/"
    assert page.description.startswith("Dispositifs portés par ")
    html = page.render()
    open_part, closed_part = html.split('id="dispositifs-fermes"')
    assert "aide-mobilite-essai" in open_part and "garantie-essai" not in open_part
    assert "garantie-essai" in closed_part
