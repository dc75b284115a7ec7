"""`offre import-annuaire` end to end, through the CLI, on fictitious files written from the
directory's record format (see annuaire_fixtures.py)."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.data.model import Lieu
from generator.importers.annuaire.mapping import MAPPING_FILE
from generator.importers.annuaire.record import DIRECTORY
from tests.support.annuaire_fixtures import as_api_record, base_services, service, write_dump
from tests.support.datasets import run_cli
from tests.support.paths import REPO

MAPPING = """\
# Correspondances FICTIVES pour les tests de l'import de l'annuaire.
source:
  url: https://example.org/annuaire-fictif
  titre: Annuaire fictif de test
types:
  - types: [pole_emploi, france_travail]
    porteur: france-travail-essai
    reseau: france-travail
  - types: [mission_locale]
    porteur: association-essai
    reseau: mission-locale
"""


@pytest.fixture
def data(dataset: Path, in_tmp: Path) -> Path:
    (dataset / MAPPING_FILE).write_text(MAPPING, encoding="utf-8")
    return dataset


def _run(data: Path, json_file: Path, *extra: str) -> tuple[int, str]:
    return run_cli(
        "import-annuaire", str(json_file), "--data", str(data), "--date", "2099-04-01", *extra
    )


def _imported(data: Path) -> dict[str, str]:
    return {
        p.relative_to(data / "lieux").as_posix(): p.read_text(encoding="utf-8")
        for p in sorted((data / "lieux").rglob("*.yaml"))
        if "Annuaire de l'administration" in p.read_text(encoding="utf-8")
    }


def _load(data: Path, relative: str) -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((data / "lieux" / relative).read_text("utf-8"))
    return loaded


CHOLET = "france-travail-essai/agence-france-travail-fictive-de-cholet.yaml"
LAVAL = "association-essai/mission-locale-fictive-de-laval.yaml"


def test_kept_services_become_valid_places_with_zone_and_provenance(
    data: Path, tmp_path: Path
) -> None:
    code, output = _run(data, write_dump(tmp_path / "annuaire.json", base_services()))
    assert code == 0, output
    assert sorted(_imported(data)) == [LAVAL, CHOLET]
    text = output.replace("\u00a0", " ")
    assert "Annuaire : 4 services lus, 2 retenus comme lieux" in text
    assert "hors des départements choisis 1" in text
    assert "types non reliés, dans ces départements : mairie 1." in text
    cholet = _load(data, CHOLET)
    place = Lieu.model_validate(cholet)
    assert place.reseaux_porteurs == ["france-travail"]
    assert place.telephone == "02 00 00 10 01"
    assert place.courriel == "accueil-ft-essai-cholet@example.org"
    assert place.site_web == "https://example.org/ft-essai-cholet"
    assert place.horaires_osm == "Mo-Fr 08:30-12:30,13:30-16:30"
    assert place.adresse.ligne == "1 rue de l'Essai"  # the street address, not the postal one
    assert place.adresse.complement == "Bâtiment d'essai"
    assert place.zone_desservie == ["49092", "49099"]  # the communes of competence
    assert place.origine is not None
    assert (place.origine.source, place.origine.producteur) == (
        "Annuaire de l'administration",
        "DILA",
    )
    assert place.origine.identifiant == "ft-essai-cholet"
    assert place.origine.date_maj == date(2099, 3, 12)
    assert [s.url for s in place.sources] == [
        "https://example.org/annuaire/ft-essai-cholet",
        "https://example.org/annuaire-fictif",
    ]
    assert place.verifie_le is None
    assert DIRECTORY.is_intact((data / "lieux" / CHOLET).read_text(encoding="utf-8"), cholet)


def test_the_api_export_with_json_text_fields_gives_the_same_places(
    data: Path, tmp_path: Path
) -> None:
    assert _run(data, write_dump(tmp_path / "annuaire.json", base_services()))[0] == 0
    before = _imported(data)
    api = tmp_path / "api.json"
    api.write_text(json.dumps([as_api_record(r) for r in base_services()]), encoding="utf-8")
    code, output = _run(data, api)
    assert code == 0, output
    assert "0 nouveau(x), 0 modifié(s), 2 inchangé(s)" in output
    assert _imported(data) == before


def test_hours_that_do_not_read_as_rules_are_kept_as_text(data: Path, tmp_path: Path) -> None:
    records = base_services()
    records[0]["plage_ouverture"] = [
        {
            "nom_jour_debut": "Lundi",
            "nom_jour_fin": "Lundi",
            "valeur_heure_debut_1": "09:00:00",
            "valeur_heure_fin_1": "12:00:00",
            "commentaire": "Sur rendez-vous l'après-midi (texte fictif)",
        },
        {
            "nom_jour_debut": "Jour férié fictif",
            "nom_jour_fin": "",
            "valeur_heure_debut_1": "10:00:00",
            "valeur_heure_fin_1": "11:00:00",
        },
    ]
    code, output = _run(data, write_dump(tmp_path / "annuaire.json", records))
    assert code == 0, output
    cholet = _load(data, CHOLET)
    assert "horaires_osm" not in cholet
    assert cholet["horaires"] == "Lundi : 09:00:00-12:00:00\nJour férié fictif : 10:00:00-11:00:00"
    assert cholet["accueil_precisions"] == "Lundi : Sur rendez-vous l'après-midi (texte fictif)"
    assert "1 repris en clair" in output


def test_invalid_records_are_located_and_nothing_is_written(data: Path, tmp_path: Path) -> None:
    records = base_services()
    records[0]["telephone"] = [{"valeur": "02 00 00 / 06 00 00 (fictif)"}]
    records[1]["site_internet"] = [{"valeur": "www.exemple-sans-protocole.fr"}]
    records.append(
        service(
            "ml-essai-laval", "Mission locale fictive en double", "mission_locale", "53130", "53000"
        )
    )
    records.append(
        service("ml-essai-x", "Mission locale fictive", "mission_locale", "53999", "53000")
    )
    code, output = _run(data, write_dump(tmp_path / "annuaire.json", records))
    assert code == 1
    assert _imported(data) == {}
    assert (
        "annuaire.json: enregistrement n° 1 (id « ft-essai-cholet »): error: telephone[0].valeur :"
        in output
    )
    assert "enregistrement n° 2 (id « ml-essai-laval »): error: site_internet[0].valeur :" in output
    assert (
        "enregistrement n° 5 (id « ml-essai-laval »): error: id : identifiant déjà donné à "
        "l'enregistrement n° 2" in output
    )
    assert "enregistrement n° 6 (id « ml-essai-x »): error: code_insee_commune :" in output
    assert "4 erreur(s)" in output and "aucun fichier n'a été écrit" in output
    code, output = _run(
        data, write_dump(tmp_path / "annuaire.json", records), "--ignorer-invalides"
    )
    assert code == 0, output
    assert sorted(_imported(data)) == []  # every kept service here was invalid
    assert ": warning: telephone[0].valeur :" in output


def test_a_file_that_is_not_json_is_located(data: Path, tmp_path: Path) -> None:
    broken = tmp_path / "annuaire.json"
    text = json.dumps({"service": base_services()}, indent=1)
    broken.write_text(text[:-40] + '"coupé', encoding="utf-8")
    code, output = _run(data, broken)
    assert code == 1 and "annuaire.json:" in output and "aucun fichier n'a été écrit" in output
    assert _imported(data) == {}
    odd = tmp_path / "odd.json"
    odd.write_text('{"service": [{"id": "x",, }]}', encoding="utf-8")
    code, output = _run(data, odd)
    assert code == 1 and "odd.json:1:" in output and "JSON mal formé" in output
    csv_like = tmp_path / "liste.json"
    csv_like.write_text("id;nom\n", encoding="utf-8")
    code, output = _run(data, csv_like)
    assert (
        code == 1 and "liste.json:1:1: error: ce n'est pas un fichier JSON de l'annuaire" in output
    )


def test_rerun_update_vanished_and_hand_edits(data: Path, tmp_path: Path) -> None:
    dump = write_dump(tmp_path / "annuaire.json", base_services())
    assert _run(data, dump)[0] == 0
    first = _imported(data)
    code, output = _run(data, dump)
    assert code == 0 and "0 nouveau(x), 0 modifié(s), 2 inchangé(s)" in output
    assert _imported(data) == first
    laval = data / "lieux" / LAVAL
    edited = laval.read_text(encoding="utf-8") + "# relu par téléphone (essai)\n"
    laval.write_text(edited, encoding="utf-8")
    newer = [r for r in base_services() if r["id"] != "ft-essai-cholet"]
    newer[0]["telephone"] = [{"valeur": "02 00 00 99 99"}]
    newer.append(
        service(
            "ft-essai-mayenne",
            "Agence France Travail fictive de Mayenne",
            "france_travail",
            "53147",
            "53100",
        )
    )
    code, output = _run(data, write_dump(tmp_path / "annuaire-2.json", newer))
    assert code == 0, output
    assert (
        "1 nouveau(x), 0 modifié(s), 0 inchangé(s), 1 disparu(s) de l'annuaire, "
        "1 modifié(s) à la main" in output
    )
    assert laval.read_text(encoding="utf-8") == edited
    assert (data / "lieux" / CHOLET).exists()
    code, output = _run(
        data, write_dump(tmp_path / "annuaire-2.json", newer), "--supprimer-disparus"
    )
    assert code == 0 and "disparu, supprimé" in output
    assert not (data / "lieux" / CHOLET).exists()


def test_dry_run_and_departement_filter(data: Path, tmp_path: Path) -> None:
    dump = write_dump(tmp_path / "annuaire.json", base_services())
    code, output = _run(data, dump, "--dry-run")
    assert code == 0 and "Essai : 2 fichier(s) seraient écrits" in output
    assert _imported(data) == {}
    code, output = _run(data, dump, "--departements", "53")
    assert code == 0, output
    assert sorted(_imported(data)) == [LAVAL]


def test_mapping_file_errors_are_located(data: Path, tmp_path: Path) -> None:
    (data / MAPPING_FILE).write_text(
        MAPPING
        + "  - types: [Pole-Emploi, mission_locale]\n    porteur: porteur-inconnu\n"
        + "    reseau: reseau-inconnu\n",
        encoding="utf-8",
    )
    code, output = _run(data, write_dump(tmp_path / "annuaire.json", base_services()))
    assert code == 1
    assert f"{MAPPING_FILE}:14:" in output and "porteur « porteur-inconnu » inconnu" in output
    assert "le type « mission_locale » est déjà relié par la règle n° 2" in output
    assert "type « Pole-Emploi » mal formé" in output
    assert "« reseau-inconnu » n'est pas une valeur reseaux_porteurs" in output
    assert _imported(data) == {}


def test_shipped_mapping_file_is_valid(tmp_path: Path) -> None:
    data = tmp_path / "donnees"
    shutil.copytree(REPO / "offer_data", data)
    code, output = run_cli(
        "import-annuaire",
        str(write_dump(tmp_path / "annuaire.json", base_services()[:1])),
        "--data",
        str(data),
        "--dry-run",
    )
    assert code == 0, output
    assert "par porteur : france-travail 1." in output.replace("\u00a0", " ")


def test_an_export_without_services_is_refused(data: Path, tmp_path: Path) -> None:
    assert _run(data, write_dump(tmp_path / "annuaire.json", base_services()))[0] == 0
    before = _imported(data)
    empty = tmp_path / "vide.json"
    empty.write_text('{"autre_cle": []}', encoding="utf-8")
    code, output = _run(data, empty, "--supprimer-disparus")
    assert code == 1 and "vide.json:1:1: error: aucun service dans ce fichier" in output
    assert _imported(data) == before
