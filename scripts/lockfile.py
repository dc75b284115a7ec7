"""The lock file (scripts/requirements.lock) and what it must agree with in pyproject.toml.

The lock pins every package the build and the tests install, each with its hashes, so that
`scripts/setup` installs the same files today and in a year. It records a fingerprint of the
requirement lists it was made from: a change to pyproject.toml's dependencies without
`scripts/lock` is caught by the tests, offline.

    python3 scripts/lockfile.py fingerprint   # print the current fingerprint
    python3 scripts/lockfile.py build-requires   # the build backend's requirements
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
import tomllib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = ROOT / "pyproject.toml"
LOCK = ROOT / "scripts" / "requirements.lock"
FINGERPRINT_PREFIX = "# pyproject-sha256: "

_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?==([^\s;\\]+)")
_HASH = re.compile(r"--hash=sha256:[0-9a-f]{64}")


def _project(pyproject: Path) -> dict[str, Any]:
    with pyproject.open("rb") as stream:
        return tomllib.load(stream)


def requirement_lists(pyproject: Path = PYPROJECT) -> dict[str, Any]:
    """What the lock is made from: the only parts of pyproject.toml it depends on."""
    data = _project(pyproject)
    project = data["project"]
    return {
        "build-system": sorted(data["build-system"]["requires"]),
        "dependencies": sorted(project.get("dependencies", [])),
        "optional-dependencies": {
            extra: sorted(reqs) for extra, reqs in project.get("optional-dependencies", {}).items()
        },
        "requires-python": project.get("requires-python", ""),
    }


def fingerprint(pyproject: Path = PYPROJECT) -> str:
    text = json.dumps(requirement_lists(pyproject), sort_keys=True, ensure_ascii=True)
    return hashlib.sha256(text.encode("ascii")).hexdigest()


def normalize(name: str) -> str:
    """PEP 503 form of a distribution name."""
    return re.sub(r"[-_.]+", "-", name).lower()


def lock_entries(lock: Path = LOCK) -> dict[str, tuple[str, int]]:
    """{normalized name: (pinned version, number of hashes)} read from the lock."""
    entries: dict[str, tuple[str, int]] = {}
    current: str | None = None
    for line in lock.read_text(encoding="utf-8").splitlines():
        match = _PIN.match(line)
        if match:
            current = normalize(match.group(1))
            entries[current] = (match.group(3), 0)
        elif not line.startswith((" ", "\t")):
            current = None
        if current is not None:
            version, count = entries[current]
            entries[current] = (version, count + len(_HASH.findall(line)))
    return entries


def recorded_fingerprint(lock: Path = LOCK) -> str | None:
    for line in lock.read_text(encoding="utf-8").splitlines():
        if line.startswith(FINGERPRINT_PREFIX):
            return line.removeprefix(FINGERPRINT_PREFIX).strip()
    return None


def main(argv: list[str]) -> int:
    if argv == ["fingerprint"]:
        print(fingerprint())
        return 0
    if argv == ["build-requires"]:
        print("\n".join(requirement_lists()["build-system"]))
        return 0
    print("usage : lockfile.py fingerprint | build-requires", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
