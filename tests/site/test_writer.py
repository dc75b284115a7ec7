"""Writing the site (site/writer.py): one owner per path, staging and swap."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.site.writer import Claims, OutputClash, discard, staging_dir, swap, write_files


def test_a_path_has_one_owner() -> None:
    claims = Claims()
    claims.claim("plan/index.html", "page générée plan/")
    with pytest.raises(
        OutputClash, match=re.escape("« plan/index.html » : page générée plan/ et docs/plan.md")
    ):
        claims.claim("plan/index.html", "docs/plan.md")


def test_files_are_written_as_text_or_bytes(tmp_path: Path) -> None:
    written = write_files({"a/b.txt": "é", "c.bin": b"\xef\xbb\xbf;"}, tmp_path)
    assert written == ["a/b.txt", "c.bin"]
    assert (tmp_path / "a" / "b.txt").read_bytes() == "é".encode()
    assert (tmp_path / "c.bin").read_bytes() == b"\xef\xbb\xbf;"


def test_the_staged_site_replaces_the_old_one_whole(tmp_path: Path) -> None:
    final = tmp_path / "site"
    final.mkdir()
    (final / "ancien.html").write_text("ancien", encoding="utf-8")
    staging = staging_dir(final)
    assert staging.name.startswith(".site.construction-") and not any(staging.iterdir())
    (staging / "nouveau.html").write_text("nouveau", encoding="utf-8")
    swap(staging, final)
    assert [p.name for p in final.iterdir()] == ["nouveau.html"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_discarded_staging_leaves_the_site_untouched(tmp_path: Path) -> None:
    final = tmp_path / "site"
    final.mkdir()
    (final / "page.html").write_text("reste", encoding="utf-8")
    staging = staging_dir(final)
    (staging / "moitié.html").write_text("x", encoding="utf-8")
    discard(staging)
    assert not staging.exists()
    assert (final / "page.html").read_text(encoding="utf-8") == "reste"
