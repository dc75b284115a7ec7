"""Read the ANCT's CSV: check its columns, then yield each row with the line it starts on.

The file is small (about 1 MB for all of France) but comes from outside: it is refused
above the importers' shared size limit (`fichier_octets_max`, checked by the importer
through `input_limits`), and read line by line — as UTF-8 (a byte-order mark is
allowed), with commas or semicolons between fields — so memory does not grow with the
file: a line longer than `MAX_LINE_BYTES` is refused. Every problem is an `Issue`
located by line and column (`liste.csv:12:13: error: colonne telephone: …`).
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ...data.errors import Issue
from ...data.input_limits import load_limits, open_regular
from .hours import DAY_COLUMNS

MAX_LINE_BYTES = 1024 * 1024
"""A row of the list is about 1 KB: a longer line is not the list (and is not read whole)."""

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


def read_rows(
    path: Path, display: str, root: Path | None = None
) -> tuple[tuple[str, ...], Iterator[Row]]:
    """The header, and the rows, read as they are consumed; raises BadFile when the file
    is not the list (or a row cannot be read), UserError when it is past the size limit
    of `root/reglages.yaml`."""
    handle = open_regular(path, load_limits(root), label="Liste France services :")
    try:
        lines = _lines(handle, display)
        first = next(lines, None)
        if first is None or not first.strip():
            # Blank first lines: the file is empty, or its header is missing.
            first = next((line for line in lines if line.strip()), None)
            if first is None:
                raise BadFile(Issue(display, 1, 1, "", "fichier vide."))
            first = "\n"
        delimiter = ";" if first.count(";") > first.count(",") else ","
        reader = csv.reader(_chain(first, lines), delimiter=delimiter)
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
    except BaseException:
        handle.close()
        raise
    return header, _rows(reader, header, display, handle)


def _chain(first: str, rest: Iterator[str]) -> Iterator[str]:
    yield first
    yield from rest


def _lines(handle: BinaryIO, display: str) -> Iterator[str]:
    """The file's lines as text, one at a time, each checked as UTF-8 where it stands."""
    number = 0
    while True:
        raw = handle.readline(MAX_LINE_BYTES + 1)
        if not raw:
            return
        number += 1
        if number == 1:
            if raw.startswith((b"\x1f\x8b", b"PK")):
                raise BadFile(
                    Issue(display, 1, 1, "", "fichier compressé : décompressez-le d'abord.")
                )
            raw = raw.removeprefix(b"\xef\xbb\xbf")
        if len(raw) > MAX_LINE_BYTES:
            raise BadFile(
                Issue(
                    display,
                    number,
                    1,
                    "",
                    f"ligne de plus de {MAX_LINE_BYTES // 1024 // 1024} Mo : ce n'est pas la "
                    "liste des France services (une ligne y fait environ 1 Ko).",
                )
            )
        try:
            yield raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise BadFile(
                Issue(
                    display,
                    number,
                    exc.start + 1,
                    "",
                    "octets qui ne sont pas de l'UTF-8 : enregistrez le fichier en UTF-8 (la "
                    "liste publiée par l'ANCT l'est).",
                )
            ) from None


def _rows(
    reader: Iterator[list[str]], header: tuple[str, ...], display: str, handle: BinaryIO
) -> Iterator[Row]:
    with handle:
        yield from _fields(reader, header, display)


def _fields(reader: Iterator[list[str]], header: tuple[str, ...], display: str) -> Iterator[Row]:
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
