"""Every importer's writes into a data folder: one import at a time, confined, all or nothing.

Importers (workbook, data·inclusion, territories, and any new one) read the data folder,
decide what to change, then write. Three things must hold whatever happens around them:

- **One import at a time per data folder.** Two imports reading the same files then
  writing their own version of them lose one edit. `import_lock` takes an advisory lock
  on `.offer_data.import.verrou` beside the folder (named after its real path, so two
  paths to one folder share it). An importer takes it *before* reading the data, so a second
  import waits, saying so, then reads what the first one wrote. The lock is re-entrant
  within a process: an importer that holds it may call `apply_changes`, which takes it too.
  The kernel releases it when its holder dies, even on `kill -9`.
- **Writes stay inside the folder.** A target whose path goes through a symbolic link
  leading out of the folder (`lieux/` → elsewhere), or that is itself a link, is refused
  with a French error before anything is written.
- **All or nothing.** Every new file is written and flushed in a staging folder
  (`.import-en-cours/`), then a journal listing the moves is written and renamed into
  place (the commit point), then the files are moved to their targets and the journal is
  deleted. An import killed before the journal exists leaves the data untouched; killed
  after, the next import (or `recover`) finishes the moves before reading anything. The
  reader skips dot-folders, so a staging folder is never read as data.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import click

from ..data.errors import UserError, display_path, os_error_text

try:
    import fcntl
except ImportError:  # pragma: no cover - not on POSIX: imports are not serialised
    fcntl = None  # type: ignore[assignment]

LOCK_SUFFIX = ".import.verrou"
STAGING_NAME = ".import-en-cours"
JOURNAL_NAME = "journal.json"
DEFAULT_LOCK_TIMEOUT = 600.0
"""Seconds a second import waits for the first (`OFFRE_ATTENTE_IMPORT` overrides it)."""
POLL_SECONDS = 0.1

_held: dict[str, tuple[int, int]] = {}
"""Real path of a locked data folder → (descriptor, depth): the lock is re-entrant."""


class ImportLockTimeout(UserError):
    """Another import kept the data folder locked for too long (message in French)."""


def lock_timeout() -> float:
    raw = os.environ.get("OFFRE_ATTENTE_IMPORT", "")
    try:
        return max(0.0, float(raw)) if raw.strip() else DEFAULT_LOCK_TIMEOUT
    except ValueError:
        return DEFAULT_LOCK_TIMEOUT


def _say(message: str) -> None:
    click.echo(message, err=True)


@contextlib.contextmanager
def import_lock(
    root: Path, *, timeout: float | None = None, on_wait: Callable[[str], None] = _say
) -> Iterator[None]:
    """Hold the data folder's import lock (waiting at most `timeout` seconds), finishing
    any import a crash interrupted before handing over."""
    if not root.is_dir():
        raise UserError(f"dossier de données introuvable : {root}")
    key = os.path.realpath(root)
    if key in _held:
        fd, depth = _held[key]
        _held[key] = (fd, depth + 1)
        try:
            yield
        finally:
            fd, depth = _held[key]
            _held[key] = (fd, depth - 1)
        return
    limit = lock_timeout() if timeout is None else timeout
    fd = _acquire(Path(key), root, limit, on_wait)
    _held[key] = (fd, 1)
    try:
        recover(root)
        yield
    finally:
        del _held[key]
        os.close(fd)  # closing the only descriptor releases the flock


def lock_path(root: Path) -> Path:
    """`.offer_data.import.verrou` beside the data folder (named after its real path, so
    two paths to one folder share it); never inside, where it would be part of the data."""
    real = Path(os.path.realpath(root))
    return real.with_name(f".{real.name}{LOCK_SUFFIX}")


def _acquire(real_root: Path, root: Path, timeout: float, on_wait: Callable[[str], None]) -> int:
    path = lock_path(real_root)
    if path.is_symlink():
        raise UserError(f"{path} est un lien symbolique : supprimez-le (verrou des imports).")
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW, 0o644)
    except OSError as exc:
        raise UserError(
            f"verrou des imports impossible à créer ({path} : {os_error_text(exc)}) : "
            "vérifiez les droits d'écriture sur le dossier qui contient les données."
        ) from None
    if fcntl is None:  # pragma: no cover
        return fd
    deadline = time.monotonic() + timeout
    waited = False
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return fd
        except BlockingIOError:
            if not waited:
                on_wait(
                    f"Un autre import modifie déjà {root} (verrou {path}) : attente de sa "
                    f"fin, au plus {timeout:g} s…"
                )
                waited = True
            if time.monotonic() >= deadline:
                os.close(fd)
                raise ImportLockTimeout(
                    f"un autre import modifie toujours {root} après {timeout:g} s d'attente ; "
                    "rien n'a été modifié. Attendez qu'il se termine (ou arrêtez-le), puis "
                    "relancez ; l'attente maximale se règle par la variable d'environnement "
                    "OFFRE_ATTENTE_IMPORT (en secondes)."
                ) from None
            time.sleep(POLL_SECONDS)


def is_locked_here(root: Path) -> bool:
    """Whether this process holds `root`'s import lock."""
    return os.path.realpath(root) in _held


# ---------------------------------------------------------------------------- confinement


def confined(root: Path, target: Path) -> Path:
    """`target`, checked to lie inside `root` without going through a link leading out of
    it, nor being a link itself; raises UserError (in French) otherwise."""
    real_root = os.path.realpath(root)
    absolute = Path(os.path.abspath(target))
    try:
        relative = absolute.relative_to(os.path.abspath(root))
    except ValueError:
        raise UserError(
            f"{target} : écriture refusée, hors du dossier de données {root}."
        ) from None
    if not relative.parts or ".." in relative.parts:
        raise UserError(f"{target} : écriture refusée, hors du dossier de données {root}.")
    current = Path(real_root)
    for part in relative.parts[:-1]:
        current = current / part
        if current.is_symlink():
            real = os.path.realpath(current)
            if os.path.commonpath([real, real_root]) != real_root:
                raise UserError(
                    f"{display_path(current, root)} est un lien symbolique vers « {real} », "
                    f"hors du dossier de données : écriture refusée (rien n'a été modifié). "
                    "Remplacez le lien par un vrai dossier, puis relancez l'import."
                )
            current = Path(real)
    final = current / relative.parts[-1]
    if final.is_symlink():
        raise UserError(
            f"{display_path(final, root)} est un lien symbolique : l'import ne l'écrase pas "
            "et n'écrit pas à travers lui (rien n'a été modifié). Remplacez-le par le "
            "fichier lui-même, puis relancez l'import."
        )
    return final


# ---------------------------------------------------------------------------- applying


@dataclass(frozen=True)
class FileChange:
    """Write `text` to `target` (None: delete `target`)."""

    target: Path
    text: str | None


def apply_changes(root: Path, changes: Sequence[FileChange]) -> list[Path]:
    """Apply every change under `root` or none of them; returns the files written.

    Takes the import lock (re-entrant: a no-op when the caller holds it already)."""
    with import_lock(root):
        targets = [(confined(root, c.target), c) for c in changes]
        staging = Path(os.path.realpath(root)) / STAGING_NAME
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir()
        mode = _file_mode()
        moves: list[tuple[str, str]] = []
        removals: list[str] = []
        real_root = Path(os.path.realpath(root))
        try:
            for number, (target, change) in enumerate(targets):
                relative = str(target.relative_to(real_root))
                if change.text is None:
                    removals.append(relative)
                    continue
                name = f"{number}.tmp"
                with open(staging / name, "w", encoding="utf-8", newline="\n") as handle:
                    handle.write(change.text)
                    handle.flush()
                    os.fsync(handle.fileno())
                os.chmod(staging / name, mode)
                moves.append((name, relative))
            journal = staging / f"{JOURNAL_NAME}.tmp"
            journal.write_text(
                json.dumps({"deplacer": moves, "supprimer": removals}), encoding="utf-8"
            )
            with open(journal, "rb") as handle:
                os.fsync(handle.fileno())
            _fsync_dir(staging)
        except BaseException as exc:
            shutil.rmtree(staging, ignore_errors=True)
            if isinstance(exc, OSError):
                raise UserError(
                    f"écriture impossible ({exc.strerror or exc}) : aucun fichier n'a été modifié."
                ) from None
            raise
        os.replace(journal, staging / JOURNAL_NAME)  # the commit point
        _fsync_dir(staging)
        _finish(real_root, staging)
        return [real_root / relative for _, relative in moves]


def recover(root: Path) -> bool:
    """Finish an import interrupted after its commit point, or drop one interrupted
    before it; True when something was finished."""
    real_root = Path(os.path.realpath(root))
    staging = real_root / STAGING_NAME
    if staging.is_symlink():
        staging.unlink()
        return False
    if not staging.is_dir():
        return False
    if not (staging / JOURNAL_NAME).is_file():
        shutil.rmtree(staging, ignore_errors=True)
        return False
    _finish(real_root, staging)
    return True


def _finish(real_root: Path, staging: Path) -> None:
    journal = json.loads((staging / JOURNAL_NAME).read_text(encoding="utf-8"))
    for name, relative in journal["deplacer"]:
        source = staging / name
        if not source.exists():
            continue  # moved before the interruption
        target = confined(real_root, real_root / relative)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(source, target)
    for relative in journal["supprimer"]:
        target = confined(real_root, real_root / relative)
        target.unlink(missing_ok=True)
        _remove_empty_parents(target.parent, real_root)
    _fsync_dir(real_root)
    shutil.rmtree(staging, ignore_errors=True)


def _remove_empty_parents(folder: Path, real_root: Path) -> None:
    """Remove a provider's folder left empty, not the kind's folder above it."""
    with contextlib.suppress(OSError, ValueError):
        if len(folder.relative_to(real_root).parts) >= 2:
            folder.rmdir()


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _file_mode() -> int:
    """The mode a plain `open()` would give."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask
