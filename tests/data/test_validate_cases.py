"""Each editor mistake gets its exact, reviewed message, with file:line:col and exit 1."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.support.datasets import copy_fixture, run_cli
from tests.support.goldens import GOLDEN, check_golden
from tests.support.validation_cases import CASES

VALIDATION_GOLDENS = GOLDEN / "validation"


def _apply(root: Path, files: dict[str, bytes | str | None]) -> None:
    for relative, content in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if content is None:
            shutil.rmtree(path) if path.is_dir() else path.unlink()
        elif isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_message(case: str, in_tmp: Path, update_goldens: bool) -> None:
    root = copy_fixture(in_tmp / "donnees")
    _apply(root, CASES[case])
    code, output = run_cli("validate", "donnees")
    check_golden(f"validation/{case}.txt", f"exit {code}\n{output}", update_goldens)
    assert "Traceback" not in output


def test_every_case_has_a_golden_file() -> None:
    on_disk = {p.stem for p in VALIDATION_GOLDENS.glob("*.txt")}
    assert on_disk == set(CASES), "golden files without a case, or cases without a golden file"


@pytest.mark.parametrize("case", sorted(CASES))
def test_errors_point_inside_the_file(case: str, in_tmp: Path) -> None:
    """Every reported line:col exists in the file it names (no made-up positions)."""
    root = copy_fixture(in_tmp / "donnees")
    _apply(root, CASES[case])
    _, output = run_cli("validate", "donnees")
    for line in output.splitlines()[:-1]:
        path, line_no, col, _ = line.split(":", 3)
        if (in_tmp / path).is_dir() or not (in_tmp / path).exists():
            assert (line_no, col) == ("1", "1"), line  # a folder, or a folder to create
            continue
        # Lines as editors count them: only LF (and CRLF) end a line.
        text = (in_tmp / path).read_bytes().decode("utf-8", "replace").split("\n")
        assert 1 <= int(line_no) <= max(len(text), 1), line
        assert 1 <= int(col) <= len(text[int(line_no) - 1]) + 1, line
