"""Listing pages: one per theme category and per public, the section indexes, the site map."""

from __future__ import annotations

from collections import defaultdict

from markupsafe import Markup

from ...data.model import Dispositif
from ...rules import display, urls
from .catalog_view import sort_schemes, split_kinds
from .context import Group, IndexContext, IndexEntry, IndexGroup, ListingContext
from .page import GeneratedPage
from .places import places_index_page
from .renderer import Renderer
from .territories_info import territories_explanation

# The site map's first group: every section, in the order of the navigation.
SITE_SECTIONS = [
    (urls.HOME_URL, "Accueil"),
    (urls.SEARCH_URL, "Rechercher un dispositif"),
    (urls.page_url("territoire"), "Territoires"),
    (urls.page_url("thematique"), "Thématiques"),
    (urls.page_url("public"), "Publics"),
    (urls.page_url("porteur"), "Porteurs"),
    (urls.page_url("lieu"), "Lieux d'accueil"),
    (urls.page_url("priorite"), "Priorités Clefop"),
    (urls.page_url("dispositif"), "Tous les dispositifs de A à Z"),
    (urls.OTHER_KINDS_URL, display.OTHER_KINDS_TITLE),
    (urls.DATA_URL, "Données ouvertes"),
    (urls.EMBED_INDEX_URL, "Intégrer sur votre site"),
    (urls.ABOUT_URL, "À propos"),
    (urls.ACCESSIBILITY_URL, "Déclaration d'accessibilité"),
    (urls.LEGAL_URL, "Mentions légales et licences"),
]


def _by_label(entries: list[IndexEntry]) -> list[IndexEntry]:
    return display.sorted_by_name(entries, lambda e: e.label)


# ---------------------------------------------------------------------------- themes, publics


def theme_pages(renderer: Renderer) -> list[GeneratedPage]:
    site = renderer.site
    by_category: dict[str, dict[str, list[Dispositif]]] = defaultdict(lambda: defaultdict(list))
    closed: dict[str, list[Dispositif]] = defaultdict(list)
    others: dict[str, list[Dispositif]] = defaultdict(list)
    for scheme in renderer.catalog.dispositifs.values():
        if not scheme.is_scheme:
            for category in {site.category(t) for t in scheme.thematiques}:
                others[category].append(scheme)
            continue
        for category in {site.category(t) for t in scheme.thematiques}:
            if not scheme.is_open:
                closed[category].append(scheme)
        if scheme.is_open:
            for theme in scheme.thematiques:
                by_category[site.category(theme)][theme].append(scheme)
    pages = []
    for category in sorted(set(by_category) | set(closed) | set(others)):
        here = urls.page_url("thematique", category)
        label = site.label("categories_thematiques", category)
        groups = [
            Group(theme, site.label("thematiques", theme), sort_schemes(items))
            for theme, items in by_category[category].items()
        ]
        context = ListingContext(
            title=f"Thématique : {label}",
            trail=[("Thématiques", urls.page_url("thematique")), (label, None)],
            intro=None,
            groups=display.sorted_by_name(groups, lambda g: g.label),
            closed=sort_schemes(closed[category]),
            search_query=None,
            others=sort_schemes(others[category]),
        )
        html = renderer.deferred("liste.html.j2", here, context)
        pages.append(GeneratedPage(here, f"Thématique : {label}", html))
    return pages


def public_pages(renderer: Renderer) -> list[GeneratedPage]:
    by_public: dict[str, list[Dispositif]] = defaultdict(list)
    for scheme in renderer.catalog.dispositifs.values():
        for public in scheme.publics:
            by_public[public].append(scheme)
    pages = []
    for public, schemes in sorted(by_public.items()):
        here = urls.page_url("public", public)
        label = renderer.site.label("publics", public)
        proper, others = split_kinds(schemes)
        context = ListingContext(
            title=f"Public : {label}",
            trail=[("Publics", urls.page_url("public")), (label, None)],
            intro=None,
            groups=renderer.site.group_by_theme(d for d in proper if d.is_open),
            closed=sort_schemes(d for d in proper if not d.is_open),
            search_query=f"public={public}",
            others=others,
        )
        html = renderer.deferred("liste.html.j2", here, context)
        pages.append(GeneratedPage(here, f"Public : {label}", html))
    return pages


# ---------------------------------------------------------------------------- section indexes


def index_pages(renderer: Renderer) -> list[GeneratedPage]:
    catalog = renderer.catalog
    open_counts = {
        tid: sum(
            1 for d in ids if catalog.dispositifs[d].is_open and catalog.dispositifs[d].is_scheme
        )
        for tid, ids in catalog.territory_schemes.items()
    }
    territories = IndexGroup(
        "territoires",
        "",
        _by_label(
            [
                IndexEntry(
                    urls.page_url("territoire", tid),
                    t.nom,
                    open_counts.get(tid, 0),
                    display.PROVISIONAL_PERIMETER if t.is_provisional else "",
                )
                for tid, t in catalog.territoires.items()
            ]
        ),
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
    levels = list(display.LEVEL_LABELS)
    provider_groups = [
        IndexGroup(level, display.LEVEL_LABELS[level], _by_label(entries))
        for level, entries in sorted(providers_by_level.items(), key=lambda i: levels.index(i[0]))
    ]
    theme_entries, public_entries = _vocab_entries(renderer)
    return [
        _index(
            renderer,
            "territoire",
            "Territoires",
            "Choisissez un territoire pour voir les dispositifs mobilisables, le périmètre "
            "et les contacts locaux.",
            [territories],
            territories_explanation(catalog),
        ),
        _index(
            renderer,
            "porteur",
            "Porteurs",
            "Les structures qui portent les dispositifs.",
            provider_groups,
        ),
        _index(
            renderer,
            "thematique",
            "Thématiques",
            "Les dispositifs par besoin.",
            [IndexGroup("thematiques", "", theme_entries)],
        ),
        _index(
            renderer,
            "public",
            "Publics",
            "Les dispositifs par public visé.",
            [IndexGroup("publics", "", public_entries)],
        ),
        _index(
            renderer,
            "dispositif",
            "Tous les dispositifs",
            f"{len(catalog.dispositifs)} fiches, de A à Z (y compris les dispositifs "
            "terminés ou remplacés, et les instances, plans et services d'information, "
            "signalés comme tels).",
            _alphabetical_groups(renderer),
        ),
        _other_kinds_page(renderer),
        places_index_page(renderer),
    ]


def _other_kinds_page(renderer: Renderer) -> GeneratedPage:
    """Governance bodies, plans and information services: listed apart from the schemes
    an adviser mobilises, one group per kind."""
    here = urls.OTHER_KINDS_URL
    by_kind: dict[str, list[IndexEntry]] = defaultdict(list)
    for scheme in sort_schemes(renderer.catalog.dispositifs.values()):
        if scheme.is_scheme:
            continue
        shown = renderer.catalog.shown_status(scheme)
        by_kind[scheme.nature].append(
            IndexEntry(
                urls.page_url("dispositif", scheme.id),
                display.title_with_acronym(scheme.titre, scheme.sigle),
                None,
                display.status_note(shown),
            )
        )
    kinds = list(display.NATURE_LABELS)
    groups = [
        IndexGroup(nature, display.NATURE_LABELS[nature], entries)
        for nature, entries in sorted(by_kind.items(), key=lambda i: kinds.index(i[0]))
    ]
    intro = (
        "Ce ne sont pas des dispositifs qu'un conseiller mobilise pour une personne : les "
        "instances de gouvernance (comités, conseils), les plans, programmes et contrats "
        "entre partenaires, et les services d'information. Ils éclairent le contexte de "
        "l'offre ; ils sont présentés ici, à part des dispositifs mobilisables."
    )
    context = IndexContext(title=display.OTHER_KINDS_TITLE, intro=intro, groups=groups, note=None)
    html = renderer.deferred("index.html.j2", here, context)
    return GeneratedPage(here, display.OTHER_KINDS_TITLE, html, description=intro)


def _index(
    renderer: Renderer,
    kind: str,
    title: str,
    intro: str,
    groups: list[IndexGroup],
    note: Markup | None = None,
) -> GeneratedPage:
    here = urls.page_url(kind)
    context = IndexContext(title=title, intro=intro, groups=groups, note=note)
    html = renderer.deferred("index.html.j2", here, context)
    return GeneratedPage(here, title, html, description=intro)


def _vocab_entries(renderer: Renderer) -> tuple[list[IndexEntry], list[IndexEntry]]:
    site = renderer.site
    schemes = renderer.catalog.dispositifs.values()
    themes: dict[str, int] = defaultdict(int)
    publics: dict[str, int] = defaultdict(int)
    for scheme in schemes:
        if not scheme.is_open or not scheme.is_scheme:
            continue
        for category in {site.category(t) for t in scheme.thematiques}:
            themes[category] += 1
        for public in scheme.publics:
            publics[public] += 1
    all_categories = {site.category(t) for d in schemes for t in d.thematiques}
    all_publics = {p for d in schemes for p in d.publics}
    theme_entries = [
        IndexEntry(
            urls.page_url("thematique", c),
            site.label("categories_thematiques", c),
            themes.get(c, 0),
        )
        for c in all_categories
    ]
    public_entries = [
        IndexEntry(urls.page_url("public", p), site.label("publics", p), publics.get(p, 0))
        for p in all_publics
    ]
    return _by_label(theme_entries), _by_label(public_entries)


def _alphabetical_groups(renderer: Renderer) -> list[IndexGroup]:
    by_letter: dict[str, list[IndexEntry]] = defaultdict(list)
    for scheme in sort_schemes(renderer.catalog.dispositifs.values()):
        shown = renderer.catalog.shown_status(scheme)
        notes = [] if scheme.is_scheme else [display.NATURE_LABELS[scheme.nature].lower()]
        notes += [display.status_note(shown)] if display.status_note(shown) else []
        note = ", ".join(notes)
        by_letter[display.initial(scheme.titre)].append(
            IndexEntry(urls.page_url("dispositif", scheme.id), scheme.titre, None, note)
        )
    return [
        IndexGroup(f"lettre-{k.lower()}" if k != "#" else "autres", k, v)
        for k, v in sorted(by_letter.items())
    ]


# ---------------------------------------------------------------------------- site map


def site_map_page(renderer: Renderer) -> GeneratedPage:
    """The "plan du site": every section and every territory, theme, public, provider."""
    here = urls.SITE_MAP_URL
    catalog = renderer.catalog
    themes, publics = _vocab_entries(renderer)
    groups = [
        IndexGroup(
            "rubriques", "Rubriques", [IndexEntry(url, label) for url, label in SITE_SECTIONS]
        ),
        IndexGroup(
            "territoires",
            "Territoires",
            _by_label(
                [
                    IndexEntry(
                        urls.page_url("territoire", tid),
                        display.territory_name(t),
                    )
                    for tid, t in catalog.territoires.items()
                ]
            ),
        ),
        IndexGroup(
            "porteurs",
            "Porteurs",
            _by_label(
                [
                    IndexEntry(urls.page_url("porteur", pid), p.nom)
                    for pid, p in catalog.porteurs.items()
                ]
            ),
        ),
        IndexGroup("thematiques", "Thématiques", [IndexEntry(e.url, e.label) for e in themes]),
        IndexGroup("publics", "Publics", [IndexEntry(e.url, e.label) for e in publics]),
    ]
    context = IndexContext(title="Plan du site", intro=None, groups=groups, note=None)
    html = renderer.deferred("index.html.j2", here, context)
    return GeneratedPage(here, "Plan du site", html, meta={"hide": ["toc"]})
