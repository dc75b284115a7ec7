"""TEMPORAIRE — a stand-in for `generator.model.Lieu`, used by the importer's tests only.

The place model (Lieu) is specified in the shared data-model design and is being written
in `generator/model.py`. Until it is there, the importer's output is checked against this
copy of the specification. When `generator.model.Lieu` exists, delete this file and make
`LIEU_MODEL` below point to it (the importer already checks its records against
`MODELS_BY_KIND["lieu"]` when that entry exists).
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from generator.model import (
    Courriel,
    DateComplete,
    Identifiant,
    Source,
    Strict,
    Telephone,
    Texte,
    Url,
    ValeurVocabulaire,
)

CodePostal = Annotated[str, Field(pattern=r"^\d{5}$")]
CodeCommune = Annotated[str, Field(pattern=r"^(\d{5}|2[AB]\d{3})$")]
CodeZone = Annotated[str, Field(pattern=r"^(\d{2,3}|2[AB]|\d{5}|2[AB]\d{3}|\d{9})$")]


class AdresseProvisoire(Strict):
    ligne: Texte | None = None
    complement: Texte | None = None
    code_postal: CodePostal | None = None
    commune: CodeCommune


class OrigineProvisoire(Strict):
    source: Texte
    producteur: Texte
    identifiant: Texte
    date_maj: DateComplete
    empreinte: Texte


class LieuProvisoire(Strict):
    """TEMPORAIRE: the Lieu of the shared design, key for key, in its order."""

    id: Annotated[Identifiant, Field(max_length=80)]
    nom: Annotated[Texte, Field(min_length=3, max_length=150)]
    porteur: Identifiant
    reseaux_porteurs: list[ValeurVocabulaire]
    description: Texte | None = None
    adresse: AdresseProvisoire
    telephone: Telephone | None = None
    courriel: Courriel | None = None
    site_web: Url | None = None
    horaires: Texte | None = None
    horaires_osm: Texte | None = None
    accessibilite: Url | None = None
    accessibilite_precisions: Texte | None = None
    zone_desservie: list[CodeZone] = Field(default_factory=list)
    zone_precisions: Texte | None = None
    sources: list[Source] = Field(min_length=1)
    consulte_le: DateComplete
    verifie_le: DateComplete | None = None
    a_verifier: list[Texte] = Field(default_factory=list)
    dispositifs: list[Identifiant] = Field(default_factory=list)
    origine: OrigineProvisoire | None = None


LIEU_MODEL = LieuProvisoire
"""The model the tests check the importer's records against (see the module docstring)."""
