"""The built site is readable by a web server running as another user (site/writer.py):
files 0644 and folders 0755 whatever the umask and the previous output's mode."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from generator.site.writer import make_publishable, precompress, staging_dir, swap
from tests.support.datasets import copy_fixture


def _modes(root: Path) -> dict[str, int]:
    found = {".": stat.S_IMODE(root.stat().st_mode)}
    for path in root.rglob("*"):
        found[str(path.relative_to(root))] = stat.S_IMODE(path.lstat().st_mode)
    return found


def test_a_private_staging_folder_is_published_readable(tmp_path: Path) -> None:
    final = tmp_path / "site"
    staging = staging_dir(final)
    assert stat.S_IMODE(staging.stat().st_mode) == 0o700  # mkdtemp's, before the fix
    (staging / "a" / "b").mkdir(parents=True)
    (staging / "a" / "b" / "page.html").write_text("x", encoding="utf-8")
    (staging / "a" / "b" / "page.html").chmod(0o600)
    (staging / "a").chmod(0o700)
    swap(staging, final)
    assert _modes(final) == {
        ".": 0o755,
        "a": 0o755,
        "a/b": 0o755,
        "a/b/page.html": 0o644,
    }


def test_links_are_left_alone(tmp_path: Path) -> None:
    outside = tmp_path / "dehors.txt"
    outside.write_text("x", encoding="utf-8")
    outside.chmod(0o600)
    site = tmp_path / "site"
    site.mkdir()
    (site / "lien").symlink_to(outside)
    make_publishable(site)
    assert stat.S_IMODE(outside.stat().st_mode) == 0o600


def test_a_build_under_a_strict_umask_over_a_private_site_is_servable(tmp_path: Path) -> None:
    data = copy_fixture(tmp_path / "donnees")
    out = tmp_path / "sortie" / "site"
    out.mkdir(parents=True)
    (out / "ancien.html").write_text("ancien", encoding="utf-8")
    out.chmod(0o700)
    code = (
        "import os, sys; os.umask(0o077); from generator.cli import main; "
        "sys.argv = ['offre', 'build', '--data', sys.argv[1], '--out', sys.argv[2]]; main()"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(data), str(out)],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    modes = _modes(out)
    assert len(modes) > 50 and "index.html" in modes and "ancien.html" not in modes
    wrong = {path: oct(mode) for path, mode in modes.items() if mode not in (0o644, 0o755)}
    assert wrong == {}
    folders = {path for path in modes if (out / path).is_dir()}
    assert {path for path, mode in modes.items() if mode == 0o755} == folders


def test_precompressed_copies_are_optional_and_deterministic(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gzip

    big = "<p>Dispositif</p>\n" * 200
    for run in ("a", "b"):
        final = tmp_path / run / "site"
        staging = staging_dir(final)
        (staging / "page.html").write_text(big, encoding="utf-8")
        (staging / "petit.css").write_text("a{}", encoding="utf-8")
        (staging / "image.png").write_bytes(b"\x89PNG" + b"0" * 4000)
        if run == "b":
            monkeypatch.setenv("OFFRE_PRECOMPRESSER", "1")
        swap(staging, final)
    assert sorted(p.name for p in (tmp_path / "a" / "site").iterdir()) == [
        "image.png",
        "page.html",
        "petit.css",
    ]
    packed = tmp_path / "b" / "site" / "page.html.gz"
    assert sorted(p.name for p in packed.parent.iterdir()) == [
        "image.png",
        "page.html",
        "page.html.gz",
        "petit.css",
    ]
    assert gzip.decompress(packed.read_bytes()) == big.encode()
    assert stat.S_IMODE(packed.stat().st_mode) == 0o644
    again = tmp_path / "c"
    again.mkdir()
    (again / "page.html").write_text(big, encoding="utf-8")
    assert precompress(again) == 1
    assert (again / "page.html.gz").read_bytes() == packed.read_bytes()
