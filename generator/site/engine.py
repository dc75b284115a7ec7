"""Which static-site engine builds the site: MkDocs 1.x or ProperDocs, its maintained fork.

MkDocs 1.6.1 is the last 1.x release and is no longer maintained; ProperDocs continues it
with the same API and the same plugins. ProperDocs serves `mkdocs.*` imports from its own
modules once `properdocs.replacement` is imported, so our plugin and Material run
unchanged: this module only picks the engine, before anything imports `mkdocs`.

`offre build` uses MkDocs when it is installed, ProperDocs otherwise; the variable
OFFRE_MOTEUR (`mkdocs` or `properdocs`) forces one.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys

from ..data.errors import UserError

ENGINES = ("mkdocs", "properdocs")
VARIABLE = "OFFRE_MOTEUR"


def _installed(engine: str) -> bool:
    if engine == "mkdocs" and "mkdocs" in sys.modules:
        return getattr(sys.modules["mkdocs"], "__name__", "") == "mkdocs"
    return importlib.util.find_spec(engine) is not None


def choose(requested: str | None = None) -> str:
    """The engine asked for (argument, then OFFRE_MOTEUR), else the first one installed."""
    wanted = (requested or os.environ.get(VARIABLE) or "").strip().lower()
    if wanted:
        if wanted not in ENGINES:
            raise UserError(
                f"{VARIABLE} : moteur « {wanted} » inconnu ; valeurs possibles : "
                f"{', '.join(ENGINES)}."
            )
        if not _installed(wanted):
            raise UserError(
                f"Le moteur « {wanted} » n'est pas installé dans cet environnement "
                "(scripts/setup installe mkdocs et properdocs)."
            )
        return wanted
    for engine in ENGINES:
        if _installed(engine):
            return engine
    raise UserError(
        "Ni MkDocs ni ProperDocs n'est installé : lancez scripts/setup pour créer "
        "l'environnement du projet."
    )


def activate(engine: str) -> None:
    """Make `mkdocs.*` imports resolve to `engine` for the rest of this process."""
    if engine != "properdocs":
        return
    loaded = sys.modules.get("mkdocs")
    if loaded is not None and getattr(loaded, "__name__", "") == "mkdocs":
        raise UserError(
            "MkDocs est déjà chargé dans ce processus : ProperDocs ne peut plus le remplacer. "
            f"Lancez la construction dans un nouveau processus avec {VARIABLE}=properdocs."
        )
    importlib.import_module("properdocs.replacement")


def name_in_use() -> str:
    """`properdocs` once activated, else `mkdocs` (for the build's log)."""
    loaded = sys.modules.get("mkdocs")
    return "properdocs" if loaded is not None and loaded.__name__ == "properdocs" else "mkdocs"
