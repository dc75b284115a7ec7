"""Reading data·inclusion's JSON arrays as a stream: every record, in order, and an exact
position for what is not JSON, wherever it is in the file."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from generator.importers.data_inclusion import stream
from generator.importers.places.progress import Progress


def _records(path: Path) -> list[object]:
    return list(stream.iter_records(path, path.name))


def test_reads_every_record_across_chunks(tmp_path: Path) -> None:
    records = [
        {"id": f"fictif--{i}", "nom": "Structure fictive é" * 3, "n": i / 2} for i in range(5000)
    ]
    path = tmp_path / "structures.json"
    path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    assert path.stat().st_size > 2 * stream.CHUNK_BYTES
    seen: list[tuple[int, int]] = []
    read = list(stream.iter_records(path, "structures.json", lambda b, n: seen.append((b, n))))
    assert read == records
    assert seen[-1] == (path.stat().st_size, 5000)
    assert [b for b, _ in seen] == sorted(b for b, _ in seen)


def test_byte_order_mark_and_whitespace_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "services.json"
    path.write_bytes(b'\xef\xbb\xbf\n  [{"id": "fictif--1"}]\n')
    assert _records(path) == [{"id": "fictif--1"}]


def test_error_far_into_the_file_has_its_exact_position(tmp_path: Path) -> None:
    records = [{"id": f"fictif--{i}", "nom": "Agence fictive de test"} for i in range(20000)]
    lines = json.dumps(records, indent=1).splitlines()
    target = next(i for i, line in enumerate(lines) if '"fictif--15000"' in line)
    lines[target] = lines[target].replace('"fictif--15000"', '#fictif--15000"')
    text = "\n".join(lines)
    path = tmp_path / "structures.json"
    path.write_text(text, encoding="utf-8")
    offset = len(text[: text.index("#fictif--15000")].encode("utf-8"))
    assert offset > 3 * stream.CHUNK_BYTES
    read: list[object] = []
    with pytest.raises(stream.MalformedFile) as caught:
        read.extend(stream.iter_records(path, "structures.json"))
    assert len(read) == 15000  # everything before the broken record was read
    issue = caught.value.issue
    column = len(lines[target]) - len(lines[target].lstrip()) + len('"id": ') + 1
    assert (issue.line, issue.col) == (target + 1, column)
    assert f"octet {offset}" in issue.message
    assert "dans l'enregistrement n° 15001" in issue.message
    assert caught.value.records_before == 15000


@pytest.mark.parametrize(
    ("content", "line", "col", "reason"),
    [
        (b'[{"id": "a"}, {"id": "b"', 1, 25, "il est tronqué"),  # just after the end
        (b'[{"id": "a"}\n {"id": "b"}]', 2, 2, "une virgule ou « ] » est attendue"),
        (b'[{"id": "a"}] [1]', 1, 15, "après la fin du tableau"),
        (b'[{"id": "\xe9t\xe9"}]', 1, 10, "pas de l'UTF-8"),
        # yajl reads the whole string "a" before it sees that a colon is missing
        (b'[{"id" "a"}]', 1, 10, "deux-points"),
    ],
)
def test_malformed_json_is_located(
    tmp_path: Path, content: bytes, line: int, col: int, reason: str
) -> None:
    path = tmp_path / "f.json"
    path.write_bytes(content)
    with pytest.raises(stream.MalformedFile) as caught:
        _records(path)
    issue = caught.value.issue
    assert (issue.path, issue.line, issue.col) == ("f.json", line, col)
    assert reason in issue.message


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "fichier vide"),
        (b"   \n", "fichier vide"),
        (b'{"data": []}', "objet JSON ({…}) et non un tableau"),
        (b"\x1f\x8b\x08\x00rest", "fichier compressé (gzip)"),
        (b"<html>", "ce n'est pas un fichier JSON : il commence par « <html> »"),
    ],
)
def test_what_is_not_an_array_is_refused_before_parsing(
    tmp_path: Path, content: bytes, reason: str
) -> None:
    path = tmp_path / "f.json"
    path.write_bytes(content)
    with pytest.raises(stream.MalformedFile) as caught:
        _records(path)
    assert reason in caught.value.issue.message
    assert (caught.value.issue.line, caught.value.issue.col) == (1, 1)


def test_c_backend_is_used_when_available() -> None:
    import ijson

    # The wheels of ijson ship yajl2_c for this platform; the pure-Python backend would
    # make the national files several times slower to read.
    assert stream.backend_name() == "yajl2_c" or "yajl2_c" not in ijson.ALL_BACKENDS


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_is_shown_on_a_terminal_only() -> None:
    terminal = _Terminal()
    progress = Progress("Structures", 1000, terminal, interval=0)
    progress.update(500, 12345)
    progress.update(1000, 20000)
    progress.finish()
    assert terminal.getvalue() == (
        "\rStructures :  50 % (12\u00a0345 enregistrements)"
        "\rStructures : 100 % (20\u00a0000 enregistrements)\n"
    )
    pipe = io.StringIO()
    quiet = Progress("Structures", 1000, pipe, interval=0)
    quiet.update(500, 1)
    quiet.finish()
    assert pipe.getvalue() == ""
