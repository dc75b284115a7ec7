"""Which record kind goes to which sheet: the only per-kind knowledge of the workbook.

Everything else (columns, help texts, choices) is read from the models. The settings
file `reglages.yaml` is not a record kind: it stays out of the workbook (see the
"Lisez-moi" sheet).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from pydantic import BaseModel

from ...data.model import MODELS_BY_KIND
from ...data.vocab import KINDS as VOCABULARY_KINDS

# Names of the reference lists on the "Listes" sheet (besides vocabularies and choices).
REF_PORTEURS = "porteurs"
REF_TERRITOIRES = "territoires"
REF_PERIMETRES = "perimetres"  # « tous », territory ids, then the zone codes
REF_DISPOSITIFS = "dispositifs"
REF_LIEUX = "lieux"
REF_ZONES = "zones"  # territory ids, département, EPCI and commune codes
REF_COMMUNES = "communes"  # INSEE codes of the region's communes
REF_EPCI = "epci"  # SIREN codes of the region's EPCI

# The help line of a column that takes its values from a reference list.
REFERENCE_HELP = {
    REF_PORTEURS: "Identifiant d'un porteur (feuille Porteurs)",
    REF_TERRITOIRES: "Identifiant d'un territoire",
    REF_PERIMETRES: "« tous » (toute la région), ou des identifiants de territoires, ou des "
    "codes de département, d'EPCI (SIREN) ou de commune (INSEE)",
    REF_DISPOSITIFS: "Identifiant d'un dispositif (feuille Dispositifs)",
    REF_LIEUX: "Identifiant d'un lieu (feuille Lieux)",
    REF_ZONES: "Identifiants de territoires, ou codes de département, d'EPCI (SIREN) ou de "
    "commune (INSEE)",
    REF_COMMUNES: "Code INSEE d'une commune de la région (ce n'est pas le code postal)",
    REF_EPCI: "Code SIREN d'un EPCI de la région",
}


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
    # Top-level fields another tool writes, shown read-only: field → who writes it. The
    # import keeps the file's value and refuses a cell that differs from it.
    read_only_fields: Mapping[str, str] = field(default_factory=dict)

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
            "situations": "publics",
            "modalites_mobilisation.modes": "modes_mobilisation",
            "delivre_par.reseaux": "reseaux_porteurs",
        },
        key_names={"contacts.territoires": "territoire"},
    ),
    KindSheet("porteur", "Porteurs", "porteurs", vocabularies={"reseau": "reseaux_porteurs"}),
    KindSheet(
        "territoire",
        "Territoires",
        "territoires",
        references={"epci": REF_EPCI, "communes_hors_epci": REF_COMMUNES},
        vocabularies={"priorites": "axes_clefop"},
    ),
    KindSheet(
        "lieu",
        "Lieux",
        "lieux",
        by_porteur=True,
        references={
            "porteur": REF_PORTEURS,
            "dispositifs": REF_DISPOSITIFS,
            "adresse.commune": REF_COMMUNES,
            "zone_desservie": REF_ZONES,
        },
        read_only_fields={"origine": "l'import data·inclusion"},
    ),
)


def active_kinds() -> list[KindSheet]:
    """Every sheet kind; a kind missing from the model is a programming error, not a skip."""
    missing = [k.kind for k in KIND_SHEETS if k.kind not in MODELS_BY_KIND]
    if missing:
        raise RuntimeError(f"record kinds without a model: {', '.join(missing)}")
    return list(KIND_SHEETS)


def by_sheet_name() -> dict[str, KindSheet]:
    return {k.sheet: k for k in active_kinds()}
