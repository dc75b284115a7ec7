"""`donnees/offre.csv`: one row per scheme, for spreadsheets.

Written for Excel as French users have it: UTF-8 with a byte order mark (without it
Excel reads accents as Windows-1252), `;` as separator (the list separator of French
locales, so double-clicking the file splits the columns), CRLF line ends. Lists are
joined with ` | `, which no value contains. Column names are the keys of offre.json.

A cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return is a formula to
Excel and LibreOffice, which a hostile value could use to run commands or leak data
(CSV injection): such a cell gets a leading `'`, as OWASP advises, so it shows as text.
"""

from __future__ import annotations

import csv
import io

from .. import urls
from ..catalog import Catalog
from ..model import Dispositif
from .common import LICENCE_NAME, provider_name

LIST_SEPARATOR = " | "
COLUMNS = (
    "id",
    "titre",
    "sigle",
    "porteur",
    "porteur_nom",
    "statut",
    "type",
    "frais",
    "publics",
    "thematiques",
    "territoires",
    "territoires_couverts",
    "date_debut",
    "date_fin",
    "consulte_le",
    "verifie_le",
    "modifie_le",
    "resume",
    "url",
    "sources",
    # The licence is repeated on every row: a CSV has no place for metadata that Excel
    # (or any reader that expects a header on the first line) would not break on, and a
    # column survives filtering, sorting and copying rows into another sheet.
    "licence",
)


# OWASP, "CSV Injection": the characters that make a spreadsheet read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: str) -> str:
    """The cell as text: a leading `'` when a spreadsheet would take it for a formula."""
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def _join(values: list[str]) -> str:
    return LIST_SEPARATOR.join(values)


def scheme_row(catalog: Catalog, scheme: Dispositif, site_url: str | None) -> dict[str, str]:
    return {
        "id": scheme.id,
        "titre": scheme.titre,
        "sigle": scheme.sigle or "",
        "porteur": scheme.porteur,
        "porteur_nom": provider_name(catalog, scheme.porteur),
        "statut": scheme.statut,
        "type": scheme.type,
        "frais": scheme.frais,
        "publics": _join(scheme.publics),
        "thematiques": _join(scheme.thematiques),
        "territoires": _join(scheme.territoires),
        "territoires_couverts": _join(catalog.scheme_territories.get(scheme.id, [])),
        "date_debut": scheme.date_debut or "",
        "date_fin": scheme.date_fin or "",
        "consulte_le": scheme.consulte_le.isoformat(),
        "verifie_le": scheme.verifie_le.isoformat() if scheme.verifie_le else "",
        "modifie_le": scheme.modifie_le.isoformat() if scheme.modifie_le else "",
        "resume": scheme.resume,
        # Absolute: a spreadsheet has no page to resolve a relative address against.
        "url": urls.absolute_url(site_url, urls.page_url("dispositif", scheme.id)),
        "sources": _join([source.url for source in scheme.sources]),
        "licence": LICENCE_NAME,
    }


def catalogue_csv(catalog: Catalog, site_url: str | None) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(
        buffer, fieldnames=COLUMNS, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL
    )
    writer.writeheader()
    for did in sorted(catalog.dispositifs):
        row = scheme_row(catalog, catalog.dispositifs[did], site_url)
        writer.writerow({column: neutralise(value) for column, value in row.items()})
    return buffer.getvalue().encode("utf-8-sig")


def csv_files(catalog: Catalog, site_url: str | None) -> dict[str, str | bytes]:
    return {urls.OPEN_DATA_CSV_URL: catalogue_csv(catalog, site_url)}
