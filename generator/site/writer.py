"""Writing the site: produced files, one owner per output path, and the atomic swap.

A build writes into its own staging folder beside the site and swaps it in only when
everything succeeded (Pelican's writer idea, applied to the whole folder), so a failed
build leaves the previous site untouched and a reader never sees half a site. On Linux
the swap is one `renameat2(RENAME_EXCHANGE)`: the old and new folders trade names in a
single step, so `site/index.html` exists at every moment. Elsewhere (or on a file
system without it) two renames are used, with a gap of two system calls.

Before the swap every file is made readable by all (0644) and every folder traversable
(0755), whatever the umask or the staging folder's private mode: the site is served by a
web server that runs as another user, and would otherwise serve nothing.

With OFFRE_PRECOMPRESSER=1, a `.gz` copy of each compressible file (beside it, same name
plus `.gz`, no time stamp inside, so the same site gives the same bytes) is written too,
for hosts that serve precompressed files (nginx's `gzip_static`). Off by default: the
default output stays the same. No Brotli: it would need a compiled dependency, and
nginx's Brotli module is not in Debian's package.
"""

from __future__ import annotations

import ctypes
import errno
import gzip
import os
import shutil
import sys
import tempfile
from pathlib import Path

from .csp import with_csp

STAGING_SUFFIX = ".construction"
PREVIOUS_SUFFIX = ".precedent"
FILE_MODE = 0o644
FOLDER_MODE = 0o755
PRECOMPRESS_VARIABLE = "OFFRE_PRECOMPRESSER"
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".xml", ".csv", ".svg", ".map", ".txt")
COMPRESS_MIN_BYTES = 1024

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
    folders: set[Path] = set()  # thousands of search files share a few folders
    for path, content in produced.items():
        target = site_dir / path
        if target.parent not in folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            folders.add(target.parent)
        if isinstance(content, str) and path.endswith(".html"):
            target.write_text(with_csp(content), encoding="utf-8")
        elif isinstance(content, str):
            target.write_text(content, encoding="utf-8")
        else:
            target.write_bytes(content)
    return list(produced)


def leftovers(final: Path) -> list[Path]:
    """Staging and previous folders of builds that died before cleaning up."""
    prefixes = (f".{final.name}{STAGING_SUFFIX}", f".{final.name}{PREVIOUS_SUFFIX}")
    if not final.parent.is_dir():
        return []
    return sorted(p for p in final.parent.iterdir() if p.name.startswith(prefixes))


def staging_dir(final: Path) -> Path:
    """A fresh, empty folder of this build's own, beside `final` (same file system).

    Call it with the output's lock held: folders left by builds killed earlier are
    removed first, as no other build can be using them.
    """
    for leftover in leftovers(final):
        shutil.rmtree(leftover, ignore_errors=True)
    final.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{final.name}{STAGING_SUFFIX}-", dir=final.parent))


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths' names in one step; False where the system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:  # glibc before 2.28, or another C library
        return False
    result = renameat2(
        _AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE
    )
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):  # file system without it
        return False
    raise OSError(code, os.strerror(code), str(first), None, str(second))


def make_publishable(folder: Path) -> None:
    """Files 0644 and folders 0755 under `folder` (itself included); links left alone."""
    os.chmod(folder, FOLDER_MODE)
    for root, folders, files in os.walk(folder):
        for name in folders:
            path = os.path.join(root, name)
            if not os.path.islink(path):
                os.chmod(path, FOLDER_MODE)
        for name in files:
            path = os.path.join(root, name)
            if not os.path.islink(path):
                os.chmod(path, FILE_MODE)


def precompress_requested() -> bool:
    return os.environ.get(PRECOMPRESS_VARIABLE, "").strip() in ("1", "oui", "true")


def precompress(folder: Path) -> int:
    """Write `x.gz` beside each compressible file of 1 KB or more that gzip makes smaller."""
    written = 0
    for path in sorted(folder.rglob("*")):
        if path.suffix not in COMPRESSIBLE or path.is_symlink() or not path.is_file():
            continue
        raw = path.read_bytes()
        if len(raw) < COMPRESS_MIN_BYTES:
            continue
        packed = gzip.compress(raw, compresslevel=9, mtime=0)
        if len(packed) < len(raw):
            path.with_name(path.name + ".gz").write_bytes(packed)
            written += 1
    return written


def swap(staging: Path, final: Path, *, exchange: bool = True) -> None:
    """Replace `final` by `staging`, so the site is never half-written nor missing."""
    if precompress_requested():
        precompress(staging)
    make_publishable(staging)
    if final.is_dir() and exchange and _exchange(staging, final):
        shutil.rmtree(staging, ignore_errors=True)  # now holds the previous site
        return
    previous = Path(tempfile.mkdtemp(prefix=f".{final.name}{PREVIOUS_SUFFIX}-", dir=final.parent))
    if final.exists():
        final.rename(previous / final.name)
    staging.rename(final)
    shutil.rmtree(previous, ignore_errors=True)


def discard(staging: Path) -> None:
    shutil.rmtree(staging, ignore_errors=True)
