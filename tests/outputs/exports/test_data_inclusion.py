"""donnees/data-inclusion/ (exports/data_inclusion.py): checked with the official models."""

from __future__ import annotations

import json
import logging
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from data_inclusion.schema import v1 as di

from generator.catalog.catalog import Catalog
from generator.catalog.load import load_catalog
from generator.outputs.exports.data_inclusion import build_data_inclusion, data_inclusion_files
from generator.outputs.exports.publication import LICENCE_NAME
from generator.rules import urls
from tests.support.datasets import BuiltSite
from tests.support.goldens import check_golden
from tests.support.paths import REPO

REGION = ["44", "49", "53", "72", "85"]


def _json(site: Path, path: str) -> Any:
    return json.loads((site / path).read_text(encoding="utf-8"))


def test_data_inclusion_records_pass_the_official_models(
    site: Path, catalog: Catalog, site_url: str
) -> None:
    structures = _json(site, urls.DATA_INCLUSION_STRUCTURES_URL)
    services = _json(site, urls.DATA_INCLUSION_SERVICES_URL)
    for document in (structures, services):
        assert document["licence"]["nom"] == LICENCE_NAME
        assert document["source"] == "offre-clefop-pdl"
    for record in structures["structures"]:
        di.Structure.model_validate(record, context={"ignore_warnings": False})
    for record in services["services"]:
        di.Service.model_validate(record, context={"ignore_warnings": False})
    assert [s["id"] for s in structures["structures"]] == sorted(catalog.porteurs) + [
        f"lieu-{lid}" for lid in sorted(catalog.lieux)
    ]
    current = sorted(
        did for did, d in catalog.dispositifs.items() if d.statut in ("actif", "suspendu")
    )
    assert [s["id"] for s in services["services"]] == current
    structure_ids = {s["id"] for s in structures["structures"]}
    for record in services["services"]:
        assert record["structure_id"] in structure_ids
        assert "lien_source" not in record  # an address to give, or none (never relative)


def test_data_inclusion_services_map_our_fields(site: Path) -> None:
    services = {s["id"]: s for s in _json(site, urls.DATA_INCLUSION_SERVICES_URL)["services"]}
    assert services["permis-jeunes-essai"]["zone_eligibilite"] == ["247200132"]
    assert services["aide-mobilite-essai"]["zone_eligibilite"] == REGION
    assert services["atelier-suspendu-essai"]["zone_eligibilite"] == ["44"]
    # A territory id becomes the EPCI of the territory.
    assert "244900015" in services["apprentissage-essai"]["zone_eligibilite"]
    mobilite = services["aide-mobilite-essai"]
    assert mobilite["date_maj"] == "2026-09-15"  # modifie_le wins over consulte_le
    assert mobilite["type"] == "aide-financiere"
    assert mobilite["publics"] == ["demandeurs-emploi"]
    assert mobilite["conditions_acces"] == "Être inscrit comme demandeur d'emploi."
    assert "**" not in mobilite["description"]  # Markdown became plain text
    assert mobilite["description"].startswith("Prise en charge de frais de déplacement")
    assert services["permis-jeunes-essai"]["mobilisable_par"] == ["professionnels", "usagers"]
    # Our vocabulary values without a data·inclusion equivalent are dropped.
    assert services["apprentissage-essai"]["thematiques"] == [
        "choisir-un-metier--decouvrir-un-metier-ou-un-secteur-dactivite"
    ]
    piege = services["piege-html-essai"]
    assert "<script" not in piege["description"]
    assert "alert(" not in piege["description"]
    assert "lien correct (https://example.org/correct)" in piege["description"]
    assert "garantie-essai" not in services  # replaced
    assert "aide-terminee-essai" not in services  # ended


def test_data_inclusion_structures(site: Path) -> None:
    structures = {s["id"]: s for s in _json(site, urls.DATA_INCLUSION_STRUCTURES_URL)["structures"]}
    assert structures["france-travail-essai"]["reseaux_porteurs"] == ["france-travail"]
    assert structures["france-travail-essai"]["date_maj"] == "2026-11-01"
    assert "reseaux_porteurs" not in structures["association-essai"]


def test_places_are_structures_with_their_address(site: Path) -> None:
    structures = {s["id"]: s for s in _json(site, urls.DATA_INCLUSION_STRUCTURES_URL)["structures"]}
    assert structures["lieu-agence-fictive-le-mans"] == {
        "source": "offre-clefop-pdl",
        "id": "lieu-agence-fictive-le-mans",
        "nom": "Agence fictive d'essai du Mans",
        "date_maj": "2026-09-01",
        "description": "Point d'accueil fictif, pour les tests.",
        "commune": "Le Mans",
        "code_postal": "72000",
        "code_insee": "72181",
        "adresse": "1 rue de l'Essai",
        "telephone": "+33200000001",
        "courriel": "accueil-essai@example.org",
        "site_web": "https://example.org/agence-le-mans",
        "horaires_accueil": "Mo-Fr 08:30-12:30,13:30-16:30; PH off",
        "reseaux_porteurs": ["france-travail"],
    }
    bare = structures["lieu-antenne-fictive-sans-zone"]
    assert (bare["commune"], bare["code_insee"]) == ("Mamers", "72180")
    assert "telephone" not in bare and "adresse" not in bare


def test_a_record_the_official_model_rejects_is_left_out_and_logged(
    catalog: Catalog, caplog: pytest.LogCaptureFixture
) -> None:
    future = date.today() + timedelta(days=400)
    schemes = dict(catalog.dispositifs)
    schemes["permis-jeunes-essai"] = schemes["permis-jeunes-essai"].model_copy(
        update={"modifie_le": future, "titre": "Permis (essai)."}
    )
    schemes["apprentissage-essai"] = schemes["apprentissage-essai"].model_copy(
        update={"titre": "Apprentissage, etc."}
    )
    changed = Catalog(**{**catalog.__dict__, "dispositifs": schemes})
    export = build_data_inclusion(changed, "https://exemple.invalid/")
    assert [(r.ident, r.kind) for r in export.rejected] == [("permis-jeunes-essai", "service")]
    assert "date_maj" in export.rejected[0].reason
    assert "permis-jeunes-essai" not in {s["id"] for s in export.services}
    kept = {s["id"]: s for s in export.services}
    assert kept["apprentissage-essai"]["nom"] == "Apprentissage, etc."
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.offre"):
        data_inclusion_files(changed, "https://exemple.invalid/")
    notes = [r for r in caplog.records if "permis-jeunes-essai" in r.getMessage()]
    assert notes
    assert all(r.levelno == logging.INFO for r in notes)


def test_scheme_names_lose_their_final_full_stop(catalog: Catalog) -> None:
    schemes = dict(catalog.dispositifs)
    schemes["permis-jeunes-essai"] = schemes["permis-jeunes-essai"].model_copy(
        update={"titre": "Permis de conduire (essai)."}
    )
    changed = Catalog(**{**catalog.__dict__, "dispositifs": schemes})
    export = build_data_inclusion(changed, None)
    names = {s["id"]: s["nom"] for s in export.services}
    assert names["permis-jeunes-essai"] == "Permis de conduire (essai)"
    assert not export.rejected
    assert not export.warnings


def test_all_publics_stays_alone(catalog: Catalog) -> None:
    schemes = dict(catalog.dispositifs)
    schemes["piege-html-essai"] = schemes["piege-html-essai"].model_copy(
        update={"publics": ["jeunes", "tous-publics", "employeurs"]}
    )
    changed = Catalog(**{**catalog.__dict__, "dispositifs": schemes})
    services = {s["id"]: s for s in build_data_inclusion(changed, None).services}
    assert services["piege-html-essai"]["publics"] == ["tous-publics"]


def test_build_log_reports_no_rejection_on_the_test_dataset(
    built_site: BuiltSite,
) -> None:
    assert "non exporté" not in built_site.log


def test_every_scheme_left_out_is_logged_with_its_reason_and_counted(
    built_site: BuiltSite, catalog: Catalog
) -> None:
    ended = sorted(
        did
        for did, d in catalog.dispositifs.items()
        if d.statut not in ("actif", "suspendu") or d.nature in ("instance", "plan")
    )
    assert ended  # the test dataset has ended and replaced schemes
    for did in ended:
        scheme = catalog.dispositifs[did]
        reason = (
            f"statut « {scheme.statut} »"
            if scheme.statut not in ("actif", "suspendu")
            else f"nature « {scheme.nature} »"
        )
        assert f"export data·inclusion : service « {did} » écarté : {reason}" in built_site.log
    export = build_data_inclusion(catalog, None)
    assert [r.ident for r in export.excluded] == ended
    assert (
        f"export data·inclusion : {len(catalog.porteurs) + len(catalog.lieux)} structures et "
        f"{len(catalog.dispositifs) - len(ended)} services exportés ; {len(ended)} dispositifs "
        "écartés"
    ) in built_site.log
    exported = {s["id"] for s in export.services} | {r.ident for r in export.excluded}
    assert exported | {r.ident for r in export.rejected} == set(catalog.dispositifs)


def test_plain_text_in_services_never_holds_a_tag(catalog: Catalog) -> None:
    schemes = dict(catalog.dispositifs)
    schemes["aide-mobilite-essai"] = schemes["aide-mobilite-essai"].model_copy(
        update={"description": "Écrire `<details open ontoggle=alert(1)>` ou &lt;b&gt;."}
    )
    changed = Catalog(**{**catalog.__dict__, "dispositifs": schemes})
    services = {s["id"]: s for s in build_data_inclusion(changed, None).services}
    description = services["aide-mobilite-essai"]["description"]
    assert "ontoggle" in description
    assert "<details" not in description and "<b>" not in description


def test_shipped_data_exports_every_scheme_and_provider() -> None:
    catalog, report = load_catalog(REPO / "offer_data")
    assert catalog is not None, report.render()
    export = build_data_inclusion(catalog, "https://offre-clefop.invalid/")
    assert [r.message() for r in export.rejected] == []
    assert {s["id"] for s in export.structures} == set(catalog.porteurs) | {
        f"lieu-{lid}" for lid in catalog.lieux
    }
    # Governance bodies and plans are not services a person can use.
    assert {s["id"] for s in export.services} == {
        did
        for did, d in catalog.dispositifs.items()
        if d.statut in ("actif", "suspendu") and d.nature not in ("instance", "plan")
    }


@pytest.mark.parametrize(
    "path", [urls.DATA_INCLUSION_STRUCTURES_URL, urls.DATA_INCLUSION_SERVICES_URL]
)
def test_data_inclusion_golden(path: str, site: Path, update_goldens: bool) -> None:
    check_golden(f"exports/{path}", (site / path).read_bytes(), update_goldens)
