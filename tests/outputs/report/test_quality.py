"""Freshness and quality report: seeded problems are flagged, per provider, in the
command's output and in the files the build writes."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from generator.catalog.load import load_catalog
from generator.outputs.report.quality import (
    DUPLICATE,
    ENDED_ACTIVE,
    NO_CONTACT,
    STALE,
    build_report,
    normalise_title,
    one_year_before,
)
from tests.support.datasets import copy_fixture, run_cli

REFERENCE = "2026-12-01"
SCHEMES = Path("dispositifs")


def _edit(data: Path, relative: str, old: str, new: str) -> None:
    path = data / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, (relative, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def seed(data: Path) -> Path:
    """The test dataset plus one case of each problem the report looks for."""
    # Verified more than 12 months before the reference date.
    _edit(
        data,
        "dispositifs/association-essai/permis-jeunes-essai.yaml",
        "consulte_le: 2026-08-20",
        "consulte_le: 2025-10-15",
    )
    # Ended on 31 May 2021 but still "actif" (the validator only warns).
    _edit(
        data,
        "dispositifs/region-essai/aide-terminee-essai.yaml",
        "statut: termine",
        "statut: actif",
    )
    # Two near-identical titles: same words, another apostrophe, singular vs plural.
    original = data / "dispositifs/region-essai/apprentissage-essai.yaml"
    twin = original.read_text(encoding="utf-8")
    twin = twin.replace("id: apprentissage-essai", "id: apprentissage-essai-bis")
    twin = twin.replace("titre: Découvrir l'apprentissage", "titre: Découvrir l’apprentissage")
    (data / "dispositifs/region-essai/apprentissage-essai-bis.yaml").write_text(
        twin, encoding="utf-8"
    )
    near = (data / "dispositifs/region-essai/formation-qualifiante-essai.yaml").read_text(
        encoding="utf-8"
    )
    near = near.replace("id: formation-qualifiante-essai", "id: formation-qualifiante-bis")
    near = near.replace(
        "titre: Formations qualifiantes de la Région (essai)",
        "titre: Formation qualifiante de la Région (essai)",
    )
    near = near.replace("sigle: FQE\n", "")
    (data / "dispositifs/region-essai/formation-qualifiante-bis.yaml").write_text(
        near, encoding="utf-8"
    )
    return data


@pytest.fixture
def seeded(tmp_path: Path) -> Path:
    return seed(copy_fixture(tmp_path / "donnees"))


def _findings(data: Path, day: str = REFERENCE) -> dict[str, set[str]]:
    catalog, report = load_catalog(data)
    assert catalog is not None, report.render()
    result = build_report(catalog, date.fromisoformat(day))
    found: dict[str, set[str]] = {}
    for provider in result.providers:
        for finding in provider.findings:
            assert finding.scheme in catalog.provider_schemes[provider.provider]
            found.setdefault(finding.kind, set()).add(finding.scheme)
    return found


def test_each_seeded_problem_is_flagged(seeded: Path) -> None:
    found = _findings(seeded)
    assert found[STALE] == {"permis-jeunes-essai"}
    assert found[ENDED_ACTIVE] == {"aide-terminee-essai"}
    assert found[DUPLICATE] == {
        "apprentissage-essai",
        "apprentissage-essai-bis",
        "formation-qualifiante-essai",
        "formation-qualifiante-bis",
    }
    # No regional and no territory contact; aide-mobilite-essai has both.
    assert "apprentissage-essai" in found[NO_CONTACT]
    assert "aide-mobilite-essai" not in found[NO_CONTACT]
    # Closed schemes (replaced, ended) are not asked for a contact.
    assert "garantie-essai" not in found[NO_CONTACT]


def test_clean_fixture_has_no_stale_ended_or_duplicate_scheme(dataset: Path) -> None:
    found = _findings(dataset)
    assert STALE not in found
    assert ENDED_ACTIVE not in found
    assert DUPLICATE not in found


def test_closed_schemes_are_never_stale(dataset: Path) -> None:
    found = _findings(dataset, "2030-01-01")
    assert "garantie-essai" not in found[STALE]  # replaced
    assert "aide-terminee-essai" not in found[STALE]  # ended
    assert "aide-mobilite-essai" in found[STALE]


def test_title_normalisation_and_leap_days() -> None:
    assert normalise_title("Découvrir l’apprentissage (essai)") == normalise_title(
        "DECOUVRIR L'APPRENTISSAGE — essai"
    )
    assert one_year_before(date(2028, 2, 29)) == date(2027, 2, 28)


def test_command_prints_findings_per_provider(seeded: Path) -> None:
    code, output = run_cli("rapport", "--data", str(seeded), "--date", REFERENCE)
    assert code == 0
    assert "Date de référence : 1er décembre 2026" in output
    blocks = {block.splitlines()[0]: block for block in output.split("\n\n") if block.strip()}
    association = blocks["Association locale d'essai (association-essai) — 4 constats"]
    assert "Sources non relues depuis plus de 12 mois :" in association
    assert "permis-jeunes-essai « Permis de conduire pour les jeunes (essai) »" in association
    assert "sources relues le 15 octobre 2025 (il y a 13 mois)" in association
    region = next(text for head, text in blocks.items() if head.startswith("Région (essai)"))
    assert "Date de fin passée mais statut « actif » :" in region
    assert "aide-terminee-essai" in region
    assert "Titres qui se ressemblent" in region
    assert "titre proche de « Découvrir l’apprentissage (essai) »" in region
    assert "dispositifs/region-essai/aide-terminee-essai.yaml" in region


def test_command_defaults_to_today(dataset: Path) -> None:
    code, output = run_cli("rapport", "--data", str(dataset))
    assert code == 0
    from generator.data.dates import format_fr

    assert f"Date de référence : {format_fr(date.today())}" in output


def test_invalid_data_exits_1_with_the_validator_messages(dataset: Path) -> None:
    (dataset / "dispositifs/region-essai/casse.yaml").write_text(
        "id: casse\ntitre: [\n", encoding="utf-8"
    )
    code, output = run_cli("rapport", "--data", str(dataset))
    assert code == 1
    assert "casse.yaml:2:" in output
    assert "Rapport de fraîcheur" not in output


def test_bad_date_is_a_user_error(dataset: Path) -> None:
    code, output = run_cli("rapport", "--data", str(dataset), "--date", "01/12/2026")
    assert code == 1
    assert "date « 01/12/2026 » invalide : attendu AAAA-MM-JJ." in output


def test_build_writes_the_report_with_the_data_date(seeded: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    code, output = run_cli("build", "--data", str(seeded), "--out", str(site))
    assert code == 0, output
    catalog, _ = load_catalog(seeded)
    assert catalog is not None
    # The data's latest date, never the clock: two builds of the same data are identical.
    expected = build_report(catalog, catalog.latest_date(), data_relative=True).as_dict()
    written = json.loads((site / "rapport" / "rapport.json").read_text(encoding="utf-8"))
    assert written == expected
    assert written["date_reference"] == catalog.latest_date().isoformat()
    assert written["totaux"][ENDED_ACTIVE] == 1
    assert written["totaux"][DUPLICATE] == 4
    files = {c["fichier"] for p in written["porteurs"] for c in p["constats"]}
    assert "dispositifs/region-essai/aide-terminee-essai.yaml" in files  # data-relative

    html = (site / "rapport" / "index.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex">' in html
    assert '<html lang="fr">' in html
    assert "aide-terminee-essai.yaml" in html
    assert "Fiche piège &lt;b&gt;HTML&lt;/b&gt;" in html  # titles are escaped
    assert not re.search(r"(?:src|href)=\"https?://", html)

    # Not linked from the public pages nor listed in the sitemap.
    for page in site.rglob("*.html"):
        if page.parts[-2] != "rapport":
            assert "rapport/" not in page.read_text(encoding="utf-8"), page
    assert "rapport/" not in (site / "sitemap.xml").read_text(encoding="utf-8")
