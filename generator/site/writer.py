"""Writing the site: produced files, one owner per output path, and the atomic swap.

A build writes into a staging folder beside the site and swaps it in with two renames
only when everything succeeded (Pelican's writer idea, applied to the whole folder), so
a failed build leaves the previous site untouched and a reader never sees half a site.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from .csp import with_csp

STAGING_SUFFIX = ".construction"
PREVIOUS_SUFFIX = ".precedent"

Produced = dict[str, str | bytes]
"""Files a producer adds: {site path: content}."""


class OutputClash(Exception):
    """Two outputs claim one path (message in French)."""


class Claims:
    """Who writes each output path: two pages, or a page and a file, may not share one."""

    def __init__(self) -> None:
        self._owners: dict[str, str] = {}

    def claim(self, dest: str, owner: str) -> None:
        if dest in self._owners:
            raise OutputClash(
                f"Deux pages revendiquent la même adresse « {dest} » : {self._owners[dest]} "
                f"et {owner}. Changez l'identifiant de l'une des deux (ou renommez la page "
                "de docs/)."
            )
        self._owners[dest] = owner


def write_files(produced: Produced, site_dir: Path) -> list[str]:
    """Write straight into the output folder (never held for the rest of the build)."""
    for path, content in produced.items():
        target = site_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str) and path.endswith(".html"):
            target.write_text(with_csp(content), encoding="utf-8")
        elif isinstance(content, str):
            target.write_text(content, encoding="utf-8")
        else:
            target.write_bytes(content)
    return list(produced)


def staging_dir(final: Path) -> Path:
    """A fresh, empty folder beside `final` to build into."""
    staging = final.with_name(f".{final.name}{STAGING_SUFFIX}")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    return staging


def swap(staging: Path, final: Path) -> None:
    """Replace `final` by `staging` with two renames, so the site is never half-written."""
    previous = final.with_name(f".{final.name}{PREVIOUS_SUFFIX}")
    shutil.rmtree(previous, ignore_errors=True)
    if final.exists():
        final.rename(previous)
    staging.rename(final)
    shutil.rmtree(previous, ignore_errors=True)


def discard(staging: Path) -> None:
    shutil.rmtree(staging, ignore_errors=True)
