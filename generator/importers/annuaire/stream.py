"""Read the directory's JSON export record by record, in bounded memory.

The DILA publishes its local services as one JSON object whose key `service` holds the
list of records (`{"service": [{…}, …]}`, several hundred megabytes); the directory's
API exports a plain list (`[{…}, …]`). Both are read with ijson, chunk by chunk: memory
holds one chunk and the records parsed from it. When the parser fails, the file is read
again up to the failing byte to say where (`line:col`), in French.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import ijson

from ...data.errors import Issue
from ...data.input_limits import JsonDepthGuard
from ...data.model import LimitesEntrees

CHUNK_BYTES = 256 * 1024
_BOM = codecs.BOM_UTF8
_WHITESPACE = b" \t\r\n"
DUMP_KEY = "service"


class MalformedFile(Exception):
    def __init__(self, issue: Issue) -> None:
        super().__init__(issue.format())
        self.issue = issue


def iter_records(path: Path, display: str, limits: LimitesEntrees | None = None) -> Iterator[Any]:
    """Each record of the export, in order; raises MalformedFile when it stops being JSON,
    or when its nesting or one of its strings passes the limits (checked on the raw bytes
    before ijson sees them: ijson's cost grows with the square of the depth)."""
    limits = limits or LimitesEntrees()
    guard = JsonDepthGuard(limits.profondeur_json_max, limits.json_texte_octets_max)
    with path.open("rb") as handle:
        first = handle.read(CHUNK_BYTES)
        skip = len(_BOM) if first.startswith(_BOM) else 0
        start = first[skip:].lstrip(_WHITESPACE)
        if not start:
            raise MalformedFile(Issue(display, 1, 1, "", "fichier vide."))
        if first.startswith(b"\x1f\x8b") or first.startswith(b"BZh"):
            raise MalformedFile(
                Issue(
                    display,
                    1,
                    1,
                    "",
                    "fichier compressé : extrayez d'abord le fichier JSON de l'archive "
                    "(tar -xjf all_latest.tar.bz2 : le fichier …_data.gouv_local.json).",
                )
            )
        if start[:1] == b"[":
            prefix = "item"
        elif start[:1] == b"{":
            prefix = f"{DUMP_KEY}.item"
        else:
            raise MalformedFile(
                Issue(
                    display,
                    1,
                    1,
                    "",
                    "ce n'est pas un fichier JSON de l'annuaire : il doit commencer par « { » "
                    "(export de la DILA, clé « service ») ou « [ » (liste d'enregistrements).",
                )
            )
        parsed = ijson.sendable_list()
        parser = ijson.items_coro(parsed, prefix, use_float=True)
        chunk, chunk_start = first[skip:], skip
        while chunk:
            passed = guard.feed(chunk)
            if passed is not None:
                yield from parsed
                raise _over_limit(path, display, chunk_start + passed[0], passed[1], limits)
            try:
                parser.send(chunk)
            except ijson.JSONError:
                yield from parsed
                raise _located(path, display, skip, chunk_start) from None
            yield from parsed
            del parsed[:]
            chunk_start += len(chunk)
            chunk = handle.read(CHUNK_BYTES)
        try:
            parser.close()
        except ijson.JSONError:
            yield from parsed
            raise _located(path, display, skip, chunk_start) from None
        yield from parsed


def _over_limit(
    path: Path, display: str, offset: int, what: str, limits: LimitesEntrees
) -> MalformedFile:
    line, col = _line_col(path, offset)
    if what == "profondeur":
        message = (
            f"imbrication trop profonde (octet {offset}) : plus de "
            f"{limits.profondeur_json_max} niveaux de […] ou {{…}} imbriqués (limite "
            "profondeur_json_max ; un enregistrement de l'annuaire en compte moins de 10). "
            "Pour la relever, réglez « limites: profondeur_json_max: … » dans reglages.yaml."
        )
    else:
        message = (
            f"texte trop long (octet {offset}) : plus de {limits.json_texte_octets_max} octets "
            "dans une seule valeur (limite json_texte_octets_max). Pour la relever, réglez "
            "« limites: json_texte_octets_max: … » dans reglages.yaml."
        )
    return MalformedFile(Issue(display, line, col, "", message))


def _located(path: Path, display: str, skip: int, chunk_start: int) -> MalformedFile:
    """Parse again up to the failing chunk, then byte by byte: the first failing byte."""
    events = ijson.sendable_list()
    parser = ijson.basic_parse_coro(events, use_float=True)
    offset = skip
    failed = False
    with path.open("rb") as handle:
        handle.seek(skip)
        while offset < chunk_start:
            data = handle.read(min(CHUNK_BYTES, chunk_start - offset))
            if not data:
                break
            parser.send(data)
            del events[:]
            offset += len(data)
        data = handle.read(CHUNK_BYTES)
        index = 0
        for index in range(len(data)):
            try:
                parser.send(data[index : index + 1])
            except ijson.JSONError:
                failed = True
                break
            del events[:]
        offset += index if failed else len(data)
    line, col = _line_col(path, offset)
    reason = (
        "le fichier s'arrête au milieu des données : il est tronqué (téléchargement interrompu ?)."
        if not failed
        else "JSON mal formé à cet endroit (caractère inattendu, virgule ou guillemet manquant)."
    )
    return MalformedFile(Issue(display, line, col, "", reason))


def _line_col(path: Path, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of a byte offset, read chunk by chunk."""
    line, tail = 1, b""
    with path.open("rb") as handle:
        remaining = offset
        while remaining > 0:
            data = handle.read(min(CHUNK_BYTES, remaining))
            if not data:
                break
            remaining -= len(data)
            newline = data.rfind(b"\n")
            if newline >= 0:
                line += data.count(b"\n")
                tail = data[newline + 1 :]
            else:
                tail += data
    return line, len(tail.decode("utf-8", "replace")) + 1
