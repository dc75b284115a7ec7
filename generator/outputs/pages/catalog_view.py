"""What templates ask of the catalogue: labels, names, lookups, a scheme's list item.

`SiteHelpers` is the `site` object of every template. It also groups and sorts schemes
the way every page shows them (by theme category, A–Z in French order).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from markupsafe import Markup

from ...catalog.catalog import Catalog
from ...data import dates
from ...data.model import Dispositif, Source
from ...data.vocab import category_of
from ...rules import display, folding, urls
from .context import Group, Option
from .environment import Linker
from .place_helpers import PlaceHelpers
from .territories_info import territories_explanation


def sort_schemes(schemes: Iterable[Dispositif]) -> list[Dispositif]:
    """Schemes A–Z by title (French order), then by id."""
    return sorted(schemes, key=lambda d: (folding.collation_key(d.titre), d.id))


def active_schemes(catalog: Catalog, tid: str) -> list[Dispositif]:
    """Schemes still mobilisable in a territory (what embeds and booklets show): open,
    and schemes proper (not a governance body, plan or information service)."""
    return [
        catalog.dispositifs[d]
        for d in catalog.territory_schemes.get(tid, [])
        if catalog.dispositifs[d].is_open and catalog.dispositifs[d].is_scheme
    ]


def split_kinds(schemes: Iterable[Dispositif]) -> tuple[list[Dispositif], list[Dispositif]]:
    """(schemes to mobilise, other records A–Z): the second go in their own section."""
    items = list(schemes)
    return [d for d in items if d.is_scheme], sort_schemes(d for d in items if not d.is_scheme)


class SiteHelpers:
    """Labels and lookups the templates need, computed from the catalog."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.lieux = PlaceHelpers(catalog)
        self._items: dict[tuple[object, ...], Markup] = {}
        # Theme pages have a section per theme of their open schemes only.
        self._open_themes = {
            t for d in catalog.dispositifs.values() if d.is_open for t in d.thematiques
        }

    # ------------------------------------------------------------------ markup

    def scheme_item(self, scheme: Dispositif, link: Linker, show_scope: bool = True) -> Markup:
        """A scheme in a list (territory, theme, public, provider pages).

        Built here rather than by a template macro, and once per scheme and kind of page:
        a regional scheme appears in every territory, theme and public list.
        """
        key = (scheme.id, show_scope, link.fragment_key)
        cached = self._items.get(key)
        if cached is None:
            badges = [self.provider_badge(scheme.porteur, link)]
            if show_scope and not scheme.everywhere:
                badges.append(
                    Markup('<span class="offre-badge offre-badge--local">{}</span>').format(
                        display.LOCAL_BADGE
                    )
                )
            shown = self.catalog.shown_status(scheme)
            if display.status_note(shown):
                badges.append(
                    Markup('<span class="offre-badge offre-badge--statut-{}">{}</span>').format(
                        shown, display.status_label(shown)
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
                title=display.title_with_acronym(scheme.titre, scheme.sigle),
                badges=Markup(" ").join(badges),
                resume=scheme.resume,
            )
            self._items[key] = cached
        return cached

    def provider_badge(self, pid: str, link: Linker) -> Markup:
        return Markup('<a class="offre-badge offre-badge--porteur" href="{}">{}</a>').format(
            link(urls.page_url("porteur", pid)), self.provider_name(pid)
        )

    def perimeter_html(self, d: Dispositif, link: Linker) -> Markup:
        parts = [self._perimeter_item(code) for code in d.territoires]
        tids = self.catalog.scheme_territories.get(d.id, [])
        names = Markup(", ").join(self.territory_link(tid, link) for tid in tids)
        return Markup("{} — {} : {}").format(
            Markup(" ; ").join(parts), display.agree(len(tids), "territoire", "territoires"), names
        )

    def _perimeter_item(self, code: str) -> Markup:
        geo = self.catalog.geo
        if code in self.catalog.territoires:
            return Markup("territoire {}{}").format(
                self.territory_name(code), self.provisional_mark(code)
            )
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

    # ------------------------------------------------------------------ labels

    def label(self, kind: str, value: str) -> str:
        return self.catalog.vocab.label(kind, value)

    def status_label(self, statut: str) -> str:
        return display.status_label(statut)

    def shown_status(self, d: Dispositif) -> str:
        """`actif`, `a-confirmer`, `suspendu`, `termine` or `remplace`: see Catalog."""
        return self.catalog.shown_status(d)

    def doubt_text(self, d: Dispositif) -> str | None:
        return self.catalog.doubt_text(d)

    def doubt_points_said(self, d: Dispositif) -> bool:
        """The doubt's sentence already sends the reader to the points to check."""
        doubt = self.catalog.status_doubt.get(d.id)
        return doubt is not None and doubt.flagged_points

    def territories_explanation(self) -> Markup:
        """What the territories are (18 Clefop, provisional groupings meanwhile)."""
        return territories_explanation(self.catalog)

    def nature_label(self, nature: str) -> str:
        return display.NATURE_LABELS[nature]

    def level_label(self, niveau: str) -> str:
        return display.LEVEL_LABELS[niveau]

    def mobilisable_label(self, value: str, destinataire: str = "personne") -> str:
        return display.mobilisable_label(value, destinataire) or self.label(
            "mobilisable_par", value
        )

    def cost_heading(self, d: Dispositif) -> str:
        return display.cost_heading(d.destinataire)

    def payers_text(self, d: Dispositif) -> str | None:
        """Who pays, from the sources (None when no source says)."""
        return display.payers_text(d.frais_a_la_charge_de) if d.frais_a_la_charge_de else None

    def support_note(self, d: Dispositif) -> str | None:
        """« source unique, non officielle »… when the scheme's sources are weak."""
        return self.catalog.support(d).note

    def support_remedy(self, d: Dispositif) -> str:
        """What would strengthen the scheme's sources."""
        return self.catalog.support(d).remedy

    def source_marks(self, d: Dispositif, source: Source) -> list[str]:
        """`non officielle`, `autre région`: what to say after one of the scheme's sources."""
        return self.catalog.source_strength(d, source).marks

    def provider_name(self, pid: str) -> str:
        porteur = self.catalog.porteurs.get(pid)
        return display.short_name(porteur) if porteur else pid

    def scheme_title(self, did: str) -> str:
        scheme = self.catalog.dispositifs.get(did)
        return scheme.titre if scheme else did

    def territory_name(self, tid: str) -> str:
        territoire = self.catalog.territoires.get(tid)
        return territoire.nom if territoire else tid

    def is_provisional(self, tid: str) -> bool:
        territoire = self.catalog.territoires.get(tid)
        return territoire is not None and territoire.is_provisional

    def territory_label(self, tid: str) -> str:
        """A territory's name as plain text, « (provisoire) » after it when it is."""
        return display.territory_label(self.territory_name(tid), self.is_provisional(tid))

    def provisional_mark(self, tid: str) -> Markup:
        """The mark after a provisional territory's name (empty otherwise): every page
        that names a territory puts it there, through this helper or `territory_link`."""
        if not self.is_provisional(tid):
            return Markup("")
        return Markup(' <span class="offre-provisoire">({})</span>').format(
            display.PROVISIONAL_MARK
        )

    def territory_link(self, tid: str, link: Linker) -> Markup:
        """A link to a territory's page, marked when its perimeter is provisional."""
        return Markup('<a href="{}">{}</a>{}').format(
            link(urls.page_url("territoire", tid)),
            self.territory_name(tid),
            self.provisional_mark(tid),
        )

    def theme_url(self, theme: str) -> str:
        page = urls.page_url("thematique", category_of(self.catalog.vocab, theme))
        return page + f"#{theme}" if theme in self._open_themes else page

    def dates_text(self, d: Dispositif) -> str:
        return dates.span_fr(d.date_debut, d.date_fin)

    # ------------------------------------------------------------------ grouping

    def category(self, theme: str) -> str:
        return category_of(self.catalog.vocab, theme)

    def group_by_theme(self, schemes: Iterable[Dispositif]) -> list[Group]:
        """Schemes grouped by the category of their first theme, categories A–Z."""
        grouped: dict[str, list[Dispositif]] = defaultdict(list)
        for scheme in schemes:
            grouped[self.category(scheme.thematiques[0])].append(scheme)
        groups = [
            Group(cat, self.label("categories_thematiques", cat), sort_schemes(items))
            for cat, items in grouped.items()
        ]
        return display.sorted_by_name(groups, lambda g: g.label)

    def theme_tokens(self, scheme: Dispositif) -> str:
        """Values an embed's `?thematique=` may match: each theme and its category."""
        tokens = set(scheme.thematiques)
        tokens |= {self.category(t) for t in scheme.thematiques}
        return " ".join(sorted(tokens))

    def filter_options(self, schemes: list[Dispositif]) -> tuple[list[Option], list[Option]]:
        """Theme categories and publics of `schemes`, as filter choices A–Z."""
        categories = {self.category(t) for d in schemes for t in d.thematiques}
        publics = {p for d in schemes for p in d.publics}
        themes = [Option(c, self.label("categories_thematiques", c)) for c in categories]
        audiences = [Option(p, self.label("publics", p)) for p in publics]
        by_label = lambda o: o.label  # noqa: E731
        return display.sorted_by_name(themes, by_label), display.sorted_by_name(audiences, by_label)

    def sorted_territories(self) -> list[tuple[str, str]]:
        """(id, name) of every territory, A–Z."""
        items = [(tid, t.nom) for tid, t in self.catalog.territoires.items()]
        return display.sorted_by_name(items, lambda item: item[1])
