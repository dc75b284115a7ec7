"""MkDocs plugin: validated data in, generated pages and files out.

Registered as `offre` (entry point in pyproject.toml) and enabled in mkdocs.yml, so
`mkdocs build --strict` and `mkdocs serve` are the commands people already know.

Stages, in MkDocs' own event order:
- on_config: read and validate every data file; invalid data stops the build here,
  with the validator's messages, before anything is written or cleaned;
- on_files: render every page and produced file in memory and register them, refusing
  two outputs at one path;
- on_page_content: give MkDocs our pre-rendered HTML for generated pages;
- on_post_build: move the finished site into place (a failed build never touches the
  previous site).
"""

from __future__ import annotations

import json
import logging
import os
import shutil
from datetime import UTC, datetime, time
from pathlib import Path
from typing import Any

from markupsafe import escape
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import CountHandler

from .. import urls
from ..catalog import Catalog
from ..validate import load_catalog
from .csp import with_csp
from .home import render_home_blocks
from .pages import GeneratedPage, PageRenderer, toc_of
from .production import (
    FOREGROUND,
    Background,
    ProductionError,
    run_producers,
    write_files,
)
from .theme_fixes import fix_theme_html

log = logging.getLogger("mkdocs.plugins.offre")

THEME_DIR = Path(__file__).parent / "theme"
STAGING_SUFFIX = ".construction"
PREVIOUS_SUFFIX = ".precedent"


class OffreConfig(base.Config):
    data_dir = c.Type(str, default="offer_data")
    """Data folder, relative to mkdocs.yml."""
    atomic = c.Type(bool, default=True)
    """Build into a sibling folder and swap it in only when the build succeeded."""


class OffrePlugin(BasePlugin[OffreConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.command = "build"
        self.catalog: Catalog | None = None
        self.pages: dict[str, GeneratedPage] = {}
        self.renderer: PageRenderer | None = None
        self.final_site_dir: Path | None = None
        self.background: Background | None = None
        self.outputs: dict[str, str] = {}
        self.staging_dir: Path | None = None
        self.data_dir: Path | None = None

    # ------------------------------------------------------------------ events

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.data_dir = self._resolve_data_dir(config)
        _load_producers()
        catalog, report = load_catalog(self.data_dir)
        for issue in report.warnings:
            log.info("avertissement sur les données : %s", issue.format())
        if catalog is None:
            raise PluginError(
                f"Les données de {self.data_dir} contiennent des erreurs ; rien n'a été "
                f"construit.\n{report.render()}"
            )
        self.catalog = catalog
        config.theme.dirs.insert(0, str(THEME_DIR))
        # Dates in the output (sitemap) come from the data, never from the clock, so two
        # builds of the same data are byte-identical.
        if "SOURCE_DATE_EPOCH" not in os.environ:
            moment = datetime.combine(catalog.latest_date(), time(0, 0), tzinfo=UTC)
            os.environ["SOURCE_DATE_EPOCH"] = str(int(moment.timestamp()))
        if self.config.atomic and self.command in ("build", "gh-deploy"):
            self._stage(config)
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.catalog is not None
        self.renderer = PageRenderer(self.catalog, config.site_url)
        outputs: dict[str, str] = {f.dest_uri: f"docs/{f.src_uri}" for f in files}
        # First the productions pages depend on (search files: pages link to their hashed
        # names), then the others start on the other core while MkDocs renders pages.
        try:
            produced = run_producers(FOREGROUND, self.catalog, self.renderer, config)
        except ProductionError as exc:
            raise PluginError(str(exc)) from None
        self.pages = {}
        for page in self.renderer.all_pages():
            src_uri = urls.source_uri(page.url)
            file = File.generated(config, src_uri, content=_front_matter(page))
            _claim(outputs, file.dest_uri, f"page générée {page.url}")
            self.pages[src_uri] = page
            files.append(file)
        # Produced files are written straight into the (already cleaned) output folder:
        # keeping tens of megabytes of JSON in memory for the whole build, or copying
        # them a second time, is what made a 10,000-scheme build slow and heavy.
        for path in produced:
            _claim(outputs, path, f"fichier produit {path}")
        write_files(produced, Path(config.site_dir))
        del produced
        self.outputs = outputs
        self.background = Background.start(
            self.catalog, self.renderer, config, Path(config.site_dir)
        )
        return files

    def on_page_markdown(
        self, markdown: str, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        if self.catalog is None or self.renderer is None or page.file.src_uri in self.pages:
            return markdown
        return render_home_blocks(markdown, page.url, self.catalog, self.renderer)

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        # MkDocs reads every page before writing any: a generated page is rendered later,
        # in on_page_context, so only one of them is in memory at a time.
        return "" if page.file.src_uri in self.pages else html

    def on_page_context(self, context: Any, page: Page, config: MkDocsConfig, nav: Any) -> Any:
        generated = self.pages.get(page.file.src_uri)
        if generated is not None:
            rendered = generated.render()
            page.content = rendered
            page.toc = get_toc(
                [
                    {"level": 2, "id": anchor, "name": name, "children": []}
                    for anchor, name in toc_of(rendered)
                ]
            )
        return context

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        if page.file.src_uri in self.pages:
            # Written out: nothing reads a generated page's content again, and keeping
            # 10,000 of them would double the build's memory.
            page.content = None
        return with_csp(fix_theme_html(output))

    def on_post_template(
        self, output_content: str, template_name: str, config: MkDocsConfig
    ) -> str:
        # Theme pages that are not documents (404.html); sitemap.xml is not HTML.
        return with_csp(output_content) if template_name.endswith(".html") else output_content

    def on_post_build(self, config: MkDocsConfig) -> None:
        if self.background is not None:
            background, self.background = self.background, None
            try:
                written = background.finish()
            except ProductionError as exc:
                raise PluginError(str(exc)) from None
            for path in written:
                # Checked now that they are known: the pages written meanwhile may not
                # share a path with them (and the staged site is dropped if they do).
                _claim(self.outputs, path, f"fichier produit {path}")
        if config.strict and _strict_warnings():
            return  # MkDocs aborts right after this event; on_build_error cleans up
        if self.staging_dir is not None and self.final_site_dir is not None:
            _swap(self.staging_dir, self.final_site_dir)
            config.site_dir = str(self.final_site_dir)
            self.staging_dir = None

    def on_build_error(self, error: Exception) -> None:
        if self.background is not None:
            self.background.cancel()
            self.background = None
        if self.staging_dir is not None:
            shutil.rmtree(self.staging_dir, ignore_errors=True)
            if self.final_site_dir is not None:
                log.error(
                    "Construction échouée : le site précédent (%s) n'a pas été modifié.",
                    self.final_site_dir,
                )
            self.staging_dir = None

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        if self.data_dir is not None:
            server.watch(str(self.data_dir))
        return server

    # ------------------------------------------------------------------ helpers

    def _resolve_data_dir(self, config: MkDocsConfig) -> Path:
        path = Path(self.config.data_dir)
        if not path.is_absolute() and config.config_file_path:
            path = Path(config.config_file_path).parent / path
        return path

    def _stage(self, config: MkDocsConfig) -> None:
        final = Path(config.site_dir)
        staging = final.with_name(f".{final.name}{STAGING_SUFFIX}")
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(parents=True)
        self.final_site_dir, self.staging_dir = final, staging
        config.site_dir = str(staging)


def _strict_warnings() -> bool:
    """Whether MkDocs counted warnings that will make it abort in strict mode."""
    for handler in logging.getLogger("mkdocs").handlers:
        if isinstance(handler, CountHandler) and handler.get_counts():
            return True
    return False


def _load_producers() -> None:
    """Import the modules that register producers (search, open data, feeds…)."""
    from . import outputs  # noqa: F401


def _front_matter(page: GeneratedPage) -> str:
    """The page's metadata as MkDocs front matter, every text already HTML-escaped.

    This is the boundary between our data and the theme's templates: Material prints
    `page.meta.title` and `page.meta.description` as they are (in <title> and in an
    attribute), so a value is escaped here, once, and nowhere else.
    """
    meta = {"title": page.title, **page.meta}
    if page.description:
        meta["description"] = page.description
    lines = [
        f"{key}: {json.dumps(_escaped(value), ensure_ascii=False)}" for key, value in meta.items()
    ]
    return "---\n" + "\n".join(lines) + "\n---\n"


def _escaped(value: Any) -> Any:
    if isinstance(value, str):
        return str(escape(value))
    if isinstance(value, list):
        return [_escaped(item) for item in value]
    if isinstance(value, dict):
        return {key: _escaped(item) for key, item in value.items()}
    return value


def _claim(outputs: dict[str, str], dest: str, owner: str) -> None:
    if dest in outputs:
        raise PluginError(
            f"Deux pages revendiquent la même adresse « {dest} » : {outputs[dest]} et {owner}. "
            "Changez l'identifiant de l'une des deux (ou renommez la page de docs/)."
        )
    outputs[dest] = owner


def _swap(staging: Path, final: Path) -> None:
    """Replace `final` by `staging` with two renames, so the site is never half-written."""
    previous = final.with_name(f".{final.name}{PREVIOUS_SUFFIX}")
    shutil.rmtree(previous, ignore_errors=True)
    if final.exists():
        final.rename(previous)
    staging.rename(final)
    shutil.rmtree(previous, ignore_errors=True)
