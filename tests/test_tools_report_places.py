"""The places part of the quality report (tools/report_places.py): places to re-read,
schemes no place delivers per territory, and the counts; in `offre rapport` and in the
files the build writes."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from conftest import copy_fixture, run_cli

from generator.tools.report_places import build_places_report
from generator.validate import load_catalog

ANTENNA = "lieux/france-travail-essai/antenne-fictive-sans-zone.yaml"


def _stale_antenna(tmp_path: Path) -> Path:
    data = copy_fixture(tmp_path / "donnees")
    path = data / ANTENNA
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("consulte_le: 2026-09-01", "consulte_le: 2025-09-15"), "utf-8")
    return data


def test_places_not_read_for_a_year_and_schemes_without_a_place(tmp_path: Path) -> None:
    catalog, report = load_catalog(_stale_antenna(tmp_path))
    assert catalog is not None, report.render()
    found = build_places_report(catalog, date(2026, 12, 1))
    assert (found.places, found.with_phone, found.with_email) == (2, 1, 1)
    assert [(s.place, s.months, s.last_read) for s in found.stale] == [
        ("antenne-fictive-sans-zone", 14, date(2025, 9, 15))
    ]
    gaps = {t.territory: t for t in found.territories}
    sarthe = gaps["sarthe"]
    assert sarthe.places == 2
    active_here = {
        d for d in catalog.territory_schemes["sarthe"] if catalog.dispositifs[d].statut == "actif"
    }
    assert sarthe.schemes == len(active_here)
    # France Travail's schemes are delivered by its two places; the others by none.
    assert "aide-mobilite-essai" not in sarthe.undelivered
    assert "accompagnement-jeunes-essai" not in sarthe.undelivered
    assert "permis-jeunes-essai" in sarthe.undelivered
    assert set(sarthe.undelivered) == active_here - {
        "aide-mobilite-essai",
        "accompagnement-jeunes-essai",
    }
    # A territory without any place: every active scheme is without one.
    assert gaps["littoral"].places == 0
    assert gaps["littoral"].undelivered and gaps["littoral"].schemes == len(
        gaps["littoral"].undelivered
    )


def test_the_threshold_comes_from_the_settings(tmp_path: Path) -> None:
    data = _stale_antenna(tmp_path)
    (data / "reglages.yaml").write_text("fiche_a_revoir_apres_mois: 24\n", encoding="utf-8")
    catalog, report = load_catalog(data)
    assert catalog is not None, report.render()
    found = build_places_report(catalog, date(2026, 12, 1))
    assert found.months == 24 and found.stale == []


def test_verification_by_the_structure_counts_as_a_check(tmp_path: Path) -> None:
    data = _stale_antenna(tmp_path)
    path = data / ANTENNA
    path.write_text(path.read_text("utf-8") + "verifie_le: 2026-06-01\n", "utf-8")
    catalog, report = load_catalog(data)
    assert catalog is not None, report.render()
    assert build_places_report(catalog, date(2026, 12, 1)).stale == []


def test_command_and_build_show_the_places_part(tmp_path: Path) -> None:
    data = _stale_antenna(tmp_path)
    code, output = run_cli("rapport", "--data", str(data), "--date", "2026-12-01")
    assert code == 0, output
    assert "Lieux d'accueil : 2 (avec téléphone : 1 ; avec courriel : 1)" in output
    assert "Lieux non relus ni vérifiés depuis plus de 12 mois : 1" in output
    assert "- antenne-fictive-sans-zone « Antenne fictive d'essai de Mamers » [" in output
    assert f"{ANTENNA}] : dernière lecture le 15 septembre 2025 (il y a 14 mois)" in output
    assert "- Territoire d'essai Sarthe (sarthe) : 2 lieux ;" in output

    site = tmp_path / "site"
    code, output = run_cli("build", "--data", str(data), "--out", str(site))
    assert code == 0, output
    written = json.loads((site / "rapport" / "rapport.json").read_text(encoding="utf-8"))
    places = written["lieux"]
    assert places["nombre_lieux"] == 2
    # The build's reference is the data's latest date, not the clock.
    assert [p["lieu"] for p in places["lieux_a_revoir"]] == ["antenne-fictive-sans-zone"]
    assert places["lieux_a_revoir"][0]["fichier"] == ANTENNA  # data-relative
    html = (site / "rapport" / "index.html").read_text(encoding="utf-8")
    assert "Lieux non relus ni vérifiés depuis plus de 12 mois (1)" in html
    assert 'href="../lieux/antenne-fictive-sans-zone/"' in html
