"""What each template receives: one typed context per template, and the items they list.

Every template also gets `site` (render.helpers.SiteHelpers), `link` (a relative-link
maker for the page being rendered) and `canonical` (the page's public address, or None),
added by `Renderer.render`, and the globals `urls` and `display`. A page kind builds its
template's context with the TypedDict below, so a missing or misspelt key is a type
error, not a blank in a page.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, NamedTuple, TypedDict

from ...catalog.catalog import Catalog
from ...catalog.reach import Contact, DeliveryRule, ProcedureHelp
from ...data.geo import Commune
from ...data.model import Annuaire, Dispositif, Lieu, Porteur, Territoire
from ..search.facets import Facet

if TYPE_CHECKING:
    from markupsafe import Markup

    from ..report.quality import QualityReport
    from .place_helpers import PlaceGroup

# Produced files pages link to, by name (their names carry a content hash).
SEARCH_ASSETS = ("moteur", "recherche", "recherche_css", "index", "communes", "lieux")
COMMUNE_BOX_ASSETS = ("texte", "commune", "communes")
EMBED_GUIDE_ASSETS = ("integrer",)


# ---------------------------------------------------------------------------- items


@dataclass
class Group:
    """A titled group of schemes (a theme category, a theme)."""

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


@dataclass(frozen=True)
class Option:
    """A filter choice (embed guide, embeds): a vocabulary value and its label."""

    value: str
    label: str


@dataclass(frozen=True)
class BookletFilter:
    """One choice of the booklet form: its address parameter, label and options."""

    name: str
    label: str
    everything: str
    options: list[Option]


@dataclass(frozen=True)
class Epci:
    siren: str
    nom: str
    communes_region: int
    hors_region: int


# ---------------------------------------------------------------------------- contexts


class SchemeContext(TypedDict):
    """dispositif.html.j2"""

    d: Dispositif
    replaced_schemes: list[Dispositif]
    where: PlaceBoxContext | None


class PlaceCount(NamedTuple):
    """A territory of a scheme's perimeter and how many of its places deliver it."""

    id: str
    label: str
    places: int


class PlaceBoxContext(TypedDict):
    """_ou_s_adresser.html.j2: how many places deliver a scheme in each territory of its
    perimeter (each linking to the territory's places page), the rule the box applies in
    the browser, and the box's files."""

    count: int
    territories: list[PlaceCount]
    through: list[str]
    delivery: DeliveryRule
    outside: list[Lieu]
    assets: Mapping[str, str]
    # The next step when no place is near: official directories, else the provider's site
    # (generator/catalog/reach.py); and the France services, apart, when the rule asks for them.
    directories: list[Annuaire]
    provider: Contact | None
    helpers: ProcedureHelp | None
    rule: str


class PlaceContext(TypedDict):
    """lieu.html.j2"""

    place: Lieu
    schemes: list[Dispositif]
    territories: list[str]


class PlacesIndexContext(TypedDict):
    """lieux.html.j2: counts by territory and by network, each linking to the territories'
    places pages (the index does not list every place: it would grow with them)."""

    count: int
    by_territory: list[PlaceGroup]
    outside: list[Lieu]
    by_network: list[PlaceGroup]
    network_territories: dict[str, list[PlaceCount]]


class TerritoryContext(TypedDict):
    """territoire.html.j2"""

    t: Territoire
    schemes: list[Dispositif]
    local_count: int
    groups: list[Group]
    closed: list[Dispositif]
    others: list[Dispositif]
    epcis: list[Epci]
    hors_epci: list[Commune]
    communes: list[Commune]
    communes_count: int
    population: int
    place_groups: list[PlaceGroup]
    # Files of the commune box of "Qui contacter" (the scheme pages' box, every place).
    place_assets: Mapping[str, str]


class TerritoryPlacesContext(TypedDict):
    """territoire_lieux.html.j2: a territory's places, by network, and the commune box."""

    t: Territoire
    count: int
    place_groups: list[PlaceGroup]
    place_assets: Mapping[str, str]


class ProviderContext(TypedDict):
    """porteur.html.j2"""

    p: Porteur
    active: list[Dispositif]
    closed: list[Dispositif]
    others: list[Dispositif]


class ListingContext(TypedDict):
    """liste.html.j2: a theme or a public."""

    title: str
    trail: list[tuple[str, str | None]]
    intro: str | None
    groups: list[Group]
    closed: list[Dispositif]
    search_query: str | None
    others: list[Dispositif]


class IndexContext(TypedDict):
    """index.html.j2: a section index or the site map."""

    title: str
    intro: str | None
    groups: list[IndexGroup]
    note: Markup | None


class SearchContext(TypedDict):
    """recherche.html.j2"""

    assets: Mapping[str, str]
    facets: tuple[Facet, ...]
    panel: list[tuple[Facet, list[Facet]]]
    facets_json: str


class SelectionContext(TypedDict):
    """selection.html.j2"""

    assets: Mapping[str, str]


class BookletContext(TypedDict):
    """livret.html.j2 and livret_liste.html.j2 (the compact list)"""

    fiche: Callable[[Dispositif], Markup]
    # A scheme's entry in the compact list (livret_liste.html.j2).
    entry: Callable[[Dispositif], Markup]
    t: Territoire
    schemes: list[Dispositif]
    groups: list[Group]
    data_date: date
    site_url: str | None
    place_groups: list[PlaceGroup]
    # Schemes of the booklet delivered at each of its places, by place id.
    place_schemes: dict[str, list[Dispositif]]
    # The choice of public, theme and priority (render.booklet_filters), and its script.
    filters: list[BookletFilter]
    # A scheme's filter attributes, space first (booklet_filters.filter_attributes).
    attributes: Callable[[Dispositif], Markup]
    assets: Mapping[str, str]


class BookletListEntryContext(TypedDict):
    """_livret_liste_entree.html.j2: one scheme's entry, shared by the compact lists."""

    d: Dispositif
    t: Territoire
    attributes: Markup


class BookletBlockContext(TypedDict):
    """_livret_fiche.html.j2: one scheme's block, shared by the booklets."""

    d: Dispositif
    t: Territoire
    site_url: str | None


class EmbedGuideContext(TypedDict):
    """integrer.html.j2"""

    territories: list[tuple[str, str]]
    themes: list[Option]
    audiences: list[Option]
    site_url: str
    first: tuple[str, str] | None
    snippet: str
    embed_height: int
    sandbox: str
    embed_title: Callable[[str], str]
    assets: Mapping[str, str]


class EmbedContext(TypedDict):
    """integrer_cadre.html.j2: the standalone page inside partners' <iframe>."""

    t: Territoire
    schemes: list[Dispositif]
    groups: list[Group]
    labels: dict[str, dict[str, str]]
    data_date: date
    title: str


class ReportContext(TypedDict):
    """rapport.html.j2"""

    report: QualityReport
    kinds: dict[str, str]
    summary: str


class RedirectContext(TypedDict):
    """redirection.html.j2: a former scheme address."""

    title: str
    target: str
    current_address: str | None


class HomeContext(TypedDict):
    """_accueil.html.j2: the blocks docs/ pages ask for with a marker."""

    catalog: Catalog
    assets: Mapping[str, str]
