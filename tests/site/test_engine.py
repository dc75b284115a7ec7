"""The site builds with MkDocs and with ProperDocs (site/engine.py), to the same bytes but
the `generator` meta tag: the engine can change before MkDocs 1.x or Material stops working."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator.data.errors import UserError
from generator.site import engine
from tests.support.paths import REPO as _REPO

REPO = _REPO
GENERATOR_META = re.compile(rb'<meta name="generator" content="[^"]*">')


def _build(out: Path, moteur: str) -> str:
    env = {
        **os.environ,
        "OFFRE_MOTEUR": moteur,
        "SOURCE_DATE_EPOCH": "1767225600",
        "NO_MKDOCS_2_WARNING": "1",
    }
    env.pop("OFFRE_URL_SITE", None)
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--out", str(out)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stderr


def _files(site: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(site)): path.read_bytes() for path in site.rglob("*") if path.is_file()
    }


def test_properdocs_builds_the_shipped_data_like_mkdocs(tmp_path: Path) -> None:
    _build(tmp_path / "mkdocs", "mkdocs")
    _build(tmp_path / "properdocs", "properdocs")
    with_mkdocs = _files(tmp_path / "mkdocs")
    with_properdocs = _files(tmp_path / "properdocs")
    assert len(with_mkdocs) > 300
    assert sorted(with_mkdocs) == sorted(with_properdocs)
    generators = set()
    differing = []
    for path, content in with_mkdocs.items():
        other = with_properdocs[path]
        if content != other:
            generators.update(GENERATOR_META.findall(other))
            if GENERATOR_META.sub(b"", content) != GENERATOR_META.sub(b"", other):
                differing.append(path)
    assert differing == []
    # The second build really ran on ProperDocs (its name is in the tag, and only there).
    assert any(b"ProperDocs" in tag for tag in generators)


def test_an_unknown_engine_is_refused_in_french(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OFFRE_MOTEUR", "zensical")
    with pytest.raises(UserError, match="moteur « zensical » inconnu ; valeurs possibles"):
        engine.choose()


def test_mkdocs_is_chosen_when_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OFFRE_MOTEUR", raising=False)
    assert engine.choose() == "mkdocs"
    assert engine.choose("properdocs") == "properdocs"


def test_properdocs_cannot_replace_a_loaded_mkdocs() -> None:
    import mkdocs  # noqa: F401  (this process has MkDocs loaded)

    with pytest.raises(UserError, match="nouveau processus avec OFFRE_MOTEUR=properdocs"):
        engine.activate("properdocs")


def test_the_build_falls_back_to_properdocs_without_mkdocs(tmp_path: Path) -> None:
    # A process where `mkdocs` cannot be imported, as after MkDocs is uninstalled.
    code = (
        "import sys, importlib.util as u\n"
        "real = u.find_spec\n"
        "u.find_spec = lambda name, *a: None if name == 'mkdocs' else real(name, *a)\n"
        "from generator.site import engine\n"
        "chosen = engine.choose()\n"
        "engine.activate(chosen)\n"
        "import mkdocs.plugins\n"
        "print(chosen, engine.name_in_use(), mkdocs.plugins.__name__)\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "OFFRE_MOTEUR"}
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["properdocs", "properdocs", "properdocs.plugins"]
