"""The importers' shared writer (`generator.importers.data_folder`): all or nothing even when the
process is killed with SIGKILL mid-way, never outside the data folder, one import at a time."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from generator.data.errors import UserError
from generator.importers.data_folder import (
    STAGING_NAME,
    FileChange,
    ImportLockTimeout,
    apply_changes,
    import_lock,
    lock_path,
    recover,
)
from tests.support.paths import REPO


@pytest.fixture
def root(tmp_path: Path) -> Path:
    folder = tmp_path / "donnees"
    (folder / "lieux" / "porteur").mkdir(parents=True)
    for name in ("a", "b", "c"):
        (folder / "lieux" / "porteur" / f"{name}.yaml").write_text(f"id: {name}\n", "utf-8")
    return folder


def _files(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): p.read_text("utf-8")
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_changes_are_applied_and_nothing_is_left_behind(root: Path) -> None:
    written = apply_changes(
        root,
        [
            FileChange(root / "lieux" / "porteur" / "a.yaml", "id: a\nnom: A\n"),
            FileChange(root / "lieux" / "autre" / "d.yaml", "id: d\n"),
            FileChange(root / "lieux" / "porteur" / "b.yaml", None),
        ],
    )
    assert len(written) == 2
    assert _files(root) == {
        "lieux/autre/d.yaml": "id: d\n",
        "lieux/porteur/a.yaml": "id: a\nnom: A\n",
        "lieux/porteur/c.yaml": "id: c\n",
    }
    assert not (root / STAGING_NAME).exists()
    assert lock_path(root).parent == root.parent  # beside the data, never inside


_KILLED = """
import os, signal, sys
from pathlib import Path
from generator.importers import data_folder

root = Path(sys.argv[1])
kill_at = int(sys.argv[2])
real_replace = os.replace
calls = 0

def replace(source, target):
    global calls
    calls += 1
    if calls == kill_at:
        os.kill(os.getpid(), signal.SIGKILL)
    real_replace(source, target)

data_folder.os.replace = replace
data_folder.apply_changes(root, [
    data_folder.FileChange(root / "lieux" / "porteur" / name, "id: nouveau\\n")
    for name in ("a.yaml", "b.yaml", "c.yaml")
])
"""


@pytest.mark.parametrize(
    ("kill_at", "expected"),
    [
        (1, "id: {name}\n"),  # killed before the journal is in place: nothing changes
        (3, "id: nouveau\n"),  # killed after one file was moved: the rest is finished
    ],
)
def test_an_import_killed_with_sigkill_leaves_no_half_change(
    root: Path, kill_at: int, expected: str
) -> None:
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(_KILLED), str(root), str(kill_at)],
        cwd=REPO,
        capture_output=True,
        timeout=120,
    )
    assert done.returncode == -9
    assert (root / STAGING_NAME).exists()  # the interrupted import's staging folder
    with import_lock(root):  # the next import recovers first
        pass
    assert not (root / STAGING_NAME).exists()
    assert _files(root) == {
        f"lieux/porteur/{name}.yaml": expected.format(name=name) for name in ("a", "b", "c")
    }
    assert recover(root) is False  # nothing left to do


def test_writes_through_a_link_leading_out_are_refused(root: Path, tmp_path: Path) -> None:
    outside = tmp_path / "ailleurs"
    outside.mkdir()
    (root / "lieux" / "lien").symlink_to(outside, target_is_directory=True)
    (root / "lieux" / "fichier.yaml").symlink_to(outside / "x.yaml")
    before = _files(root)
    for target in (
        root / "lieux" / "lien" / "x.yaml",
        root / "lieux" / "fichier.yaml",
        root / ".." / "ailleurs" / "y.yaml",
        tmp_path / "z.yaml",
    ):
        with pytest.raises(UserError) as caught:
            apply_changes(
                root,
                [
                    FileChange(root / "lieux" / "porteur" / "a.yaml", "x"),
                    FileChange(target, "id: x\n"),
                ],
            )
        assert "refusée" in str(caught.value) or "lien symbolique" in str(caught.value)
    assert list(outside.iterdir()) == []
    assert _files(root) == before


def test_a_link_inside_the_folder_is_followed(root: Path) -> None:
    (root / "lieux" / "alias").symlink_to(root / "lieux" / "porteur", target_is_directory=True)
    apply_changes(root, [FileChange(root / "lieux" / "alias" / "a.yaml", "id: a\nnom: A\n")])
    assert (root / "lieux" / "porteur" / "a.yaml").read_text("utf-8") == "id: a\nnom: A\n"


def test_a_second_import_waits_then_gives_up_in_french(root: Path) -> None:
    script = (
        "import sys; from pathlib import Path; from generator.importers.data_folder import "
        "import_lock\nwith import_lock(Path(sys.argv[1]), timeout=0.3): pass"
    )
    with import_lock(root):
        done = subprocess.run(
            [sys.executable, "-c", script, str(root)],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert done.returncode == 1
    assert "Un autre import modifie déjà" in done.stderr
    assert "ImportLockTimeout" in done.stderr and "OFFRE_ATTENTE_IMPORT" in done.stderr
    # Released: the next one goes through at once.
    done = subprocess.run(
        [sys.executable, "-c", script, str(root)], cwd=REPO, capture_output=True, timeout=120
    )
    assert done.returncode == 0
    assert issubclass(ImportLockTimeout, UserError)


def test_the_lock_is_reentrant_in_one_process(root: Path) -> None:
    with import_lock(root), import_lock(root):
        apply_changes(root, [FileChange(root / "lieux" / "porteur" / "a.yaml", "id: a\n#\n")])
    assert os.path.exists(lock_path(root))
