"""Vocabularies (vocab.py): data·inclusion's from the official package, plus ours."""

from __future__ import annotations

from data_inclusion.schema import v1 as di

from generator.data.model import EntreeVocabulaire, VocabulairesLocaux
from generator.data.vocab import KINDS, ORIGIN_DI, ORIGIN_LOCAL, build_vocabularies, category_of


def _local(**kinds: list[EntreeVocabulaire]) -> VocabulairesLocaux:
    return VocabulairesLocaux.model_validate(
        {kind: [e.model_dump() for e in entries] for kind, entries in kinds.items()}
    )


def test_data_inclusion_values_come_from_the_package() -> None:
    vocab, clashes = build_vocabularies(None)
    assert clashes == []
    assert set(vocab.values("publics")) == {m.value for m in di.Public}
    jeunes = vocab.get("publics", "jeunes")
    assert jeunes is not None and jeunes.origin == ORIGIN_DI and jeunes.data_inclusion == "jeunes"
    assert vocab.values("axes_clefop") == []  # ours only
    assert set(vocab.terms) == set(KINDS)


def test_our_values_are_added_and_a_clash_is_reported_not_applied() -> None:
    local = _local(
        publics=[
            EntreeVocabulaire(
                valeur="employeurs", libelle="Employeurs", description="Qui recrute."
            ),
            EntreeVocabulaire(valeur="jeunes", libelle="Autre libellé", description="Doublon."),
        ]
    )
    vocab, clashes = build_vocabularies(local)
    assert clashes == ["publics:jeunes"]
    employeurs = vocab.get("publics", "employeurs")
    assert employeurs is not None and employeurs.origin == ORIGIN_LOCAL
    assert vocab.label("publics", "jeunes") != "Autre libellé"
    assert vocab.label("publics", "inconnu") == "inconnu"  # shown as written


def test_a_theme_belongs_to_its_category() -> None:
    vocab, _ = build_vocabularies(None)
    theme = next(v for v in vocab.values("thematiques") if "--" in v)
    category = theme.split("--", 1)[0]
    assert category_of(vocab, theme) == category
    term = vocab.category_of(theme)
    assert term is not None and term.value == category
    assert category_of(vocab, "inconnue--sous-theme") == "inconnue"
