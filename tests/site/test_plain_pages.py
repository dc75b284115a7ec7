"""`offre pages` (site/plain_pages.py): the site's pages as plain files that a stock
`mkdocs build`, without our plugin, renders into a browsable site with the same content."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import yaml

from generator.site.plain_pages import WRAPPER
from tests.support.datasets import BuiltSite, run_cli
from tests.support.paths import REPO

ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
LINK = re.compile(r'(?:href|src)="([^"]+)"')
OUTSIDE = re.compile(r"^(https?:|mailto:|tel:|#|javascript:|data:|//)")


def _plain_build(out: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=out,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


HOISTED = re.compile(r"<(?:link|script)\b[^>]*\sdata-offre-tete\b[^>]*>(?:</script>)?")


def _article(page: Path) -> str:
    match = ARTICLE.search(page.read_text(encoding="utf-8"))
    assert match is not None, page
    # Markdown re-indents raw HTML: whitespace between tags aside, the text is the same.
    text = re.sub(r">\s+<", "><", re.sub(r"\s+", " ", match.group(1))).strip()
    # The plugin moves the tags a page asks to have in <head> (site/head.py) out of the
    # article; a plain MkDocs build leaves them where the page put them, and they work there.
    text = HOISTED.sub("", text)
    if text.startswith(WRAPPER):  # the block a page starting with <link> is put in
        text = text.removeprefix(WRAPPER).removesuffix("</div>")
    return text


def _broken_links(site: Path) -> dict[str, str]:
    broken = {}
    for page in site.rglob("*.html"):
        relative = page.relative_to(site).as_posix()
        for href in LINK.findall(page.read_text(encoding="utf-8")):
            if OUTSIDE.match(href):
                continue
            path = unquote(urlsplit(urljoin(f"http://h/{relative}", href)).path).lstrip("/")
            target = site / path
            if path == "" or path.endswith("/"):
                target = target / "index.html"
            if not target.is_file():
                broken[href] = relative
    return broken


def test_a_plain_mkdocs_build_renders_the_same_pages(tmp_path: Path, built_site: BuiltSite) -> None:
    out = tmp_path / "pages"
    code, output = run_cli("pages", "--data", str(built_site.data), "--out", str(out))
    assert code == 0, output
    assert "pages générées" in output
    config = yaml.safe_load((out / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["plugins"] == []
    sources = sorted(p.relative_to(out / "docs").as_posix() for p in out.rglob("*.md"))
    assert "index.md" in sources and len(sources) > 30
    first = (out / "docs" / sources[-1]).read_text(encoding="utf-8")
    assert first.startswith("---\ntitle: ")

    result = _plain_build(out)
    assert result.returncode == 0, result.stderr
    plain = out / "site"
    pages = sorted(p.relative_to(plain) for p in plain.rglob("index.html"))
    assert len(pages) >= len(sources)
    # Same content as the plugin's build, page by page (the theme around it aside).
    compared = 0
    for relative in pages:
        built = built_site.site / relative
        if built.is_file() and ARTICLE.search(built.read_text(encoding="utf-8")):
            assert _article(plain / relative) == _article(built), relative
            compared += 1
    assert compared >= len(sources)
    # Browsable: every link and resource inside the site exists.
    assert _broken_links(plain) == {}
    # The files beside the pages came along (search, feeds, open data, embeds).
    for folder in ("recherche", "flux", "donnees", "integrer"):
        assert any((plain / folder).rglob("*.*")), folder


def test_a_second_run_replaces_its_own_folder_only(tmp_path: Path, built_site: BuiltSite) -> None:
    out = tmp_path / "pages"
    assert run_cli("pages", "--data", str(built_site.data), "--out", str(out))[0] == 0
    (out / "docs" / "reste.md").write_text("ancien", encoding="utf-8")
    assert run_cli("pages", "--data", str(built_site.data), "--out", str(out))[0] == 0
    assert not (out / "docs" / "reste.md").exists()
    other = tmp_path / "autre"
    other.mkdir()
    (other / "precieux.txt").write_text("x", encoding="utf-8")
    code, output = run_cli("pages", "--data", str(built_site.data), "--out", str(other))
    assert code != 0
    assert "n'a pas été écrit par `offre pages`" in output
    assert sorted(p.name for p in other.iterdir()) == ["precieux.txt"]


def test_invalid_data_writes_nothing(tmp_path: Path, dataset: Path) -> None:
    (dataset / "dispositifs").mkdir(exist_ok=True)
    broken = next((dataset / "dispositifs").glob("*.yaml"), None) or next(dataset.rglob("*.yaml"))
    broken.write_text("id: [\n", encoding="utf-8")
    out = tmp_path / "pages"
    code, output = run_cli("pages", "--data", str(dataset), "--out", str(out))
    assert code != 0
    assert "rien n'a été écrit" in output
    assert not out.exists()
    assert REPO.is_dir()
