"""A truthful offer: « Statut à confirmer » instead of « Actif » where no recent source
establishes the status, records that are not schemes shown apart, real events only in
the feeds, and the territories said for what they are."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from generator.catalog.catalog import Catalog
from generator.catalog.events import (
    NEAR_END,
    creation_events,
    latest_events,
    same_day_updates_grouped,
    scheme_events,
)
from generator.catalog.evidence import Doubt
from generator.outputs.exports.data_inclusion import DOUBT_PREFIX, build_data_inclusion
from generator.outputs.exports.offre_json import catalogue_document
from generator.outputs.exports.tableur import catalogue_csv
from generator.outputs.exports.territoires import territory_document
from generator.outputs.pages.embeds import embed_files
from generator.outputs.pages.listings import index_pages
from generator.outputs.pages.renderer import Renderer
from generator.outputs.pages.territories import booklet_page
from generator.outputs.pages.territories_info import territories_explanation
from generator.outputs.report.quality import DOUBT, build_report
from generator.rules import display, urls
from tests.support.datasets import BuiltSite, copy_fixture, run_cli
from tests.support.render_fixtures import SITE_URL

REGION = Path("dispositifs/region-essai")
IN_DOUBT = "apprentissage-essai"  # flagged below; regional provider, territory anjou-maine
PLAN = "formation-qualifiante-essai"  # typed `nature: plan` below


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def truth_dataset(base: Path) -> Path:
    """The test dataset with one scheme in doubt and one plan."""
    data = copy_fixture(base / "donnees")
    _edit(
        data / REGION / f"{IN_DOUBT}.yaml",
        "statut: actif",
        "statut: actif\nstatut_a_confirmer: true",
    )
    _edit(
        data / REGION / f"{PLAN}.yaml",
        "porteur: region-essai",
        "nature: plan\nporteur: region-essai",
    )
    return data


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return truth_dataset(tmp_path_factory.mktemp("verite"))


def _item(html: str, did: str) -> str:
    """The list item of scheme `did` on a page ('' when the page does not list it)."""
    found = re.search(rf'<li class="offre-item" data-dispositif="{did}">.*?</li>', html, re.S)
    return found.group(0) if found else ""


# ---------------------------------------------------------------------------- display rules


def test_shown_status_replaces_only_active_or_suspended() -> None:
    assert display.shown_status("actif", True) == display.DOUBT_STATUS
    assert display.shown_status("suspendu", True) == display.DOUBT_STATUS
    assert display.shown_status("actif", False) == "actif"
    assert display.shown_status("termine", True) == "termine"
    assert display.status_label(display.DOUBT_STATUS) == "Statut à confirmer"


def test_doubt_sentences_say_why_and_what_would_confirm() -> None:
    flagged = Doubt("signale", 24, flagged_points=True).text()
    assert "la fiche le signale (voir les points à vérifier)" in flagged
    aged = Doubt("ancienne", 24, newest="2019-05").text()
    assert "publiée en mai 2019, il y a plus de 24 mois" in aged
    undated = Doubt("sans-date", 24).text()
    assert "aucune de ses sources n'est datée" in undated
    for text in (flagged, aged, undated):
        assert (
            "Ce qui le confirmerait : une page officielle du porteur datée de moins de 24 mois"
            in text
        )


# ---------------------------------------------------------------------------- pages


def test_scheme_in_doubt_page_says_why_and_never_actif(pages: dict[str, str]) -> None:
    html = pages[urls.page_url("dispositif", IN_DOUBT)]
    assert "<dt>Statut</dt><dd>Statut à confirmer</dd>" in html
    assert "<dd>Actif</dd>" not in html
    assert "offre-bandeau--a-confirmer" in html and "la fiche le signale" in html
    assert "vérifiez auprès du porteur" in html
    active = pages[urls.page_url("dispositif", "aide-mobilite-essai")]
    assert "<dt>Statut</dt><dd>Actif</dd>" in active and "a-confirmer" not in active


def test_lists_badge_the_scheme_in_doubt(pages: dict[str, str], catalog: Catalog) -> None:
    provider = pages[urls.page_url("porteur", "region-essai")]
    territory = pages[urls.page_url("territoire", "anjou-maine")]
    for html in (provider, territory):
        item = _item(html, IN_DOUBT)
        assert "offre-badge--statut-a-confirmer" in item and "Statut à confirmer" in item
    a_to_z = pages[urls.page_url("dispositif")]
    assert re.search(
        r"Découvrir l&#39;apprentissage \(essai\)</a> "
        r"<span class=\"offre-note\">statut à confirmer",
        a_to_z,
    )


def test_booklet_and_embed_say_statut_a_confirmer(renderer: Renderer) -> None:
    booklet = booklet_page(renderer, "anjou-maine").render()
    block = re.search(rf'id="dispositif-{IN_DOUBT}".*?</article>', booklet, re.S)
    assert block and "Statut à confirmer." in block.group(0)
    embed = dict(embed_files(renderer))[urls.embed_file("anjou-maine")]
    assert isinstance(embed, str)
    line = next(li for li in embed.splitlines() if f"dispositifs/{IN_DOUBT}/" in li)
    assert "statut à confirmer" in line


def test_a_plan_has_its_own_section_label_and_page(pages: dict[str, str]) -> None:
    plan = pages[urls.page_url("dispositif", PLAN)]
    assert "offre-bandeau--nature" in plan and "<dt>Nature</dt><dd>Plan ou programme</dd>" in plan
    for url in (urls.page_url("porteur", "region-essai"), urls.page_url("territoire", "sarthe")):
        html = pages[url]
        schemes, _, others = html.partition('id="instances-plans-information"')
        assert others, url
        assert f'data-dispositif="{PLAN}"' not in schemes, url
        assert f'data-dispositif="{PLAN}"' in others, url
        assert f'href="{urls.relative(url, urls.OTHER_KINDS_URL)}"' in others, url
    theme = next(html for url, html in pages.items() if url.startswith("thematiques/se-former"))
    assert f'data-dispositif="{PLAN}"' in theme.partition('id="instances-plans-information"')[2]
    listing = pages[urls.OTHER_KINDS_URL]
    assert "Plan ou programme" in listing and f'href="../dispositifs/{PLAN}/"' in listing


def test_a_plan_is_not_in_embeds_booklets_nor_counted_as_mobilisable(
    renderer: Renderer,
) -> None:
    embed = dict(embed_files(renderer))[urls.embed_file("sarthe")]
    assert isinstance(embed, str) and f"dispositifs/{PLAN}/" not in embed
    assert f"dispositif-{PLAN}" not in booklet_page(renderer, "sarthe").render()


def test_territories_are_explained(catalog: Catalog, renderer: Renderer) -> None:
    text = str(territories_explanation(catalog))
    provisional = sum(1 for t in catalog.territoires.values() if t.statut == "provisoire")
    assert "18 Clefop" in text and "offre import-territoires" in text
    assert f"{provisional} regroupement" in text
    index = {p.url: p for p in index_pages(renderer)}[urls.page_url("territoire")].render()
    assert "18 Clefop" in index


def test_provisional_territory_banner_is_one_sentence(pages: dict[str, str]) -> None:
    html = pages[urls.page_url("territoire", "littoral")]
    banner = re.search(r'<p class="offre-bandeau-provisoire".*?</p>', html, re.S)
    assert banner and banner.group(0).count(". ") == 0
    assert 'id="perimetre-provisoire"' in html and "Règle de ce regroupement" in html
    assert html.index("offre-bandeau-provisoire") < html.index('id="perimetre"')
    assert html.index('id="perimetre"') < html.index("Règle de ce regroupement")
    assert "offre-bandeau-provisoire" not in pages[urls.page_url("territoire", "sarthe")]


# ---------------------------------------------------------------------------- exports


def test_exports_carry_the_shown_status(catalog: Catalog) -> None:
    records = {r["id"]: r for r in catalogue_document(catalog, SITE_URL)["dispositifs"]}
    assert records[IN_DOUBT]["statut"] == "actif"
    assert records[IN_DOUBT]["statut_affiche"] == "a-confirmer"
    assert "la fiche le signale" in records[IN_DOUBT]["motif_statut_a_confirmer"]
    assert records["aide-mobilite-essai"]["statut_affiche"] == "actif"
    assert records["aide-mobilite-essai"]["motif_statut_a_confirmer"] is None
    rows = {
        r["id"]: r
        for r in csv.DictReader(
            io.StringIO(catalogue_csv(catalog, SITE_URL).decode("utf-8-sig")), delimiter=";"
        )
    }
    assert rows[IN_DOUBT]["statut_affiche"] == "a-confirmer"
    assert rows["aide-mobilite-essai"]["motif_statut_a_confirmer"] == ""
    summaries = {
        d["id"]: d for d in territory_document(catalog, "anjou-maine", None)["dispositifs"]
    }
    assert summaries[IN_DOUBT]["statut_affiche"] == "a-confirmer"


def test_data_inclusion_keeps_the_service_in_doubt_with_a_note_and_leaves_plans_out(
    catalog: Catalog,
) -> None:
    export = build_data_inclusion(catalog, SITE_URL)
    services = {s["id"]: s for s in export.services}
    assert services[IN_DOUBT]["description"].startswith(DOUBT_PREFIX + " Aucune source récente")
    assert not services["aide-mobilite-essai"]["description"].startswith(DOUBT_PREFIX)
    assert PLAN not in services
    assert export.rejected == []


# ---------------------------------------------------------------------------- events


def test_same_day_creations_make_one_event(catalog: Catalog) -> None:
    day = date(2026, 11, 26)
    schemes = [d.model_copy(update={"cree_le": day}) for d in catalog.dispositifs.values()]
    events = creation_events(schemes, "region")
    assert len(events) == 1
    assert events[0].title == f"{len(schemes)} fiches ajoutées le 26 novembre 2026"
    assert events[0].scheme is None and events[0].entry_id == "region/ajout/2026-11-26"
    single = creation_events(schemes[:1], "sarthe")
    assert single[0].scheme is schemes[0]
    assert single[0].entry_id == f"dispositif/{schemes[0].id}/ajout/2026-11-26"


def test_same_day_updates_make_one_entry_for_a_short_list(catalog: Catalog) -> None:
    day, other = date(2026, 12, 7), date(2026, 12, 1)
    schemes = sorted(catalog.dispositifs.values(), key=lambda d: d.id)
    assert len(schemes) >= 3
    updated = [d.model_copy(update={"modifie_le": day}) for d in schemes[:-1]]
    alone = schemes[-1].model_copy(update={"modifie_le": other})
    today = max(day, catalog.latest_date())
    events = [e for d in [*updated, alone] for e in scheme_events(d, today)]
    events.sort(key=lambda e: (-e.day.toordinal(), e.entry_id))
    grouped = same_day_updates_grouped(events, "region")
    updates = [e for e in grouped if e.kind == "modifie"]
    assert [e.title for e in updates] == [
        f"{len(updated)} fiches mises à jour le 7 décembre 2026",
        f"Fiche mise à jour : {alone.titre}",
    ]
    assert updates[0].scheme is None and updates[0].entry_id == "region/modifie/2026-12-07"
    assert {d.id for d in updates[0].schemes} == {d.id for d in updated}
    assert [e for e in grouped if e.kind != "modifie"] == [e for e in events if e.kind != "modifie"]


def test_reading_the_sources_again_is_never_an_event(catalog: Catalog) -> None:
    scheme = catalog.dispositifs["aide-mobilite-essai"]
    today = catalog.latest_date()
    reread = scheme.model_copy(update={"consulte_le": today})
    assert [e.kind for e in scheme_events(reread, today)] == [
        e.kind for e in scheme_events(scheme, today)
    ]
    assert all(e.day != today or e.kind != "modifie" for e in scheme_events(reread, today))


def test_status_change_and_near_end_are_events(catalog: Catalog) -> None:
    today = catalog.latest_date()
    base = catalog.dispositifs["aide-mobilite-essai"]
    suspended = base.model_copy(update={"statut": "suspendu", "statut_depuis": "2026-03"})
    status = [e for e in scheme_events(suspended, today) if e.kind == "statut"]
    assert status and status[0].day == date(2026, 3, 1)
    assert status[0].title.startswith("Suspendu depuis mars 2026 : ")
    end = today + timedelta(days=30)
    near = base.model_copy(update={"date_fin": end.isoformat()})
    ending = [e for e in scheme_events(near, today) if e.kind == "se-termine"]
    assert ending and ending[0].day == max(end - NEAR_END, base.cree_le or end - NEAR_END)
    far = base.model_copy(update={"date_fin": (today + timedelta(days=400)).isoformat()})
    assert "se-termine" not in {e.kind for e in scheme_events(far, today)}


def test_latest_events_are_sorted_and_dated_from_the_data(catalog: Catalog) -> None:
    events = latest_events(catalog, sorted(catalog.dispositifs), "region")
    days = [e.day for e in events]
    assert days == sorted(days, reverse=True)
    assert max(days) <= catalog.latest_date()
    assert len({e.entry_id for e in events}) == len(events)


# ---------------------------------------------------------------------------- report


def test_report_lists_doubts_per_provider_and_the_quality_score(data: Path) -> None:
    code, output = run_cli("rapport", "--data", str(data), "--date", "2026-12-01")
    assert code == 0, output
    region = next(b for b in output.split("\n\n") if b.startswith("Région (essai)"))
    assert "Statut à confirmer" in region and IN_DOUBT in region
    assert "Score de qualité data·inclusion de l'export" in output
    assert re.search(r"services : moyenne \d,\d\d, le plus bas \d,\d\d", output)
    assert re.search(r"- region-essai : \d+ services?, moyenne \d,\d\d, plus bas", output)
    again = run_cli("rapport", "--data", str(data), "--date", "2026-12-01")[1]
    assert again == output  # scored at the reference date, not the clock


def test_quality_score_depends_on_the_reference_date(catalog: Catalog) -> None:
    recent = build_report(catalog, catalog.latest_date(), with_scores=True).scores
    late = build_report(catalog, date(2031, 1, 1), with_scores=True).scores
    assert recent is not None and late is not None
    assert late.mean < recent.mean  # date_maj is five years old by then
    assert "date_maj_recente" in {c.name for c in late.criteria}
    report = build_report(catalog, catalog.latest_date())
    assert report.scores is None
    # The plan's only source is undated: an undated source establishes nothing.
    doubted = {f.scheme for p in report.providers for f in p.findings if f.kind == DOUBT}
    assert doubted == {IN_DOUBT, PLAN}


# ---------------------------------------------------------------------------- the shipped site


def _html_pages(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in site.rglob("*.html")
    }


def test_no_page_says_verified_unless_a_provider_confirmed(shipped_site: BuiltSite) -> None:
    confirmed = {
        f"dispositifs/{d.id}/index.html"
        for d in shipped_site.catalog.dispositifs.values()
        if d.verifie_le
    } | {
        f"lieux/{place.id}/index.html"
        for place in shipped_site.catalog.lieux.values()
        if place.verifie_le
    }
    said = {
        path
        for path, html in _html_pages(shipped_site.site).items()
        if re.search(r"vérifiée", html, re.I)
    }
    assert said <= confirmed


def test_no_scheme_in_doubt_is_labelled_actif_anywhere(shipped_site: BuiltSite) -> None:
    catalog = shipped_site.catalog
    doubts = set(catalog.status_doubt)
    assert doubts  # the shipped data has schemes in doubt: the check checks something
    for path, html in _html_pages(shipped_site.site).items():
        for did in doubts:
            if path == f"dispositifs/{did}/index.html":
                assert "<dt>Statut</dt><dd>Statut à confirmer</dd>" in html
                assert "<dd>Actif</dd>" not in html
            item = _item(html, did)
            if item:
                assert "Statut à confirmer" in item, (path, did)
                assert ">Actif<" not in item, (path, did)


def test_shipped_feeds_group_creations_and_skip_rereads(shipped_site: BuiltSite) -> None:
    xml = (shipped_site.site / urls.FEED_URL).read_text(encoding="utf-8")
    titles = re.findall(r"<title>(.*?)</title>", xml)
    added = [t for t in titles if re.match(r"\d+ fiches ajoutées le ", t)]
    per_file = [t for t in titles if t.startswith("Fiche ajoutée : ")]
    created = {d.cree_le for d in shipped_site.catalog.dispositifs.values() if d.cree_le}
    assert len(added) + len(per_file) <= len(created)
    assert "vérifiée" not in xml.lower()


def test_shipped_territory_pages_keep_plans_out_of_mobilisable_lists(
    shipped_site: BuiltSite,
) -> None:
    others = {d.id for d in shipped_site.catalog.dispositifs.values() if not d.is_scheme}
    assert others
    for path, html in _html_pages(shipped_site.site).items():
        if not path.startswith("territoires/") or "livret" in path:
            continue
        schemes = html.partition('id="instances-plans-information"')[0]
        for did in others:
            assert f'data-dispositif="{did}"' not in schemes, (path, did)
    services = json.loads(
        (shipped_site.site / urls.DATA_INCLUSION_SERVICES_URL).read_text(encoding="utf-8")
    )["services"]
    natures = {shipped_site.catalog.dispositifs[s["id"]].nature for s in services}
    assert natures <= {"dispositif", "information"}
