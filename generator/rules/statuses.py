"""The statuses a scheme or a territory can have: defined once, for the model that checks
them, the labels that show them, the facets that filter them and the exports that list
them."""

from __future__ import annotations

from typing import Literal, get_args

Statut = Literal["actif", "suspendu", "termine", "remplace"]
STATUTS: tuple[str, ...] = get_args(Statut)
"""A scheme's recorded statuses, in the order lists and facets show them."""
CURRENT_STATUSES = ("actif", "suspendu")
"""Statuses of a scheme that still exists (open, or paused): the ones that can be in
doubt, and the only ones data·inclusion lists."""
CLOSED_STATUSES = ("termine", "remplace")
"""Statuses of a scheme that has ended: its page stays online for the record."""
StatutTerritoire = Literal["provisoire", "officiel"]
STATUTS_TERRITOIRE: tuple[str, ...] = get_args(StatutTerritoire)
