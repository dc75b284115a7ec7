"""The maintainers' quality report as a standalone page (`rapport/`, not indexed)."""

from __future__ import annotations

from ...rules import urls
from ..report.quality import KINDS, QualityReport
from ..report.render import summary_line
from .context import ReportContext
from .renderer import Renderer


def report_html(renderer: Renderer, report: QualityReport) -> str:
    context = ReportContext(report=report, kinds=KINDS, summary=summary_line(report))
    return renderer.render("rapport.html.j2", urls.REPORT_URL, context)
