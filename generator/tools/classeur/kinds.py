"""Which record kind goes to which sheet: the only per-kind knowledge of the workbook.

Everything else (columns, help texts, choices) is read from the models. A kind listed
here but absent from `MODELS_BY_KIND` (places, until the model has them) is skipped.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from pydantic import BaseModel

from ...model import MODELS_BY_KIND
from ...vocab import KINDS as VOCABULARY_KINDS

# Names of the reference lists on the "Listes" sheet (besides vocabularies and choices).
REF_PORTEURS = "porteurs"
REF_TERRITOIRES = "territoires"
REF_PERIMETRES = "perimetres"  # « tous » plus the territory ids
REF_DISPOSITIFS = "dispositifs"
REF_LIEUX = "lieux"


@dataclass(frozen=True)
class KindSheet:
    kind: str
    sheet: str
    folder: str
    # Files live in <folder>/<porteur>/<id>.yaml rather than <folder>/<id>.yaml.
    by_porteur: bool = False
    # Field path (dotted, no item numbers) → reference list it takes its values from.
    references: Mapping[str, str] = field(default_factory=dict)
    # Field path → vocabulary kind, where the field is not named after its vocabulary.
    vocabularies: Mapping[str, str] = field(default_factory=dict)
    # Mapping fields keyed by an id: name of the column that holds the key.
    key_names: Mapping[str, str] = field(default_factory=dict)

    @property
    def model(self) -> type[BaseModel]:
        return MODELS_BY_KIND[self.kind]

    def vocabulary_of(self, path: str) -> str | None:
        if path in self.vocabularies:
            return self.vocabularies[path]
        last = path.rsplit(".", 1)[-1]
        return last if last in VOCABULARY_KINDS else None


KIND_SHEETS = (
    KindSheet(
        "dispositif",
        "Dispositifs",
        "dispositifs",
        by_porteur=True,
        references={
            "porteur": REF_PORTEURS,
            "co_porteurs": REF_PORTEURS,
            "remplace_par": REF_DISPOSITIFS,
            "territoires": REF_PERIMETRES,
            "contacts.territoires.territoire": REF_TERRITOIRES,
            "delivre_par.lieux": REF_LIEUX,
        },
        vocabularies={
            "type": "types",
            "modalites_mobilisation.modes": "modes_mobilisation",
            "delivre_par.reseaux": "reseaux_porteurs",
        },
        key_names={"contacts.territoires": "territoire"},
    ),
    KindSheet("porteur", "Porteurs", "porteurs", vocabularies={"reseau": "reseaux_porteurs"}),
    KindSheet(
        "territoire", "Territoires", "territoires", vocabularies={"priorites": "axes_clefop"}
    ),
    KindSheet(
        "lieu",
        "Lieux",
        "lieux",
        by_porteur=True,
        references={"porteur": REF_PORTEURS, "dispositifs": REF_DISPOSITIFS},
    ),
)

# Which kind's ids fill each reference list.
REFERENCE_KINDS = {
    REF_PORTEURS: "porteur",
    REF_TERRITOIRES: "territoire",
    REF_PERIMETRES: "territoire",
    REF_DISPOSITIFS: "dispositif",
    REF_LIEUX: "lieu",
}


def active_kinds() -> list[KindSheet]:
    return [k for k in KIND_SHEETS if k.kind in MODELS_BY_KIND]


def by_sheet_name() -> dict[str, KindSheet]:
    return {k.sheet: k for k in active_kinds()}
