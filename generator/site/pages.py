"""Catalog → generated pages (HTML bodies with their title, table of contents, metadata).

No I/O here: the MkDocs plugin decides where pages go. Pages are rendered straight to
HTML with our own Jinja templates (autoescaped, strict), so MkDocs only wraps them in the
theme; editor Markdown goes through `richtext`, the one place that turns text into
markup.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from .. import dates, urls
from ..catalog import Catalog
from ..model import Dispositif
from ..vocab import category_of
from .richtext import render_inline, render_markdown

TEMPLATES = Path(__file__).parent / "templates"

STATUS_LABELS = {
    "actif": "Actif",
    "suspendu": "Suspendu",
    "termine": "Terminé",
    "remplace": "Remplacé",
}
LEVEL_LABELS = {
    "national": "National",
    "regional": "Régional",
    "departemental": "Départemental",
    "local": "Local",
}
MOBILISABLE_LABELS = {"usagers": "la personne elle-même", "professionnels": "un professionnel"}
SITE_SECTIONS = [
    ("", "Accueil"),
    ("recherche/", "Rechercher un dispositif"),
    ("territoires/", "Territoires"),
    ("thematiques/", "Thématiques"),
    ("publics/", "Publics"),
    ("porteurs/", "Porteurs"),
    ("dispositifs/", "Tous les dispositifs de A à Z"),
    ("donnees/", "Données ouvertes"),
    ("integrer/", "Intégrer sur votre site"),
    ("a-propos/", "À propos"),
    ("accessibilite/", "Déclaration d'accessibilité"),
    ("mentions-legales/", "Mentions légales et licences"),
]
_H2 = re.compile(r'<h2 id="([^"]+)">(.*?)</h2>', re.S)
_TAGS = re.compile(r"<[^>]+>")


@dataclass
class GeneratedPage:
    """One page the plugin adds to the site.

    `html` is usually a deferred render: pages are listed when MkDocs collects files but
    rendered only when MkDocs reads them, so no second copy of every page is kept.
    """

    url: str
    title: str
    html: str | Callable[[], str]
    description: str = ""
    meta: dict[str, Any] = field(default_factory=dict)

    def render(self) -> str:
        return self.html() if callable(self.html) else self.html


def toc_of(html: str) -> list[tuple[str, str]]:
    """(anchor, title) of each section of a rendered page, for the table of contents."""
    return [(m.group(1), _TAGS.sub("", m.group(2)).strip()) for m in _H2.finditer(html)]


LINKED_SECTIONS = (urls.SECTIONS["dispositif"], urls.SECTIONS["porteur"])


class Linker:
    """`link(url)` in templates: a link relative to the page being rendered."""

    def __init__(self, here: str) -> None:
        self.here = here
        parts = [part for part in here.split("/") if part] if here.endswith("/") else []
        self.section = parts[0] if parts else None
        self._up = "../" * len(parts)
        # Links from two pages with the same key are identical: a cache key for fragments.
        self.key = (self.section, len(parts)) if parts else (here, -1)

    def __call__(self, to_url: str) -> str:
        # Fast path, same result as urls.relative: a target in another section is
        # "up to the root, then down" (hundreds of thousands of links at 10,000 schemes).
        if self.section and to_url and to_url.split("/", 1)[0] != self.section:
            return self._up + to_url
        return urls.relative(self.here, to_url)


@dataclass
class Group:
    id: str
    label: str
    schemes: list[Dispositif]


@dataclass
class IndexEntry:
    url: str
    label: str
    count: int | None = None
    note: str = ""


@dataclass
class IndexGroup:
    id: str
    label: str
    entries: list[IndexEntry]


class SiteHelpers:
    """Labels and lookups the templates need, computed from the catalog."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self._items: dict[tuple[str, bool, tuple[str | None, int]], Markup] = {}
        # Theme pages have a section per theme of their open schemes only.
        self._open_themes = {
            t for d in catalog.dispositifs.values() if d.is_open for t in d.thematiques
        }

    def scheme_item(self, scheme: Dispositif, link: Linker, show_scope: bool = True) -> Markup:
        """A scheme in a list (territory, theme, public, provider pages).

        Built here rather than by a template macro, and once per scheme and kind of page:
        a regional scheme appears in every territory, theme and public list.
        """
        # An item links to a scheme page and a provider page: on pages of those two
        # sections the links depend on the page itself, elsewhere only on its depth.
        page_key = link.key if link.section not in LINKED_SECTIONS else (link.here, 0)
        key = (scheme.id, show_scope, page_key)
        cached = self._items.get(key)
        if cached is None:
            title = scheme.titre
            if scheme.sigle and scheme.sigle not in scheme.titre:
                title = f"{title} ({scheme.sigle})"
            badges = [self.provider_badge(scheme.porteur, link)]
            if show_scope and not scheme.everywhere:
                badges.append(Markup('<span class="offre-badge offre-badge--local">Local</span>'))
            if scheme.statut != "actif":
                badges.append(
                    Markup('<span class="offre-badge offre-badge--statut-{}">{}</span>').format(
                        scheme.statut, STATUS_LABELS[scheme.statut]
                    )
                )
            cached = Markup(
                '<li class="offre-item" data-dispositif="{id}">'
                '<a class="offre-item__titre" href="{href}">{title}</a> '
                '<span class="offre-item__badges">{badges}</span> '
                '<span class="offre-item__resume">{resume}</span></li>'
            ).format(
                id=scheme.id,
                href=link(urls.page_url("dispositif", scheme.id)),
                title=title,
                badges=Markup(" ").join(badges),
                resume=scheme.resume,
            )
            self._items[key] = cached
        return cached

    def provider_badge(self, pid: str, link: Linker) -> Markup:
        return Markup('<a class="offre-badge offre-badge--porteur" href="{}">{}</a>').format(
            link(urls.page_url("porteur", pid)), self.provider_name(pid)
        )

    def label(self, kind: str, value: str) -> str:
        return self.catalog.vocab.label(kind, value)

    def status_label(self, statut: str) -> str:
        return STATUS_LABELS[statut]

    def level_label(self, niveau: str) -> str:
        return LEVEL_LABELS[niveau]

    def mobilisable_label(self, value: str) -> str:
        return MOBILISABLE_LABELS.get(value, self.label("mobilisable_par", value))

    def provider_name(self, pid: str) -> str:
        porteur = self.catalog.porteurs.get(pid)
        return porteur.sigle or porteur.nom if porteur else pid

    def scheme_title(self, did: str) -> str:
        scheme = self.catalog.dispositifs.get(did)
        return scheme.titre if scheme else did

    def territory_name(self, tid: str) -> str:
        territoire = self.catalog.territoires.get(tid)
        return territoire.nom if territoire else tid

    def theme_url(self, theme: str) -> str:
        page = urls.page_url("thematique", category_of(self.catalog.vocab, theme))
        return page + f"#{theme}" if theme in self._open_themes else page

    def dates_text(self, d: Dispositif) -> str:
        if d.date_debut and d.date_fin:
            return dates.period_fr(d.date_debut, d.date_fin)
        if d.date_debut:
            return dates.since_fr(d.date_debut)
        if d.date_fin:
            return dates.until_fr(d.date_fin)
        return "non précisées par les sources"

    def perimeter_html(self, d: Dispositif, link: Linker) -> Markup:
        parts: list[Markup] = []
        for code in d.territoires:
            parts.append(self._perimeter_item(code, link))
        tids = self.catalog.scheme_territories.get(d.id, [])
        names = Markup(", ").join(
            Markup('<a href="{}">{}</a>').format(
                link(urls.page_url("territoire", tid)), self.territory_name(tid)
            )
            for tid in tids
        )
        return Markup("{} — territoire{} : {}").format(
            Markup(" ; ").join(parts), "s" if len(tids) > 1 else "", names
        )

    def _perimeter_item(self, code: str, link: Linker) -> Markup:
        geo = self.catalog.geo
        if code in self.catalog.territoires:
            return Markup("territoire {}").format(self.territory_name(code))
        epci = geo.epci(code)
        if epci is not None:
            return Markup("{}").format(epci.nom)
        commune = geo.commune(code)
        if commune is not None:
            return Markup("commune de {}").format(commune.nom)
        departement = geo.departement(code)
        if departement is not None:
            return Markup("département {} ({})").format(departement.nom, departement.code)
        return Markup("{}").format(code)


def _display_url(url: str) -> str:
    return re.sub(r"^https?://(www\.)?", "", url).rstrip("/")


def _thousands(value: int) -> str:
    return f"{value:,}".replace(",", "\u202f")


def make_environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = lambda text: Markup(render_markdown(text))
    env.filters["inline_md"] = lambda text: Markup(render_inline(text))
    env.filters["date_fr"] = lambda value: dates.format_fr(value)
    env.filters["on_date_fr"] = dates.on_fr
    env.filters["display_url"] = _display_url
    env.filters["thousands"] = _thousands
    env.globals["urls"] = urls
    return env


def sort_schemes(schemes: Iterable[Dispositif]) -> list[Dispositif]:
    return sorted(schemes, key=lambda d: (_collate(d.titre), d.id))


def _collate(text: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


class PageRenderer:
    """Renders every generated page of a catalog."""

    def __init__(self, catalog: Catalog, site_url: str | None = None) -> None:
        self.catalog = catalog
        self.site = SiteHelpers(catalog)
        self.env = make_environment()
        self.site_url = site_url.rstrip("/") + "/" if site_url else None
        self._templates: dict[str, jinja2.Template] = {}
        # Site-relative URLs of produced files (search index, scripts…), by name.
        self.assets: dict[str, str] = {}
        # Rendered fragments shared by several pages (booklet blocks), by key.
        self.fragments: dict[tuple[str, str | None], str] = {}

    def _deferred(self, template: str, here: str, **context: Any) -> Callable[[], str]:
        return partial(self._render, template, here, **context)

    def _render(self, template: str, here: str, **context: Any) -> str:
        if template not in self._templates:
            self._templates[template] = self.env.get_template(template)
        canonical = f"{self.site_url}{here}" if self.site_url else None
        return self._templates[template].render(
            site=self.site, link=Linker(here), canonical=canonical, **context
        )

    # ------------------------------------------------------------------ all pages

    def all_pages(self) -> list[GeneratedPage]:
        pages: list[GeneratedPage] = []
        pages += [self.scheme_page(d) for d in self.catalog.dispositifs.values()]
        pages += [self.territory_page(tid) for tid in self.catalog.territoires]
        pages += [self.provider_page(pid) for pid in self.catalog.porteurs]
        pages += self.theme_pages()
        pages += self.public_pages()
        pages += self.index_pages()
        from .partners import booklet_page, embed_guide_page  # imports this module

        pages += [booklet_page(self, tid) for tid in self.catalog.territoires]
        pages.append(embed_guide_page(self))
        if "index" in self.assets:
            pages.append(self.search_page())
        pages.append(self.site_map_page(SITE_SECTIONS))
        return pages

    def search_page(self) -> GeneratedPage:
        here = urls.SEARCH_URL
        html = self._deferred("recherche.html.j2", here, assets=self.assets)
        return GeneratedPage(
            here,
            "Rechercher un dispositif",
            html,
            description="Recherche par mots-clés, territoire, public, thématique et porteur.",
            meta={"hide": ["navigation", "toc"]},
        )

    # ------------------------------------------------------------------ schemes

    def scheme_page(self, d: Dispositif) -> GeneratedPage:
        here = urls.page_url("dispositif", d.id)
        replaced = [self.catalog.dispositifs[x] for x in self.catalog.replaced_by_me.get(d.id, [])]
        html = self._deferred("dispositif.html.j2", here, d=d, replaced_schemes=replaced)
        return GeneratedPage(
            here,
            d.titre,
            html,
            description=d.resume,
            meta={"date_maj": (d.modifie_le or d.consulte_le).isoformat()},
        )

    # ------------------------------------------------------------------ territories

    def territory_page(self, tid: str) -> GeneratedPage:
        catalog = self.catalog
        territoire = catalog.territoires[tid]
        here = urls.page_url("territoire", tid)
        schemes = [catalog.dispositifs[d] for d in catalog.territory_schemes.get(tid, [])]
        open_schemes = [d for d in schemes if d.is_open]
        closed = sort_schemes(d for d in schemes if not d.is_open)
        epcis = []
        for siren in territoire.epci:
            epci = catalog.geo.epci(siren)
            if epci is None:
                continue
            epcis.append(
                {
                    "siren": siren,
                    "nom": epci.nom,
                    "communes_region": len(catalog.geo.communes_of_epci(siren)),
                    "hors_region": len(epci.hors_region),
                }
            )
        communes = catalog.territory_communes.get(tid, [])
        hors_epci = [c for c in communes if c.epci is None]
        html = self._deferred(
            "territoire.html.j2",
            here,
            t=territoire,
            schemes=open_schemes,
            local_count=sum(1 for d in open_schemes if not d.everywhere),
            groups=self.group_by_theme(open_schemes),
            closed=closed,
            epcis=sorted(epcis, key=lambda e: _collate(str(e["nom"]))),
            hors_epci=hors_epci,
            communes=sorted(communes, key=lambda c: _collate(c.nom)),
            communes_count=len(communes),
            population=sum(c.population for c in communes),
        )
        provisional = " (périmètre provisoire)" if territoire.statut == "provisoire" else ""
        return GeneratedPage(
            here,
            f"Territoire : {territoire.nom}",
            html,
            description=f"Dispositifs emploi, formation et orientation mobilisables sur le "
            f"territoire {territoire.nom}{provisional}.",
        )

    def group_by_theme(self, schemes: Iterable[Dispositif]) -> list[Group]:
        """Schemes grouped by the category of their first theme, categories A–Z."""
        grouped: dict[str, list[Dispositif]] = defaultdict(list)
        for scheme in schemes:
            grouped[self._category(scheme.thematiques[0])].append(scheme)
        groups = [
            Group(cat, self.site.label("categories_thematiques", cat), sort_schemes(items))
            for cat, items in grouped.items()
        ]
        return sorted(groups, key=lambda g: _collate(g.label))

    def _category(self, theme: str) -> str:
        return category_of(self.catalog.vocab, theme)

    # ------------------------------------------------------------------ providers

    def provider_page(self, pid: str) -> GeneratedPage:
        porteur = self.catalog.porteurs[pid]
        here = urls.page_url("porteur", pid)
        schemes = [self.catalog.dispositifs[d] for d in self.catalog.provider_schemes.get(pid, [])]
        html = self._deferred(
            "porteur.html.j2",
            here,
            p=porteur,
            active=sort_schemes(d for d in schemes if d.is_open),
            closed=sort_schemes(d for d in schemes if not d.is_open),
        )
        return GeneratedPage(
            here, porteur.nom, html, description=f"Dispositifs portés par {porteur.nom}."
        )

    # ------------------------------------------------------------------ themes and publics

    def theme_pages(self) -> list[GeneratedPage]:
        by_category: dict[str, dict[str, list[Dispositif]]] = defaultdict(lambda: defaultdict(list))
        closed: dict[str, list[Dispositif]] = defaultdict(list)
        for scheme in self.catalog.dispositifs.values():
            for category in {self._category(t) for t in scheme.thematiques}:
                if not scheme.is_open:
                    closed[category].append(scheme)
            if scheme.is_open:
                for theme in scheme.thematiques:
                    by_category[self._category(theme)][theme].append(scheme)
        pages = []
        for category in sorted(set(by_category) | set(closed)):
            here = urls.page_url("thematique", category)
            label = self.site.label("categories_thematiques", category)
            groups = [
                Group(theme, self.site.label("thematiques", theme), sort_schemes(items))
                for theme, items in by_category[category].items()
            ]
            groups.sort(key=lambda g: _collate(g.label))
            html = self._deferred(
                "liste.html.j2",
                here,
                title=f"Thématique : {label}",
                trail=[("Thématiques", urls.page_url("thematique")), (label, None)],
                intro=None,
                groups=groups,
                closed=sort_schemes(closed[category]),
                search_query=None,
            )
            pages.append(GeneratedPage(here, f"Thématique : {label}", html))
        return pages

    def public_pages(self) -> list[GeneratedPage]:
        by_public: dict[str, list[Dispositif]] = defaultdict(list)
        for scheme in self.catalog.dispositifs.values():
            for public in scheme.publics:
                by_public[public].append(scheme)
        pages = []
        for public, schemes in sorted(by_public.items()):
            here = urls.page_url("public", public)
            label = self.site.label("publics", public)
            open_schemes = [d for d in schemes if d.is_open]
            html = self._deferred(
                "liste.html.j2",
                here,
                title=f"Public : {label}",
                trail=[("Publics", urls.page_url("public")), (label, None)],
                intro=None,
                groups=self.group_by_theme(open_schemes),
                closed=sort_schemes(d for d in schemes if not d.is_open),
                search_query=f"public={public}",
            )
            pages.append(GeneratedPage(here, f"Public : {label}", html))
        return pages

    # ------------------------------------------------------------------ section indexes

    def index_pages(self) -> list[GeneratedPage]:
        catalog = self.catalog
        counts_t = {
            tid: sum(1 for d in ids if catalog.dispositifs[d].is_open)
            for tid, ids in catalog.territory_schemes.items()
        }
        territories = IndexGroup(
            "territoires",
            "",
            [
                IndexEntry(
                    urls.page_url("territoire", tid),
                    t.nom,
                    counts_t.get(tid, 0),
                    "périmètre provisoire" if t.statut == "provisoire" else "",
                )
                for tid, t in sorted(catalog.territoires.items(), key=lambda i: _collate(i[1].nom))
            ],
        )
        providers_by_level: dict[str, list[IndexEntry]] = defaultdict(list)
        for pid, porteur in catalog.porteurs.items():
            providers_by_level[porteur.niveau].append(
                IndexEntry(
                    urls.page_url("porteur", pid),
                    porteur.nom,
                    len(catalog.provider_schemes.get(pid, [])),
                )
            )
        provider_groups = [
            IndexGroup(level, LEVEL_LABELS[level], sorted(entries, key=lambda e: _collate(e.label)))
            for level, entries in sorted(
                providers_by_level.items(), key=lambda i: list(LEVEL_LABELS).index(i[0])
            )
        ]
        theme_entries, public_entries = self._vocab_entries()
        scheme_groups = self._alphabetical_groups()
        return [
            self._index(
                "territoire",
                "Territoires",
                "Choisissez un territoire pour voir les dispositifs mobilisables, le périmètre "
                "et les contacts locaux.",
                [territories],
            ),
            self._index(
                "porteur",
                "Porteurs",
                "Les structures qui portent les dispositifs.",
                provider_groups,
            ),
            self._index(
                "thematique",
                "Thématiques",
                "Les dispositifs par besoin.",
                [IndexGroup("thematiques", "", theme_entries)],
            ),
            self._index(
                "public",
                "Publics",
                "Les dispositifs par public visé.",
                [IndexGroup("publics", "", public_entries)],
            ),
            self._index(
                "dispositif",
                "Tous les dispositifs",
                f"{len(catalog.dispositifs)} fiches, de A à Z (y compris les dispositifs "
                "terminés ou remplacés).",
                scheme_groups,
            ),
        ]

    def _index(self, kind: str, title: str, intro: str, groups: list[IndexGroup]) -> GeneratedPage:
        here = urls.page_url(kind)
        html = self._deferred("index.html.j2", here, title=title, intro=intro, groups=groups)
        return GeneratedPage(here, title, html, description=intro)

    def _vocab_entries(self) -> tuple[list[IndexEntry], list[IndexEntry]]:
        themes: dict[str, int] = defaultdict(int)
        publics: dict[str, int] = defaultdict(int)
        for scheme in self.catalog.dispositifs.values():
            if not scheme.is_open:
                continue
            for category in {self._category(t) for t in scheme.thematiques}:
                themes[category] += 1
            for public in scheme.publics:
                publics[public] += 1
        all_categories = {
            self._category(t) for d in self.catalog.dispositifs.values() for t in d.thematiques
        }
        all_publics = {p for d in self.catalog.dispositifs.values() for p in d.publics}
        theme_entries = [
            IndexEntry(
                urls.page_url("thematique", c),
                self.site.label("categories_thematiques", c),
                themes.get(c, 0),
            )
            for c in all_categories
        ]
        public_entries = [
            IndexEntry(urls.page_url("public", p), self.site.label("publics", p), publics.get(p, 0))
            for p in all_publics
        ]
        key: Callable[[IndexEntry], str] = lambda e: _collate(e.label)  # noqa: E731
        return sorted(theme_entries, key=key), sorted(public_entries, key=key)

    def _alphabetical_groups(self) -> list[IndexGroup]:
        by_letter: dict[str, list[IndexEntry]] = defaultdict(list)
        for scheme in sort_schemes(self.catalog.dispositifs.values()):
            letter = (_collate(scheme.titre)[:1] or "#").upper()
            letter = letter if letter.isalpha() else "#"
            note = STATUS_LABELS[scheme.statut].lower() if not scheme.is_open else ""
            by_letter[letter].append(
                IndexEntry(urls.page_url("dispositif", scheme.id), scheme.titre, None, note)
            )
        return [
            IndexGroup(f"lettre-{k.lower()}" if k != "#" else "autres", k, v)
            for k, v in sorted(by_letter.items())
        ]

    def site_map_page(self, sections: list[tuple[str, str]]) -> GeneratedPage:
        """The "plan du site": every section and every territory, theme, public, provider."""
        here = urls.SITE_MAP_URL
        catalog = self.catalog
        groups = [
            IndexGroup(
                "rubriques", "Rubriques", [IndexEntry(url, label) for url, label in sections]
            ),
            IndexGroup(
                "territoires",
                "Territoires",
                [
                    IndexEntry(urls.page_url("territoire", tid), t.nom)
                    for tid, t in sorted(
                        catalog.territoires.items(), key=lambda i: _collate(i[1].nom)
                    )
                ],
            ),
            IndexGroup(
                "porteurs",
                "Porteurs",
                [
                    IndexEntry(urls.page_url("porteur", pid), p.nom)
                    for pid, p in sorted(catalog.porteurs.items(), key=lambda i: _collate(i[1].nom))
                ],
            ),
        ]
        themes, publics = self._vocab_entries()
        groups.append(
            IndexGroup("thematiques", "Thématiques", [IndexEntry(e.url, e.label) for e in themes])
        )
        groups.append(
            IndexGroup("publics", "Publics", [IndexEntry(e.url, e.label) for e in publics])
        )
        html = self._deferred(
            "index.html.j2", here, title="Plan du site", intro=None, groups=groups
        )
        return GeneratedPage(here, "Plan du site", html, meta={"hide": ["toc"]})
