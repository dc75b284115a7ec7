"""The quality report page (pages/maintainers_report.py), standalone and not indexed."""

from __future__ import annotations

from pathlib import Path

from generator.outputs.pages.maintainers_report import report_html
from generator.outputs.report.quality import build_report
from tests.support.render_fixtures import make_renderer


def test_report_page_is_standalone_french_and_escaped(tmp_path: Path) -> None:
    renderer = make_renderer(tmp_path)
    catalog = renderer.catalog
    report = build_report(catalog, catalog.latest_date(), data_relative=True)
    html = report_html(renderer, report)
    assert html.startswith("<!doctype html>") and '<html lang="fr">' in html
    assert '<meta name="robots" content="noindex">' in html
    assert '<a href="rapport.json">rapport.json</a>' in html
    assert '<link rel="icon" href="../assets/images/favicon.png">' in html
    assert f'datetime="{catalog.latest_date().isoformat()}"' in html
    assert "<script" not in html
