"""MkDocs plugin: validated data in, generated pages and files out. Events only.

Registered as `offre` (entry point in pyproject.toml) and enabled in mkdocs.yml, so
`mkdocs build --strict` and `mkdocs serve` are the commands people already know.

Stages, in MkDocs' own event order:
- on_config: refuse an output that would destroy the data or the project, take the
  output's lock (one build at a time per output), read and validate every data file;
  invalid data stops the build here, with the validator's messages, before anything is
  written or cleaned;
- on_files: make what pages link to, start the other outputs in the background — the
  search index first, whose name the search page waits for — then list the generated
  pages (`outputs.py` lists them all, in order), refusing two outputs at one path;
- on_page_context: render each generated page when MkDocs reaches it;
- on_post_build: wait for the background outputs, then move the finished site into
  place (a failed build never touches the previous site).
"""

from __future__ import annotations

import logging
import os
from datetime import UTC, datetime, time
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler

from ..catalog.catalog import Catalog
from ..catalog.load import load_catalog
from ..data.processes import in_forked_process
from ..outputs.pages.correction import correction_problem
from ..outputs.pages.home import render_home_blocks
from ..outputs.pages.page import GeneratedPage
from ..outputs.pages.renderer import Renderer, RenderError
from ..rules import urls
from ..rules.site_url import placeholder_warning, public_url
from . import outputs, writer
from .background import Background, ProductionError
from .collector import BuildCollector
from .csp import with_csp
from .guard import UnsafeOutput, check_output
from .head import hoist_head_tags
from .lock import LockTimeout, OutputLock
from .mkdocs_files import generated_file, table_of_contents
from .theme_fixes import fix_theme_html
from .theme_nav import with_parent_theme

log = logging.getLogger("mkdocs.plugins.offre")

THEME_DIR = Path(__file__).parent / "theme"


class OffreConfig(base.Config):
    data_dir = c.Type(str, default="offer_data")
    """Data folder, relative to mkdocs.yml."""
    atomic = c.Type(bool, default=True)
    """Build into a sibling folder and swap it in only when the build succeeded."""
    correction = c.Optional(c.Type(str))
    """Target of "Proposer une correction" (`mailto:` or form URL, `{id}`, `{url}`)."""
    lock_timeout = c.Type((int, float), default=600)
    """Seconds a build waits for another build into the same output folder to end."""


class OffrePlugin(BasePlugin[OffreConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.command = "build"
        self.data_dir: Path | None = None
        self.catalog: Catalog | None = None
        self.renderer: Renderer | None = None
        self.pages: dict[str, GeneratedPage] = {}
        self.claims = writer.Claims()
        self.background: Background[outputs.Sources] | None = None
        self.final_site_dir: Path | None = None
        self.staging_dir: Path | None = None
        self.lock: OutputLock | None = None
        self.collector = BuildCollector()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command

    @property
    def _building(self) -> bool:
        """A build that writes a site, not `mkdocs serve`."""
        return self.command in ("build", "gh-deploy")

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.data_dir = self._data_dir(config)
        if self._building:
            self._check_output(config)
        if self.config.atomic and self._building:
            self._lock(Path(config.site_dir).resolve())
        try:
            return self._configure(config, atomic=self.config.atomic and self._building)
        except BaseException:
            self._release()
            raise

    def _check_output(self, config: MkDocsConfig) -> None:
        assert self.data_dir is not None
        project = Path(config.config_file_path).parent if config.config_file_path else Path()
        try:
            check_output(
                Path(config.site_dir),
                data_dir=self.data_dir,
                docs_dir=Path(config.docs_dir),
                project_dir=project,
            )
        except UnsafeOutput as exc:
            raise PluginError(str(exc)) from None

    def _lock(self, output: Path) -> None:
        self.lock = OutputLock(output)
        try:
            self.lock.acquire(float(self.config.lock_timeout), log.info)
        except LockTimeout as exc:
            self.lock = None
            raise PluginError(str(exc)) from None

    def _release(self) -> None:
        """The end of a build, however it ends: the output's lock released, the garbage
        collector back to normal."""
        self.collector.restore()
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    def _configure(self, config: MkDocsConfig, *, atomic: bool) -> MkDocsConfig:
        assert self.data_dir is not None
        # A build reads in a forked process: the catalogue comes back compact, and the
        # memory that reading 10,000 files leaves full of holes goes with the process
        # (data.processes). `mkdocs serve` reads here: its server threads run meanwhile.
        if self._building:
            catalog, report = in_forked_process(load_catalog, self.data_dir)
        else:
            catalog, report = load_catalog(self.data_dir)
        for issue in report.warnings:
            log.info("avertissement sur les données : %s", issue.format())
        if catalog is None:
            raise PluginError(
                f"Les données de {self.data_dir} contiennent des erreurs ; rien n'a été "
                f"construit.\n{report.render()}"
            )
        self.catalog = catalog
        self.collector.settle()
        problem = correction_problem(self.config.correction)
        if problem:
            raise PluginError(f"mkdocs.yml, greffon offre, option « correction » : {problem}")
        # After the operator's own `theme.custom_dir` (MkDocs puts it first), so that a
        # footer or header there overrides ours, as it would override Material's.
        custom = config.theme.custom_dir
        config.theme.dirs.insert(1 if custom else 0, str(THEME_DIR))
        if self._building:
            warning = placeholder_warning(config.site_url)
            if warning:
                log.info(warning)
        # Dates in the output (sitemap) come from the data, never from the clock, so two
        # builds of the same data are byte-identical.
        if "SOURCE_DATE_EPOCH" not in os.environ:
            moment = datetime.combine(catalog.latest_date(), time(0, 0), tzinfo=UTC)
            os.environ["SOURCE_DATE_EPOCH"] = str(int(moment.timestamp()))
        if atomic:
            self.final_site_dir = Path(config.site_dir).resolve()
            self.staging_dir = writer.staging_dir(self.final_site_dir)
            config.site_dir = str(self.staging_dir)
        return config

    def on_env(
        self, env: jinja2.Environment, config: MkDocsConfig, files: Files
    ) -> jinja2.Environment:
        # The theme's own templates (header, footer, 404) build addresses with urls too.
        env.globals["urls"] = urls
        with_parent_theme(env, config.theme.dirs, str(THEME_DIR))
        return env

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.catalog is not None
        site_dir = Path(config.site_dir)
        self.claims = writer.Claims()
        try:
            for file in files:
                self.claims.claim(file.dest_uri, f"docs/{file.src_uri}")
            prepared = outputs.prepare(
                self.catalog, public_url(config.site_url), correction=self.config.correction
            )
            self.renderer = prepared.renderer
            # Written straight into the (already cleaned) output folder: keeping tens of
            # megabytes in memory for the whole build is what made large builds heavy.
            for path in prepared.files:
                self.claims.claim(path, f"fichier produit {path}")
            writer.write_files(prepared.files, site_dir)
            prepared.files = {}
            self.background = outputs.start_beside_pages(prepared, site_dir)
            self.pages = {}
            for page in prepared.pages:
                file = generated_file(config, page)
                self.claims.claim(file.dest_uri, f"page générée {page.url}")
                self.pages[file.src_uri] = page
                files.append(file)
        except (RenderError, ProductionError, writer.OutputClash) as exc:
            raise PluginError(str(exc)) from None
        return files

    def on_page_markdown(
        self, markdown: str, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        if self.renderer is None or page.file.src_uri in self.pages:
            return markdown
        try:
            return render_home_blocks(markdown, page.url, self.renderer)
        except RenderError as exc:
            raise PluginError(str(exc)) from None

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        # MkDocs reads every page before writing any: a generated page is rendered later,
        # in on_page_context, so only one of them is in memory at a time.
        return "" if page.file.src_uri in self.pages else html

    def on_page_context(self, context: Any, page: Page, config: MkDocsConfig, nav: Any) -> Any:
        generated = self.pages.get(page.file.src_uri)
        if generated is not None:
            try:
                # A page linking to a file made in the background (the search page to
                # the index) waits here for its name.
                page.content = generated.render()
            except ProductionError as exc:
                raise PluginError(str(exc)) from None
            page.toc = table_of_contents(page.content, generated.skip_to)
        return context

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        if page.file.src_uri in self.pages:
            # Written out: nothing reads a generated page's content again, and keeping
            # 10,000 of them would double the build's memory.
            page.content = None
        return with_csp(hoist_head_tags(fix_theme_html(output)))

    def on_post_template(
        self, output_content: str, template_name: str, config: MkDocsConfig
    ) -> str:
        # Theme pages that are not documents (404.html); sitemap.xml is not HTML.
        return with_csp(output_content) if template_name.endswith(".html") else output_content

    def on_post_build(self, config: MkDocsConfig) -> None:
        if self.background is not None:
            background, self.background = self.background, None
            try:
                # Checked now that they are known: the pages written meanwhile may not
                # share a path with them (and the staged site is dropped if they do).
                for path in background.finish():
                    self.claims.claim(path, f"fichier produit {path}")
            except (ProductionError, writer.OutputClash) as exc:
                raise PluginError(str(exc)) from None
        if config.strict and _strict_warnings():
            return  # MkDocs aborts right after this event; on_build_error cleans up
        if self.staging_dir is not None and self.final_site_dir is not None:
            writer.swap(self.staging_dir, self.final_site_dir)
            config.site_dir = str(self.final_site_dir)
            self.staging_dir = None
        self._release()

    def on_build_error(self, error: Exception) -> None:
        if self.background is not None:
            self.background.cancel()
            self.background = None
        if self.staging_dir is not None:
            writer.discard(self.staging_dir)
            if self.final_site_dir is not None:
                log.error(
                    "Construction échouée : le site précédent (%s) n'a pas été modifié.",
                    self.final_site_dir,
                )
            self.staging_dir = None
        self._release()

    def on_shutdown(self) -> None:
        self._release()

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        if self.data_dir is not None:
            server.watch(str(self.data_dir))
        return server

    def _data_dir(self, config: MkDocsConfig) -> Path:
        path = Path(self.config.data_dir)
        if not path.is_absolute() and config.config_file_path:
            path = Path(config.config_file_path).parent / path
        return path


def _strict_warnings() -> bool:
    """Whether MkDocs counted warnings that will make it abort in strict mode."""
    for handler in logging.getLogger("mkdocs").handlers:
        if isinstance(handler, CountHandler) and handler.get_counts():
            return True
    return False
