"""The French messages of data errors, read from `messages.yaml`: one table.

The validator of the data files (`messages.py`), the YAML reader (`yamlsource.py`) and the
importers' record checks say the same problem with the same words; the sentences are
data, so that rewording one is an edit of that file, not of three modules.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

TABLE = Path(__file__).with_name("messages.yaml")


@cache
def _table() -> dict[str, Any]:
    """The table, checked once: a malformed table is a defect of the package, not of the
    data, so it raises rather than being reported to editors."""
    data = yaml.safe_load(TABLE.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise RuntimeError(f"{TABLE}: un bloc de clés est attendu.")
    fields, problems = data.get("champs"), data.get("syntaxe_yaml")
    if not isinstance(fields, dict) or not all(isinstance(v, str) for v in fields.values()):
        raise RuntimeError(f"{TABLE}: « champs » doit associer un nom à un message.")
    if not isinstance(problems, list) or not all(
        isinstance(p, dict)
        and isinstance(p.get("cherche"), str)
        and isinstance(p.get("message"), str)
        for p in problems
    ):
        raise RuntimeError(f"{TABLE}: « syntaxe_yaml » doit lister des {{cherche, message}}.")
    if not isinstance(data.get("syntaxe_yaml_autre"), str):
        raise RuntimeError(f"{TABLE}: « syntaxe_yaml_autre » manque.")
    return data


def field_keys() -> list[str]:
    return list(_table()["champs"])


def field_message(key: str, **values: object) -> str:
    """The message `key` of the table, its `{names}` filled from `values`."""
    message: str = _table()["champs"][key]
    return message.format(**values)


def yaml_problems() -> list[tuple[str, str]]:
    """(text of PyYAML's English error, French message), first match wins."""
    return [(p["cherche"], p["message"]) for p in _table()["syntaxe_yaml"]]


def yaml_fallback() -> str:
    """What is said of a YAML syntax error none of `yaml_problems` recognises."""
    fallback: str = _table()["syntaxe_yaml_autre"]
    return fallback
