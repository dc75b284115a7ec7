"""Errors of one data·inclusion record, located and written in French.

The official models raise pydantic's English messages; the Cariforef reads French. A
record has no line of its own in a one-line national file, so a record error is
located by file, record number and record id, then the field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from ...data.message_table import field_message
from ...data.messages import did_you_mean
from ...data.yamlsource import format_key_path


@dataclass(frozen=True)
class RecordIssue:
    """`structures.json: enregistrement n° 12 (id « dora--x »): error: nom: message`."""

    file: str
    index: int
    record_id: str | None
    field: str
    message: str
    severity: str = "error"

    def format(self) -> str:
        ident = f" (id « {self.record_id} »)" if self.record_id else ""
        field = f" {self.field} :" if self.field else ""
        where = f"{self.file}: enregistrement n° {self.index}{ident}"
        line = f"{where}: {self.severity}:{field} {self.message}"
        # A lone surrogate (escaped "\udc80" in the JSON) cannot be printed: shown escaped.
        return line.encode("utf-8", "backslashreplace").decode("utf-8")


def record_id(raw: Any) -> str | None:
    value = raw.get("id") if isinstance(raw, dict) else None
    return value if isinstance(value, str) and value else None


def validation_messages(error: ValidationError, raw: Any) -> list[tuple[str, str]]:
    """(field path, French reason) for each error, one per field."""
    seen: set[str] = set()
    out: list[tuple[str, str]] = []
    for detail in error.errors(include_url=False):
        path = _data_path(detail["loc"])
        field = format_key_path(path)
        if field in seen:  # union branches report the same spot several times
            continue
        seen.add(field)
        out.append((field, _message(detail, _value_at(raw, path), path)))
    return out


def _data_path(loc: tuple[str | int, ...]) -> tuple[str | int, ...]:
    """Drop the segments pydantic adds for unions and validators (`str`, `function-…`)."""
    path: list[str | int] = []
    for part in loc:
        if isinstance(part, int):
            path.append(part)
        elif path and ("[" in part or part.startswith("function") or part in _TYPE_SEGMENTS):
            continue
        else:
            path.append(part)
    return tuple(path)


_TYPE_SEGMENTS = {"str", "int", "float", "constrained-str", "url", "date"}


def _value_at(raw: Any, path: tuple[str | int, ...]) -> Any:
    node = raw
    for part in path:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return None
    if isinstance(node, set | frozenset):
        return sorted(node)
    return node


_FIELD_HINTS = {
    "code_postal": "code postal de 5 chiffres attendu",
    "code_insee": "code commune INSEE de 5 caractères attendu",
    "siret": "numéro SIRET de 14 chiffres attendu",
    "zone_eligibilite": "code commune, EPCI, département, pays ou « france » attendu",
}


def _shown(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 80 else text[:77] + "…"


def _message(detail: ErrorDetails, value: Any, path: tuple[str | int, ...]) -> str:
    kind = detail["type"]
    ctx = detail.get("ctx") or {}
    field = next((p for p in reversed(path) if isinstance(p, str)), "")
    hint = _FIELD_HINTS.get(field)
    shown = _shown(value)
    if kind == "missing":
        return field_message("manquant")
    if kind in ("string_too_short", "string_too_long", "string_pattern_mismatch") and hint:
        return field_message("valeur_invalide", valeur=shown, attendu=hint)
    if kind == "string_too_short":
        return field_message("texte_trop_court", minimum=ctx.get("min_length"))
    if kind == "string_too_long":
        return field_message(
            "texte_trop_long", longueur=len(str(value)), maximum=ctx.get("max_length")
        )
    if kind == "string_pattern_mismatch":
        return field_message("valeur_mal_formee", valeur=shown)
    if kind == "string_type":
        return field_message("texte_attendu", trouve=f"« {shown} »")
    if kind in ("too_short",) and isinstance(value, list | set):
        return field_message("liste_vide")
    if kind in ("list_type", "set_type", "frozen_set_type"):
        return field_message("liste_attendue_json", trouve=f"« {shown} »")
    if kind == "enum":
        choices = [
            c.strip(" '") for c in str(ctx.get("expected", "")).replace(" or ", ",").split(",")
        ]
        hint_value = did_you_mean(str(value), [c for c in choices if c])
        return field_message("valeur_inconnue_data_inclusion", valeur=shown, suggestion=hint_value)
    if kind == "literal_error" and hint:
        return field_message("valeur_invalide", valeur=shown, attendu=hint)
    if kind.startswith("date") or kind.startswith("datetime"):
        return field_message("date_invalide", valeur=shown)
    if kind.startswith("url"):
        return field_message("adresse_web_invalide", valeur=shown)
    if kind in ("float_parsing", "float_type", "int_parsing", "int_type", "int_from_float"):
        return field_message("nombre_attendu", trouve=f"« {shown} »")
    if kind in ("greater_than_equal", "greater_than"):
        limit = ctx.get("ge", ctx.get("gt"))
        return field_message("nombre_trop_petit", valeur=shown, minimum=limit)
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return field_message("objet_attendu")
    if kind == "value_error":
        message = str(ctx.get("error", detail["msg"])).removeprefix("Value error, ")
        if field == "courriel" or "email address" in message:
            return field_message("courriel_invalide", valeur=shown)
        return message if message.endswith(".") else message + "."
    return field_message("valeur_refusee_data_inclusion", valeur=shown, detail=detail["msg"])


def hostile_text(raw: Any) -> tuple[str, str] | None:
    """(field path, French reason) of the first string of a record no data file may hold:
    a lone UTF-16 surrogate (escaped `\\udc80` in the JSON), which cannot be written as
    UTF-8. Walked without recursion (the depth is bounded by the reader, but no stack is
    spent on it)."""
    stack: list[tuple[tuple[str | int, ...], Any]] = [((), raw)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, str):
            bad = _SURROGATE.search(value)
            if bad:
                return (
                    format_key_path(path),
                    f"caractère non valide (U+{ord(bad.group()):04X}, moitié de paire UTF-16 "
                    "isolée) : ce texte ne peut pas être écrit en UTF-8 ; corrigez la source.",
                )
        elif isinstance(value, dict):
            for key, item in value.items():
                if isinstance(key, str) and _SURROGATE.search(key):
                    return (format_key_path(path), "clé avec un caractère non valide (UTF-16).")
                stack.append(((*path, str(key)), item))
        elif isinstance(value, list):
            stack.extend(((*path, i), item) for i, item in enumerate(value))
    return None


_SURROGATE = re.compile("[\ud800-\udfff]")
