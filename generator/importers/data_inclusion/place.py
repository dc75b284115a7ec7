"""A data·inclusion Structure as one of our places (`model.Lieu`): the only module of the
import that knows how each field of a place is filled.

Field meanings follow data·inclusion Structure v1: `site_web`, `horaires_accueil` →
`horaires_osm`, `accessibilite_lieu` → `accessibilite`, `code_insee` → `adresse.commune`.
Each value is checked with the type our model gives its field; what it would refuse (a
phone number in an unknown format, hours that are not OpenStreetMap syntax, a commune told
only by its postal code) is dropped, kept as plain text or replaced, always with a note in
`a_verifier`, never guessed. Keys follow the model's order.

A written file is the record rendered by `render`, whose `origine.empreinte` is a hash of
everything else in it. A file whose hash no longer matches, or whose text is no longer
exactly what `render` makes of its content (a comment added, a value re-quoted), was
edited by hand and is left alone by later imports.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import yaml
from pydantic import TypeAdapter, ValidationError

from ...data.fields import Courriel, HorairesOsm, Telephone, Url
from ...data.model import Adresse, Lieu, Origine
from .location import Commune
from .mapping import SourceImport

SOURCE_NAME = "data-inclusion"

# The record's keys in the model's order: a written file reads like a hand-written one.
LIEU_KEYS = tuple(Lieu.model_fields)
ADRESSE_KEYS = tuple(Adresse.model_fields)
ORIGINE_KEYS = tuple(Origine.model_fields)

HEADER = (
    "# Lieu importé de data·inclusion par `offre import-data-inclusion`.\n"
    "# Les imports suivants mettent cette fiche à jour tant qu'elle reste telle quelle ;\n"
    "# dès qu'elle est modifiée ici (valeur, commentaire ou mise en forme), ils la laissent\n"
    "# telle quelle. Pour la rendre à l'import, supprimez-la.\n"
)

ZONE_NOTE = "Déduite des zones d'éligibilité de ses services publiés dans data·inclusion."


@dataclass
class Draft:
    """A place being built: the structure's fields, then what its services add."""

    structure_id: str
    provider: str
    networks: frozenset[str]
    fields: dict[str, Any]
    notes: list[str]
    zone: set[str] = field(default_factory=set)
    schemes: set[str] = field(default_factory=set)


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _line(value: Any) -> str | None:
    """A one-line field (name, address line): line breaks, tabs and other invisible
    characters of the source become single spaces, as our model requires."""
    text = _text(value)
    if text is None:
        return None
    cleaned = "".join(" " if unicodedata.category(c)[0] in "CZ" else c for c in text)
    return " ".join(cleaned.split()) or None


_INVISIBLE_IN_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")


def _multiline(value: Any) -> str | None:
    """A free text kept with its line breaks (description, hours as given): CRLF and a
    bare CR become LF, other control characters spaces, as `validate` requires of a file."""
    text = _text(value)
    if text is None:
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _INVISIBLE_IN_TEXT.sub(" ", text).strip() or None


def _accepted(adapter: TypeAdapter[str], value: str) -> bool:
    """Whether our model accepts the value for that field (the same check as `validate`)."""
    try:
        adapter.validate_python(value)
    except ValidationError:
        return False
    return True


_PHONE = TypeAdapter(Telephone)
_EMAIL = TypeAdapter(Courriel)
_URL = TypeAdapter(Url)
_OPENING_HOURS = TypeAdapter(HorairesOsm)


def phone(raw: str | None) -> tuple[str | None, str | None]:
    """A French number as `02 40 00 00 00`, a short or international one as given."""
    if raw is None or not raw.strip():
        return None, None
    compact = re.sub(r"[\s.\-/()]", "", raw.strip())
    if compact.startswith("+330"):
        compact = "+33" + compact[4:]
    if re.fullmatch(r"\+33[1-9]\d{8}", compact):
        compact = "0" + compact[3:]
    if re.fullmatch(r"0[1-9]\d{8}", compact):
        compact = " ".join(compact[i : i + 2] for i in range(0, 10, 2))
    elif not (re.fullmatch(r"[1-9]\d{3}", compact) or re.fullmatch(r"\+[1-9]\d{6,14}", compact)):
        compact = ""
    if compact and _accepted(_PHONE, compact):
        return compact, None
    return None, (
        f"Téléphone : data·inclusion donne « {raw.strip()} », qui n'est pas un numéro "
        "unique lisible ; recopiez le bon numéro."
    )


def email(raw: str | None) -> tuple[str | None, str | None]:
    if raw is None or not raw.strip():
        return None, None
    if _accepted(_EMAIL, raw.strip()):
        return raw.strip(), None
    return None, f"Courriel : « {raw.strip()} » n'est pas une adresse utilisable ; recopiez-la."


def url(raw: Any, label: str) -> tuple[str | None, str | None]:
    text = _text(raw)
    if text is None or _accepted(_URL, text):
        return text, None
    return None, f"{label} : « {text} » n'est pas une adresse web utilisable."


def opening_hours(raw: str | None) -> tuple[str | None, str | None, str | None]:
    """(horaires_osm, horaires, note): hours our OSM reader cannot read are kept as text."""
    text = _multiline(raw)
    if text is None or _accepted(_OPENING_HOURS, text):
        return text, None, None
    return (
        None,
        text,
        "Horaires : data·inclusion les donne dans un format OpenStreetMap non reconnu ; "
        "repris tels quels dans « horaires », à vérifier.",
    )


def draft(structure: Any, provider: str, commune: Commune, dataset: SourceImport) -> Draft:
    """The fields a validated `data_inclusion.schema.v1.Structure` gives a place."""
    notes = [commune.note] if commune.note else []
    telephone, note = phone(structure.telephone)
    notes += [note] if note else []
    courriel, note = email(structure.courriel)
    notes += [note] if note else []
    site_web, note = url(structure.site_web, "Site web")
    notes += [note] if note else []
    accessibilite, note = url(structure.accessibilite_lieu, "Accessibilité")
    notes += [note] if note else []
    horaires_osm, horaires, note = opening_hours(structure.horaires_accueil)
    notes += [note] if note else []
    networks = frozenset(str(r.value) for r in structure.reseaux_porteurs or ())
    adresse = {
        "ligne": _line(structure.adresse),
        "complement": _line(structure.complement_adresse),
        "code_postal": _text(structure.code_postal),
        "commune": commune.code,
    }
    sources = []
    if structure.lien_source is not None and url(structure.lien_source, "")[0]:
        sources.append(
            {
                "url": str(structure.lien_source),
                "titre": f"Fiche de la structure chez son producteur ({structure.source})",
            }
        )
    sources.append({"url": dataset.url, "titre": dataset.titre})
    fields: dict[str, Any] = {
        "nom": _line(structure.nom) or structure.nom.strip(),
        "porteur": provider,
        "reseaux_porteurs": sorted(networks),
        "description": _multiline(structure.description),
        "adresse": {k: v for k, v in adresse.items() if v is not None},
        "telephone": telephone,
        "courriel": courriel,
        "site_web": site_web,
        "horaires": horaires,
        "horaires_osm": horaires_osm,
        "accessibilite": accessibilite,
        "sources": sources,
    }
    origin = {
        "source": SOURCE_NAME,
        "producteur": _line(structure.source),
        "identifiant": structure.id,
        "date_maj": structure.date_maj,
    }
    fields["origine"] = origin
    return Draft(structure.id, provider, networks, fields, notes)


def finish(place: Draft, place_id: str, consulte_le: date) -> dict[str, Any]:
    """The complete record, keys in the model's order, with its fingerprint."""
    values = dict(place.fields)
    values["id"] = place_id
    zone = sorted(place.zone)
    values["zone_desservie"] = zone
    if zone:
        values["zone_precisions"] = ZONE_NOTE
    values["consulte_le"] = consulte_le
    values["a_verifier"] = list(place.notes)
    values["dispositifs"] = sorted(place.schemes)
    values["adresse"] = {k: values["adresse"][k] for k in ADRESSE_KEYS if k in values["adresse"]}
    record = {key: values[key] for key in LIEU_KEYS if values.get(key) is not None}
    origin = record["origine"]
    record["origine"] = {k: origin[k] for k in ORIGINE_KEYS if origin.get(k) is not None}
    record["origine"]["empreinte"] = fingerprint(record)
    return record


# ---------------------------------------------------------------------------- fingerprints


def _canonical(value: Any) -> str:
    return json.dumps(
        value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=_iso
    )


def _iso(value: Any) -> str:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"unexpected {type(value).__name__} in a place record")


def _without(record: dict[str, Any], *, consulte_le: bool) -> dict[str, Any]:
    copy = {k: v for k, v in record.items() if not (consulte_le and k == "consulte_le")}
    origin = copy.get("origine")
    if isinstance(origin, dict):
        copy["origine"] = {k: v for k, v in origin.items() if k != "empreinte"}
    return copy


def fingerprint(record: dict[str, Any]) -> str:
    """Hash of a record's whole content except the fingerprint itself."""
    digest = hashlib.sha256(_canonical(_without(record, consulte_le=False)).encode("utf-8"))
    return "sha256:" + digest.hexdigest()[:32]


def content_key(record: dict[str, Any]) -> str:
    """What must differ for a re-import to count as a change: the imported content,
    not the date of the import."""
    return hashlib.sha256(
        _canonical(_without(record, consulte_le=True)).encode("utf-8")
    ).hexdigest()


# ---------------------------------------------------------------------------- YAML


class _Code(str):
    """A code written between double quotes, as editors are asked to ("44109")."""


class _PythonDumper(yaml.SafeDumper):
    pass


_DUMPERS: list[Any] = [_PythonDumper]  # CSafeDumper is no SafeDumper subclass
if hasattr(yaml, "CSafeDumper"):  # libyaml: about six times faster

    class _CDumper(yaml.CSafeDumper):
        pass

    _DUMPERS.insert(0, _CDumper)


def _represent_code(dumper: yaml.SafeDumper, value: _Code) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(value), style='"')


for _dumper in _DUMPERS:
    _dumper.add_representer(_Code, _represent_code)


def _with_quoted_codes(record: dict[str, Any]) -> dict[str, Any]:
    out = dict(record)
    adresse = out.get("adresse")
    if isinstance(adresse, dict):
        out["adresse"] = {
            k: _Code(v) if k in ("code_postal", "commune") and isinstance(v, str) else v
            for k, v in adresse.items()
        }
    zone = out.get("zone_desservie")
    if isinstance(zone, list):
        out["zone_desservie"] = [_Code(c) if isinstance(c, str) else c for c in zone]
    return out


def _render_with(record: dict[str, Any], dumper: Any) -> str:
    body = yaml.dump(
        _with_quoted_codes(record),
        Dumper=dumper,
        allow_unicode=True,
        sort_keys=False,
        width=100,
        default_flow_style=False,
    )
    return HEADER + body


def render(record: dict[str, Any]) -> str:
    return _render_with(record, _DUMPERS[0])


def is_intact(text: str, data: Any) -> bool:
    """The file is exactly what the import wrote: fingerprint and text both match."""
    if not isinstance(data, dict):
        return False
    origin = data.get("origine")
    if not isinstance(origin, dict) or not isinstance(origin.get("empreinte"), str):
        return False
    try:
        if fingerprint(data) != origin["empreinte"]:
            return False
        text = text.replace("\r\n", "\n")
        # A file written on a machine without libyaml came from the Python emitter:
        # either emitter's text counts as the import's own.
        return any(text == _render_with(data, dumper) for dumper in _DUMPERS)
    except (TypeError, ValueError, yaml.YAMLError):
        return False


def imported_identifier(data: Any) -> str | None:
    """The data·inclusion id of a file written by this import, else None."""
    if not isinstance(data, dict):
        return None
    origin = data.get("origine")
    if not isinstance(origin, dict) or origin.get("source") != SOURCE_NAME:
        return None
    ident = origin.get("identifiant")
    return ident if isinstance(ident, str) and ident else None


def check_with_model(record: dict[str, Any]) -> list[str]:
    """Problems the Lieu model finds in a record (none expected: the fields are checked
    one by one as the record is built; this is the last guard before writing)."""
    try:
        Lieu.model_validate(record)
    except ValidationError as exc:
        return [
            f"{'.'.join(str(p) for p in e['loc'])} : {e['msg']}"
            for e in exc.errors(include_url=False)
        ]
    return []


def check_written(text: str) -> list[str]:
    """Problems `offre validate` would find in the file as written: it is read back with
    the validator's own reader and model, so an import never writes a file it refuses."""
    from pathlib import Path

    from ...data.yamlsource import parse_yaml_bytes

    doc, issues = parse_yaml_bytes(text.encode("utf-8"), Path("lieu.yaml"), "lieu.yaml")
    if issues or doc is None:
        return [i.message for i in issues] or ["fichier illisible"]
    return check_with_model(doc.data)
