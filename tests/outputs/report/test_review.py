"""The review trail of the quality report (report/review.py): per provider, what was
read when and what rests on weak sources; in `offre rapport`, rapport.json and the page."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from generator.catalog.load import load_catalog
from generator.outputs.pages.maintainers_report import report_html
from generator.outputs.report.quality import build_report
from generator.outputs.report.render import render_json
from generator.outputs.report.review import build_review_report
from generator.site.outputs import prepare
from tests.support.datasets import copy_fixture, run_cli
from tests.support.render_fixtures import SITE_URL

REFERENCE = date(2026, 12, 1)


def _data(tmp_path: Path) -> Path:
    data = copy_fixture(tmp_path / "donnees")
    (data / "sources-officielles.yaml").write_text("officiels: [gouv.fr]\n", encoding="utf-8")
    return data


def test_each_provider_lists_when_its_schemes_were_read_and_what_stays_weak(
    tmp_path: Path,
) -> None:
    catalog, report = load_catalog(_data(tmp_path))
    assert catalog is not None, report.render()
    review = build_review_report(catalog, REFERENCE, {})
    providers = {p.provider: p for p in review.providers}
    assert set(providers) == {s.porteur for s in catalog.dispositifs.values()}
    assert review.schemes == len(catalog.dispositifs)
    region = providers["region-essai"]
    assert region.first_read == date(2026, 3, 1) and region.last_read == date(2026, 7, 1)
    by_id = {s.scheme: s for s in region.schemes}
    plan = by_id["formation-qualifiante-essai"]  # undated single source, provider's own site
    assert plan.doubt == "aucune source datée" and plan.status == "a-confirmer"
    assert plan.weak == "source unique" and plan.newest_source is None
    association = providers["association-essai"]  # no site: its example.org sources are weak
    piege = next(s for s in association.schemes if s.scheme == "piege-html-essai")
    assert piege.weak == "source unique, non officielle"
    assert piege.newest_source == "2026-01" and piege.doubt is None
    # What to review first comes first.
    flags = [s.to_review for s in region.schemes]
    assert flags == sorted(flags, reverse=True)


def test_the_doubt_is_judged_at_the_report_s_date(tmp_path: Path) -> None:
    catalog, report = load_catalog(_data(tmp_path))
    assert catalog is not None, report.render()
    later = build_review_report(catalog, date(2029, 1, 1), {})
    doubts = {s.scheme for p in later.providers for s in p.schemes if s.doubt}
    assert "piege-html-essai" in doubts  # its January 2026 source is then too old
    assert "piege-html-essai" not in {
        s.scheme
        for p in build_review_report(catalog, REFERENCE, {}).providers
        for s in p.schemes
        if s.doubt
    }


def test_offre_rapport_prints_the_review_trail(tmp_path: Path) -> None:
    code, output = run_cli("rapport", "--data", str(_data(tmp_path)), "--date", "2026-12-01")
    assert code == 0, output
    section = output[output.index("Revue des sources, par porteur") :]
    assert (
        "Région (essai) (region-essai) — 3 fiches, relues du 1er mars 2026 au 1er juillet 2026"
        in section
    )
    assert "formation-qualifiante-essai « Formations qualifiantes de la Région (essai) »" in section
    assert "statut à confirmer (aucune source datée) ; appui fragile : source unique" in section


def test_rapport_json_and_page_carry_the_review(tmp_path: Path) -> None:
    catalog, report = load_catalog(_data(tmp_path))
    assert catalog is not None, report.render()
    found = build_report(catalog, REFERENCE)
    written = json.loads(render_json(found))
    review = written["revue"]
    assert review["fiches"] == len(catalog.dispositifs)
    schemes = {d["id"]: d for p in review["porteurs"] for d in p["dispositifs"]}
    assert schemes["piege-html-essai"]["appui_sources"] == "source unique, non officielle"
    assert schemes["formation-qualifiante-essai"]["motif_statut_a_confirmer"] == (
        "aucune source datée"
    )
    html = report_html(prepare(catalog, SITE_URL).renderer, found)
    assert '<h2 id="revue">Revue des sources, par porteur</h2>' in html
    assert "<strong>appui fragile</strong> : source unique, non officielle" in html
