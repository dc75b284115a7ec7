"""Read the ANCT's CSV: check its columns, then yield each row with the line it starts on.

The file is small (about 1 MB for all of France) but comes from outside: it is refused
above `MAX_BYTES`, read as UTF-8 (a byte-order mark is allowed), with commas or
semicolons between fields. Every problem is an `Issue` located by line and column
(`liste.csv:12:13: error: colonne telephone: …`).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ...data.errors import Issue
from .hours import DAY_COLUMNS

_MB = 1024 * 1024
MAX_BYTES = 50 * _MB

REQUIRED = (
    "id_fs",
    "insee_dep",
    "lib_fs",
    "adresse",
    "insee_com",
    "code_postal",
    "lib_com",
    "mail",
    "telephone",
    *(column for column, _, _ in DAY_COLUMNS),
    "prise_rdv",
    "commentaire",
)
OPTIONAL = (
    "complement_adresse",
    "latitude",
    "longitude",
    "type_fs",
    "format_fs",
    "groupe_fs",
    "labellisation_fs",
)


def _size(count: int) -> str:
    return f"{count / _MB:.0f} Mo" if count >= _MB else f"{count} octets"


class BadFile(Exception):
    """The file cannot be read as the list at all (first problem only: nothing follows)."""

    def __init__(self, issue: Issue) -> None:
        super().__init__(issue.format())
        self.issue = issue


@dataclass(frozen=True)
class Row:
    line: int
    values: dict[str, str]
    columns: tuple[str, ...]
    problem: str | None = None
    """The row cannot be read field by field (wrong number of fields)."""

    def col(self, name: str) -> int:
        """1-based column number of a column, for messages."""
        return self.columns.index(name) + 1 if name in self.columns else 1


def read_rows(path: Path, display: str) -> tuple[tuple[str, ...], Iterator[Row]]:
    """The header, and the rows; raises BadFile when the file is not the list."""
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise BadFile(
            Issue(
                display,
                1,
                1,
                "",
                f"fichier trop gros ({_size(size)} ; limite {_size(MAX_BYTES)}) : "
                "la liste nationale des France services fait environ 1 Mo ; vérifiez "
                "qu'il s'agit du bon fichier.",
            )
        )
    data = path.read_bytes()
    if data.startswith(b"\x1f\x8b") or data.startswith(b"PK"):
        raise BadFile(Issue(display, 1, 1, "", "fichier compressé : décompressez-le d'abord."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise BadFile(
            Issue(
                display,
                line,
                col,
                "",
                "octets qui ne sont pas de l'UTF-8 : enregistrez le fichier en UTF-8 (la liste "
                "publiée par l'ANCT l'est).",
            )
        ) from None
    if not text.strip():
        raise BadFile(Issue(display, 1, 1, "", "fichier vide."))
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = tuple(h.strip() for h in next(reader))
    except csv.Error as exc:
        raise BadFile(Issue(display, 1, 1, "", f"en-tête illisible ({exc}).")) from None
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise BadFile(
            Issue(
                display,
                1,
                1,
                "",
                f"colonnes manquantes : {', '.join(missing)}. Ce n'est pas la « Liste des "
                "structures France services » de l'ANCT, ou son format a changé (colonnes "
                f"attendues : {', '.join(REQUIRED)}).",
            )
        )
    doubled = sorted({c for c in header if c and header.count(c) > 1})
    if doubled:
        raise BadFile(Issue(display, 1, 1, "", f"colonnes en double : {', '.join(doubled)}."))
    return header, _rows(reader, header, display)


def _rows(reader: Iterator[list[str]], header: tuple[str, ...], display: str) -> Iterator[Row]:
    line_num = getattr(reader, "line_num")  # noqa: B009 - csv readers only
    previous = line_num
    while True:
        start = previous + 1
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise BadFile(
                Issue(display, start, 1, "", f"ligne illisible en CSV ({exc}).")
            ) from None
        previous = getattr(reader, "line_num")  # noqa: B009
        if not any(f.strip() for f in fields):
            continue
        if len(fields) != len(header):
            problem = (
                f"{len(fields)} champs au lieu de {len(header)} : une virgule ou un guillemet "
                "en trop ou en moins dans cette ligne."
            )
            yield Row(start, {}, header, problem)
            continue
        yield Row(start, dict(zip(header, fields, strict=True)), header)
