"""Vocabularies: data·inclusion's, read from the official package, plus ours.

data·inclusion v1 enums carry a value, a French label and sometimes a description;
reading them from the `data-inclusion-schema` package (instead of copying them) keeps
us aligned when the schema evolves. Our additions live in offer_data/vocabulaires.yaml.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from data_inclusion.schema import v1 as di

from .model import EntreeVocabulaire, VocabulairesLocaux

ORIGIN_DI = "data·inclusion"
ORIGIN_LOCAL = "offre Clefop"

# Our vocabulary kind → the data·inclusion enum it extends (None: ours only).
_DI_ENUMS: dict[str, Any] = {
    "publics": di.Public,
    "thematiques": di.Thematique,
    "categories_thematiques": di.Categorie,
    "types": di.TypeService,
    "frais": di.Frais,
    "modes_mobilisation": di.ModeMobilisation,
    "mobilisable_par": di.PersonneMobilisatrice,
    "reseaux_porteurs": di.ReseauPorteur,
    "axes_clefop": None,
}

KINDS = tuple(_DI_ENUMS)


@dataclass(frozen=True)
class Term:
    """One vocabulary value with its French label."""

    value: str
    label: str
    description: str | None
    origin: str
    data_inclusion: str | None = None

    @property
    def category(self) -> str | None:
        """`mobilite--preparer-un-permis` → `mobilite` (thematiques only)."""
        return self.value.split("--", 1)[0] if "--" in self.value else None


@dataclass
class Vocabularies:
    terms: dict[str, dict[str, Term]] = field(default_factory=dict)
    # Kinds whose local additions could not be read (vocabulaires.yaml is broken there):
    # an unknown value of such a kind is not reported, the broken file is.
    unchecked: set[str] = field(default_factory=set)

    def values(self, kind: str) -> list[str]:
        return list(self.terms.get(kind, {}))

    def get(self, kind: str, value: str) -> Term | None:
        return self.terms.get(kind, {}).get(value)

    def label(self, kind: str, value: str) -> str:
        term = self.get(kind, value)
        return term.label if term else value

    def category_of(self, theme: str) -> Term | None:
        term = self.get("thematiques", theme)
        if term is None or term.category is None:
            return None
        return self.get("categories_thematiques", term.category)


def _di_terms(enum: Any) -> dict[str, Term]:
    terms: dict[str, Term] = {}
    for member in enum:
        label = getattr(member, "label", None) or member.value
        description = getattr(member, "description", None)
        terms[member.value] = Term(member.value, label, description, ORIGIN_DI, member.value)
    return terms


def _local_term(entry: EntreeVocabulaire) -> Term:
    return Term(entry.valeur, entry.libelle, entry.description, ORIGIN_LOCAL, entry.data_inclusion)


def build_vocabularies(local: VocabulairesLocaux | None) -> tuple[Vocabularies, list[str]]:
    """Merge data·inclusion's vocabularies with ours.

    Returns the vocabularies and the values of ours that clash with data·inclusion's,
    so the validator can report them at their line.
    """
    vocab = Vocabularies()
    clashes: list[str] = []
    for kind, enum in _DI_ENUMS.items():
        terms = _di_terms(enum) if enum is not None else {}
        extra: list[EntreeVocabulaire] = getattr(local, kind, []) if local else []
        for entry in extra:
            if entry.valeur in terms and terms[entry.valeur].origin == ORIGIN_DI:
                clashes.append(f"{kind}:{entry.valeur}")
                continue
            terms[entry.valeur] = _local_term(entry)
        vocab.terms[kind] = terms
    return vocab, clashes


def category_of(vocab: Vocabularies, theme: str) -> str:
    """Category a theme belongs to (`mobilite--preparer-un-permis` → `mobilite`)."""
    term = vocab.get("thematiques", theme)
    return term.category if term and term.category else theme.split("--", 1)[0]
