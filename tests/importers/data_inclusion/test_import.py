"""`offre import-data-inclusion` end to end, through the CLI, on fictitious fixture files
built with the official data·inclusion models (see di_fixtures.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.data.geo import GEO_FILE, load_geo
from generator.data.model import Lieu
from generator.importers.data_inclusion import place
from tests.support.datasets import run_cli
from tests.support.di_fixtures import (
    MAPPING_YAML,
    base_services,
    base_structures,
    service,
    snapshot,
    write_inputs,
    write_json,
    write_mapping,
)
from tests.support.paths import REPO

LIEUX = Path("lieux")


@pytest.fixture
def setup(dataset: Path, in_tmp: Path) -> tuple[Path, Path, Path]:
    """The fixture dataset, its mapping file and the input files; run from tmp_path so
    that messages show short relative paths."""
    write_mapping(dataset)
    structures, services = write_inputs(in_tmp / "entree")
    return dataset, structures, services


def _run(dataset: Path, structures: Path, services: Path, *extra: str) -> tuple[int, str]:
    return run_cli(
        "import-data-inclusion",
        "--structures",
        str(structures),
        "--services",
        str(services),
        "--data",
        str(dataset),
        "--date",
        "2025-03-10",
        *extra,
    )


def _load(dataset: Path, porteur: str, place_id: str) -> dict[str, Any]:
    path = dataset / LIEUX / porteur / f"{place_id}.yaml"
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def _imported(dataset: Path) -> list[str]:
    """Place files written by the import (the fixture also has hand-written ones)."""
    return sorted(
        p.relative_to(dataset / LIEUX).as_posix()
        for p in (dataset / LIEUX).rglob("*.yaml")
        if "\norigine:" in p.read_text(encoding="utf-8")
    )


def _flat(text: str) -> str:
    return text.replace("\u00a0", " ")


def test_import_writes_one_valid_place_per_kept_structure(setup: tuple[Path, Path, Path]) -> None:
    dataset, structures, services = setup
    code, output = _run(dataset, structures, services)
    assert code == 0, output
    written = _imported(dataset)
    assert written == [
        "association-essai/fictif-antenne-le-mans.yaml",
        "association-essai/fictif-ml-cholet.yaml",
        "france-travail-essai/fictif-agence-nantes.yaml",
        "france-travail-essai/fictif-chemere.yaml",
    ]
    geo = load_geo(dataset / GEO_FILE)
    for relative in written:
        text = (dataset / LIEUX / relative).read_text(encoding="utf-8")
        data = yaml.safe_load(text)
        Lieu.model_validate(data)
        assert list(data) == [k for k in place.LIEU_KEYS if k in data]
        assert geo.commune(data["adresse"]["commune"]) is not None
        assert f'commune: "{data["adresse"]["commune"]}"' in text  # codes quoted
        assert Path(relative).stem == data["id"]

    # The project's validator accepts them: codes against the geography, providers,
    # schemes, folders.
    code, report = run_cli("validate", str(dataset))
    assert code == 0, report
    assert "warning" not in report, report

    nantes = _load(dataset, "france-travail-essai", "fictif-agence-nantes")
    assert nantes["nom"] == "Agence fictive de test (Nantes)"
    assert nantes["reseaux_porteurs"] == ["france-travail"]
    assert nantes["adresse"] == {
        "ligne": "1 rue Fictive",
        "complement": "Bâtiment de test",
        "code_postal": "44000",
        "commune": "44109",
    }
    assert nantes["telephone"] == "02 40 00 00 00"
    assert nantes["courriel"] == "agence-fictive@example.org"
    assert nantes["site_web"] == "https://example.org/agence-fictive"
    assert nantes["horaires_osm"] == "Mo-Fr 09:00-12:00"
    assert nantes["accessibilite"] == "https://acceslibre.beta.gouv.fr/app/exemple-fictif/"
    assert nantes["zone_desservie"] == ["44", "44109"]  # "france" is not a code of ours
    assert nantes["dispositifs"] == ["accompagnement-jeunes-essai", "aide-mobilite-essai"]
    assert [s["url"] for s in nantes["sources"]] == [
        "https://example.org/fiche/agence-fictive",
        "https://example.org/jeu-de-donnees-fictif",
    ]
    assert str(nantes["consulte_le"]) == "2025-03-10"
    assert nantes["a_verifier"] == []
    origin = nantes["origine"]
    assert origin["source"] == "data-inclusion"
    assert origin["producteur"] == "fictif"
    assert origin["identifiant"] == "fictif--agence-nantes"
    assert str(origin["date_maj"]) == "2025-03-01"
    assert origin["empreinte"] == place.fingerprint(nantes)

    cholet = _load(dataset, "association-essai", "fictif-ml-cholet")
    assert cholet["adresse"] == {"code_postal": "49300", "commune": "49099"}
    assert cholet["telephone"] == "02 41 00 00 00"
    assert cholet["zone_desservie"] == ["200071678"]
    # The mobility rule is limited to the France Travail network: not for this place.
    assert cholet["dispositifs"] == ["accompagnement-jeunes-essai"]
    assert any("code postal 49300" in note for note in cholet["a_verifier"])

    le_mans = _load(dataset, "association-essai", "fictif-antenne-le-mans")
    assert "telephone" not in le_mans  # two numbers in one field: not guessed
    assert any("02 43 00 00 00 ou 06" in note for note in le_mans["a_verifier"])
    assert le_mans["reseaux_porteurs"] == []  # kept through its producer
    # Hours that are not OpenStreetMap syntax are kept as plain text, and flagged.
    assert "horaires_osm" not in le_mans
    assert le_mans["horaires"] == "du lundi au vendredi, 9 h - 12 h (fictif)"
    assert any(note.startswith("Horaires :") for note in le_mans["a_verifier"])

    chemere = _load(dataset, "france-travail-essai", "fictif-chemere")
    assert chemere["adresse"]["commune"] == "44005"  # a former commune's code, replaced
    assert any("44040" in note for note in chemere["a_verifier"])

    flat = _flat(output)
    assert "Structures : 8 lues, 4 retenues comme lieux (départements 44, 49, 53, 72, 85)." in flat
    assert "hors des départements choisis 1" in flat
    assert "sans code commune ni code postal 1" in flat
    assert "réseau non relié à un porteur (voir le fichier de correspondances) 1" in flat
    assert "commune introuvable dans le référentiel géographique 1" in flat
    assert "réseaux non reliés, dans ces départements : ccas-cias 1." in flat
    assert "Services : 6 lus, 4 proposés par les lieux retenus, 3 reliés à un dispositif" in flat
    assert "Lieux : 4 nouveau(x), 0 modifié(s), 0 inchangé(s)" in flat
    assert "4 fichier(s) écrit(s), 0 supprimé(s)." in flat


def test_departement_filter(setup: tuple[Path, Path, Path]) -> None:
    dataset, structures, services = setup
    code, output = _run(dataset, structures, services, "--departements", "49, 72")
    assert code == 0, output
    assert _imported(dataset) == [
        "association-essai/fictif-antenne-le-mans.yaml",
        "association-essai/fictif-ml-cholet.yaml",
    ]
    assert "(départements 49, 72)" in output
    assert "hors des départements choisis 5" in _flat(output)


def test_departement_outside_the_geographic_extract_is_refused(
    setup: tuple[Path, Path, Path],
) -> None:
    dataset, structures, services = setup
    before = snapshot(dataset)
    code, output = _run(dataset, structures, services, "--departements", "44,75")
    assert code == 1
    assert "Erreur : --departements : 75 hors du référentiel géographique" in output
    assert snapshot(dataset) == before


def test_second_run_changes_no_file_byte_for_byte(setup: tuple[Path, Path, Path]) -> None:
    dataset, structures, services = setup
    assert _run(dataset, structures, services)[0] == 0
    before = snapshot(dataset)
    times = {p: p.stat().st_mtime_ns for p in (dataset / LIEUX).rglob("*.yaml")}
    # Another day, same data: nothing to do, not even the consultation date.
    code, output = run_cli(
        "import-data-inclusion",
        "--structures",
        str(structures),
        "--services",
        str(services),
        "--data",
        str(dataset),
        "--date",
        "2025-04-20",
    )
    assert code == 0, output
    assert snapshot(dataset) == before
    assert {p: p.stat().st_mtime_ns for p in times} == times
    assert "Lieux : 0 nouveau(x), 0 modifié(s), 4 inchangé(s), 0 disparu(s)" in output
    assert "0 fichier(s) écrit(s)" in output


def test_changed_record_updates_its_file_under_the_same_id(
    setup: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    dataset, structures, services = setup
    assert _run(dataset, structures, services)[0] == 0
    records = base_structures()
    records[0]["nom"] = "Agence fictive de test (Nantes centre)"
    changed = write_json(tmp_path / "structures-2.json", records)
    code, output = run_cli(
        "import-data-inclusion",
        "--structures",
        str(changed),
        "--services",
        str(services),
        "--data",
        str(dataset),
        "--date",
        "2025-04-20",
    )
    assert code == 0, output
    assert "Lieux : 0 nouveau(x), 1 modifié(s), 3 inchangé(s)" in output
    assert "modifié : " in output and "fictif-agence-nantes.yaml" in output
    nantes = _load(dataset, "france-travail-essai", "fictif-agence-nantes")
    assert nantes["nom"] == "Agence fictive de test (Nantes centre)"
    assert str(nantes["consulte_le"]) == "2025-04-20"
    assert nantes["origine"]["empreinte"] == place.fingerprint(nantes)
    cholet = _load(dataset, "association-essai", "fictif-ml-cholet")
    assert str(cholet["consulte_le"]) == "2025-03-10"  # untouched


def test_changed_provider_moves_the_file(setup: tuple[Path, Path, Path]) -> None:
    dataset, structures, services = setup
    assert _run(dataset, structures, services)[0] == 0
    write_mapping(
        dataset,
        MAPPING_YAML.replace(
            "  - porteur: france-travail-essai\n    reseaux: [france-travail]\n",
            "  - porteur: region-essai\n    reseaux: [france-travail]\n",
        ),
    )
    code, output = _run(dataset, structures, services)
    assert code == 0, output
    assert "2 modifié(s)" in output
    assert not (dataset / LIEUX / "france-travail-essai" / "fictif-agence-nantes.yaml").exists()
    moved = _load(dataset, "region-essai", "fictif-agence-nantes")
    assert moved["porteur"] == "region-essai"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_hand_edited_files_are_left_alone(setup: tuple[Path, Path, Path], tmp_path: Path) -> None:
    dataset, structures, services = setup
    assert _run(dataset, structures, services)[0] == 0
    nantes = dataset / LIEUX / "france-travail-essai" / "fictif-agence-nantes.yaml"
    cholet = dataset / LIEUX / "association-essai" / "fictif-ml-cholet.yaml"
    _edit(nantes, "telephone: 02 40 00 00 00", "telephone: 02 40 99 99 99")
    _edit(cholet, "dispositifs:\n", "# Vérifié par téléphone (note fictive).\ndispositifs:\n")
    edited = {nantes: nantes.read_bytes(), cholet: cholet.read_bytes()}
    records = base_structures()
    records[0]["nom"] = "Agence fictive renommée"
    records[1]["nom"] = "Mission locale fictive renommée"
    renamed = write_json(tmp_path / "structures-2.json", records)
    code, output = _run(dataset, renamed, services)
    assert code == 0, output
    assert {p: p.read_bytes() for p in edited} == edited
    assert output.count("modifié à la main, laissé tel quel : ") == 2
    assert "2 modifié(s) à la main" in output
    # Even when its record vanishes, a hand-edited file is never deleted.
    code, output = _run(
        dataset, write_json(tmp_path / "vide.json", []), services, "--supprimer-disparus"
    )
    assert code == 0, output
    assert {p: p.read_bytes() for p in edited} == edited
    assert "2 disparu(s)" in output  # the two untouched imported files
    assert not (dataset / LIEUX / "france-travail-essai" / "fictif-chemere.yaml").exists()


def test_a_file_written_by_hand_keeps_its_id(setup: tuple[Path, Path, Path]) -> None:
    dataset, structures, services = setup
    manual = dataset / LIEUX / "france-travail-essai" / "fictif-agence-nantes.yaml"
    manual.parent.mkdir(parents=True, exist_ok=True)
    manual.write_text("id: fictif-agence-nantes\nnom: Lieu saisi à la main (fictif)\n", "utf-8")
    code, output = _run(dataset, structures, services)
    assert code == 0, output
    assert manual.read_text("utf-8").startswith("id: fictif-agence-nantes\nnom: Lieu saisi")
    others = sorted(p.stem for p in manual.parent.glob("fictif-agence-nantes-*.yaml"))
    assert len(others) == 1
    imported = yaml.safe_load((manual.parent / f"{others[0]}.yaml").read_text("utf-8"))
    assert imported["origine"]["identifiant"] == "fictif--agence-nantes"
    assert imported["id"] == others[0]
    assert len(imported["id"]) <= 80


def test_vanished_records_are_kept_unless_asked(
    setup: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    dataset, structures, services = setup
    assert _run(dataset, structures, services)[0] == 0
    without_cholet = write_json(
        tmp_path / "structures-2.json",
        [s for s in base_structures() if s["id"] != "fictif--ml-cholet"],
    )
    cholet = dataset / LIEUX / "association-essai" / "fictif-ml-cholet.yaml"
    code, output = _run(dataset, without_cholet, services)
    assert code == 0, output
    assert cholet.exists()
    assert "1 disparu(s)" in output
    assert "disparu des fichiers, conservé (--supprimer-disparus pour le retirer) : " in output
    code, output = _run(dataset, without_cholet, services, "--supprimer-disparus", "--dry-run")
    assert code == 0, output
    assert cholet.exists()
    assert "disparu, sera supprimé : " in output
    code, output = _run(dataset, without_cholet, services, "--supprimer-disparus")
    assert code == 0, output
    assert not cholet.exists()
    assert "0 fichier(s) écrit(s), 1 supprimé(s)." in output


def test_dry_run_writes_nothing(setup: tuple[Path, Path, Path]) -> None:
    dataset, structures, services = setup
    before = snapshot(dataset)
    code, output = _run(dataset, structures, services, "--dry-run")
    assert code == 0, output
    assert snapshot(dataset) == before
    assert _imported(dataset) == []
    assert "Essai (--essai) : aucun fichier ne sera écrit." in output
    assert "Lieux : 4 nouveau(x)" in output
    assert (
        "Essai : 4 fichier(s) seraient écrits, 0 supprimé(s) ; aucun fichier n'a été écrit."
        in output
    )


def _bad_structures() -> list[dict[str, Any]]:
    records = base_structures()
    records[1]["code_postal"] = "4930"  # in Maine-et-Loire by its INSEE code below
    records[1]["code_insee"] = "49099"
    records[2]["courriel"] = "pas-une-adresse"
    records[3]["nom"] = "X"  # Paris: outside the chosen départements, only counted
    del records[6]["nom"]
    return records


def test_invalid_records_stop_the_import_with_located_french_errors(
    setup: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    dataset, _, services = setup
    structures = write_json(tmp_path / "structures.json", _bad_structures())
    bad_services = [
        *base_services(),
        {**base_services()[0], "id": "fictif--s-bad", "type": "conseil"},
    ]
    services = write_json(tmp_path / "services.json", bad_services)
    before = snapshot(dataset)
    code, output = _run(dataset, structures, services)
    assert code == 1
    assert snapshot(dataset) == before
    lines = output.splitlines()
    assert (
        "structures.json: enregistrement n° 2 (id « fictif--ml-cholet »): error: code_postal : "
        "valeur « 4930 » invalide : code postal de 5 chiffres attendu."
    ) in lines
    assert (
        "structures.json: enregistrement n° 3 (id « fictif--ccas-nantes »): error: courriel : "
        "adresse électronique « pas-une-adresse » invalide."
    ) in lines
    assert (
        "structures.json: enregistrement n° 7 (id « fictif--commune-inconnue »): error: nom : "
        "champ obligatoire manquant."
    ) in lines
    assert (
        "services.json: enregistrement n° 7 (id « fictif--s-bad »): error: type : valeur "
        "« conseil » inconnue du vocabulaire data·inclusion."
    ) in lines
    assert "fictif--agence-paris" not in output
    assert "4 erreur(s) dans les enregistrements des départements choisis." in output
    assert "aucun fichier n'a été écrit" in output
    assert "--ignorer-invalides" in output


def test_ignorer_invalides_imports_the_valid_records(
    setup: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    dataset, structures, services = setup
    assert _run(dataset, structures, services)[0] == 0
    cholet = dataset / LIEUX / "association-essai" / "fictif-ml-cholet.yaml"
    kept = cholet.read_bytes()
    bad = write_json(tmp_path / "structures-2.json", _bad_structures())
    code, output = _run(dataset, bad, services, "--ignorer-invalides", "--supprimer-disparus")
    assert code == 0, output
    assert "enregistrement n° 2 (id « fictif--ml-cholet »): warning: code_postal" in output
    assert cholet.read_bytes() == kept  # its record is invalid: the file stays as it was
    assert "enregistrement invalide, fichier laissé tel quel : " in output
    assert "invalides, ignorées (--ignorer-invalides) 3" in _flat(output)
    assert "Enregistrements invalides hors des départements choisis, ignorés : 1." in output
    assert (dataset / LIEUX / "france-travail-essai" / "fictif-agence-nantes.yaml").exists()


def test_duplicate_structure_id_is_an_error(setup: tuple[Path, Path, Path], tmp_path: Path) -> None:
    dataset, _, services = setup
    records = [*base_structures(), base_structures()[0]]
    code, output = _run(dataset, write_json(tmp_path / "s.json", records), services)
    assert code == 1
    assert (
        "s.json: enregistrement n° 9 (id « fictif--agence-nantes »): error: id : identifiant "
        "déjà donné à l'enregistrement n° 1"
    ) in output


@pytest.mark.parametrize(
    ("content", "where", "reason"),
    [
        (b'[{"id": "fictif--a"}, {"id": "fictif', ":1:", "il est tronqué"),
        (b"id;nom\nfictif;Agence fictive\n", ":1:1:", "ce n'est pas un fichier JSON"),
        (b'{"structures": []}', ":1:1:", "objet JSON ({…}) et non un tableau"),
        (b'[\n  {"id": "a"},\n  {"id": b}\n]', ":3:10:", "caractère inattendu"),
        (b"", ":1:1:", "fichier vide"),
    ],
)
def test_malformed_file_is_located_and_writes_nothing(
    setup: tuple[Path, Path, Path], tmp_path: Path, content: bytes, where: str, reason: str
) -> None:
    dataset, _, services = setup
    bad = tmp_path / "structures.json"
    bad.write_bytes(content)
    before = snapshot(dataset)
    code, output = _run(dataset, bad, services)
    assert code == 1
    assert snapshot(dataset) == before
    error = next(line for line in output.splitlines() if "structures.json" in line)
    assert f"structures.json{where}" in error
    assert reason in error
    assert "Import annulé : aucun fichier n'a été écrit." in output


def test_malformed_services_file_writes_nothing(
    setup: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    dataset, structures, _ = setup
    before = snapshot(dataset)
    text = write_json(tmp_path / "services.json", base_services()).read_text("utf-8")
    truncated = tmp_path / "services-tronque.json"
    truncated.write_text(text[: len(text) // 2], encoding="utf-8")
    code, output = _run(dataset, structures, truncated)
    assert code == 1
    assert "services-tronque.json:" in output
    assert "il est tronqué" in output
    assert snapshot(dataset) == before


def test_element_that_is_not_an_object(setup: tuple[Path, Path, Path], tmp_path: Path) -> None:
    dataset, _, services = setup
    records: list[Any] = [*base_structures(), "fictif"]
    code, output = _run(dataset, write_json(tmp_path / "s.json", records), services)
    assert code == 1
    assert "s.json: enregistrement n° 9: error: l'enregistrement n'est pas un objet JSON" in output


def test_mapping_file_errors_are_located(setup: tuple[Path, Path, Path]) -> None:
    dataset, structures, services = setup
    mapping = write_mapping(
        dataset,
        MAPPING_YAML.replace("porteur: association-essai", "porteur: association-inconnue")
        .replace("reseaux: [mission-locale]", "reseaux: [missions-locales]")
        .replace("    noms: [accompagnement jeunes fictif]\n", "    nom: [x]\n"),
    )
    code, output = _run(dataset, structures, services)
    assert code == 1
    assert mapping.name == "correspondances-data-inclusion.yaml"
    lines = output.splitlines()
    assert (
        "donnees/correspondances-data-inclusion.yaml:8:14: error: porteurs[1].porteur: "
        "porteur « association-inconnue » inconnu (aucun fichier porteurs/"
        "association-inconnue.yaml). Vouliez-vous dire « association-essai » ?"
    ) in lines
    assert (
        "donnees/correspondances-data-inclusion.yaml:9:15: error: porteurs[1].reseaux[0]: "
        "« missions-locales » n'est pas une valeur reseaux_porteurs de data·inclusion. "
        "Vouliez-vous dire « mission-locale » ?"
    ) in lines
    assert (
        "donnees/correspondances-data-inclusion.yaml:13:5: error: dispositifs[0].nom: "
        "clé inconnue « nom ». Vouliez-vous dire « noms » ?"
    ) in lines
    assert "3 erreurs (1 fichier lu)." in lines
    assert _imported(dataset) == []


def test_shipped_mapping_file_is_valid() -> None:
    from generator.importers.data_inclusion.mapping import MAPPING_FILE, load_mapping

    root = REPO / "offer_data"
    mapping = load_mapping(root / MAPPING_FILE, root)
    assert mapping.provider_for(frozenset({"mission-locale"}), "dora") == "missions-locales"
    assert mapping.provider_for(frozenset({"ccas-cias"}), "dora") is None
    assert mapping.schemes_for("Contrat d'Engagement Jeune", [], frozenset({"mission-locale"})) == [
        "contrat-engagement-jeune"
    ]


def test_help_is_in_french() -> None:
    code, output = run_cli("import-data-inclusion", "--help")
    assert code == 0
    assert "Utilisation : offre import-data-inclusion" in output
    assert "--ignorer-invalides" in output
    assert "--supprimer-disparus" in output
    assert "required" not in output
    code, output = run_cli("import-data-inclusion", "--structures", __file__)
    assert code == 1
    assert "Erreur : indiquez les deux fichiers de data·inclusion" in output


def test_bad_date_is_a_usage_error(setup: tuple[Path, Path, Path]) -> None:
    dataset, structures, services = setup
    code, output = run_cli(
        "import-data-inclusion",
        "--structures",
        str(structures),
        "--services",
        str(services),
        "--data",
        str(dataset),
        "--date",
        "10/03/2025",
    )
    assert code == 1
    assert "Erreur : --date : date « 10/03/2025 » invalide : attendu AAAA-MM-JJ." in output


def test_services_follow_their_structure(setup: tuple[Path, Path, Path], tmp_path: Path) -> None:
    """A service located elsewhere still counts for its structure's place."""
    dataset, structures, _ = setup
    services = write_json(
        tmp_path / "services.json",
        [
            service(
                "fictif--s-ailleurs",
                "fictif--agence-nantes",
                "Accompagnement jeunes fictif",
                code_insee="75056",
            )
        ],
    )
    assert _run(dataset, structures, services)[0] == 0
    nantes = _load(dataset, "france-travail-essai", "fictif-agence-nantes")
    assert nantes["dispositifs"] == ["accompagnement-jeunes-essai"]
    assert nantes["zone_desservie"] == []
    assert "zone_precisions" not in nantes


def test_no_progress_line_when_not_a_terminal(setup: tuple[Path, Path, Path]) -> None:
    dataset, structures, services = setup
    code, output = _run(dataset, structures, services)
    assert code == 0
    assert "\r" not in output
    assert "%" not in output


def test_mapping_file_can_be_elsewhere_and_must_exist(
    setup: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    dataset, structures, services = setup
    elsewhere = tmp_path / "autres-correspondances.yaml"
    (dataset / "correspondances-data-inclusion.yaml").rename(elsewhere)
    code, output = _run(dataset, structures, services)
    assert code == 1
    assert "Erreur : fichier de correspondances introuvable : donnees/correspondances" in output
    code, output = _run(dataset, structures, services, "--correspondances", str(elsewhere))
    assert code == 0, output
    assert "Lieux : 4 nouveau(x)" in output
