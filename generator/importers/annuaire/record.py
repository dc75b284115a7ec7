"""A record of the directory (« Annuaire de l'administration », DILA) as one of our places.

The record format, as the DILA's export and the directory's API publish it: `id`, `nom`,
`pivot` (list of `{type_service_local, code_insee_commune: [...]}`: the type of the
service and the communes it is competent for), `code_insee_commune` (where it stands),
`adresse` (list of `{type_adresse, numero_voie, complement1, complement2, code_postal,
nom_commune, longitude, latitude}`), `telephone` (list of `{valeur, description}`),
`adresse_courriel` (list of addresses), `site_internet` (list of `{libelle, valeur}`),
`plage_ouverture` (list of `{nom_jour_debut, nom_jour_fin, valeur_heure_debut_1,
valeur_heure_fin_1, valeur_heure_debut_2, valeur_heure_fin_2, commentaire}`),
`url_service_public`, `date_modification`. The API gives the lists as JSON text: both
are read.

Every value is checked with the type our model gives its field; a value it refuses is
a located error (record number, id, field), never guessed. The communes of competence
become the place's `zone_desservie`: a zone the State declares.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ...data import opening_hours
from ...data.geo import Geo
from ...rules import codes
from ..data_inclusion import place as di_place
from ..data_inclusion.record_errors import RecordIssue
from ..france_services.record import (
    PERSONAL_NOTE,
    FileFormat,
    complete,
    looks_personal,
    one_line,
)
from .mapping import Mapping

SOURCE_NAME = "Annuaire de l'administration"
"""`origine.source`: shown on place pages with the date of the record."""
PRODUCER = "DILA"
HEADER = (
    "# Lieu importé de l'Annuaire de l'administration (service-public, DILA) par\n"
    "# `offre import-annuaire`. Les imports suivants mettent cette fiche à jour tant\n"
    "# qu'elle reste telle quelle ; dès qu'elle est modifiée ici (valeur, commentaire ou mise\n"
    "# en forme), ils la laissent telle quelle. Pour la rendre à l'import, supprimez-la.\n"
)
DIRECTORY = FileFormat(SOURCE_NAME, HEADER)
ZONE_NOTE = "Communes de compétence déclarées dans l'Annuaire de l'administration."

DAYS = {
    "lundi": "Mo",
    "mardi": "Tu",
    "mercredi": "We",
    "jeudi": "Th",
    "vendredi": "Fr",
    "samedi": "Sa",
    "dimanche": "Su",
}
_TIME = re.compile(r"(\d{1,2}):(\d{2})(?::\d{2})?")


@dataclass
class Parsed:
    source_id: str
    index: int
    fields: dict[str, Any] = field(default_factory=dict)
    issues: list[RecordIssue] = field(default_factory=list)
    kind: str | None = None
    hours_osm: bool = False


def commune_code(raw: dict[str, Any]) -> str | None:
    code = raw.get("code_insee_commune")
    if isinstance(code, str) and codes.is_insee_commune(code.strip().upper()):
        return code.strip().upper()
    return None


def departement_of(raw: dict[str, Any]) -> str | None:
    code = commune_code(raw)
    if code is None:
        return None
    return code[:3] if code[:2] in ("97", "98") else code[:2]


def types_of(raw: dict[str, Any]) -> list[str]:
    """The record's directory types, in order (`pivot[].type_service_local`)."""
    kinds = []
    for item in as_list(raw.get("pivot")):
        if isinstance(item, dict) and isinstance(item.get("type_service_local"), str):
            kinds.append(item["type_service_local"].strip())
    return kinds


def as_list(value: Any) -> list[Any]:
    """A list field, nested (the DILA's export) or as JSON text (the API); a single value
    (an API's `adresse_courriel`) is a one-item list."""
    if value is None or value == "":
        return []
    if isinstance(value, list):
        return value
    if isinstance(value, str):
        text = value.strip()
        if text.startswith(("[", "{")):
            try:
                loaded = json.loads(text)
            except ValueError:
                return [value]
            return loaded if isinstance(loaded, list) else [loaded]
        return [value]
    return [value]


def _first_text(values: list[Any], key: str | None = None) -> str | None:
    for value in values:
        if key is not None:
            value = value.get(key) if isinstance(value, dict) else None
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def record_date(raw: dict[str, Any]) -> date | None:
    """`date_modification` as `AAAA-MM-JJ…` or `JJ/MM/AAAA…`; None when absent or unread."""
    value = raw.get("date_modification")
    if not isinstance(value, str):
        return None
    found = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", value) or re.match(
        r"\s*(\d{2})/(\d{2})/(\d{4})", value
    )
    if not found:
        return None
    parts = found.groups()
    year, month, day = (parts[0], parts[1], parts[2]) if len(parts[0]) == 4 else parts[::-1]
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


class _Checker:
    def __init__(self, display: str, index: int, source_id: str | None) -> None:
        self.display, self.index, self.source_id = display, index, source_id
        self.issues: list[RecordIssue] = []

    def error(self, field_path: str, message: str) -> None:
        self.issues.append(
            RecordIssue(self.display, self.index, self.source_id, field_path, message)
        )


def parse(
    raw: dict[str, Any], index: int, display: str, geo: Geo, mapping: Mapping
) -> Parsed | None:
    """The place of a record in scope, or None when no rule relates its type to a provider."""
    found = mapping.rule_for(types_of(raw))
    if found is None:
        return None
    kind, rule = found
    ident = raw.get("id")
    source_id = str(ident).strip() if isinstance(ident, (str, int)) else ""
    parsed = Parsed(source_id, index, kind=kind)
    check = _Checker(display, index, source_id or None)
    if not source_id:
        check.error("id", "identifiant absent : chaque service de l'annuaire a un id.")
    nom = _text(raw.get("nom"))
    if nom is None or not 3 <= len(nom) <= 150:
        check.error("nom", f"nom « {nom or ''} » : 3 à 150 caractères attendus.")
    commune = commune_code(raw)
    notes: list[str] = []
    if commune is None or geo.commune(commune) is None:
        current = _current_commune(geo, commune) if commune else None
        if current is None:
            check.error(
                "code_insee_commune",
                f"code commune « {raw.get('code_insee_commune')} » absent du référentiel "
                "géographique (offer_data/geo).",
            )
        else:
            notes.append(
                f"Commune : l'annuaire donne le code {commune} (ancienne commune) ; remplacé "
                f"par celui de la commune actuelle, {current}."
            )
            commune = current
    adresse = _address(as_list(raw.get("adresse")))
    postcode = adresse.get("code_postal")
    if postcode is not None and not codes.is_postcode(postcode):
        check.error("adresse[0].code_postal", f"code postal « {postcode} » : 5 chiffres attendus.")
    raw_phone = _first_text(as_list(raw.get("telephone")), "valeur")
    telephone, _ = di_place.phone(raw_phone)
    if raw_phone and telephone is None:
        check.error(
            "telephone[0].valeur",
            f"« {raw_phone} » n'est pas un numéro unique lisible (attendu : 10 chiffres "
            "commençant par 0, un numéro court à 4 chiffres ou +33…).",
        )
    raw_mail = _first_text(as_list(raw.get("adresse_courriel")))
    courriel, _ = di_place.email(raw_mail)
    if raw_mail and courriel is None:
        check.error("adresse_courriel[0]", f"« {raw_mail} » n'est pas une adresse valide.")
    if courriel is not None and looks_personal(courriel):
        courriel = None
        notes.append(PERSONAL_NOTE.replace("la liste de l'ANCT", "l'annuaire"))
    raw_site = _first_text(as_list(raw.get("site_internet")), "valeur")
    site_web, _ = di_place.url(raw_site, "Site web")
    if raw_site and site_web is None:
        check.error("site_internet[0].valeur", f"« {raw_site} » n'est pas une adresse web.")
    parsed.issues = check.issues
    if parsed.issues or commune is None or nom is None:
        return parsed
    osm, text, comments = _hours(as_list(raw.get("plage_ouverture")))
    extra = raw.get("commentaire_plage_ouverture")
    if isinstance(extra, str) and extra.strip():
        comments.append(extra.strip())
    parsed.hours_osm = osm is not None
    zone = sorted(
        {
            c
            for item in as_list(raw.get("pivot"))
            if isinstance(item, dict) and item.get("type_service_local") == kind
            for c in as_list(item.get("code_insee_commune"))
            if isinstance(c, str) and geo.commune(c) is not None
        }
    )
    sources = []
    page = raw.get("url_service_public")
    if isinstance(page, str) and di_place.url(page, "")[0]:
        sources.append({"url": page.strip(), "titre": "Fiche de l'Annuaire de l'administration"})
    sources.append({"url": mapping.source.url, "titre": mapping.source.titre})
    parsed.fields = {
        "nom": nom,
        "porteur": rule.porteur,
        "reseaux_porteurs": [rule.reseau] if rule.reseau else [],
        "adresse": {**{k: v for k, v in adresse.items() if v}, "commune": commune},
        "telephone": telephone,
        "courriel": courriel,
        "site_web": site_web,
        "horaires": text,
        "horaires_osm": osm,
        "accueil_precisions": "\n".join(comments) or None,
        "zone_desservie": zone,
        "zone_precisions": ZONE_NOTE if zone else None,
        "sources": sources,
        "a_verifier": notes,
        "origine": {
            "source": SOURCE_NAME,
            "producteur": PRODUCER,
            "identifiant": source_id,
            "date_maj": record_date(raw),
        },
    }
    return parsed


def _current_commune(geo: Geo, code: str) -> str | None:
    for current in geo.communes:
        if any(old.code == code for old in current.anciens_noms):
            return current.code
    return None


def _address(addresses: list[Any]) -> dict[str, str | None]:
    """The street address (`type_adresse` « Adresse »), else the first one given."""
    items = [a for a in addresses if isinstance(a, dict)]
    chosen = next((a for a in items if a.get("type_adresse") == "Adresse"), None)
    chosen = chosen or (items[0] if items else {})
    complement = " ".join(
        part
        for part in (_text(chosen.get("complement1")), _text(chosen.get("complement2")))
        if part
    )
    return {
        "ligne": _text(chosen.get("numero_voie")),
        "complement": complement or None,
        "code_postal": _text(chosen.get("code_postal")),
    }


def _text(value: Any) -> str | None:
    return one_line(value) if isinstance(value, str) else None


def _time(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    found = _TIME.fullmatch(value.strip())
    return f"{int(found.group(1)):02d}:{found.group(2)}" if found else None


def _hours(plages: list[Any]) -> tuple[str | None, str | None, list[str]]:
    """(horaires_osm, horaires, comments) from `plage_ouverture`."""
    rules: list[str] = []
    lines: list[str] = []
    comments: list[str] = []
    readable = True
    for plage in plages:
        if not isinstance(plage, dict):
            readable = False
            continue
        first = str(plage.get("nom_jour_debut") or "").strip()
        last = str(plage.get("nom_jour_fin") or "").strip() or first
        days = f"{first} au {last}" if last.lower() != first.lower() else first
        spans = []
        shown = []
        for n in (1, 2):
            start_raw = plage.get(f"valeur_heure_debut_{n}")
            end_raw = plage.get(f"valeur_heure_fin_{n}")
            if not start_raw and not end_raw:
                continue
            start, end = _time(start_raw), _time(end_raw)
            shown.append(f"{start_raw or '?'}-{end_raw or '?'}")
            if start is None or end is None:
                readable = False
            else:
                spans.append(f"{start}-{end}")
        comment = str(plage.get("commentaire") or "").strip()
        if comment:
            comments.append(f"{days} : {comment}")
        lines.append(f"{days} : {', '.join(shown) or 'horaires non précisés'}")
        d1, d2 = DAYS.get(first.lower()), DAYS.get(last.lower())
        if d1 is None or d2 is None or not spans:
            readable = False
            continue
        rules.append(f"{d1 if d1 == d2 else f'{d1}-{d2}'} {','.join(spans)}")
    if not lines:
        return None, None, comments
    if readable:
        osm = "; ".join(rules)
        if opening_hours.problem(osm) is None:
            return osm, None, comments
    return None, "\n".join(lines), comments


def finish(parsed: Parsed, place_id: str, consulte_le: date) -> dict[str, Any]:
    return complete(parsed.fields, place_id, consulte_le)
