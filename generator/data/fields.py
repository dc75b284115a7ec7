"""The field types of the files editors type: identifiers, texts, addresses, phones,
dates, codes — each a type with its check and its French message, shared by every record
of `model.py` and by the importers that produce records.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated
from urllib.parse import urlsplit

import email_validator
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from ..rules import codes
from ..rules.statuses import (
    CLOSED_STATUSES as CLOSED_STATUSES,
)
from ..rules.statuses import (
    CURRENT_STATUSES as CURRENT_STATUSES,
)
from ..rules.statuses import (
    STATUTS as STATUTS,
)
from ..rules.statuses import (
    STATUTS_TERRITOIRE as STATUTS_TERRITOIRE,
)
from . import dates, opening_hours

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
# Every pattern is applied with fullmatch: `$` also matches before a final newline, so
# `re.match` would let "cej\n" through as an id.
_SLUG = re.compile(SLUG_PATTERN)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.IGNORECASE)
_PHONE = re.compile(r"^\+?[0-9][0-9 .-]{2,18}[0-9]$")
_PHONE_SEPARATORS = re.compile(r"[ .-]")
# French numbers: 10 digits from 01 to 09, a 4-digit short number (3949), or E.164.
_PHONE_NUMBER = re.compile(r"^(0[1-9]\d{8}|3\d{3}|\+33[1-9]\d{8}|\+(?!33)[1-9]\d{6,14})$")
_VOCAB_VALUE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*(?:--[a-z0-9]+(?:-[a-z0-9]+)*)?$")

# An id is a file name (`<id>.yaml`, `<id>.md`, `<id>.xml`) and a URL segment. 80
# characters is more than twice the longest shipped id (34), keeps addresses readable,
# stays far below the 255-byte file-name limit of Linux and macOS file systems, and
# keeps `offer_data/dispositifs/<porteur>/<id>.yaml` (about 190 characters at most)
# under Windows' 260-character path limit for editors working on Windows.
MAX_ID_LENGTH = 80
# Vocabulary values also make page addresses (`thematiques/<valeur>/`); data·inclusion's
# longest is 89 characters.
MAX_VALUE_LENGTH = 120

# What a record is: only "dispositif" records are schemes an adviser mobilises; governance
# bodies, plans and information services are published apart from them.
NATURES = ("dispositif", "instance", "plan", "information")
NIVEAUX = ("national", "regional", "departemental", "local")
ALL_TERRITORIES = "tous"


def _fr_error(kind: str, message: str, field: str | None = None) -> PydanticCustomError:
    """An error whose text is already written for editors (the "fr_" prefix says so).

    `field` points a whole-object check at the key the editor should change.
    """
    return PydanticCustomError(f"fr_{kind}", message, {"champ": field} if field else None)


def is_identifier(value: str) -> bool:
    """A well-formed id (the cross-file checks skip the others, already reported)."""
    return len(value) <= MAX_ID_LENGTH and _SLUG.fullmatch(value) is not None


def is_vocab_value(value: str) -> bool:
    return len(value) <= MAX_VALUE_LENGTH and _VOCAB_VALUE.fullmatch(value) is not None


def _check_slug(value: str) -> str:
    if len(value) > MAX_ID_LENGTH and _SLUG.fullmatch(value):
        raise _fr_error(
            "identifiant",
            f"identifiant trop long ({len(value)} caractères, au plus {MAX_ID_LENGTH}) : "
            "il fait l'adresse de la page et le nom du fichier, raccourcissez-le.",
        )
    if not _SLUG.fullmatch(value):
        raise _fr_error(
            "identifiant",
            f"identifiant invalide « {value} » : uniquement des minuscules sans accents, "
            "des chiffres et des tirets simples (par exemple « contrat-engagement-jeune »).",
        )
    return value


def _check_multiline(value: str) -> str:
    if not value.strip():
        raise _fr_error("texte_vide", "texte vide : écrivez une valeur ou supprimez la clé.")
    return value.strip()


def _check_text(value: str) -> str:
    # A one-line value goes into titles, feeds, CSV cells and page heads; a line break or a
    # tab there is a copy-paste accident, not formatting (Markdown fields keep both).
    text = _check_multiline(value)
    if "\n" in text:
        raise _fr_error(
            "texte_une_ligne",
            "retour à la ligne dans un texte d'une seule ligne : écrivez-le sur une ligne, "
            "ou commencez-le par « > » au lieu de « | » (YAML remplace alors les retours à "
            "la ligne par des espaces).",
        )
    if "\t" in text:
        raise _fr_error(
            "texte_une_ligne",
            "tabulation dans un texte d'une seule ligne : remplacez-la par une espace.",
        )
    return text


def _check_url(value: str) -> str:
    value = value.strip()
    parts = urlsplit(value)
    if (
        parts.scheme not in ("http", "https")
        or not parts.netloc
        or any(char.isspace() for char in value)
    ):
        raise _fr_error(
            "url",
            f"adresse web invalide « {value} » : elle doit commencer par https:// "
            "(ou http://) et ne contenir ni espace ni retour à la ligne.",
        )
    return value


def _check_email(value: str) -> str:
    value = value.strip()
    try:
        # The same library data·inclusion's schema validates e-mails with (RFC 5322
        # syntax, no network lookup), so what we accept the export accepts too.
        checked = email_validator.validate_email(value, check_deliverability=False)
    except email_validator.EmailNotValidError:
        checked = None
    if checked is None or not _EMAIL.fullmatch(value):
        raise _fr_error(
            "courriel", f"adresse électronique invalide « {value} » (attendu : nom@domaine.fr)."
        )
    return value


def _check_phone(value: str) -> str:
    value = value.strip()
    digits = _PHONE_SEPARATORS.sub("", value)
    if not _PHONE.fullmatch(value) or not _PHONE_NUMBER.fullmatch(digits):
        raise _fr_error(
            "telephone",
            f"numéro de téléphone invalide « {value} » : un seul numéro, en chiffres "
            "séparés par des espaces — 10 chiffres commençant par 0 (« 02 40 00 00 00 »), "
            "un numéro court à 4 chiffres (« 39 49 ») ou le format international "
            "(« +33 2 40 00 00 00 »).",
        )
    return value


def phone_href(value: str) -> str:
    """The `tel:` target of a phone number as typed (digits, and + for international)."""
    return _PHONE_SEPARATORS.sub("", value)


def _check_vocab_value(value: str) -> str:
    if len(value) > MAX_VALUE_LENGTH and _VOCAB_VALUE.fullmatch(value):
        raise _fr_error(
            "valeur",
            f"valeur trop longue ({len(value)} caractères, au plus {MAX_VALUE_LENGTH}) : "
            "elle fait l'adresse d'une page, raccourcissez-la.",
        )
    if not _VOCAB_VALUE.fullmatch(value):
        raise _fr_error(
            "valeur",
            f"valeur « {value} » mal formée : minuscules sans accents et tirets, "
            "comme dans la liste des valeurs autorisées.",
        )
    return value


def _full_date(value: object) -> date:
    try:
        return dates.parse_full_date(value)
    except dates.DateFormatError as exc:
        raise _fr_error("date", str(exc)) from None


def _partial_date(value: object) -> str:
    try:
        return dates.parse_partial_date(value)
    except dates.DateFormatError as exc:
        raise _fr_error("date", str(exc)) from None


_DOMAIN = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}")
_DOMAIN_AND_PATH = re.compile(_DOMAIN.pattern + r"(?:/[^\s?#]*)?")


def _check_domain(value: str) -> str:
    if not _DOMAIN.fullmatch(value):
        raise _fr_error(
            "domaine",
            f"domaine invalide « {value} » : écrivez un nom de domaine en minuscules, sans "
            "« https:// » ni chemin, par exemple « paysdelaloire.fr ».",
        )
    return value


def _check_domain_and_path(value: str) -> str:
    if not _DOMAIN_AND_PATH.fullmatch(value):
        raise _fr_error(
            "domaine",
            f"adresse invalide « {value} » : écrivez un nom de domaine en minuscules, "
            "suivi au besoin du début d'un chemin, sans « https:// », par exemple "
            "« francetravail.fr/region/bretagne ».",
        )
    return value


def _check_postcode(value: str) -> str:
    if not codes.is_postcode(value):
        raise _fr_error(
            "code_postal",
            f'code postal invalide « {value} » : 5 chiffres entre guillemets, par exemple "49300".',
        )
    return value


def _check_insee(value: str) -> str:
    if not codes.is_insee_commune(value):
        raise _fr_error(
            "code_insee",
            f"code commune invalide « {value} » : le code INSEE a 5 caractères (pas le code "
            'postal), entre guillemets, par exemple "49099" pour Cholet.',
        )
    return value


def _check_opening_hours(value: str) -> str:
    value = value.strip()
    problem = opening_hours.problem(value)
    if problem:
        raise _fr_error(
            "horaires_osm",
            f"horaires « {value} » non reconnus ({problem}). Format OpenStreetMap, par "
            "exemple « Mo-Fr 08:30-12:30,13:30-17:00; Sa 09:00-12:00; PH off » ; sinon "
            "écrivez-les en clair dans « horaires ».",
        )
    return value


def _territories(value: object) -> object:
    # `territoires: tous` reads better than a one-item list; we store it as ["tous"].
    if value == ALL_TERRITORIES:
        return [ALL_TERRITORIES]
    if value == []:
        raise _fr_error(
            "territoires",
            "liste de territoires vide : écrivez « tous » (toute la région) ou au moins un "
            "identifiant de territoire ou un code EPCI/commune entre guillemets.",
        )
    if isinstance(value, str):
        raise _fr_error(
            "territoires",
            f"« {value} » : écrivez « tous » (toute la région) ou une liste d'identifiants "
            "de territoires ou de codes EPCI/commune entre guillemets.",
        )
    return value


Identifiant = Annotated[
    str,
    AfterValidator(_check_slug),
    Field(json_schema_extra={"pattern": SLUG_PATTERN, "maxLength": MAX_ID_LENGTH}),
]
Texte = Annotated[str, AfterValidator(_check_text)]
# Markdown fields, and free text imported as it comes (hours, a place's description).
TexteMultiligne = Annotated[str, AfterValidator(_check_multiline)]
Domaine = Annotated[str, AfterValidator(_check_domain)]
DomaineEtChemin = Annotated[str, AfterValidator(_check_domain_and_path)]
Url = Annotated[str, AfterValidator(_check_url), Field(json_schema_extra={"format": "uri"})]
Courriel = Annotated[str, AfterValidator(_check_email)]
CodePostal = Annotated[
    str,
    AfterValidator(_check_postcode),
    Field(json_schema_extra={"pattern": codes.anchored(codes.POSTCODE)}),
]
CodeCommune = Annotated[str, AfterValidator(_check_insee)]
HorairesOsm = Annotated[str, AfterValidator(_check_opening_hours)]
Telephone = Annotated[str, AfterValidator(_check_phone)]
ValeurVocabulaire = Annotated[str, AfterValidator(_check_vocab_value)]
DateComplete = Annotated[
    date,
    BeforeValidator(_full_date),
    WithJsonSchema({"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$", "format": "date"}),
]
DatePartielle = Annotated[
    str,
    BeforeValidator(_partial_date),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"},
                {"type": "integer", "minimum": 1900, "maximum": 2100},
            ]
        }
    ),
]


class Strict(BaseModel):
    """No coercion (a number never silently becomes a code) and no unknown keys."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)
