"""`offre import-france-services` end to end, through the CLI, on a slice of the ANCT's real
list and on fictitious files (see fs_fixtures.py)."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.catalog.load import load_catalog
from generator.data.model import Lieu
from generator.importers.france_services import hours, record
from generator.importers.france_services.importer import list_date_from_name
from generator.outputs.pages.places import place_page
from generator.site.outputs import prepare
from tests.support.datasets import run_cli
from tests.support.fs_fixtures import (
    COLUMNS,
    PROVIDER_FILE,
    REAL_SLICE,
    base_rows,
    fictitious_row,
    write_csv,
)
from tests.support.paths import REPO

FOLDER = Path("lieux") / "france-services"
LIST_NAME = "liste-fs-20990101.csv"


@pytest.fixture
def data(dataset: Path, in_tmp: Path) -> Path:
    """The fixture dataset with the France services provider; run from tmp_path so that
    messages show short relative paths."""
    shutil.copy(PROVIDER_FILE, dataset / "porteurs" / "france-services.yaml")
    return dataset


def _run(data: Path, csv_file: Path, *extra: str) -> tuple[int, str]:
    return run_cli(
        "import-france-services", str(csv_file), "--data", str(data), "--date", "2026-12-07", *extra
    )


def _files(data: Path) -> dict[str, str]:
    folder = data / FOLDER
    if not folder.is_dir():
        return {}
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.yaml"))}


def _load(data: Path, name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((data / FOLDER / name).read_text(encoding="utf-8"))
    return loaded


def _flat(text: str) -> str:
    return text.replace("\u00a0", " ")


# ---------------------------------------------------------------------------- real slice


def test_real_slice_gives_one_valid_place_per_site_of_the_region(data: Path) -> None:
    code, output = _run(data, REAL_SLICE)
    assert code == 0, output
    files = _files(data)
    assert len(files) == 7  # the two sites of the Ain are outside the region
    assert "2 845" not in output and "9 France services lues, 7 retenues" in _flat(output)
    assert "hors des départements choisis 2" in _flat(output)
    for name in files:
        place = Lieu.model_validate(_load(data, name))
        assert place.porteur == "france-services"
        assert place.reseaux_porteurs == ["france-service"]
        assert place.dispositifs == [] and place.zone_desservie == []
        assert place.verifie_le is None
        assert place.origine is not None
        assert place.origine.source == "liste ANCT"
        assert place.origine.date_maj == date(2024, 8, 1)
        assert place.sources[0].date_publication == "2024-08-01"
        assert place.consulte_le == date(2026, 12, 7)
    gorron = _load(data, "france-services-gorron.yaml")
    assert gorron["telephone"] == "02 43 30 10 58"
    assert gorron["horaires_osm"] == (
        "Mo-We 08:30-12:15,13:30-17:30; Th 13:30-17:30; Fr 08:30-12:15,13:30-17:00"
    )
    assert gorron["adresse"] == {
        "ligne": "Place de la Mairie",
        "code_postal": "53120",
        "commune": "53107",
    }
    assert gorron["origine"]["identifiant"] == "298"
    riaille = _load(data, "france-services-du-secteur-de-riaille.yaml")
    assert "Permanence du mercredi sur rendez-vous" in riaille["accueil_precisions"]
    assert "rendez_vous" not in riaille  # « Non » says nothing sure
    code, output = run_cli("validate", str(data))
    assert code == 0, output


def test_shipped_places_are_the_imports_untouched_files() -> None:
    folder = REPO / "offer_data" / FOLDER
    paths = sorted(folder.glob("*.yaml"))
    assert len(paths) == 128
    for path in paths:
        text = path.read_text(encoding="utf-8")
        loaded = yaml.safe_load(text)
        assert record.is_intact(text, loaded), path
        assert loaded["origine"]["date_maj"] == date(2024, 8, 1)
        assert "verifie_le" not in loaded
        assert not record.looks_personal(loaded.get("courriel", "x@y.fr")), path
    with_phone = sum(1 for p in paths if "\ntelephone: " in p.read_text(encoding="utf-8"))
    assert with_phone == 128


# ---------------------------------------------------------------------------- hours


def _day_row(**days: str) -> dict[str, str]:
    row = {column: "" for column, _, _ in hours.DAY_COLUMNS}
    row.update(days)
    return row


def test_hours_become_openstreetmap_rules_with_shared_days() -> None:
    converted = hours.convert(
        _day_row(
            h_lundi="09:00 - 12:00 / 13:30 - 17:00",
            h_mardi="09:00 - 12:00 / 13:30 - 17:00",
            h_mercredi="09:00 - 12:00",
            h_vendredi="09:00 - 12:00",
            h_samedi="9h00 - 12h00",
        )
    )
    assert converted == hours.Hours(
        "Mo-Tu 09:00-12:00,13:30-17:00; We 09:00-12:00; Fr-Sa 09:00-12:00", None, 0
    )


def test_placeholders_are_not_hours_and_are_counted() -> None:
    converted = hours.convert(
        _day_row(h_lundi="00:00 - 00:00 / 09:00 - 12:00", h_mardi="00:00 - 00:00")
    )
    assert converted == hours.Hours("Mo 09:00-12:00", None, 2)
    assert hours.convert(_day_row(h_lundi="00:00 - 00:00")) == hours.Hours(None, None, 1)
    assert hours.convert(_day_row()) == hours.Hours(None, None, 0)


def test_unreadable_hours_are_kept_as_text() -> None:
    converted = hours.convert(
        _day_row(h_lundi="09:00 - 12:00", h_mardi="sur rendez-vous (texte fictif)")
    )
    assert converted.osm is None
    assert converted.text == "Lundi : 09:00 - 12:00\nMardi : sur rendez-vous (texte fictif)"
    backwards = hours.convert(_day_row(h_lundi="17:00 - 09:00"))
    assert backwards.osm is None and backwards.text == "Lundi : 17:00 - 09:00"


def test_placeholders_and_hours_are_reported(data: Path, tmp_path: Path) -> None:
    rows = base_rows()
    rows[0]["h_lundi"] = "00:00 - 00:00 / 09:00 - 12:00"
    rows[1].update({f"h_{d}": "" for d in ("lundi", "mardi", "mercredi", "jeudi", "vendredi")})
    rows[2]["h_mardi"] = "matin (texte fictif)"
    code, output = _run(data, write_csv(tmp_path / LIST_NAME, rows))
    assert code == 0, output
    assert (
        "Horaires : 2 au format OpenStreetMap, 1 repris en clair, 1 sans horaires ; 1 plage(s) "
        "« 00:00 - 00:00 » ignorée(s)" in _flat(output)
    )
    cholet = _load(data, "france-services-fictive-de-cholet.yaml")
    assert cholet["horaires_osm"].startswith("Mo 09:00-12:00; Tu 09:00-12:00,13:30-17:00")
    yon = _load(data, "france-services-fictive-de-la-roche-sur-yon.yaml")
    assert "horaires_osm" not in yon and "Mardi : matin (texte fictif)" in yon["horaires"]


# ---------------------------------------------------------------------------- fields


def test_fictitious_site_fields(data: Path, tmp_path: Path) -> None:
    rows = base_rows()
    rows[0].update(telephone="+33 2 00 00 00 01", format_fs="Bus_équivalent")
    rows[1]["mail"] = "a.nomfictif@example.org"
    code, output = _run(data, write_csv(tmp_path / LIST_NAME, rows))
    assert code == 0, output
    assert "Liste ANCT du 1er janvier 2099" in output
    cholet = _load(data, "france-services-fictive-de-cholet.yaml")
    assert cholet["telephone"] == "02 00 00 00 01"
    assert cholet["rendez_vous"] == "possible"
    assert cholet["accueil_precisions"] == "Accueil d'essai : rendez-vous conseillé (texte fictif)."
    assert "itinérante" in cholet["description"]
    laval = _load(data, "france-services-fictive-de-laval.yaml")
    assert "courriel" not in laval  # a person's mailbox is never published
    assert laval["a_verifier"] == [record.PERSONAL_NOTE]


# ---------------------------------------------------------------------------- bad files


def test_bad_rows_are_all_located_in_french_and_nothing_is_written(
    data: Path, tmp_path: Path
) -> None:
    rows = base_rows()
    rows[0]["telephone"] = "02 00 00 00 01 / 06 00 00 00 02"
    rows[1]["insee_com"] = "99999"
    rows[2]["prise_rdv"] = "Peut-être"
    rows[3]["mail"] = "pas-une-adresse"
    rows.append({**fictitious_row("90005"), "id_fs": ""})
    rows.append(fictitious_row("90001"))
    code, output = _run(data, write_csv(tmp_path / LIST_NAME, rows))
    assert code == 1
    assert _files(data) == {}
    assert (
        f"{LIST_NAME}:2:12: error: colonne telephone: « 02 00 00 00 01 / 06 00 00 00 02 »" in output
    )
    assert f"{LIST_NAME}:3:6: error: colonne insee_com: code commune « 99999 » absent" in output
    assert (
        f"{LIST_NAME}:4:19: error: colonne prise_rdv: « Peut-être » : Oui ou Non attendu." in output
    )
    assert f"{LIST_NAME}:5:11: error: colonne mail: « pas-une-adresse »" in output
    assert f"{LIST_NAME}:6:1: error: colonne id_fs: identifiant vide" in output
    assert (
        f"{LIST_NAME}:7:1: error: colonne id_fs: identifiant « 90001 » déjà donné à la ligne 2"
        in output
    )
    assert "6 erreur(s)" in output and "aucun fichier n'a été écrit" in output
    assert "Traceback" not in output


def test_ignorer_invalides_imports_the_valid_rows(data: Path, tmp_path: Path) -> None:
    rows = base_rows()
    rows[1]["telephone"] = "pas un numéro"
    code, output = _run(data, write_csv(tmp_path / LIST_NAME, rows), "--ignorer-invalides")
    assert code == 0, output
    assert f"{LIST_NAME}:3:12: warning: colonne telephone:" in output
    assert len(_files(data)) == 3


def test_a_file_that_is_not_the_list_is_refused(data: Path, tmp_path: Path) -> None:
    columns = [c for c in COLUMNS if c not in ("telephone", "h_lundi")]
    code, output = _run(data, write_csv(tmp_path / LIST_NAME, base_rows(), columns))
    assert code == 1
    assert f"{LIST_NAME}:1:1: error: colonnes manquantes : telephone, h_lundi." in output
    assert _files(data) == {}
    broken = tmp_path / "liste-fs-20990102.csv"
    broken.write_bytes(write_csv(tmp_path / LIST_NAME, base_rows()).read_bytes() + b'"1","49"\n')
    code, output = _run(data, broken)
    assert code == 1 and "liste-fs-20990102.csv:6:1: error: 2 champs au lieu de 24" in output
    latin = tmp_path / "liste-fs-20990103.csv"
    latin.write_bytes(",".join(COLUMNS).encode() + b'\n"1","49","Caf\xe9"\n')
    code, output = _run(data, latin)
    assert code == 1 and "liste-fs-20990103.csv:2:14: error: octets qui ne sont pas" in output
    assert _files(data) == {}


def test_the_date_of_the_list_comes_from_its_name_or_the_option(data: Path, tmp_path: Path) -> None:
    assert list_date_from_name("liste-fs-20240801.csv") == date(2024, 8, 1)
    assert list_date_from_name("liste-fs.csv") is None
    undated = write_csv(tmp_path / "liste.csv", base_rows())
    code, output = _run(data, undated)
    assert code == 1 and "--date-liste AAAA-MM-JJ" in output
    code, output = _run(data, undated, "--date-liste", "2099-02-03")
    assert code == 0, output
    assert _load(data, "france-services-fictive-de-laval.yaml")["origine"]["date_maj"] == date(
        2099, 2, 3
    )


# ---------------------------------------------------------------------------- re-runs


def test_second_run_changes_nothing(data: Path, tmp_path: Path) -> None:
    csv_file = write_csv(tmp_path / LIST_NAME, base_rows())
    assert _run(data, csv_file)[0] == 0
    before = _files(data)
    code, output = run_cli(
        "import-france-services", str(csv_file), "--data", str(data), "--date", "2027-01-15"
    )
    assert code == 0, output
    assert "0 nouveau(x), 0 modifié(s), 4 inchangé(s), 0 disparu(s)" in output
    assert "0 fichier(s) écrit(s)" in output
    assert _files(data) == before


def test_a_newer_list_updates_reports_and_keeps_closed_sites(data: Path, tmp_path: Path) -> None:
    assert _run(data, write_csv(tmp_path / LIST_NAME, base_rows()))[0] == 0
    laval_before = _load(data, "france-services-fictive-de-laval.yaml")
    newer = [r for r in base_rows() if r["id_fs"] != "90004"]  # Mayenne closed
    newer[1]["telephone"] = "02 00 00 99 99"  # Laval's number changed
    newer.append(fictitious_row("90006", lib_fs="France services fictive nouvelle"))
    newer_file = write_csv(tmp_path / "liste-fs-20990601.csv", newer)
    code, output = _run(data, newer_file, "--dry-run")
    assert code == 0 and "aucun fichier n'a été écrit" in output
    code, output = _run(data, newer_file)
    assert code == 0, output
    assert "1 nouveau(x), 3 modifié(s), 0 inchangé(s), 1 disparu(s) de la liste" in output
    assert "nouveau : donnees/lieux/france-services/france-services-fictive-nouvelle.yaml" in output
    assert (
        "disparu de la liste, conservé (--supprimer-disparus pour le retirer) : "
        "donnees/lieux/france-services/france-services-fictive-de-mayenne.yaml" in output
    )
    laval = _load(data, "france-services-fictive-de-laval.yaml")
    assert laval["telephone"] == "02 00 00 99 99"
    assert laval["id"] == laval_before["id"]
    assert laval["origine"]["date_maj"] == date(2099, 6, 1)
    assert (data / FOLDER / "france-services-fictive-de-mayenne.yaml").exists()
    code, output = _run(data, newer_file, "--supprimer-disparus")
    assert code == 0 and "disparu, supprimé" in output
    assert not (data / FOLDER / "france-services-fictive-de-mayenne.yaml").exists()
    assert len(_files(data)) == 4


def test_hand_edited_files_are_never_touched(data: Path, tmp_path: Path) -> None:
    assert _run(data, write_csv(tmp_path / LIST_NAME, base_rows()))[0] == 0
    path = data / FOLDER / "france-services-fictive-de-cholet.yaml"
    edited = path.read_text(encoding="utf-8").replace(
        "horaires_osm:", "# Horaires confirmés par téléphone (essai).\nhoraires_osm:"
    )
    path.write_text(edited, encoding="utf-8")
    newer = base_rows()
    newer[0]["telephone"] = "02 00 00 77 77"
    newer = [r for r in newer if r["id_fs"] != "90001"] + [newer[0]]
    code, output = _run(data, write_csv(tmp_path / "liste-fs-20990601.csv", newer))
    assert code == 0, output
    assert "modifié à la main, laissé tel quel : donnees/lieux/france-services/" in output
    assert path.read_text(encoding="utf-8") == edited
    gone = [r for r in newer if r["id_fs"] != "90001"]
    code, output = _run(
        data, write_csv(tmp_path / "liste-fs-20990701.csv", gone), "--supprimer-disparus"
    )
    assert code == 0, output
    assert path.read_text(encoding="utf-8") == edited


def test_dry_run_writes_nothing(data: Path, tmp_path: Path) -> None:
    code, output = _run(data, write_csv(tmp_path / LIST_NAME, base_rows()), "--dry-run")
    assert code == 0
    assert "Essai : 4 fichier(s) seraient écrits" in output
    assert _files(data) == {}


def test_departement_filter_and_help(data: Path, tmp_path: Path) -> None:
    code, output = _run(data, write_csv(tmp_path / LIST_NAME, base_rows()), "--departements", "53")
    assert code == 0, output
    assert sorted(_files(data)) == [
        "france-services-fictive-de-laval.yaml",
        "france-services-fictive-de-mayenne.yaml",
    ]
    code, output = _run(data, tmp_path / LIST_NAME, "--departements", "75")
    assert code == 1 and "--departements : 75 hors du référentiel" in output
    code, output = run_cli("import-france-services", "--help")
    assert code == 0 and "Utilisation" in output and "--supprimer-disparus" in output


# ---------------------------------------------------------------------------- pages


def test_place_page_names_the_list_and_its_date_never_a_confirmation(
    data: Path, tmp_path: Path
) -> None:
    assert _run(data, REAL_SLICE)[0] == 0
    catalog, report = load_catalog(data)
    assert catalog is not None, report.render()
    renderer = prepare(catalog, None).renderer
    html = place_page(renderer, "france-services-gorron").render()
    assert "Provenance : liste ANCT du 1er août 2024 (producteur : ANCT)." in html
    assert "pas encore confirmées par la structure" in html
    assert "vérifiées auprès de la structure" not in html
    assert "Liste des structures France services (ANCT, sur data.gouv.fr)" in html


def test_imported_places_carry_their_provenance_into_the_open_data(data: Path) -> None:
    from generator.outputs.exports.data_inclusion import place_structure_record
    from generator.outputs.exports.offre_json import place_record
    from generator.outputs.exports.tableur import place_row

    assert _run(data, REAL_SLICE)[0] == 0
    catalog, report = load_catalog(data)
    assert catalog is not None, report.render()
    place = catalog.lieux["france-services-gorron"]
    row = place_row(catalog, place, None)
    assert (row["origine_source"], row["origine_producteur"], row["origine_identifiant"]) == (
        "liste ANCT",
        "ANCT",
        "298",
    )
    assert row["origine_date"] == "2024-08-01" and row["consulte_le"] == "2026-12-07"
    assert row["verifie_le"] == ""
    assert place_record(catalog, place)["origine"]["date_maj"] == "2024-08-01"
    structure = place_structure_record(catalog, place, None)
    assert structure["date_maj"] == "2024-08-01"  # the date of the list, not of the import
    assert structure["reseaux_porteurs"] == ["france-service"]
    riaille = place_row(catalog, catalog.lieux["france-services-du-secteur-de-riaille"], None)
    assert riaille["rendez_vous"] == ""
    assert riaille["accueil_precisions"].startswith("Permanence du mercredi sur rendez-vous")
    hand_written = next(p for p in catalog.lieux.values() if p.origine is None)
    assert place_row(catalog, hand_written, None)["origine_source"] == ""
    assert (
        place_structure_record(catalog, hand_written, None)["date_maj"]
        == (hand_written.verifie_le or hand_written.consulte_le).isoformat()
    )


def test_semicolons_empty_and_oversized_files(data: Path, tmp_path: Path) -> None:
    from generator.importers.france_services import table

    semicolons = tmp_path / "liste-fs-20990101.csv"
    text = write_csv(tmp_path / "virgules.csv", base_rows()).read_text(encoding="utf-8")
    semicolons.write_text(text.replace('","', '";"'), encoding="utf-8-sig")
    code, output = _run(data, semicolons)
    assert code == 0, output
    assert len(_files(data)) == 4
    empty = write_csv(tmp_path / "liste-fs-20990102.csv", [])
    code, output = _run(data, empty, "--supprimer-disparus")
    assert code == 1 and "liste-fs-20990102.csv:2:1: error: aucune ligne après l'en-tête" in output
    assert len(_files(data)) == 4
    # The size limit is the importers' shared one, set in reglages.yaml.
    (data / "reglages.yaml").write_text("limites:\n  fichier_octets_max: 1000\n", encoding="utf-8")
    code, output = _run(data, semicolons)
    assert code == 1, output
    assert "trop gros (" in output and "(fichier_octets_max)" in output
    assert len(_files(data)) == 4
    # Read line by line: a line of the size of a whole file is refused, not read whole.
    (data / "reglages.yaml").unlink()
    long_line = tmp_path / "liste-fs-20990103.csv"
    long_line.write_bytes(semicolons.read_bytes() + b"x" * (table.MAX_LINE_BYTES + 10))
    code, output = _run(data, long_line)
    assert code == 1 and "liste-fs-20990103.csv:6:1: error: ligne de plus de 1 Mo" in output
