"""`offre classeur`: the workbook round trip on the test dataset and the shipped data."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
import yaml
from classeur_helpers import (
    add_row,
    changed_lines,
    column_of,
    copy_shipped,
    delete_row,
    edit,
    export,
    headers,
    import_,
    row_of,
    snapshot,
)
from conftest import run_cli
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

SCHEMES = "dispositifs"
MOBILITE = "dispositifs/france-travail-essai/aide-mobilite-essai.yaml"
APPRENTISSAGE = "dispositifs/region-essai/apprentissage-essai.yaml"


# ---------------------------------------------------------------------------- round trip


def test_unedited_workbook_changes_no_file_test_dataset(dataset: Path, tmp_path: Path) -> None:
    before = snapshot(dataset)
    workbook = export(dataset, tmp_path / "classeur.xlsx")
    code, output = import_(workbook, dataset)
    assert code == 0, output
    assert snapshot(dataset) == before
    assert "Dispositifs : 0 créés ; 0 modifiés ; 9 inchangés." in output
    assert "Territoires : 0 créés ; 0 modifiés ; 3 inchangés." in output
    assert "0 fichiers écrits." in output


def test_unedited_workbook_changes_no_file_shipped_data(tmp_path: Path) -> None:
    data = copy_shipped(tmp_path / "offer_data")
    before = snapshot(data)
    workbook = export(data, tmp_path / "classeur.xlsx")
    code, output = import_(workbook, data)
    assert code == 0, output
    assert snapshot(data) == before
    schemes = len(list((data / "dispositifs").rglob("*.yaml")))
    assert f"Dispositifs : 0 créés ; 0 modifiés ; {schemes} inchangés." in output


# ---------------------------------------------------------------------------- edits


@pytest.mark.parametrize(
    ("path", "ident", "changes", "expected"),
    [
        (
            MOBILITE,
            "aide-mobilite-essai",
            {"titre": "Aide à la mobilité vers l'emploi (essai)"},
            [
                "-titre: Aide à la mobilité (essai)",
                "+titre: Aide à la mobilité vers l'emploi (essai)",
            ],
        ),
        (  # one field of one item of a numbered group
            MOBILITE,
            "aide-mobilite-essai",
            {"sources.1.titre": "Source d'essai revue"},
            ["-    titre: Source d'essai", "+    titre: Source d'essai revue"],
        ),
        (  # a key of a mapping keyed by territory
            MOBILITE,
            "aide-mobilite-essai",
            {"contacts.territoires.1.telephone": "02 43 00 00 00"},
            ["-      telephone: 02 00 00 00 00", "+      telephone: 02 43 00 00 00"],
        ),
        (  # a list in one cell: the flow style of the file is kept
            APPRENTISSAGE,
            "apprentissage-essai",
            {"publics": "jeunes | demandeurs-emploi"},
            ["-publics: [jeunes]", "+publics: [jeunes, demandeurs-emploi]"],
        ),
        (  # a new key goes where the model puts it
            APPRENTISSAGE,
            "apprentissage-essai",
            {"sigle": "DA"},
            ["+sigle: DA"],
        ),
        (  # a real date cell
            APPRENTISSAGE,
            "apprentissage-essai",
            {"verifie_le": datetime.datetime(2026, 7, 14)},
            ["-verifie_le: 2026-06-01", "+verifie_le: 2026-07-14"],
        ),
        (  # a partial date typed as a year
            MOBILITE,
            "aide-mobilite-essai",
            {"date_debut": "2019"},
            ["-date_debut: 2020-01", "+date_debut: 2019"],
        ),
        (  # an emptied cell removes the key
            MOBILITE,
            "aide-mobilite-essai",
            {"mots_cles": None},
            ["-mots_cles: [déplacement, transport]"],
        ),
        (  # a multi-line Markdown text keeps its literal block
            MOBILITE,
            "aide-mobilite-essai",
            {
                "description": "Une aide pour **financer les déplacements** liés à la "
                "recherche d'emploi.\n\n- frais de transport ;\n- frais de repas."
            },
            ["-  - frais de repas et d'hébergement.", "+  - frais de repas."],
        ),
    ],
    ids=[
        "titre",
        "source",
        "contact-territoire",
        "liste",
        "nouvelle-cle",
        "date",
        "annee",
        "vide",
        "markdown",
    ],
)
def test_one_cell_edited_changes_only_that_field(
    dataset: Path,
    tmp_path: Path,
    path: str,
    ident: str,
    changes: dict[str, object],
    expected: list[str],
) -> None:
    before = snapshot(dataset)
    workbook = export(dataset, tmp_path / "classeur.xlsx")
    edit(workbook, "Dispositifs", ident, changes)
    code, output = import_(workbook, dataset)
    assert code == 0, output
    after = snapshot(dataset)
    assert changed_lines(before[path], after[path]) == expected
    assert {p for p in before if before[p] != after.get(p)} == {path}
    assert set(after) == set(before)
    field = next(iter(changes)).split(".")[0]
    assert f"1 modifié ({ident} : {field})" in output
    assert run_cli("validate", str(dataset))[0] == 0


def test_sigle_lands_after_titre(dataset: Path, tmp_path: Path) -> None:
    workbook = export(dataset, tmp_path / "classeur.xlsx")
    edit(workbook, "Dispositifs", "apprentissage-essai", {"sigle": "DA"})
    assert import_(workbook, dataset)[0] == 0
    lines = (dataset / APPRENTISSAGE).read_text(encoding="utf-8").splitlines()
    assert lines[1:3] == ["titre: Découvrir l'apprentissage (essai)", "sigle: DA"]


def test_comments_and_quoted_codes_are_kept(dataset: Path, tmp_path: Path) -> None:
    path = dataset / "territoires" / "sarthe.yaml"
    original = path.read_text(encoding="utf-8")
    workbook = export(dataset, tmp_path / "classeur.xlsx")
    edit(workbook, "Territoires", "sarthe", {"priorites": "relance"})
    assert import_(workbook, dataset)[0] == 0
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Jeu de données d'essai pour les tests : territoire fictif.\n")
    assert "- '200040475'\n" in text  # its quoting and list style, untouched
    assert changed_lines(original.encode(), text.encode()) == ["-- mutations-economiques"]


def test_new_code_is_quoted_so_yaml_keeps_it_text(dataset: Path, tmp_path: Path) -> None:
    workbook = export(dataset, tmp_path / "classeur.xlsx")
    # A spreadsheet user types the code as a number: the cell holds 72, not "72".
    edit(workbook, "Dispositifs", "apprentissage-essai", {"territoires": 72})
    code, output = import_(workbook, dataset)
    assert code == 0, output
    text = (dataset / APPRENTISSAGE).read_text(encoding="utf-8")
    assert 'territoires: ["72"]\n' in text
    assert run_cli("validate", str(dataset))[0] == 0


# ---------------------------------------------------------------------------- invalid cells


def test_invalid_cells_are_located_and_nothing_is_written(
    dataset: Path, tmp_path: Path, in_tmp: Path
) -> None:
    workbook = export(dataset, tmp_path / "classeur.xlsx")
    sheet = load_workbook(workbook)["Dispositifs"]
    row = row_of(sheet, "apprentissage-essai")

    def ref(header: str) -> str:
        return f"{get_column_letter(column_of(sheet, header))}{row}"

    edit(
        workbook,
        "Dispositifs",
        "apprentissage-essai",
        {
            "publics": "jeunes | jeuness",
            "verifie_le": "31/02/2026",
            "porteur": "porteur-inconnu",
            "titre": "Ab",
        },
    )
    before = snapshot(dataset)
    code, output = import_(workbook, dataset)
    assert code == 1
    assert snapshot(dataset) == before
    lines = output.splitlines()
    assert (
        f"classeur.xlsx:Dispositifs!{ref('titre')}: error: titre: "
        "texte trop court (au moins 3 caractères)." in lines
    )
    assert any(
        line.startswith(f"classeur.xlsx:Dispositifs!{ref('verifie_le')}: error: verifie_le: ")
        and "31/02/2026" in line
        for line in lines
    ), output
    assert "aucun fichier n'a été modifié" in output
    assert "Traceback" not in output


def test_cross_record_problems_are_located(dataset: Path, tmp_path: Path, in_tmp: Path) -> None:
    """Unknown vocabulary value and unknown provider: checks across files, same messages."""
    workbook = export(dataset, tmp_path / "classeur.xlsx")
    sheet = load_workbook(workbook)["Dispositifs"]
    row = row_of(sheet, "apprentissage-essai")
    publics = f"{get_column_letter(column_of(sheet, 'publics'))}{row}"
    porteur = f"{get_column_letter(column_of(sheet, 'porteur'))}{row}"
    edit(
        workbook,
        "Dispositifs",
        "apprentissage-essai",
        {"publics": "jeunes | jeuness", "porteur": "porteur-inconnu"},
    )
    before = snapshot(dataset)
    code, output = import_(workbook, dataset)
    assert code == 1
    assert snapshot(dataset) == before
    assert (
        f"classeur.xlsx:Dispositifs!{publics}: error: publics[1]: valeur « jeuness » absente du "
        "vocabulaire « publics ». Vouliez-vous dire « jeunes » ?" in output
    )
    assert (
        f"classeur.xlsx:Dispositifs!{porteur}: error: porteur: porteur « porteur-inconnu » inconnu."
        in output
    )


def test_missing_required_field_names_the_column(dataset: Path, tmp_path: Path) -> None:
    workbook = export(dataset, tmp_path / "classeur.xlsx")
    ref = edit(workbook, "Dispositifs", "apprentissage-essai", {"resume": None})
    code, output = import_(workbook, dataset)
    assert code == 1
    assert (
        f"classeur.xlsx:Dispositifs!{ref}: error: resume: champ obligatoire manquant : "
        "remplissez la colonne « resume »." in output
    )


def test_unknown_column_is_reported_at_its_header(dataset: Path, tmp_path: Path) -> None:
    workbook = export(dataset, tmp_path / "classeur.xlsx")
    book = load_workbook(workbook)
    sheet = book["Porteurs"]
    column = len(headers(sheet)) + 1
    sheet.cell(1, column, "sitee")
    book.save(workbook)
    code, output = import_(workbook, dataset)
    assert code == 1
    letter = get_column_letter(column)
    assert f"classeur.xlsx:Porteurs!{letter}1: error: colonne « sitee » inconnue." in output


# ---------------------------------------------------------------------------- rows


NEW_SCHEME = {
    "id": "atelier-cv-essai",
    "titre": "Atelier CV (essai)",
    "porteur": "association-essai",
    "resume": "Un atelier collectif pour écrire ou mettre à jour son CV.",
    "description": "Deux heures en petit groupe.\n\nApporter un CV existant si possible.",
    "publics": "demandeurs-emploi | jeunes",
    "thematiques": "trouver-un-emploi--repondre-a-des-offres-demploi",
    "type": "atelier",
    "frais": "gratuit",
    "modalites_mobilisation.mobilisable_par": "usagers | professionnels",
    "territoires": "72",
    "statut": "actif",
    "sources.1.url": "https://example.org/atelier-cv",
    "sources.1.titre": "Page d'essai",
    "verifie_le": datetime.datetime(2026, 5, 2),
}


def test_new_row_becomes_a_new_valid_file(dataset: Path, tmp_path: Path) -> None:
    workbook = export(dataset, tmp_path / "classeur.xlsx")
    add_row(workbook, "Dispositifs", NEW_SCHEME)
    before = snapshot(dataset)
    code, output = import_(workbook, dataset)
    assert code == 0, output
    assert "1 créé (atelier-cv-essai)" in output
    created = dataset / "dispositifs" / "association-essai" / "atelier-cv-essai.yaml"
    after = snapshot(dataset)
    assert set(after) - set(before) == {created.relative_to(dataset).as_posix()}
    assert all(after[p] == before[p] for p in before)
    text = created.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    assert data["territoires"] == ["72"]
    assert data["verifie_le"] == datetime.date(2026, 5, 2)
    assert data["modalites_mobilisation"] == {"mobilisable_par": ["usagers", "professionnels"]}
    assert data["sources"] == [{"url": "https://example.org/atelier-cv", "titre": "Page d'essai"}]
    assert "description: |\n  Deux heures en petit groupe.\n\n  Apporter" in text
    assert list(data)[:3] == ["id", "titre", "porteur"]
    assert run_cli("validate", str(dataset))[0] == 0


def test_new_row_without_id_is_refused(dataset: Path, tmp_path: Path) -> None:
    workbook = export(dataset, tmp_path / "classeur.xlsx")
    row = add_row(workbook, "Dispositifs", {**NEW_SCHEME, "id": None})
    before = snapshot(dataset)
    code, output = import_(workbook, dataset)
    assert code == 1
    assert snapshot(dataset) == before
    assert f"classeur.xlsx:Dispositifs!A{row}: error: id: champ obligatoire manquant" in output


def test_duplicate_id_is_refused_at_both_rows(dataset: Path, tmp_path: Path) -> None:
    workbook = export(dataset, tmp_path / "classeur.xlsx")
    first = row_of(load_workbook(workbook)["Dispositifs"], "apprentissage-essai")
    row = add_row(workbook, "Dispositifs", {**NEW_SCHEME, "id": "apprentissage-essai"})
    before = snapshot(dataset)
    code, output = import_(workbook, dataset)
    assert code == 1
    assert snapshot(dataset) == before
    assert (
        f"classeur.xlsx:Dispositifs!A{row}: error: id: identifiant « apprentissage-essai » déjà "
        f"utilisé par Dispositifs!A{first} : chaque dispositif doit avoir un identifiant unique."
        in output
    )


def test_removed_row_is_reported_and_its_file_kept(dataset: Path, tmp_path: Path) -> None:
    workbook = export(dataset, tmp_path / "classeur.xlsx")
    delete_row(workbook, "Dispositifs", "garantie-essai")
    before = snapshot(dataset)
    code, output = import_(workbook, dataset)
    assert code == 0, output
    assert snapshot(dataset) == before
    assert (
        "absents du classeur, fichiers conservés (rien n'est supprimé) : garantie-essai." in output
    )


def test_dry_run_checks_everything_and_writes_nothing(dataset: Path, tmp_path: Path) -> None:
    workbook = export(dataset, tmp_path / "classeur.xlsx")
    edit(workbook, "Porteurs", "region-essai", {"sigle": "RE"})
    add_row(workbook, "Dispositifs", NEW_SCHEME)
    before = snapshot(dataset)
    code, output = import_(workbook, dataset, "--dry-run")
    assert code == 0, output
    assert snapshot(dataset) == before
    assert "Porteurs : 0 créés ; 1 modifié (region-essai : sigle) ; 2 inchangés." in output
    assert "Essai (--dry-run) : aucun fichier écrit." in output


# ---------------------------------------------------------------------------- the workbook


def test_workbook_has_lists_dates_help_and_frozen_header(dataset: Path, tmp_path: Path) -> None:
    workbook = export(dataset, tmp_path / "classeur.xlsx")
    book = load_workbook(workbook)
    assert book.sheetnames[:4] == ["Lisez-moi", "Dispositifs", "Porteurs", "Territoires"]
    assert book["Listes"].sheet_state == "hidden"
    sheet = book["Dispositifs"]
    assert sheet.freeze_panes == "B2"
    names = headers(sheet)
    for header in (
        "modalites_mobilisation.modes",
        "contacts.regional.telephone",
        "sources.1.url",
        "sources.2.titre",
    ):
        assert header in names
    comment = sheet.cell(1, column_of(sheet, "titre")).comment
    assert comment is not None and comment.text.startswith(
        "Nom du dispositif (3 à 150 caractères)."
    )
    row = row_of(sheet, "apprentissage-essai")
    date_cell = sheet.cell(row, column_of(sheet, "verifie_le"))
    assert date_cell.is_date and date_cell.value == datetime.datetime(2026, 6, 1)
    assert sheet.cell(row, column_of(sheet, "thematiques")).value == (
        "choisir-un-metier--decouvrir-un-metier-ou-un-secteur-dactivite | recruter--alternance"
    )
    lists = book["Listes"]
    validated = {}
    for validation in sheet.data_validations.dataValidation:
        column = str(validation.sqref).split(":")[0].rstrip("0123456789")
        sheet_name, cells = validation.formula1.split("!")
        letter = cells.split(":")[0].strip("$").rstrip("0123456789").strip("$")
        assert sheet_name == "Listes"
        values = [c.value for c in lists[letter][1:] if c.value is not None]
        validated[names[column_index(column) - 1]] = (values, validation.errorStyle)
    assert "porteur" in validated and "region-essai" in validated["porteur"][0]
    assert "jeunes" in validated["publics"][0]
    assert validated["statut"] == (["actif", "suspendu", "termine", "remplace"], "stop")
    assert "contacts.territoires.1.territoire" in validated
    assert validated["territoires"][0][0] == "tous"


def column_index(letter: str) -> int:
    from openpyxl.utils import column_index_from_string

    return column_index_from_string(letter)


def test_export_refuses_to_overwrite_and_invalid_data(dataset: Path, tmp_path: Path) -> None:
    target = export(dataset, tmp_path / "classeur.xlsx")
    code, output = run_cli("classeur", "exporter", str(target), "--data", str(dataset))
    assert code == 1 and "existe déjà" in output and "--ecraser" in output
    (dataset / APPRENTISSAGE).write_text("id: apprentissage-essai\n", encoding="utf-8")
    code, output = run_cli(
        "classeur", "exporter", str(tmp_path / "autre.xlsx"), "--data", str(dataset)
    )
    assert code == 1 and "champ obligatoire manquant" in output
    assert not (tmp_path / "autre.xlsx").exists()


@pytest.mark.parametrize(
    "command", [["classeur"], ["classeur", "exporter"], ["classeur", "importer"]]
)
def test_help_is_in_french(command: list[str]) -> None:
    code, output = run_cli(*command, "--help")
    assert code == 0
    assert output.startswith("Utilisation : offre classeur")
    assert "Afficher cette aide." in output


# ---------------------------------------------------------------------------- failures


def test_a_failed_write_leaves_every_file_as_it_was(
    dataset: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Files are staged beside their targets and renamed only once all are staged."""
    workbook = export(dataset, tmp_path / "classeur.xlsx")
    edit(workbook, "Dispositifs", "apprentissage-essai", {"sigle": "DA"})
    edit(workbook, "Dispositifs", "aide-mobilite-essai", {"sigle": "AM"})
    add_row(workbook, "Dispositifs", NEW_SCHEME)
    before = snapshot(dataset)
    calls = []

    def failing_fsync(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")

    monkeypatch.setattr("generator.tools.classeur.importer.os.fsync", failing_fsync)
    code, output = import_(workbook, dataset)
    assert code == 1
    assert (
        "écriture impossible (No space left on device) : aucun fichier n'a été modifié." in output
    )
    assert "Traceback" not in output
    assert len(calls) == 2
    assert snapshot(dataset) == before  # no file replaced, no staged file left behind
    assert not (dataset / "dispositifs" / "association-essai" / "atelier-cv-essai.yaml").exists()


def test_unreadable_workbook_is_a_clear_error(dataset: Path, tmp_path: Path) -> None:
    fake = tmp_path / "classeur.xlsx"
    fake.write_text("pas un classeur", encoding="utf-8")
    code, output = import_(fake, dataset)
    assert code == 1
    assert "classeur.xlsx : classeur illisible" in output
    code, output = import_(tmp_path / "classeur.csv", dataset)
    assert code == 1 and "classeur introuvable" in output


def test_ods_without_libreoffice_says_what_to_install(
    dataset: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("generator.tools.classeur.office.soffice", lambda: None)
    ods = tmp_path / "classeur.ods"
    ods.write_bytes(b"PK")
    code, output = import_(ods, dataset)
    assert code == 1
    assert "LibreOffice est nécessaire" in output and "enregistrez le classeur en .xlsx" in output
