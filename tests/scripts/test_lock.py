"""The lock (scripts/requirements.lock) agrees with pyproject.toml, offline: every declared
requirement is pinned to a version that satisfies it, every pin carries hashes, and the
lock was regenerated after the last change to the dependency lists."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
from packaging.requirements import Requirement
from packaging.version import Version

from tests.support.paths import REPO as _REPO

REPO = _REPO


def _lockfile() -> ModuleType:
    spec = importlib.util.spec_from_file_location("lockfile", REPO / "scripts" / "lockfile.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["lockfile"] = module
    spec.loader.exec_module(module)
    return module


lockfile = _lockfile()


def _declared() -> list[Requirement]:
    lists = lockfile.requirement_lists()
    names = [*lists["build-system"], *lists["dependencies"]]
    for requirements in lists["optional-dependencies"].values():
        names.extend(requirements)
    return [Requirement(text) for text in names]


def test_the_lock_was_made_from_the_current_pyproject() -> None:
    assert lockfile.recorded_fingerprint() == lockfile.fingerprint(), (
        "pyproject.toml a changé depuis scripts/requirements.lock : lancez scripts/lock"
    )


def test_every_declared_requirement_is_pinned_and_satisfied() -> None:
    entries = lockfile.lock_entries()
    declared = _declared()
    assert len(declared) >= 25
    problems = []
    for requirement in declared:
        pinned = entries.get(lockfile.normalize(requirement.name))
        if pinned is None:
            problems.append(f"{requirement} : absent du verrou")
        elif not requirement.specifier.contains(Version(pinned[0]), prereleases=True):
            problems.append(f"{requirement} : le verrou fige {pinned[0]}")
    assert problems == []


def test_every_pin_has_hashes() -> None:
    entries = lockfile.lock_entries()
    assert len(entries) >= 50
    assert {name: n for name, (_version, n) in entries.items() if n == 0} == {}


@pytest.mark.parametrize(
    ("package", "where"),
    [("pendulum", "dependencies"), ("lunr", "test"), ("properdocs", "test")],
)
def test_imported_packages_are_declared_where_they_are_used(package: str, where: str) -> None:
    lists = lockfile.requirement_lists()
    found = (
        lists["dependencies"] if where == "dependencies" else lists["optional-dependencies"][where]
    )
    assert package in {Requirement(text).name for text in found}


def test_the_fingerprint_follows_the_dependency_lists(tmp_path: Path) -> None:
    original = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    changed = tmp_path / "pyproject.toml"
    changed.write_text(original.replace('"click>=8.1"', '"click>=8.2"'), encoding="utf-8")
    assert lockfile.fingerprint(changed) != lockfile.fingerprint()
    same = tmp_path / "same.toml"
    same.write_text(original.replace('version = "0.1.0"', 'version = "0.2.0"'), encoding="utf-8")
    assert lockfile.fingerprint(same) == lockfile.fingerprint()


def test_the_lock_installs_the_build_backend_with_the_rest() -> None:
    setup = (REPO / "scripts" / "setup").read_text(encoding="utf-8")
    assert "--require-hashes" in setup and "--no-build-isolation" in setup
    assert "setuptools" in lockfile.lock_entries()
