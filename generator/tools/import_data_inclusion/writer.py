"""Apply a plan to `lieux/`: every new file is written beside its target first, and only
when all are written are they renamed into place, so an interruption or a full disk
never leaves a half-written place file."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from .plan import ExistingFile, Plan


def apply(plan: Plan, *, remove: Iterable[ExistingFile] = ()) -> None:
    mode = _file_mode()
    staged: list[tuple[Path, Path]] = []
    try:
        for action in plan.writes:
            assert action.text is not None
            action.path.parent.mkdir(parents=True, exist_ok=True)
            descriptor, name = tempfile.mkstemp(
                dir=action.path.parent, prefix=f".{action.path.stem}.", suffix=".tmp"
            )
            staged.append((Path(name), action.path))
            with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(action.text)
            os.chmod(name, mode)
    except BaseException:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)
        raise
    for temporary, target in staged:
        os.replace(temporary, target)
    for action in plan.writes:
        if action.old_path is not None:
            action.old_path.unlink(missing_ok=True)
            _remove_empty_parent(action.old_path)
    for found in remove:
        found.path.unlink(missing_ok=True)
        _remove_empty_parent(found.path)


def _file_mode() -> int:
    """The mode a plain `open()` would give (mkstemp's files are private to their owner)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def _remove_empty_parent(path: Path) -> None:
    with contextlib.suppress(OSError):  # only succeeds when the provider's folder is empty
        path.parent.rmdir()
