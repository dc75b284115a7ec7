"""Golden files: expected outputs checked into tests/golden/, rewritten by --update-goldens."""

from __future__ import annotations

import contextlib
import difflib
import json
from pathlib import Path

from tests.support.paths import GOLDEN as _GOLDEN

GOLDEN = _GOLDEN


def _readable(path: Path, content: bytes) -> list[str]:
    """Lines to show in a failure: compact JSON indented, so the diff names the field."""
    text = content.decode("utf-8-sig", errors="replace")
    if path.suffix == ".json":
        with contextlib.suppress(ValueError):
            text = json.dumps(json.loads(text), ensure_ascii=False, indent=1)
    return text.splitlines()


def check_golden(name: str, content: str | bytes, update: bool) -> None:
    """`content` must be byte-identical to tests/golden/<name> (or becomes it on update)."""
    raw = content.encode("utf-8") if isinstance(content, str) else content
    golden = GOLDEN / name
    if update:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(raw)
    expected = golden.read_bytes()
    if raw != expected:
        diff = difflib.unified_diff(
            _readable(golden, expected), _readable(golden, raw), "attendu", "obtenu", lineterm=""
        )
        raise AssertionError(
            f"{name} differs from its golden file (rerun with --update-goldens if intended):\n"
            + "\n".join(list(diff)[:80])
        )
