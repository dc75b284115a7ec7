"""Display rules (display.py): labels, titles, names and French alphabetical order."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from generator.data.model import Dispositif
from generator.rules import display, folding, text


def test_every_status_has_a_label_in_order() -> None:
    statuses = Dispositif.model_fields["statut"].annotation
    assert set(display.STATUS_ORDER) == set(display.STATUS_LABELS)
    assert set(getattr(statuses, "__args__", display.STATUS_ORDER)) == set(display.STATUS_ORDER)
    assert display.status_label("termine") == "Terminé"
    assert [label for _, label in display.js_labels()["statuts"]] == [  # type: ignore[attr-defined]
        display.STATUS_LABELS[s] for s in display.STATUS_ORDER
    ]


@pytest.mark.parametrize(
    ("title", "acronym", "shown"),
    [
        ("Contrat d'engagement jeune", "CEJ", "Contrat d'engagement jeune (CEJ)"),
        ("Formation POEI collective", "POEI", "Formation POEI collective"),
        ("Sans sigle", None, "Sans sigle"),
        ("Sigle vide", "", "Sigle vide"),
    ],
)
def test_a_title_carries_its_acronym_unless_it_already_names_it(
    title: str, acronym: str | None, shown: str
) -> None:
    assert display.title_with_acronym(title, acronym) == shown
    assert (display.shown_acronym(title, acronym) is None) == (shown == title)


@dataclass
class _Provider:
    nom: str
    sigle: str | None


def test_short_name_is_the_acronym_when_there_is_one() -> None:
    assert display.short_name(_Provider("France Travail", None)) == "France Travail"
    assert display.short_name(_Provider("Association pour l'emploi", "APE")) == "APE"


def test_accented_capitals_sort_with_their_letter_not_after_z() -> None:
    names = ["Zéro", "Étudiants", "Employeurs", "État", "Agriculture", "Œuvres", "Orientation"]
    assert display.sorted_by_name(names, str) == [
        "Agriculture",
        "Employeurs",
        "État",
        "Étudiants",
        "Œuvres",
        "Orientation",
        "Zéro",
    ]
    assert sorted(names) != display.sorted_by_name(names, str)  # what the facets did


def test_punctuation_counts_as_a_word_break_whatever_its_form() -> None:
    # A typographic apostrophe sorts like a straight one, an opening quote is ignored.
    names = ["Se former", "S’ouvrir", "S'orienter", "« Les dispositifs »", "La suite"]
    assert display.sorted_by_name(names, str) == [
        "La suite",
        "« Les dispositifs »",
        "S'orienter",
        "S’ouvrir",
        "Se former",
    ]


def test_names_that_differ_only_by_accents_have_a_stable_order() -> None:
    one = display.sorted_by_name(["Eté", "Été", "ete"], str)
    assert one == display.sorted_by_name(["ete", "Été", "Eté"], str)


@pytest.mark.parametrize(
    ("title", "letter"),
    [("Étudier", "E"), ("« Les dispositifs »", "L"), ("1 emploi", "#"), ("Œuvre", "O")],
)
def test_a_to_z_initial(title: str, letter: str) -> None:
    assert display.initial(title) == letter


def test_the_search_index_folds_words_with_the_same_rule() -> None:
    assert folding.fold("Œuvre Éducative ÇA") == "oeuvre educative ca"
    assert text.fold is folding.fold
    assert text.collation_key is folding.collation_key
