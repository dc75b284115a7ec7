"""Property: no input, however broken, makes the validator crash.

Whatever bytes an editor (or a bad merge) puts in a scheme file, the validator must
answer with issues that point inside the file, never with a traceback.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.catalog.load import load_catalog
from generator.data.model import Dispositif
from generator.data.yamlsource import parse_yaml_bytes
from tests.support.datasets import copy_fixture
from tests.support.paths import FIXTURE

FUZZ_FILE = Path("dispositifs") / "region-essai" / "fuzz.yaml"

SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture(scope="module")
def fuzz_root() -> Iterator[Path]:
    tmp = Path(tempfile.mkdtemp())
    try:
        yield copy_fixture(tmp / "donnees")
    finally:
        shutil.rmtree(tmp)


# Words of PyYAML's and pydantic's English messages, and our old fallbacks that quoted
# them: none may reach an editor.
ENGLISH = re.compile(
    r"\b(found|expected|while|could not|did not|should|Input|Value error|unacceptable"
    r"|value_error|not allowed|special characters)\b|YAML illisible \(|invalide \("
)


# Every pydantic error type our models produce has its own French message.
PYDANTIC_FALLBACK = "valeur refusée : vérifiez son type"


def _validate_file(root: Path, raw: bytes) -> None:
    path = root / FUZZ_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(raw)
    catalog, report = load_catalog(root)
    lines = raw.decode("utf-8", "replace").split("\n")
    for issue in report.issues:
        assert issue.message
        assert not ENGLISH.search(issue.message), issue.format()
        assert not issue.message.startswith(PYDANTIC_FALLBACK), issue.format()
        assert "\n" not in issue.format(), issue.format()
        if issue.path.endswith("fuzz.yaml"):
            assert 1 <= issue.line <= len(lines) + 1
    if catalog is None:
        assert report.errors


YAML_ALPHABET = st.sampled_from(
    [*list("abc xyz019-_:'\"#&*!|>%@`{}[],\n\t\\é"), "id: ", "titre: ", "  - ", "---\n", "no", "0"]
)


@SETTINGS
@given(st.binary(max_size=400))
def test_random_bytes_never_crash(fuzz_root: Path, raw: bytes) -> None:
    _validate_file(fuzz_root, raw)


@SETTINGS
@given(st.lists(YAML_ALPHABET, max_size=120).map("".join))
def test_yaml_like_text_never_crashes(fuzz_root: Path, text: str) -> None:
    _validate_file(fuzz_root, text.encode("utf-8"))


FIELDS = [*list(Dispositif.model_fields), "inconnu", "contacts", "territoires"]
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=30),
    st.sampled_from(["tous", "jeunes", "actif", "remplace", "2024-02-30", "2024", "https://x.fr"]),
)
values: st.SearchStrategy[Any] = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(
            st.sampled_from([*FIELDS, "regional", "nom", "url", "modes"]), children, max_size=5
        ),
    ),
    max_leaves=20,
)


@SETTINGS
@given(st.dictionaries(st.sampled_from(FIELDS), values, max_size=len(FIELDS)))
def test_any_structure_of_known_keys_never_crashes(fuzz_root: Path, data: dict[str, Any]) -> None:
    _validate_file(fuzz_root, yaml.safe_dump(data, allow_unicode=True).encode("utf-8"))


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_reader_alone_never_raises(raw: bytes) -> None:
    doc, issues = parse_yaml_bytes(raw, Path("x.yaml"), "x.yaml")
    assert doc is not None or issues
    for issue in issues:
        assert not ENGLISH.search(issue.message), issue.format()


VALID = yaml.safe_load(
    (FIXTURE / "dispositifs" / "france-travail-essai" / "aide-mobilite-essai.yaml").read_text(
        encoding="utf-8"
    )
)


@SETTINGS
@given(st.sampled_from(sorted(VALID)), values)
def test_one_field_of_a_valid_scheme_replaced_never_crashes(
    fuzz_root: Path, key: str, value: Any
) -> None:
    data = dict(VALID, id="fuzz", anciens_identifiants=[])
    data[key] = value
    _validate_file(fuzz_root, yaml.safe_dump(data, allow_unicode=True).encode("utf-8"))
