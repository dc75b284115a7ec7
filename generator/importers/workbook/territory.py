"""What a coordinator's workbook may change, enforced at import from the data on disk.

A territory's workbook (`offre classeur exporter --territoire ID`) promises that only the
territory's own row (its priorities and local contacts), its local schemes and its places
change; the regional schemes and the providers are read-only. The hidden « Export » sheet
says which territory a workbook was made for, but anyone can edit a hidden sheet: the
rules below never trust its lists of rows. They take the territory id (from `--territoire`
when given, else from that sheet, and a workbook laid out for a territory without one is
refused), then judge every changed row against the files on disk: is this scheme regional
*on disk*, is this place the territory's *on disk*.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...catalog.load import load_catalog
from ...data.errors import DataError, UserError
from ...data.fields import ALL_TERRITORIES
from .columns import EMPTY
from .layout import COORDINATOR_FIELDS, READ_ONLY_SHEET
from .reading import CellIssue, WorkbookContent
from .yamledit import same_value

if TYPE_CHECKING:
    from pathlib import Path

    from ...catalog.catalog import Catalog

Planned = Any  # importer.Planned (imported from there, it would make an import cycle)

CREATED, MODIFIED = "créé", "modifié"


def workbook_territory(content: WorkbookContent, option: str | None) -> str | None:
    """The territory a workbook is checked for, or None for a whole-offer workbook."""
    said = content.territoire
    if option and said and option != said:
        raise UserError(
            f"{content.display} : classeur exporté pour le territoire « {said} », importé "
            f"avec --territoire {option} : vérifiez le fichier ou l'option."
        )
    territoire = option or said
    if territoire is None and READ_ONLY_SHEET in content.sheet_names:
        raise UserError(
            f"{content.display} : classeur d'un territoire (feuille « {READ_ONLY_SHEET} ») "
            "dont la feuille masquée « Export » ne dit plus le territoire : indiquez-le "
            "(offre classeur importer FICHIER --territoire ID). Rien n'a été modifié."
        )
    return territoire


def territory_problems(
    content: WorkbookContent, planned: list[Planned], root: Path, option: str | None
) -> list[CellIssue]:
    territoire = workbook_territory(content, option)
    if territoire is None:
        return []
    catalog, report = load_catalog(root)
    if catalog is None:
        raise DataError(report)
    if territoire not in catalog.territoires:
        known = ", ".join(sorted(catalog.territoires))
        raise UserError(f"territoire « {territoire} » inconnu ; territoires : {known}.")
    problems: list[CellIssue] = []
    for item in planned:
        if item.status not in (CREATED, MODIFIED):
            continue
        for header, message in _row_problems(item, territoire, catalog):
            sheet = item.sheet
            problems.append(
                CellIssue(
                    content.display,
                    sheet.title,
                    sheet.cell(header, item.row.number),
                    header if header and header != "id" else "",
                    message,
                    order=(sheet.position, item.row.number, sheet.column_index(header)),
                )
            )
    return problems


def _row_problems(item: Planned, territoire: str, catalog: Catalog) -> list[tuple[str, str]]:
    kind = item.kind.kind
    ident = item.ident or "?"
    raw = item.values.raw
    if kind == "territoire":
        if item.status == CREATED or ident != territoire:
            return [
                (
                    "id",
                    f"classeur du territoire « {territoire} » : seule sa ligne se modifie "
                    f"(« {ident} » est refusé) ; les autres territoires viennent du fichier "
                    "officiel de la Région.",
                )
            ]
        assert item.record is not None
        model = item.kind.model
        return [
            (
                _header(item, name),
                f"colonne en lecture seule dans le classeur d'un territoire : seules "
                f"{', '.join(COORDINATOR_FIELDS)} se modifient (le reste vient du fichier "
                "officiel de la Région) ; remettez la valeur exportée.",
            )
            for name in model.model_fields
            if name not in COORDINATOR_FIELDS
            and not same_value(model, name, item.record.data.get(name, EMPTY), raw.get(name, EMPTY))
        ]
    if kind == "porteur":
        return [
            (
                "id",
                "classeur d'un territoire : les porteurs ne s'y modifient pas ; un nouveau "
                "porteur ou une correction se demande au Cariforef.",
            )
        ]
    if kind == "dispositif":
        out: list[tuple[str, str]] = []
        if item.status == MODIFIED:
            scheme = catalog.dispositifs.get(ident)
            if scheme is None or scheme.everywhere:
                out.append(
                    (
                        "id",
                        f"« {ident} » est un dispositif régional (toute la région) : il est en "
                        "lecture seule dans le classeur d'un territoire ; une correction se "
                        "demande au Cariforef.",
                    )
                )
            elif territoire not in catalog.scheme_territories.get(ident, []):
                out.append(
                    (
                        "id",
                        f"« {ident} » n'est pas un dispositif du territoire « {territoire} » : "
                        "il ne se modifie pas dans ce classeur.",
                    )
                )
        if not out and _regional(raw.get("territoires")):
            out.append(
                (
                    "territoires",
                    "« tous » (toute la région) : un dispositif régional ne se crée ni ne "
                    "s'étend dans le classeur d'un territoire ; indiquez le territoire ou ses "
                    "EPCI, ou demandez-le au Cariforef.",
                )
            )
        return out
    if (
        kind == "lieu"
        and item.status == MODIFIED
        and ident not in catalog.territory_places.get(territoire, [])
    ):
        return [
            (
                "id",
                f"« {ident} » n'est pas un lieu du territoire « {territoire} » : il ne se "
                "modifie pas dans ce classeur.",
            )
        ]
    return []


def _regional(value: Any) -> bool:
    return bool(value == ALL_TERRITORIES or value == [ALL_TERRITORIES])


def _header(item: Planned, name: str) -> str:
    letters = item.sheet.letters
    if name in letters:
        return name
    return next((h for h in letters if h.startswith(f"{name}.")), "id")
