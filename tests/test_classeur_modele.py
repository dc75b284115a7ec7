"""The workbook follows the models: a new field or a new record kind needs no change.

Stand-in models shaped like the planned ones (a scheme's `nature` and
`statut_a_confirmer`, the place kind Lieu) are put in MODELS_BY_KIND; the workbook must
give them columns, help, drop-downs and the round trip, with nothing else changed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import pytest
from classeur_helpers import (
    changed_lines,
    column_of,
    edit,
    export,
    headers,
    import_,
    row_of,
    snapshot,
)
from openpyxl import load_workbook
from pydantic import Field

from generator import model
from generator.model import (
    DateComplete,
    Dispositif,
    Identifiant,
    Source,
    Strict,
    Texte,
    ValeurVocabulaire,
)


class AdresseEssai(Strict):
    ligne: Texte | None = Field(None, description="Numéro et voie.")
    code_postal: Texte | None = Field(None, description="Code postal (5 chiffres).")
    commune: Texte = Field(description="Code INSEE de la commune.")


class LieuEssai(Strict):
    id: Identifiant = Field(description="Identifiant stable du lieu.")
    nom: Texte = Field(description="Nom du lieu.")
    porteur: Identifiant = Field(description="Structure qui tient le lieu.")
    reseaux_porteurs: list[ValeurVocabulaire] = Field(
        default_factory=list, description="Réseaux data·inclusion."
    )
    adresse: AdresseEssai = Field(description="Adresse du lieu.")
    zone_desservie: list[Texte] = Field(default_factory=list, description="Codes desservis.")
    sources: list[Source] = Field(min_length=1, description="Sources de la fiche.")
    consulte_le: DateComplete = Field(description="Date de lecture des sources.")
    dispositifs: list[Identifiant] = Field(default_factory=list, description="Dispositifs.")


class DispositifEssai(Dispositif):
    nature: Literal["dispositif", "instance", "plan", "information"] = Field(
        "dispositif", description="Nature de la fiche."
    )
    statut_a_confirmer: bool = Field(False, description="Statut à confirmer.")


LIEU = """\
id: agence-essai-le-mans
nom: Agence d'essai du Mans
porteur: france-travail-essai
reseaux_porteurs: [france-travail]
adresse:
  ligne: 1 rue de l'Essai
  code_postal: "72000"
  commune: "72181"
zone_desservie: ["72181"]
sources:
  - url: https://example.org/agence
consulte_le: 2026-05-01
"""
LIEU_PATH = "lieux/france-travail-essai/agence-essai-le-mans.yaml"


@pytest.fixture
def new_models(monkeypatch: pytest.MonkeyPatch, dataset: Path) -> Path:
    monkeypatch.setitem(model.MODELS_BY_KIND, "dispositif", DispositifEssai)
    monkeypatch.setitem(model.MODELS_BY_KIND, "lieu", LieuEssai)
    path = dataset / LIEU_PATH
    path.parent.mkdir(parents=True)
    path.write_text(LIEU, encoding="utf-8")
    return dataset


def test_new_fields_and_kind_get_columns_and_drop_downs(new_models: Path, tmp_path: Path) -> None:
    workbook = export(new_models, tmp_path / "classeur.xlsx")
    book = load_workbook(workbook)
    assert "Lieux" in book.sheetnames
    places = book["Lieux"]
    names = headers(places)
    assert names[:4] == ["id", "nom", "porteur", "reseaux_porteurs"]
    for header in ("adresse.commune", "adresse.code_postal", "sources.1.url", "consulte_le"):
        assert header in names
    row = row_of(places, "agence-essai-le-mans")
    assert places.cell(row, column_of(places, "adresse.commune")).value == "72181"
    assert places.cell(row, column_of(places, "consulte_le")).is_date
    schemes = book["Dispositifs"]
    row = row_of(schemes, "apprentissage-essai")
    assert schemes.cell(row, column_of(schemes, "nature")).value == "dispositif"
    assert schemes.cell(row, column_of(schemes, "statut_a_confirmer")).value == "non"
    lists = book["Listes"]
    listed = {str(lists.cell(1, c).value) for c in range(1, lists.max_column + 1)}
    assert {"dispositif.nature", "oui-non", "reseaux_porteurs", "porteurs"} <= listed
    comment = schemes.cell(1, column_of(schemes, "nature")).comment
    assert comment is not None and comment.text.startswith("Nature de la fiche.")


def test_new_fields_and_kind_round_trip(new_models: Path, tmp_path: Path) -> None:
    workbook = export(new_models, tmp_path / "classeur.xlsx")
    before = snapshot(new_models)
    code, output = import_(workbook, new_models)
    assert code == 0, output
    assert snapshot(new_models) == before  # a default shown in a cell is not written back
    assert "Lieux : 0 créés ; 0 modifiés ; 1 inchangé." in output
    edit(workbook, "Lieux", "agence-essai-le-mans", {"adresse.ligne": "2 rue de l'Essai"})
    code, output = import_(workbook, new_models)
    assert code == 0, output
    after = snapshot(new_models)
    assert changed_lines(before[LIEU_PATH], after[LIEU_PATH]) == [
        "-  ligne: 1 rue de l'Essai",
        "+  ligne: 2 rue de l'Essai",
    ]


def test_a_coordinator_gets_the_places_of_the_territory(new_models: Path, tmp_path: Path) -> None:
    sarthe = load_workbook(export(new_models, tmp_path / "s.xlsx", "--territoire", "sarthe"))
    assert [c.value for c in sarthe["Lieux"]["A"]] == ["id", "agence-essai-le-mans"]
    littoral = load_workbook(export(new_models, tmp_path / "l.xlsx", "--territoire", "littoral"))
    assert [c.value for c in littoral["Lieux"]["A"]] == ["id"]
