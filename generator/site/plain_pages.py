"""`offre pages`: the whole site as plain files that any MkDocs-like engine renders.

Our pages are made by the `offre` plugin while MkDocs builds; successors of MkDocs may
drop plugins (MkDocs 2.0) or ignore unknown ones (Zensical). This module shows that the
page model does not depend on the plugin API: it writes every generated page as a
Markdown file (front matter + the page's HTML body), the hand-written pages with their
data blocks filled in, every produced file (search, feeds, open data, embeds) and a
minimal mkdocs.yml without our plugin. `mkdocs build` in that folder gives a browsable
site — without our theme overrides (header, footer), which need the plugin's template
globals; our stylesheet and script are included as extra files.
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..catalog.load import load_catalog
from ..data.errors import UserError
from ..outputs.pages.home import render_home_blocks
from ..rules import urls
from ..rules.site_url import public_url
from . import outputs
from .background import run_producers
from .mkdocs_files import front_matter
from .writer import Produced, write_files

THEME_ASSETS = Path(__file__).parent / "theme" / "assets"
MARKER = ".offre-pages"
"""File left in the output folder, so a later run may replace the folder safely."""


@dataclass(frozen=True)
class Summary:
    out: Path
    generated: int
    hand_written: int
    files: int


def _page_url(source: str) -> str:
    """Directory URL MkDocs gives the Markdown file `source` (index.md → "")."""
    stem = source.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/"


_BLOCK_START = re.compile(
    r"<(nav|div|section|article|aside|header|footer|h[1-6]|p|ul|ol|dl|table|form|figure"
    r"|details|blockquote|pre|hr)\b"
)
WRAPPER = "<div data-offre-page>"


def _as_block(html: str) -> str:
    """`html` as one raw HTML block: Markdown would put a <p> around a leading <link>."""
    return html if _BLOCK_START.match(html) else f"{WRAPPER}\n{html}\n</div>"


def _prepare_out(out: Path) -> None:
    if out.exists():
        if not out.is_dir():
            raise UserError(f"{out} existe et n'est pas un dossier.")
        if any(out.iterdir()) and not (out / MARKER).exists():
            raise UserError(
                f"{out} n'est pas vide et n'a pas été écrit par `offre pages` : choisissez un "
                "dossier vide ou inexistant (rien n'a été écrit)."
            )
        shutil.rmtree(out)
    out.mkdir(parents=True)
    (out / MARKER).write_text("Dossier écrit par `offre pages`.\n", encoding="utf-8")


def _read_project(project_config: Path) -> dict[str, Any]:
    try:
        with project_config.open(encoding="utf-8") as stream:
            project = yaml.load(stream, Loader=_Loader)
    except (OSError, yaml.YAMLError) as exc:
        raise UserError(f"{project_config} illisible : {exc}") from None
    if not isinstance(project, dict):
        raise UserError(f"{project_config} : configuration MkDocs attendue.")
    return project


def _config(project: dict[str, Any], site_url: str | None) -> str:
    config: dict[str, object] = {
        "site_name": project.get("site_name", "Offre de services"),
        "site_url": site_url or "",
        "docs_dir": "docs",
        "site_dir": "site",
        "use_directory_urls": True,
        "theme": {"name": "material", "language": "fr", "font": False},
        "extra_css": [urls.THEME_STYLESHEET],
        "extra_javascript": [urls.THEME_SCRIPT],
        "markdown_extensions": project.get("markdown_extensions", []),
        "validation": project.get("validation", {}),
        "plugins": [],
    }
    if "nav" in project:
        config["nav"] = project["nav"]
    header = (
        "# Écrit par `offre pages` : le site sans le greffon « offre ».\n"
        "# Rendre : mkdocs build (ou properdocs build) dans ce dossier.\n"
    )
    return header + yaml.safe_dump(config, allow_unicode=True, sort_keys=False)


class _Loader(yaml.SafeLoader):
    """mkdocs.yml's `!ENV [NAME, default]` read as the variable or its default."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> object:
    values = (
        loader.construct_sequence(node)
        if isinstance(node, yaml.SequenceNode)
        else [loader.construct_scalar(node)]  # type: ignore[arg-type]
    )
    for name in values[:-1]:
        if isinstance(name, str) and os.environ.get(name):
            return os.environ[name]
    return values[-1] if len(values) > 1 else None


_Loader.add_constructor("!ENV", _env)


def write_pages(data_dir: Path, out: Path, *, project_config: Path) -> Summary:
    """Write the site's sources into `out` (docs/ and mkdocs.yml), replacing a previous run.

    The public address and the hand-written pages' folder come from `project_config`
    (mkdocs.yml: `site_url`, OFFRE_URL_SITE, `docs_dir`), as for `offre build`.
    """
    project = _read_project(project_config)
    site_url = public_url(project.get("site_url") or None)
    docs_dir = project_config.parent / str(project.get("docs_dir", "docs"))
    catalog, report = load_catalog(data_dir)
    if catalog is None:
        raise UserError(
            f"Les données de {data_dir} contiennent des erreurs ; rien n'a été écrit.\n"
            f"{report.render()}"
        )
    prepared = outputs.prepare(catalog, site_url)
    named = outputs.make_named(prepared)
    renderer = prepared.renderer
    pages: Produced = {}
    hand_written = 0
    for source in sorted(docs_dir.rglob("*")):
        if not source.is_file():
            continue
        relative = source.relative_to(docs_dir).as_posix()
        if source.suffix == ".md":
            text = source.read_text(encoding="utf-8")
            pages[relative] = render_home_blocks(text, _page_url(relative), renderer)
            hand_written += 1
        else:
            pages[relative] = source.read_bytes()
    for page in prepared.pages:
        path = urls.source_uri(page.url)
        if path in pages:
            raise UserError(f"La page générée {page.url} et docs/{path} ont la même adresse.")
        pages[path] = front_matter(page) + "\n" + _as_block(page.render().strip()) + "\n"
    sources = outputs.Sources(catalog, site_url, renderer)
    beside = (*outputs.FIRST_BESIDE_PAGES, *outputs.BESIDE_PAGES)
    produced = {**prepared.files, **named, **run_producers(beside, sources)}
    for asset in sorted(THEME_ASSETS.rglob("*")):
        if asset.is_file():
            produced[asset.relative_to(THEME_ASSETS.parent).as_posix()] = asset.read_bytes()
    clash = sorted(set(produced) & set(pages))
    if clash:
        raise UserError(f"Fichiers produits en double : {', '.join(clash)}.")
    config = _config(project, site_url)
    _prepare_out(out)
    docs = out / "docs"
    write_files(pages, docs)
    write_files(produced, docs)
    (out / "mkdocs.yml").write_text(config, encoding="utf-8")
    return Summary(out, len(prepared.pages), hand_written, len(produced))
