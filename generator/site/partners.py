"""For partners and maintainers: embeddable lists, the embedding guide, printable
territory booklets and the quality report files.

The booklet and the guide are ordinary generated pages (PageRenderer calls the
functions below from `all_pages`); the embeds and the report are standalone files,
registered as producers, because they must not carry the theme: an embed goes inside
another site's <iframe>, the report is for maintainers only.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig

from .. import urls
from ..catalog import Catalog
from ..model import Dispositif
from ..report import KINDS, build_report
from ..report_render import render_json, summary_line
from ..search.index import hashed_name
from ..vocab import category_of
from .production import register_foreground_producer, register_producer

if TYPE_CHECKING:
    from .pages import GeneratedPage, PageRenderer

SCRIPTS = Path(__file__).parent / "js"
EMBED_HEIGHT = 600
# Everything the embed's links may need from the embedding page: nothing but top-level
# navigation when a reader clicks (links open the scheme page in the whole window).
EMBED_SANDBOX = "allow-scripts allow-top-navigation-by-user-activation"


@dataclass(frozen=True)
class Option:
    value: str
    label: str


# ---------------------------------------------------------------------------- helpers


def active_schemes(catalog: Catalog, tid: str) -> list[Dispositif]:
    """Schemes still mobilisable in a territory (what embeds and booklets show)."""
    return [
        catalog.dispositifs[d]
        for d in catalog.territory_schemes.get(tid, [])
        if catalog.dispositifs[d].is_open
    ]


def theme_tokens(catalog: Catalog, scheme: Dispositif) -> str:
    """Values `?thematique=` may match: each theme and its category."""
    tokens = set(scheme.thematiques)
    tokens |= {category_of(catalog.vocab, t) for t in scheme.thematiques}
    return " ".join(sorted(tokens))


def _filter_options(
    catalog: Catalog, schemes: list[Dispositif]
) -> tuple[list[Option], list[Option]]:
    vocab = catalog.vocab
    categories = {category_of(vocab, t) for d in schemes for t in d.thematiques}
    publics = {p for d in schemes for p in d.publics}
    themes = sorted(
        (Option(c, vocab.label("categories_thematiques", c)) for c in categories),
        key=lambda o: _collate(o.label),
    )
    audiences = sorted(
        (Option(p, vocab.label("publics", p)) for p in publics), key=lambda o: _collate(o.label)
    )
    return themes, audiences


def _collate(text: str) -> str:
    from .pages import _collate as collate

    return collate(text)


def _sorted_territories(catalog: Catalog) -> list[tuple[str, str]]:
    return sorted(
        ((tid, t.nom) for tid, t in catalog.territoires.items()), key=lambda i: _collate(i[1])
    )


def embed_title(name: str) -> str:
    return f"Dispositifs emploi, formation et orientation : {name}"


def iframe_snippet(site_url: str, tid: str, name: str, query: str = "") -> str:
    """The code partners paste; the JavaScript of the guide builds the same string."""
    from markupsafe import escape

    src = urls.absolute(site_url, urls.embed_url(tid)) + query
    return (
        f'<iframe src="{escape(src)}" title="{escape(embed_title(name))}" '
        f'height="{EMBED_HEIGHT}" style="width:100%;border:1px solid #ccc" loading="lazy" '
        f'sandbox="{EMBED_SANDBOX}"></iframe>'
    )


# ---------------------------------------------------------------------------- pages


def booklet_block(renderer: PageRenderer, scheme: Dispositif, tid: str) -> Markup:
    """A scheme's booklet block, shared by every booklet it appears in.

    All booklets sit at the same depth, so their links are identical; only a contact
    for the territory makes a block territory-specific. Rendering each block once keeps
    the booklets cheap when a regional scheme appears in every territory.
    """
    local = tid if tid in scheme.contacts.territoires else None
    key = (scheme.id, local)
    cache = renderer.fragments
    if key not in cache:
        cache[key] = renderer._render(
            "_livret_fiche.html.j2",
            urls.territory_booklet_url(tid),
            d=scheme,
            t=renderer.catalog.territoires[tid],
            site_url=renderer.site_url,
        )
    return Markup(cache[key])


def booklet_page(renderer: PageRenderer, tid: str) -> GeneratedPage:
    from .pages import GeneratedPage

    catalog = renderer.catalog
    territoire = catalog.territoires[tid]
    here = urls.territory_booklet_url(tid)
    schemes = active_schemes(catalog, tid)
    html = renderer._deferred(
        "livret.html.j2",
        here,
        fiche=partial(booklet_block, renderer, tid=tid),
        t=territoire,
        schemes=schemes,
        groups=renderer.group_by_theme(schemes),
        data_date=catalog.latest_date(),
        site_url=renderer.site_url,
    )
    return GeneratedPage(
        here,
        f"Livret : {territoire.nom}",
        html,
        description=f"Tous les dispositifs actifs du territoire {territoire.nom}, sur une "
        "seule page à imprimer.",
        meta={"hide": ["navigation", "toc"]},
    )


def embed_guide_page(renderer: PageRenderer) -> GeneratedPage:
    from .pages import GeneratedPage

    catalog = renderer.catalog
    here = urls.EMBED_INDEX_URL
    open_schemes = [d for d in catalog.dispositifs.values() if d.is_open]
    themes, audiences = _filter_options(catalog, open_schemes)
    territories = _sorted_territories(catalog)
    site_url = renderer.site_url or ""
    first = territories[0] if territories else None
    html = renderer._deferred(
        "integrer.html.j2",
        here,
        territories=territories,
        themes=themes,
        audiences=audiences,
        site_url=site_url,
        first=first,
        snippet=iframe_snippet(site_url, first[0], first[1]) if first else "",
        embed_height=EMBED_HEIGHT,
        sandbox=EMBED_SANDBOX,
        embed_title=embed_title,
        assets=renderer.assets,
    )
    return GeneratedPage(
        here,
        "Intégrer sur votre site",
        html,
        description="Afficher sur votre site la liste à jour des dispositifs d'un territoire, "
        "sans cookie, sans traceur et sans code tiers.",
    )


def embed_html(renderer: PageRenderer, tid: str) -> str:
    catalog = renderer.catalog
    territoire = catalog.territoires[tid]
    schemes = active_schemes(catalog, tid)
    themes, audiences = _filter_options(catalog, schemes)
    labels = {
        "thematique": {o.value: o.label for o in themes},
        "public": {o.value: o.label for o in audiences},
    }
    return renderer._render(
        "integrer_cadre.html.j2",
        urls.embed_url(tid),
        t=territoire,
        schemes=schemes,
        groups=renderer.group_by_theme(schemes),
        theme_tokens=lambda d: theme_tokens(catalog, d),
        labels=labels,
        data_date=catalog.latest_date(),
        title=embed_title(territoire.nom),
    )


# ---------------------------------------------------------------------------- producers


@register_foreground_producer
def embed_guide_script(
    catalog: Catalog, renderer: PageRenderer, config: MkDocsConfig
) -> dict[str, str | bytes]:
    # Before pages: the embed guide page links to the script's hashed name.
    script = (SCRIPTS / "integrer.js").read_bytes()
    path = f"{urls.EMBED_SCRIPT_FOLDER}/{hashed_name('integrer', script, '.js')}"
    renderer.assets["integrer"] = path
    return {path: script}


@register_producer
def embed_files(
    catalog: Catalog, renderer: PageRenderer, config: MkDocsConfig
) -> dict[str, str | bytes]:
    return {urls.embed_file(tid): embed_html(renderer, tid) for tid in catalog.territoires}


@register_producer
def quality_report_files(
    catalog: Catalog, renderer: PageRenderer, config: MkDocsConfig
) -> dict[str, str | bytes]:
    # The data's own latest date, not the clock: the same data gives the same files.
    report = build_report(catalog, catalog.latest_date(), data_relative=True)
    html = renderer._render(
        "rapport.html.j2",
        urls.REPORT_URL,
        report=report,
        kinds=KINDS,
        summary=summary_line(report),
    )
    return {urls.REPORT_FILE: html, urls.REPORT_JSON_FILE: render_json(report)}
