"""The editors' reference (offer_data/LISEZMOI.md), generated from the model.

Field names, whether they are required and what they mean come from the pydantic
models, so the reference can never disagree with the validator; a test checks that the
committed file is up to date (`offre schema --ecrire` rewrites it).
"""

from __future__ import annotations

from pydantic import BaseModel

from ..model import (
    Contact,
    ContactLocal,
    Dispositif,
    Lien,
    Mobilisation,
    Porteur,
    Source,
    Territoire,
)

DOC_FILE = "LISEZMOI.md"

_INTRO = """\
# Saisir et corriger les données de l'offre

Ce dossier contient toute l'offre publiée sur le site. Chaque fichier YAML décrit un
élément ; le validateur (`offre validate`) vérifie tout avant chaque publication et
indique, pour chaque problème, le fichier, la ligne, la colonne, la clé et la correction.

- `dispositifs/<porteur>/<identifiant>.yaml` : un dispositif (une fiche du site) ;
- `porteurs/<identifiant>.yaml` : une structure qui porte des dispositifs ;
- `territoires/<identifiant>.yaml` : un territoire (groupe d'EPCI) ;
- `vocabulaires.yaml` : nos valeurs ajoutées aux vocabulaires de data·inclusion ;
- `geo/` : communes et EPCI de la région (fichier généré, ne pas modifier) ;
- `schemas/` : schémas JSON pour l'autocomplétion dans l'éditeur (générés).

## Règles de saisie

- Les identifiants sont en minuscules, sans accents, avec des tirets ; ils font
  l'adresse des pages et **ne changent plus**. Pour renommer quand même, mettez l'ancien
  dans `anciens_identifiants` : l'ancienne adresse redirigera vers la nouvelle.
- Mettez les codes entre guillemets : `"244400404"`, `"01004"`, `"44"` (sans guillemets,
  YAML lit des nombres, et `01004` devient 516).
- Dates : `AAAA-MM-JJ` ; pour `date_debut` et `date_fin`, `AAAA-MM` ou `AAAA` quand la
  source ne précise pas le jour. N'inventez jamais une date ou un montant : notez le point
  dans `a_verifier`.
- Un dispositif local se décrit de préférence par les **codes des EPCI** (ou des
  communes, ou du département) plutôt que par un identifiant de territoire : il reste
  juste quand le périmètre des territoires change.
- Un dispositif terminé garde sa fiche : `statut: termine` (ou `remplace` avec
  `remplace_par`), et sa `date_fin` si elle est connue.
- Valeurs des vocabulaires : `offre vocabulaires` (liste), `offre vocabulaires publics`.
"""


def _table(model: type[BaseModel]) -> list[str]:
    lines = ["| clé | obligatoire | signification |", "|---|---|---|"]
    for name, info in model.model_fields.items():
        required = "oui" if info.is_required() else "non"
        lines.append(f"| `{name}` | {required} | {info.description or ''} |")
    return lines


SECTIONS: list[tuple[str, type[BaseModel]]] = [
    ("Dispositif (`dispositifs/<porteur>/<id>.yaml`)", Dispositif),
    ("`modalites_mobilisation` d'un dispositif", Mobilisation),
    ("Un contact (`contacts.regional`, `contacts.territoires.<id>`)", Contact),
    ("Une source (`sources`)", Source),
    ("Un lien (`liens`)", Lien),
    ("Porteur (`porteurs/<id>.yaml`)", Porteur),
    ("Territoire (`territoires/<id>.yaml`)", Territoire),
    ("Un contact local de territoire (`contacts`)", ContactLocal),
]


def editor_reference() -> str:
    lines = [_INTRO.rstrip(), "", "## Les champs", ""]
    for title, model in SECTIONS:
        lines += [f"### {title}", "", *_table(model), ""]
    lines.append("(Ce fichier est généré par `offre schema --ecrire` à partir du modèle.)")
    return "\n".join(lines) + "\n"
