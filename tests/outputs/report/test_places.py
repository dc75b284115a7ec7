"""The places part of the quality report (report/places.py): places to re-read,
schemes no place delivers per territory, and the counts; in `offre rapport` and in the
files the build writes."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from generator.catalog.load import load_catalog
from generator.outputs.report.places import build_places_report
from tests.support.datasets import copy_fixture, run_cli

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
    reach = places["atteignables"]
    assert reach["couples"] > reach["couples_avec_lieu_joignable"] > 0
    assert "publie un téléphone, un courriel ou une page web" in reach["definition"]
    assert f"Lieux joignables : {reach['couples_avec_lieu_joignable']} couples" in html


def test_reachable_pairs_per_territory_and_places_by_network(tmp_path: Path) -> None:
    from generator.outputs.report.places import is_reachable, reachable_places, scheme_communes

    catalog, report = load_catalog(_stale_antenna(tmp_path))
    assert catalog is not None, report.render()
    agence, antenne = (
        catalog.lieux["agence-fictive-le-mans"],
        catalog.lieux["antenne-fictive-sans-zone"],
    )
    assert is_reachable(agence) and not is_reachable(antenne)
    assert reachable_places(catalog, "aide-mobilite-essai", "72181") == ["agence-fictive-le-mans"]
    assert reachable_places(catalog, "permis-jeunes-essai", "72181") == []
    found = build_places_report(catalog, date(2026, 12, 1))
    reach = {r.territory: r for r in found.reach}
    # The aggregate agrees with the pair-by-pair definition.
    for tid, territory_reach in reach.items():
        here = {c.code for c in catalog.territory_communes[tid]}
        active = [
            d
            for d in catalog.territory_schemes[tid]
            if catalog.dispositifs[d].statut == "actif" and catalog.dispositifs[d].is_scheme
        ]
        pairs = [(d, c) for d in active for c in sorted(here & scheme_communes(catalog, d))]
        assert territory_reach.pairs == len(pairs)
        assert territory_reach.reachable_pairs == sum(
            1 for d, c in pairs if reachable_places(catalog, d, c)
        )
    le_mans = {c.code for c in catalog.geo.communes_of_epci("247200132")}
    sarthe = {c.code for c in catalog.territory_communes["sarthe"]}
    # France Travail's two active schemes, reachable through the agency's zone only.
    assert reach["sarthe"].reachable_pairs == 2 * len(le_mans & sarthe) > 0
    assert reach["littoral"].reachable_pairs == 0 and reach["littoral"].pairs > 0
    assert found.reachable_pairs == reach["sarthe"].reachable_pairs
    [network] = reach["sarthe"].networks
    assert (network.network, network.places, network.with_phone) == ("france-travail", 2, 1)
    assert (network.oldest, network.newest) == (date(2025, 9, 15), date(2026, 9, 1))
    assert network.oldest_months == 14
    assert reach["littoral"].networks == []

    code, output = run_cli("rapport", "--data", str(tmp_path / "donnees"), "--date", "2026-12-01")
    assert code == 0, output
    assert (
        "Lieux joignables : couples (dispositif actif, commune) avec un lieu joignable : " in output
    )
    assert (
        "france-travail : 2 lieux (1 avec téléphone), données du 15 septembre 2025 au "
        "1er septembre 2026 (les plus anciennes ont 14 mois)" in output
    )
