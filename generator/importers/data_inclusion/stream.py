"""Read a JSON array of records as a stream, in bounded memory, with exact error positions.

data·inclusion publishes its national files as one JSON array per kind, hundreds of
megabytes each, often on a single line. ijson (with its C backend, yajl2_c, when the
wheel provides it) parses them chunk by chunk: memory holds one chunk and the records
parsed from it, never the file.

yajl's error messages say what is wrong but not where. When the parser fails, the file
is parsed again up to the failing chunk, then that chunk byte by byte: the byte whose
arrival raised the error is the exact offset, turned into `line:col` for the message.
That second pass only runs on the error path.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

import ijson

from ...data.errors import Issue
from ...data.input_limits import JsonDepthGuard

CHUNK_BYTES = 256 * 1024
DEFAULT_MAX_DEPTH = 32
DEFAULT_MAX_TEXT = 1_000_000
_BOM = codecs.BOM_UTF8
_WHITESPACE = b" \t\r\n"

ProgressCallback = Callable[[int, int], None]
"""Called with (bytes read, records read) after each chunk."""


class MalformedFile(Exception):
    """The file is not a readable JSON array; `issue` says where and why, in French."""

    def __init__(self, issue: Issue, records_before: int) -> None:
        super().__init__(issue.format())
        self.issue = issue
        self.records_before = records_before


def backend_name() -> str:
    """The ijson backend in use (`yajl2_c` when the C extension is available)."""
    return str(ijson.backend)


def iter_records(
    path: Path,
    display: str,
    on_progress: ProgressCallback | None = None,
    *,
    max_depth: int = DEFAULT_MAX_DEPTH,
    max_text: int = DEFAULT_MAX_TEXT,
    handle: BinaryIO | None = None,
) -> Iterator[Any]:
    """Yield each element of the top-level JSON array of `path`, in order.

    Raises MalformedFile when the file is not a JSON array, stops being valid JSON, or
    nests arrays and objects deeper than `max_depth` (checked on the raw bytes before the
    parser sees them: ijson's cost grows with the square of the depth); the records parsed
    before the error have been yielded already. `handle`: the file, already opened (and
    checked) by the caller.
    """
    with handle if handle is not None else path.open("rb") as handle:
        first = handle.read(CHUNK_BYTES)
        skip = _check_start(first, display)
        parsed = ijson.sendable_list()
        parser = ijson.items_coro(parsed, "item", use_float=True)
        position = 0
        count = 0
        chunk = first[skip:]
        chunk_start = skip
        guard = JsonDepthGuard(max_depth, max_text)
        while chunk:
            passed = guard.feed(chunk)
            if passed is not None:
                offset = chunk_start + passed[0]
                if passed[1] == "texte":
                    raise _too_long(path, display, offset, max(1, guard.started), max_text)
                raise _too_deep(path, display, offset, guard.started - 1, max_depth)
            try:
                parser.send(chunk)
            except (ijson.JSONError, UnicodeDecodeError) as exc:
                yield from parsed
                count += len(parsed)
                raise _located(path, display, skip, chunk_start, count, exc) from None
            yield from parsed
            count += len(parsed)
            del parsed[:]
            position = chunk_start + len(chunk)
            if on_progress is not None:
                on_progress(position, count)
            chunk_start = position
            chunk = handle.read(CHUNK_BYTES)
        try:
            parser.close()
        except (ijson.JSONError, UnicodeDecodeError) as exc:
            yield from parsed
            count += len(parsed)
            raise _located(path, display, skip, chunk_start, count, exc) from None
        yield from parsed


def _too_long(path: Path, display: str, offset: int, record: int, limit: int) -> MalformedFile:
    line, col = _line_col(path, offset)
    return MalformedFile(
        Issue(
            display,
            line,
            col,
            "",
            f"texte trop long (octet {offset}, dans l'enregistrement n° {record}) : plus de "
            f"{limit} octets dans une seule valeur (limite json_texte_octets_max). Pour la "
            "relever, réglez « limites: json_texte_octets_max: … » dans reglages.yaml.",
        ),
        max(0, record - 1),
    )


def _too_deep(
    path: Path, display: str, offset: int, records_before: int, limit: int
) -> MalformedFile:
    line, col = _line_col(path, offset)
    return MalformedFile(
        Issue(
            display,
            line,
            col,
            "",
            f"imbrication trop profonde (octet {offset}, dans l'enregistrement n° "
            f"{records_before + 1}) : plus de {limit} niveaux de […] ou {{…}} imbriqués "
            "(limite profondeur_json_max ; un fichier data·inclusion en compte moins de 10). "
            "Pour la relever, réglez « limites: profondeur_json_max: … » dans reglages.yaml.",
        ),
        records_before,
    )


def _check_start(first: bytes, display: str) -> int:
    """Refuse what is not a JSON array before parsing; returns the bytes to skip (BOM)."""
    skip = len(_BOM) if first.startswith(_BOM) else 0
    stripped = first[skip:].lstrip(_WHITESPACE)

    def fail(message: str) -> MalformedFile:
        return MalformedFile(Issue(display, 1, 1, "", message), 0)

    if not stripped:
        raise fail("fichier vide : un fichier data·inclusion contient un tableau JSON ([…]).")
    if first.startswith(b"\x1f\x8b"):
        raise fail("fichier compressé (gzip) : décompressez-le d'abord (gunzip FICHIER).")
    if stripped.startswith(b"{"):
        raise fail(
            "le fichier contient un objet JSON ({…}) et non un tableau ([…]) : data·inclusion "
            "publie ses structures et ses services sous forme de liste d'enregistrements."
        )
    if not stripped.startswith(b"["):
        start = stripped[:20].decode("utf-8", "replace").splitlines()[0]
        raise fail(
            f"ce n'est pas un fichier JSON : il commence par « {start} » au lieu de « [ » "
            "(vérifiez qu'il s'agit bien du fichier .json de data·inclusion)."
        )
    return skip


def _located(
    path: Path, display: str, skip: int, chunk_start: int, records_before: int, exc: Exception
) -> MalformedFile:
    offset = _error_offset(path, skip, chunk_start)
    line, col = _line_col(path, offset)
    size = path.stat().st_size
    reason = _reason(str(exc), at_end=offset >= size)
    excerpt = _excerpt(path, offset)
    if reason == _TRAILING:
        within = "après la fin du tableau"
    else:
        within = f"dans l'enregistrement n° {records_before + 1}"
    message = f"JSON illisible (octet {offset}, {within}) : {reason}" + (
        f" Extrait : « {excerpt} »." if excerpt else ""
    )
    return MalformedFile(Issue(display, line, col, "", message), records_before)


def _error_offset(path: Path, skip: int, chunk_start: int) -> int:
    """Parse again up to the failing chunk, then byte by byte: the first byte that fails."""
    events = ijson.sendable_list()
    parser = ijson.basic_parse_coro(events, use_float=True)
    with path.open("rb") as handle:
        handle.seek(skip)
        position = skip
        while position < chunk_start:
            data = handle.read(min(CHUNK_BYTES, chunk_start - position))
            if not data:
                break
            try:
                parser.send(data)
            except (
                ijson.JSONError,
                UnicodeDecodeError,
            ):  # pragma: no cover - the first pass got past this chunk
                return position
            del events[:]
            position += len(data)
        data = handle.read(CHUNK_BYTES)
        for index in range(len(data)):
            try:
                parser.send(data[index : index + 1])
            except (ijson.JSONError, UnicodeDecodeError):
                return position + index
            del events[:]
        position += len(data)
    return position


def _line_col(path: Path, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of a byte offset."""
    line, col = 1, 0
    decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
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
                decoder.reset()
                col = len(decoder.decode(data[newline + 1 :]))
            else:
                col += len(decoder.decode(data))
    return line, col + 1


def _excerpt(path: Path, offset: int, width: int = 30) -> str:
    with path.open("rb") as handle:
        handle.seek(max(0, offset - width))
        data = handle.read(width * 2)
    text = data.decode("utf-8", "replace").strip("\ufffd")
    return " ".join(text.split())


_TRUNCATED = (
    "le fichier s'arrête au milieu des données : il est tronqué (téléchargement "
    "interrompu ?) ; téléchargez-le à nouveau."
)
_NOT_UTF8 = "octets qui ne sont pas de l'UTF-8 dans un texte."
_NOT_UTF8_OR_SURROGATE = (
    "texte illisible : octets qui ne sont pas de l'UTF-8, ou échappement « \\uD800 » à "
    "« \\uDFFF » isolé (moitié de paire UTF-16, qui ne correspond à aucun caractère)."
)
_TRAILING = "contenu inattendu après la fin du tableau JSON."
_BAD_CHAR = "caractère inattendu à cet endroit."
_BAD_STRING = "texte mal formé (caractère de contrôle ou échappement invalide)."

# yajl's messages, in French; the first words are enough to recognise each one.
_REASONS = (
    ("premature eof", _TRUNCATED),
    ("incomplete json", _TRUNCATED),
    ("invalid bytes in utf8", _NOT_UTF8),
    ("codec can't decode", _NOT_UTF8_OR_SURROGATE),
    ("trailing garbage", _TRAILING),
    ("additional data", _TRAILING),
    ("after array element", "une virgule ou « ] » est attendue après un enregistrement."),
    ("after key and value", "une virgule ou « } » est attendue après une valeur."),
    ("separated by a colon", "un deux-points est attendu entre une clé et sa valeur."),
    ("invalid object key", "clé invalide : les clés sont des textes entre guillemets."),
    ("invalid char in json text", _BAD_CHAR),
    ("unexpected symbol", _BAD_CHAR),
    ("unallowed token", "élément inattendu à cet endroit."),
    ("inside a string", _BAD_STRING),
    ("invalid string", _BAD_STRING),
)


def _reason(raw: str, *, at_end: bool) -> str:
    lowered = raw.lower()
    for key, reason in _REASONS:
        if key in lowered:
            return reason
    if at_end:
        return _TRUNCATED
    first_line = raw.strip().splitlines()[0] if raw.strip() else raw
    return f"JSON mal formé ({first_line.strip()})."
