"""Problems found in the data, and the exceptions that carry them.

Every problem is an `Issue` that knows its file, line, column and key path, so an
editor can go straight to the spot. Issues are collected, never raised one by one:
the validator reports every problem of a dataset in one run.
"""

from __future__ import annotations

import enum
import errno
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..rules.display import plural


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Issue:
    """One problem in one file, printed as `path:line:col: severity: key.path: message`."""

    path: str
    line: int
    col: int
    key_path: str
    message: str
    severity: Severity = field(default=Severity.ERROR, compare=False)

    def format(self) -> str:
        where = f"{self.path}:{self.line}:{self.col}"
        key = f" {self.key_path}:" if self.key_path else ""
        return _visible(f"{where}: {self.severity.value}:{key} {self.message}")


# A message quotes the value it is about; a line break, a control or an invisible format
# character (zero-width space, bidirectional override) in that value must neither split
# the one-line `file:line:col: …` report nor hide or reorder text in the terminal.
_INVISIBLE = re.compile("[\x00-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")
_SHORT = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _visible(text: str) -> str:
    return _INVISIBLE.sub(lambda m: _SHORT.get(m.group(), f"\\u{ord(m.group()):04x}"), text)


def display_path(path: Path, root: Path | None = None) -> str:
    """Path as the editor knows it: relative to the working directory when possible."""
    absolute = os.path.abspath(path)
    for base in (os.getcwd(), root):
        if base is None:
            continue
        prefix = _absolute_dir(str(base))
        if absolute.startswith(prefix):
            return Path(absolute[len(prefix) :]).as_posix()
    return path.as_posix()


@lru_cache(maxsize=64)
def _absolute_dir(base: str) -> str:
    return os.path.join(os.path.abspath(base), "")


@dataclass
class Report:
    """All issues of one run, plus how many files were read."""

    issues: list[Issue] = field(default_factory=list)
    files_read: int = 0

    def add(self, issue: Issue) -> None:
        self.issues.append(issue)

    def extend(self, issues: Iterable[Issue]) -> None:
        self.issues.extend(issues)

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.severity is Severity.WARNING]

    def sorted_issues(self) -> list[Issue]:
        # Deduplicate: two checks may reach the same conclusion about one spot.
        return sorted(set(self.issues))

    def summary(self) -> str:
        errors, warnings = len(self.errors), len(self.warnings)
        files = plural(self.files_read, "fichier lu", "fichiers lus")
        if not errors and not warnings:
            return f"Aucun problème : {files}."
        parts = []
        if errors:
            parts.append(plural(errors, "erreur", "erreurs"))
        if warnings:
            parts.append(plural(warnings, "avertissement", "avertissements"))
        return f"{' et '.join(parts)} ({files})."

    def render(self) -> str:
        lines = [issue.format() for issue in self.sorted_issues()]
        lines.append(self.summary())
        return "\n".join(lines)


_OS_ERRORS = {
    errno.ENOENT: "fichier introuvable",
    errno.EACCES: "lecture refusée : vérifiez les droits du fichier",
    errno.EPERM: "lecture refusée : vérifiez les droits du fichier",
    errno.EISDIR: "c'est un dossier, pas un fichier",
    errno.ENOTDIR: "un élément du chemin n'est pas un dossier",
    errno.ELOOP: "trop de liens symboliques à suivre (boucle)",
    errno.ENAMETOOLONG: "nom de fichier trop long",
    errno.ENXIO: "fichier spécial, pas un fichier ordinaire",
    errno.ENODEV: "fichier spécial, pas un fichier ordinaire",
    errno.EIO: "erreur de lecture du disque",
    errno.EMFILE: "trop de fichiers ouverts",
    errno.ENFILE: "trop de fichiers ouverts",
}


def os_error_text(exc: OSError) -> str:
    """The reason a file could not be read, in French (strerror is English)."""
    if exc.errno in _OS_ERRORS:
        return _OS_ERRORS[exc.errno]
    code = errno.errorcode.get(exc.errno or 0, "inconnue")
    return f"erreur du système de fichiers ({code})"


class DataError(Exception):
    """The data is invalid; carries the full report so callers can print every issue."""

    def __init__(self, report: Report) -> None:
        super().__init__(report.render())
        self.report = report


class UserError(Exception):
    """A mistake in how a command was called (missing folder, bad option), not a bug."""
