"""What both directions agree on: sheet names, the hidden sheets, the help of a column."""

from __future__ import annotations

import hashlib

from .columns import NO, YES, Column
from .fields import Form, Node, Shape
from .kinds import REFERENCE_HELP, KindSheet

README_SHEET = "Lisez-moi"
LISTS_SHEET = "Listes"
META_SHEET = "Export"
READ_ONLY_SHEET = "Régionaux (lecture seule)"
FORMAT = "offre-classeur 1"
# Hidden « Export » sheet: beside each sheet's exported ids, the fingerprint of each file
# as exported, so an import can tell a row edited over a file changed since the export.
FINGERPRINT_SUFFIX = " (empreintes)"


def file_fingerprint(text: bytes) -> str:
    return hashlib.sha256(text).hexdigest()[:20]


HEADER_ROW = 1
# Groups of columns left empty after the largest list of the data, to add items.
SPARE_ITEMS = 2
# Fields a territory's coordinator edits in the territory's row; the perimeter comes
# from the Region's official file.
COORDINATOR_FIELDS = ("priorites", "contacts")


def list_name(kind: KindSheet, column: Column) -> str | None:
    """Name of the Listes column a column's drop-down takes its values from."""
    if column.field_path in kind.references:
        return kind.references[column.field_path]
    vocabulary = kind.vocabulary_of(column.field_path)
    if vocabulary and not column.is_key:
        return vocabulary
    node = column.node
    if node.shape is Shape.CHOICE and not column.is_key:
        return f"{kind.kind}.{column.field_path}"
    if node.shape is Shape.BOOL and not column.is_key:
        return "oui-non"
    return None


def column_help(kind: KindSheet, column: Column, parents: dict[str, Node]) -> str:
    """The header comment: what the field means and how to type it, in plain French."""
    node = column.node
    lines: list[str] = []
    group = _group_of(column)
    if column.is_key and group:
        lines.append(f"Identifiant du groupe n° {group[1]} de « {group[0]} » : {node.description}")
    else:
        lines.append(node.description or column.header)
        if group:
            parent = parents.get(group[0])
            what = f" ({parent.description})" if parent and parent.description else ""
            lines.append(f"Élément n° {group[1]} de « {group[0]} »{what}.")
    writer = kind.read_only_fields.get(column.top)
    if writer:
        lines.append(
            f"Lecture seule : rempli par {writer}. L'import du classeur garde la valeur du "
            "fichier et refuse toute modification de cette colonne."
        )
    elif column.is_key or (node.required and not group and "." not in column.header):
        lines.append("Obligatoire.")
    elif node.required:
        lines.append("Obligatoire dans chaque élément rempli.")
    elif node.default is not None:
        shown = (YES if node.default else NO) if isinstance(node.default, bool) else node.default
        lines.append(f"Facultatif : une cellule vide vaut « {shown} ».")
    else:
        lines.append("Facultatif : une cellule vide retire l'information.")
    if node.is_list:
        lines.append("Plusieurs valeurs : séparez-les par « | ».")
        if node.min_items:
            lines.append(f"Au moins {node.min_items} valeur(s).")
    if node.shape is Shape.DATE:
        lines.append("Date (par exemple 2026-03-31 ou 31/03/2026).")
    elif node.shape is Shape.PARTIAL_DATE:
        lines.append("AAAA-MM-JJ, ou AAAA-MM, ou AAAA si la source ne précise pas plus.")
    elif node.shape is Shape.BOOL:
        lines.append("oui ou non.")
    reference = kind.references.get(column.field_path)
    if writer:
        pass  # no drop-down: nothing to choose
    elif reference:
        lines.append(
            f"{REFERENCE_HELP[reference]} : liste déroulante (libellés sur la feuille masquée "
            "« Listes »)."
        )
    elif list_name(kind, column) and not column.is_key:
        lines.append("Valeurs possibles : liste déroulante (feuille masquée « Listes »).")
    return "\n".join(lines)


def _group_of(column: Column) -> tuple[str, int] | None:
    """(`sources`, 2) for `sources.2.url`."""
    names: list[str] = []
    for step in column.steps:
        if isinstance(step, int):
            return ".".join(names), step
        names.append(step)
    return None


def parent_nodes(nodes: tuple[Node, ...]) -> dict[str, Node]:
    """Group fields by dotted header path (`sources`, `contacts.territoires`)."""
    out: dict[str, Node] = {}
    for node in nodes:
        if node.form in (Form.ITEMS, Form.KEYED):
            out[node.path] = node
        out.update(parent_nodes(node.children))
    return out
