"""Apply a plan to `lieux/`, all or nothing, confined to the data folder, one import at a
time: the shared `data_folder.apply_changes` does the work (staging, journal, renames).

An importer should hold `import_lock(root)` from before `plan.scan` to after `apply`, so
that a second import reads what the first one wrote. One that does not is still safe:
`apply` then takes the lock itself and refuses to write if a file `scan` read has changed
since (another import got there first), instead of silently undoing its edit.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ...data.errors import UserError, display_path
from ..data_folder import FileChange, apply_changes, import_lock, is_locked_here
from .plan import ExistingFile, Plan, snapshot

__all__ = ["apply", "import_lock"]


def apply(plan: Plan, *, remove: Iterable[ExistingFile] = (), root: Path | None = None) -> None:
    remove = list(remove)
    root = root or plan.root or _root_of(plan, remove)
    if root is None:
        return  # nothing to write
    changes: list[FileChange] = []
    for action in plan.writes:
        assert action.text is not None
        changes.append(FileChange(action.path, action.text))
    for action in plan.writes:
        if action.old_path is not None:
            changes.append(FileChange(action.old_path, None))
    changes.extend(FileChange(found.path, None) for found in remove)
    if not changes:
        return
    with import_lock(root):
        if plan.existing is not None and plan.existing.root is not None:
            _check_unchanged(plan, root)
        apply_changes(root, changes)


def _check_unchanged(plan: Plan, root: Path) -> None:
    """Refuse to write over an edit another import made after `scan` read the folder."""
    assert plan.existing is not None
    if is_locked_here(root) and plan.existing.locked:
        return  # scanned under the lock this process still holds: nothing could change
    now = snapshot(root)
    if now != plan.existing.stamps:
        changed = sorted(
            str(display_path(p, root))
            for p in set(now) | set(plan.existing.stamps)
            if now.get(p) != plan.existing.stamps.get(p)
        )
        raise UserError(
            f"les lieux ont changé pendant l'import ({', '.join(changed[:5])}"
            f"{'…' if len(changed) > 5 else ''}) : rien n'a été écrit ; relancez l'import."
        )


def _root_of(plan: Plan, remove: list[ExistingFile]) -> Path | None:
    """<root> of <root>/lieux/<porteur>/<id>.yaml, for a plan built without `root`."""
    for path in [a.path for a in plan.actions] + [f.path for f in remove]:
        return path.parents[2]
    return None
