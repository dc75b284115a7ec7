"""Pydantic's errors rewritten for data editors, in French, with a fix for each.

One table (`_MESSAGES`) maps pydantic error types to the functions that choose and fill
a message of `messages.yaml` (shared with the importers); errors raised by our own
validators (type prefixed `fr_`) already carry their French text. The YAML traps get a
dedicated message because they are the ones editors cannot see: `01004` was read as the
number 516, `no` as a boolean.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from .errors import Issue
from .message_table import field_message
from .yamlsource import KeyPath, SourceDoc, format_key_path


def suggest(value: str, choices: Iterable[str]) -> str | None:
    """Closest known value, for "vouliez-vous dire … ?" hints."""
    matches = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    return matches[0] if matches else None


def did_you_mean(value: str, choices: Iterable[str]) -> str:
    guess = suggest(value, choices)
    return f" Vouliez-vous dire « {guess} » ?" if guess else ""


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "un booléen (oui/non)"
    if isinstance(value, int | float):
        return "un nombre"
    if isinstance(value, list):
        return "une liste"
    if isinstance(value, dict):
        return "un bloc de clés"
    if value is None:
        return "une valeur vide"
    return "un texte"


def _trap(doc: SourceDoc, path: KeyPath, value: Any) -> str | None:
    """Explain a plain scalar that YAML 1.1 turned into something else."""
    scalar = doc.scalar(path)
    if scalar is None or scalar.quoted:
        return None
    raw = scalar.raw
    if isinstance(value, bool):
        return (
            f"« {raw} » a été lu comme le booléen {'vrai' if value else 'faux'} par YAML : "
            f'mettez-le entre guillemets ("{raw}").'
        )
    if isinstance(value, int | float) and str(value) != raw:
        return (
            f"« {raw} » a été lu comme le nombre {value} par YAML (les zéros de tête et "
            f'certains formats sont interprétés) : mettez-le entre guillemets ("{raw}").'
        )
    if isinstance(value, int | float):
        return f'« {raw} » a été lu comme un nombre : mettez-le entre guillemets ("{raw}").'
    return None


def _expected_text(doc: SourceDoc, path: KeyPath, value: Any, _: ErrorDetails) -> str:
    trap = _trap(doc, path, value)
    if trap:
        return trap
    if value is None:
        return field_message("texte_vide")
    if isinstance(value, dict) and len(value) == 1:
        key, inner = next(iter(value.items()))
        return field_message("texte_lu_comme_cle", cle=key, valeur=inner)
    return field_message("texte_attendu", trouve=_type_name(value))


def _expected_list(doc: SourceDoc, path: KeyPath, value: Any, _: ErrorDetails) -> str:
    if value is None:
        return field_message("liste_vide_cle")
    return field_message("liste_attendue", trouve=_type_name(value))


def _expected_mapping(doc: SourceDoc, path: KeyPath, value: Any, _: ErrorDetails) -> str:
    if value is None:
        return field_message("bloc_vide")
    return field_message("bloc_attendu", trouve=_type_name(value))


def _literal(doc: SourceDoc, path: KeyPath, value: Any, error: ErrorDetails) -> str:
    expected = str((error.get("ctx") or {}).get("expected", ""))
    choices = [part.strip(" '") for part in expected.replace(" or ", ",").split(",")]
    choices = [c for c in choices if c]
    trap = _trap(doc, path, value)
    if trap:
        return trap
    hint = did_you_mean(str(value), choices)
    return field_message("valeur_inconnue", valeur=value, choix=", ".join(choices), suggestion=hint)


def _too_short(doc: SourceDoc, path: KeyPath, value: Any, error: ErrorDetails) -> str:
    minimum = (error.get("ctx") or {}).get("min_length")
    if isinstance(value, list):
        if minimum == 1:
            return field_message("liste_vide")
        return field_message("trop_peu_d_elements", minimum=minimum)
    return field_message("texte_trop_court", minimum=minimum)


def _too_long(doc: SourceDoc, path: KeyPath, value: Any, error: ErrorDetails) -> str:
    maximum = (error.get("ctx") or {}).get("max_length")
    if isinstance(value, list):
        return field_message("trop_d_elements", maximum=maximum)
    return field_message("texte_trop_long", longueur=len(str(value)), maximum=maximum)


def _not_bool(doc: SourceDoc, path: KeyPath, value: Any, _: ErrorDetails) -> str:
    return field_message("oui_non_attendu", trouve=_type_name(value))


def _not_whole_number(doc: SourceDoc, path: KeyPath, value: Any, _: ErrorDetails) -> str:
    if value is None:
        return field_message("entier_vide")
    return field_message("entier_attendu", trouve=_type_name(value))


def _out_of_range(doc: SourceDoc, path: KeyPath, value: Any, error: ErrorDetails) -> str:
    ctx = error.get("ctx") or {}
    if "le" in ctx:
        return field_message("nombre_trop_grand", valeur=value, maximum=ctx["le"])
    return field_message("nombre_trop_petit", valeur=value, minimum=ctx.get("ge"))


_MESSAGES: dict[str, Callable[[SourceDoc, KeyPath, Any, ErrorDetails], str]] = {
    "string_type": _expected_text,
    "list_type": _expected_list,
    "dict_type": _expected_mapping,
    "model_type": _expected_mapping,
    "model_attributes_type": _expected_mapping,
    "literal_error": _literal,
    "too_short": _too_short,
    "too_long": _too_long,
    "string_too_short": _too_short,
    "string_too_long": _too_long,
    "bool_type": _not_bool,
    "int_type": _not_whole_number,
    "int_parsing": _not_whole_number,
    "int_from_float": _not_whole_number,
    "less_than_equal": _out_of_range,
    "greater_than_equal": _out_of_range,
}


def _data_path(doc: SourceDoc, loc: tuple[str | int, ...]) -> KeyPath:
    """Keep only the parts of pydantic's location that exist in the data.

    Validators and unions add segments such as `function-after[...]` or `list[str]`
    that editors never typed; the data itself tells which segments are real.
    """
    node: Any = doc.data
    path: list[str | int] = []
    for part in loc:
        found, child = _child(node, part)
        if found:
            node = child
            path.append(part)
        elif isinstance(node, dict | list) and not _is_synthetic(part):
            # A key that should exist but does not (missing field) or an unknown key.
            path.append(part)
            break
    return tuple(path)


def _child(node: Any, part: str | int) -> tuple[bool, Any]:
    if isinstance(node, dict) and isinstance(part, str) and part in node:
        return True, node[part]
    if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
        return True, node[part]
    return False, None


def _is_synthetic(part: str | int) -> bool:
    return isinstance(part, str) and ("[" in part or ("-" in part and part.startswith("function")))


def _value_at(doc: SourceDoc, path: KeyPath) -> Any:
    node: Any = doc.data
    for part in path:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def validation_issues(
    doc: SourceDoc, error: ValidationError, model: type[BaseModel], base: KeyPath = ()
) -> list[Issue]:
    """Turn every pydantic error of one file into an Issue with file:line:col."""
    issues: list[Issue] = []
    for detail in error.errors(include_url=False):
        issues.append(_issue(doc, detail, model, base))
    return _prune_union_noise(issues)


def _issue(doc: SourceDoc, detail: ErrorDetails, model: type[BaseModel], base: KeyPath) -> Issue:
    kind = detail["type"]
    path = (*base, *_data_path(doc, tuple(detail["loc"])))
    if kind == "missing":
        field = path[-1] if path else "?"
        where = doc.pos(path[:-1])
        return Issue(
            doc.display,
            where.line,
            where.col,
            format_key_path(path),
            field_message("manquant_ligne", champ=field),
        )
    if kind == "extra_forbidden":
        key = str(path[-1]) if path else "?"
        known = _known_keys(model, path[len(base) : -1])
        hint = did_you_mean(key, known)
        listing = f" Clés possibles : {', '.join(known)}." if known and not hint else ""
        return doc.issue(path, f"clé inconnue « {key} ».{hint}{listing}", at_key=True)
    value = _value_at(doc, path)
    if kind.startswith("fr_"):
        message = detail["msg"]
        target = (detail.get("ctx") or {}).get("champ")
        if isinstance(target, str):
            path = (*path, target)
    elif kind in _MESSAGES:
        message = _MESSAGES[kind](doc, path, value, detail)
    else:  # every type our models produce has a message; this one names no code
        message = field_message("valeur_refusee")
    return doc.issue(path, message)


def _known_keys(model: type[BaseModel], inner: KeyPath) -> list[str]:
    """Field names of the (sub)model a key path points into, for suggestions."""
    current: type[BaseModel] | None = model
    for part in inner:
        if current is None or isinstance(part, int):
            continue
        info = current.model_fields.get(part)
        current = _submodel(info.annotation) if info else None
    return list(current.model_fields) if current else []


def _submodel(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _submodel(arg)
        if found:
            return found
    return None


def _prune_union_noise(issues: list[Issue]) -> list[Issue]:
    """Several errors at one spot (one per union branch): keep the first, most helpful."""
    seen: set[tuple[str, int, int, str]] = set()
    kept: list[Issue] = []
    for issue in issues:
        key = (issue.path, issue.line, issue.col, issue.key_path)
        if key in seen:
            continue
        seen.add(key)
        kept.append(issue)
    return kept
