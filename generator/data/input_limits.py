"""Limits on what comes in, checked before the work, so no input can take minutes or gigabytes.

Every way in (workbook, data·inclusion files, territory CSV, synonyms) checks here first:
a regular file (opening a FIFO blocks, a device may have effects), no larger than the
limit, and for a workbook every zip part's uncompressed size and compression ratio read
from the zip directory (a zip bomb is refused without inflating a byte). A refusal is a
`UserError` in French that names the limit and how to raise it: the key under `limites:`
in `reglages.yaml` (values in `model.LimitesEntrees`; the README lists them all).
"""

from __future__ import annotations

import os
import re
import stat
import zipfile
from pathlib import Path
from typing import BinaryIO

from .errors import UserError, display_path, os_error_text
from .model import LimitesEntrees, Reglages
from .yamlsource import read_yaml, special_file_kind

SETTINGS_FILE = "reglages.yaml"


class LimitExceeded(UserError):
    """An input past a named limit (message in French)."""


def how_to_raise(key: str) -> str:
    return f"pour la relever, réglez « limites: {key}: … » dans reglages.yaml"


def refuse(what: str, limit: int, key: str) -> LimitExceeded:
    return LimitExceeded(
        f"{what} ; limite : {_group(limit)} ({key}). Rien n'a été écrit ; {how_to_raise(key)}."
    )


def _group(value: int | str) -> str:
    return f"{value:,}".replace(",", "\u202f") if isinstance(value, int) else value


def load_limits(root: Path | None) -> LimitesEntrees:
    """The limits set in `root/reglages.yaml`, or the defaults."""
    if root is None:
        return LimitesEntrees()
    path = root / SETTINGS_FILE
    if not path.is_file():
        return LimitesEntrees()
    doc, issues = read_yaml(path, display_path(path))
    if doc is None or not isinstance(doc.data, dict):
        if issues and "fichier vide" not in issues[0].message:
            raise UserError(f"{issues[0].format()} (corrigez reglages.yaml, ou supprimez-le).")
        return LimitesEntrees()
    try:
        return Reglages.model_validate(doc.data).limites
    except ValueError:
        raise UserError(
            f"{display_path(path)} : réglages invalides ; lancez `offre validate` pour le "
            "détail, corrigez-les, puis relancez."
        ) from None


def open_regular(path: Path, limits: LimitesEntrees, *, label: str) -> BinaryIO:
    """Open `path` for reading after checking it is a regular file within the size limit;
    never blocks (a FIFO is refused before it is opened, and opened non-blocking in case it
    was swapped in)."""
    display = display_path(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise UserError(f"{label} {display} : fichier introuvable.") from None
    except OSError as exc:
        raise UserError(f"{label} {display} : illisible ({os_error_text(exc)}).") from None
    _check_kind(info.st_mode, display, label)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise UserError(f"{label} {display} : illisible ({os_error_text(exc)}).") from None
    handle = os.fdopen(fd, "rb")
    try:
        info = os.fstat(handle.fileno())
        _check_kind(info.st_mode, display, label)
        if info.st_size > limits.fichier_octets_max:
            raise refuse(
                f"{label} {display} trop gros ({_group(info.st_size)} octets)",
                limits.fichier_octets_max,
                "fichier_octets_max",
            )
        os.set_blocking(handle.fileno(), True)
    except BaseException:
        handle.close()
        raise
    return handle


def check_regular(path: Path, limits: LimitesEntrees, *, label: str) -> int:
    """Check like `open_regular` without keeping the file open; returns its size."""
    with open_regular(path, limits, label=label) as handle:
        return os.fstat(handle.fileno()).st_size


def _check_kind(mode: int, display: str, label: str) -> None:
    kind = special_file_kind(mode)
    if kind is not None:
        raise UserError(
            f"{label} {display} : ce n'est pas un fichier ordinaire mais {kind} ; "
            "indiquez le chemin d'un fichier."
        )


def check_zip_parts(path: Path, limits: LimitesEntrees, *, label: str = "classeur") -> None:
    """Refuse a zip (xlsx, ods) whose directory announces a part too large once
    uncompressed, or compressed suspiciously well — before inflating anything."""
    display = display_path(path)
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise UserError(f"{display} : {label} illisible ({exc}).") from None
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > limits.classeur_partie_octets_max:
            raise refuse(
                f"{display} : la partie « {info.filename} » du {label} fait "
                f"{_group(info.file_size)} octets une fois décompressée",
                limits.classeur_partie_octets_max,
                "classeur_partie_octets_max",
            )
        if info.file_size > 1_000_000 and info.compress_size > 0:
            ratio = info.file_size // info.compress_size
            if ratio > limits.classeur_taux_compression_max:
                raise refuse(
                    f"{display} : la partie « {info.filename} » du {label} est compressée "
                    f"{ratio} fois (bombe de décompression ?)",
                    limits.classeur_taux_compression_max,
                    "classeur_taux_compression_max",
                )
    if total > 4 * limits.classeur_partie_octets_max:
        raise refuse(
            f"{display} : le {label} fait {_group(total)} octets une fois décompressé",
            4 * limits.classeur_partie_octets_max,
            "classeur_partie_octets_max (× 4 pour le total)",
        )


_ROW = re.compile(rb"<(?:\w+:)?row[\s>/]")
_CELL = re.compile(rb"<(?:\w+:)?c[\s>/]")


def count_rows_and_cells(
    archive: zipfile.ZipFile, member: str, limits: LimitesEntrees
) -> tuple[int, int]:
    """Rows and cells of one sheet's XML, counted by streaming it (bounded memory);
    stops as soon as a limit is passed."""
    rows = cells = 0
    tail = b""
    with archive.open(member) as stream:
        while True:
            chunk = stream.read(1 << 20)
            if not chunk:
                break
            data = tail + chunk
            # Up to the last "<": no tag counted here is cut by the chunk's end.
            last = data.rfind(b"<")
            cut = len(data) if last < 0 else last
            rows += len(_ROW.findall(data, 0, cut))
            cells += len(_CELL.findall(data, 0, cut))
            tail = data[cut:]
            if rows > limits.classeur_lignes_max or cells > limits.classeur_cellules_max:
                break
    rows += len(_ROW.findall(tail))
    cells += len(_CELL.findall(tail))
    return rows, cells


def is_regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


class JsonDepthGuard:
    """Nesting depth and string length of a JSON file seen so far, shared by the JSON
    importers (data·inclusion, State directory), at C speed: escaped
    backslashes and quotes are dropped, the bytes are split at the quotes left (the parts
    alternate outside and inside strings), and only the brackets outside strings are
    walked in Python (a few per record). ijson's cost grows with the square of the depth,
    and it builds each string whole: both are bounded before it sees a byte."""

    _DROP = bytes(range(256)).translate(None, b"[]{}")

    def __init__(self, limit: int, text_limit: int) -> None:
        self.limit = limit
        self.text_limit = text_limit
        self.depth = 0
        self.in_string = False
        self.open_length = 0  # bytes of a string still open at the end of the last chunk
        self.carry = b""  # a run of backslashes cut by the chunk's end
        self.started = 0  # records (arrays or objects at the top level) begun so far

    def feed(self, chunk: bytes) -> tuple[int, str] | None:
        """None, or (offset in `chunk`, "profondeur" or "texte") of what passes a limit."""
        data = self.carry + chunk
        stripped = data.rstrip(b"\\")
        self.carry = data[len(stripped) :]
        parts = stripped.replace(b"\\\\", b"").replace(b'\\"', b"").split(b'"')
        start = 1 if self.in_string else 0
        inside = parts[1 - start :: 2]
        if self.in_string and parts:
            longest = max(self.open_length + len(parts[0]), max(map(len, inside[1:]), default=0))
        else:
            longest = max(map(len, inside), default=0)
        ends_inside = (len(parts) % 2 == 0) != self.in_string
        if longest > self.text_limit:
            return self._locate(chunk, text=True), "texte"
        if ends_inside:
            last = len(parts[-1]) + (self.open_length if len(parts) == 1 else 0)
            self.open_length = last
        else:
            self.open_length = 0
        outside = b"".join(parts[start::2]).translate(None, self._DROP)
        depth = self.depth
        limit = self.limit
        started = self.started
        for byte in outside:
            if byte in (0x5B, 0x7B):
                if depth == 1:
                    started += 1
                depth += 1
                if depth > limit:
                    return self._locate(chunk, text=False), "profondeur"
            else:
                depth -= 1
        self.in_string = ends_inside
        self.depth = depth
        self.started = started
        return None

    def _locate(self, chunk: bytes, *, text: bool) -> int:
        """Error path only: the offset of the offending byte, walked one by one."""
        depth, in_string, escaped = self.depth, self.in_string, False
        length = self.open_length
        for offset, byte in enumerate(chunk):
            if in_string:
                length += 1
                if text and length > self.text_limit:
                    return offset
                if escaped:
                    escaped = False
                elif byte == 0x5C:
                    escaped = True
                elif byte == 0x22:
                    in_string = False
            elif byte == 0x22:
                in_string, length = True, 0
            elif byte in (0x5B, 0x7B):
                if depth == 1:
                    self.started += 1
                depth += 1
                if depth > self.limit and not text:
                    return offset
            elif byte in (0x5D, 0x7D):
                depth -= 1
        return 0
