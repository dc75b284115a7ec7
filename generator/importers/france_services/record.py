"""A row of the ANCT's list as one of our places (`model.Lieu`): the only module of the
import that knows how each field of a place is filled, and how its file looks.

Every value is checked with the type our model gives its field; a value the model
refuses (a phone number it cannot read, an unknown commune) is a located error on the
row, never guessed. The list says nothing of the schemes a France services delivers nor
of the communes it serves: `dispositifs` and `zone_desservie` stay empty.

A written file is the data·inclusion importer's rendering under our own header, with
the same fingerprint (`origine.empreinte`): a file edited by hand no longer matches and
is left alone by later imports.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ...data.errors import Issue
from ...data.geo import Geo
from ...rules import codes
from ..data_inclusion import place as di_place
from .hours import Hours, convert
from .table import Row

SOURCE_NAME = "liste ANCT"
"""`origine.source`: shown on place pages with the date of the list."""
PRODUCER = "ANCT"
PROVIDER = "france-services"
NETWORK = "france-service"
"""data·inclusion's `reseaux_porteurs` value for France services."""
DATASET_URL = "https://www.data.gouv.fr/fr/datasets/liste-des-structures-france-services/"
DATASET_TITLE = "Liste des structures France services (ANCT, sur data.gouv.fr)"

HEADER = (
    "# Lieu importé de la liste des France services de l'ANCT par\n"
    "# `offre import-france-services`. Les imports suivants mettent cette fiche à jour tant\n"
    "# qu'elle reste telle quelle ; dès qu'elle est modifiée ici (valeur, commentaire ou mise\n"
    "# en forme), ils la laissent telle quelle. Pour la rendre à l'import, supprimez-la.\n"
)

APPOINTMENTS = {"oui": "possible", "non": None, "": None}
"""`prise_rdv`: « Oui » says the site takes appointments, not that one is required; « Non »
is contradicted by many comments (« mercredi sur rendez-vous »), so it says nothing."""

_FORMATS = {
    "bus_équivalent": "France services itinérante (bus ou équivalent, selon la liste de "
    "l'ANCT) : l'adresse est celle que donne la liste.",
    "multisites": "France services à plusieurs sites (selon la liste de l'ANCT).",
}


_PERSONAL = re.compile(r"[a-z][._-][a-z][a-z'-]{2,}", re.IGNORECASE)
PERSONAL_NOTE = (
    "Courriel : la liste de l'ANCT donne une adresse qui semble celle d'une personne "
    "(initiale et nom) ; elle n'est pas reprise (nous publions les contacts des structures, "
    "jamais ceux d'une personne). Demandez l'adresse générique du lieu."
)


def looks_personal(email: str) -> bool:
    """`m.dupont@…`: an initial and a name, a person's mailbox rather than the counter's."""
    return _PERSONAL.fullmatch(email.split("@", 1)[0]) is not None


@dataclass
class Parsed:
    """One row read: its id, département, the place's fields, or what is wrong."""

    source_id: str
    line: int
    departement: str | None
    fields: dict[str, Any] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)
    hours: Hours | None = None


def departement_of(row: Row) -> str | None:
    code = row.values.get("insee_dep", "").strip().upper()
    if re.fullmatch(r"\d", code):
        code = "0" + code
    if codes.is_departement(code):
        return code
    commune = row.values.get("insee_com", "").strip().upper()
    if len(commune) == 5:
        return commune[:3] if commune[:2] in ("97", "98") else commune[:2]
    return None


def one_line(value: str) -> str | None:
    cleaned = "".join(" " if unicodedata.category(c)[0] in "CZ" else c for c in value)
    return " ".join(cleaned.split()) or None


def _multiline(value: str) -> str | None:
    lines = [one_line(part) or "" for part in value.splitlines()]
    text = "\n".join(lines).strip()
    return re.sub(r"\n{3,}", "\n\n", text) or None


class _Checker:
    """Collects the located issues of one row."""

    def __init__(self, row: Row, display: str) -> None:
        self.row = row
        self.display = display
        self.issues: list[Issue] = []

    def error(self, column: str, message: str) -> None:
        self.issues.append(
            Issue(self.display, self.row.line, self.row.col(column), f"colonne {column}", message)
        )


def parse(row: Row, display: str, geo: Geo, list_date: date) -> Parsed:
    values = row.values
    source_id = values.get("id_fs", "").strip()
    parsed = Parsed(source_id, row.line, departement_of(row))
    check = _Checker(row, display)
    if row.problem:
        check.issues.append(Issue(display, row.line, 1, "", row.problem))
        parsed.issues = check.issues
        return parsed
    if not source_id:
        check.error("id_fs", "identifiant vide : chaque France services a un id_fs.")
    elif not re.fullmatch(r"[0-9A-Za-z_.-]{1,40}", source_id):
        check.error("id_fs", f"identifiant « {source_id} » inattendu (chiffres attendus).")
    nom = one_line(values.get("lib_fs", ""))
    if nom is None or not 3 <= len(nom) <= 150:
        check.error("lib_fs", f"nom « {nom or ''} » : 3 à 150 caractères attendus.")
    commune, note = _commune(values.get("insee_com", "").strip().upper(), geo, check)
    postcode = values.get("code_postal", "").strip()
    if postcode and not codes.is_postcode(postcode):
        check.error("code_postal", f"code postal « {postcode} » : 5 chiffres attendus.")
        postcode = ""
    raw_phone = values.get("telephone", "")
    telephone, _ = di_place.phone(raw_phone)
    if raw_phone.strip() and telephone is None:
        check.error(
            "telephone",
            f"« {raw_phone.strip()} » n'est pas un numéro unique lisible (attendu : 10 chiffres "
            "commençant par 0, un numéro court à 4 chiffres ou +33…).",
        )
    raw_mail = values.get("mail", "")
    courriel, _ = di_place.email(raw_mail)
    if raw_mail.strip() and courriel is None:
        check.error("mail", f"« {raw_mail.strip()} » n'est pas une adresse électronique valide.")
    personal = courriel is not None and looks_personal(courriel)
    if personal:
        courriel = None
    rdv = values.get("prise_rdv", "").strip().lower()
    if rdv not in APPOINTMENTS:
        check.error("prise_rdv", f"« {values['prise_rdv'].strip()} » : Oui ou Non attendu.")
    for column in ("latitude", "longitude"):
        coordinate = values.get(column, "").strip()
        if coordinate:
            try:
                float(coordinate.replace(",", "."))
            except ValueError:
                check.error(column, f"« {coordinate} » n'est pas un nombre.")
    parsed.issues = check.issues
    if parsed.issues or commune is None or nom is None:
        return parsed
    hours = convert(values)
    parsed.hours = hours
    notes = [note] if note else []
    if personal:
        notes.append(PERSONAL_NOTE)
    found = geo.commune(commune)
    if postcode and found is not None and postcode not in found.codes_postaux:
        notes.append(
            f"Code postal : la liste de l'ANCT donne {postcode}, qui n'est pas celui de "
            f"{found.nom} ({', '.join(found.codes_postaux)}) ; peut-être un code CEDEX, non "
            "repris dans l'adresse."
        )
        postcode = ""
    format_fs = values.get("format_fs", "").strip().lower()
    description = _FORMATS.get(format_fs)
    if description is None and values.get("type_fs", "").strip().lower() == "antenne":
        description = "Antenne d'une France services (selon la liste de l'ANCT)."
    adresse = {
        "ligne": one_line(values.get("adresse", "")),
        "complement": one_line(values.get("complement_adresse", "")),
        "code_postal": postcode or None,
        "commune": commune,
    }
    parsed.fields = {
        "nom": nom,
        "porteur": PROVIDER,
        "reseaux_porteurs": [NETWORK],
        "description": description,
        "adresse": {k: v for k, v in adresse.items() if v is not None},
        "telephone": telephone,
        "courriel": courriel,
        "horaires": hours.text,
        "horaires_osm": hours.osm,
        "rendez_vous": APPOINTMENTS.get(rdv),
        "accueil_precisions": _multiline(values.get("commentaire", "")),
        "sources": [
            {
                "url": DATASET_URL,
                "titre": DATASET_TITLE,
                "date_publication": list_date.isoformat(),
            }
        ],
        "a_verifier": notes,
        "origine": {
            "source": SOURCE_NAME,
            "producteur": PRODUCER,
            "identifiant": source_id,
            "date_maj": list_date,
        },
    }
    return parsed


def _commune(code: str, geo: Geo, check: _Checker) -> tuple[str | None, str | None]:
    if not codes.is_insee_commune(code):
        check.error("insee_com", f"code commune « {code} » : code INSEE à 5 caractères attendu.")
        return None, None
    if geo.commune(code) is not None:
        return code, None
    for current in geo.communes:
        for old in current.anciens_noms:
            if old.code == code:
                return current.code, (
                    f"Commune : la liste de l'ANCT donne le code {code} ({old.nom}, ancienne "
                    f"commune) ; remplacé par celui de la commune actuelle, {current.code}."
                )
    check.error(
        "insee_com",
        f"code commune « {code} » absent du référentiel géographique (offer_data/geo) : "
        "commune hors de la région ou code erroné.",
    )
    return None, None


def finish(parsed: Parsed, place_id: str, consulte_le: date) -> dict[str, Any]:
    return complete(parsed.fields, place_id, consulte_le)


def complete(fields: dict[str, Any], place_id: str, consulte_le: date) -> dict[str, Any]:
    """The complete record, keys in the model's order, empty values left out, with its
    fingerprint (`origine.empreinte`)."""
    values = dict(fields)
    values["id"] = place_id
    values["consulte_le"] = consulte_le
    record = {
        key: values[key]
        for key in di_place.LIEU_KEYS
        if values.get(key) is not None and values.get(key) != []
    }
    record["adresse"] = {
        k: record["adresse"][k] for k in di_place.ADRESSE_KEYS if k in record["adresse"]
    }
    origin = record["origine"]
    record["origine"] = {k: origin[k] for k in di_place.ORIGINE_KEYS if origin.get(k) is not None}
    record["origine"]["empreinte"] = di_place.fingerprint(record)
    return record


@dataclass(frozen=True)
class FileFormat:
    """How an import's files look: its `origine.source` and the header above the record."""

    source: str
    header: str

    def render(self, record: dict[str, Any]) -> str:
        return self.header + di_place.render(record).removeprefix(di_place.HEADER)

    def is_intact(self, text: str, data: Any) -> bool:
        """Exactly what the import wrote: its header, then the data·inclusion rendering."""
        text = text.replace("\r\n", "\n")
        if not text.startswith(self.header):
            return False
        return di_place.is_intact(di_place.HEADER + text.removeprefix(self.header), data)

    def imported_identifier(self, data: Any) -> str | None:
        """The source id of a file written by this import, else None."""
        if not isinstance(data, dict):
            return None
        origin = data.get("origine")
        if not isinstance(origin, dict) or origin.get("source") != self.source:
            return None
        ident = origin.get("identifiant")
        return ident if isinstance(ident, str) and ident else None


ANCT_LIST = FileFormat(SOURCE_NAME, HEADER)
render = ANCT_LIST.render
is_intact = ANCT_LIST.is_intact
imported_identifier = ANCT_LIST.imported_identifier
