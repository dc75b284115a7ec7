"""For partners: the embeddable list of each territory and the guide that composes its code.

An embed (`integrer/<territoire>/`) is a standalone page, without the theme, since it
goes inside another site's <iframe>; the guide (`integrer/`) is an ordinary page whose
script (`js/integrer.js`) composes the code to paste.
"""

from __future__ import annotations

from pathlib import Path

from markupsafe import escape

from ...rules import urls
from .catalog_view import active_schemes
from .context import EMBED_GUIDE_ASSETS, EmbedContext, EmbedGuideContext
from .page import GeneratedPage
from .renderer import Renderer

GUIDE_SCRIPT = Path(__file__).parent / "js" / "integrer.js"
EMBED_HEIGHT = 600
# Everything the embed's links may need from the embedding page: nothing but top-level
# navigation when a reader clicks (links open the scheme page in the whole window).
EMBED_SANDBOX = "allow-scripts allow-top-navigation-by-user-activation"


def embed_title(name: str) -> str:
    return f"Dispositifs emploi, formation et orientation : {name}"


def iframe_snippet(site_url: str | None, tid: str, name: str, query: str = "") -> str:
    """The code partners paste; the JavaScript of the guide builds the same string."""
    src = urls.absolute_url(site_url, urls.embed_url(tid)) + query
    return (
        f'<iframe src="{escape(src)}" title="{escape(embed_title(name))}" '
        f'height="{EMBED_HEIGHT}" style="width:100%;border:1px solid #ccc" loading="lazy" '
        f'sandbox="{EMBED_SANDBOX}"></iframe>'
    )


def guide_script() -> tuple[str, bytes]:
    """The guide's script, and the path (with its content hash) it is published at."""
    script = GUIDE_SCRIPT.read_bytes()
    return urls.hashed_path(urls.EMBED_SCRIPT_FOLDER, "integrer", script, ".js"), script


def embed_guide_page(renderer: Renderer) -> GeneratedPage:
    catalog = renderer.catalog
    here = urls.EMBED_INDEX_URL
    assets = renderer.require(EMBED_GUIDE_ASSETS, "page « Intégrer sur votre site »")
    open_schemes = [d for d in catalog.dispositifs.values() if d.is_open]
    themes, audiences = renderer.site.filter_options(open_schemes)
    territories = renderer.site.sorted_territories()
    first = territories[0] if territories else None
    context = EmbedGuideContext(
        territories=territories,
        themes=themes,
        audiences=audiences,
        site_url=renderer.site_url or "",
        first=first,
        snippet=iframe_snippet(renderer.site_url, first[0], first[1]) if first else "",
        embed_height=EMBED_HEIGHT,
        sandbox=EMBED_SANDBOX,
        embed_title=embed_title,
        assets=assets,
    )
    return GeneratedPage(
        here,
        "Intégrer sur votre site",
        renderer.deferred("integrer.html.j2", here, context),
        description="Afficher sur votre site la liste à jour des dispositifs d'un territoire, "
        "sans cookie, sans traceur et sans code tiers.",
    )


def embed_html(renderer: Renderer, tid: str) -> str:
    """The standalone page of a territory's embed."""
    catalog = renderer.catalog
    territoire = catalog.territoires[tid]
    schemes = active_schemes(catalog, tid)
    themes, audiences = renderer.site.filter_options(schemes)
    context = EmbedContext(
        t=territoire,
        schemes=schemes,
        groups=renderer.site.group_by_theme(schemes),
        labels={
            "thematique": {o.value: o.label for o in themes},
            "public": {o.value: o.label for o in audiences},
        },
        data_date=catalog.latest_date(),
        title=embed_title(territoire.nom),
    )
    return renderer.render("integrer_cadre.html.j2", urls.embed_url(tid), context)


def embed_files(renderer: Renderer) -> dict[str, str]:
    """{file: page} of every territory's embed."""
    return {urls.embed_file(tid): embed_html(renderer, tid) for tid in renderer.catalog.territoires}
