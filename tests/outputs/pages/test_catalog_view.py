"""What templates ask of the catalogue (pages/catalog_view.py): list items, labels, grouping."""

from __future__ import annotations

import pytest

from generator.outputs.pages.catalog_view import SiteHelpers, active_schemes, sort_schemes
from generator.outputs.pages.environment import Linker
from generator.outputs.pages.renderer import Renderer
from tests.support.render_fixtures import make_renderer


@pytest.fixture(scope="module")
def renderer(tmp_path_factory: pytest.TempPathFactory) -> Renderer:
    return make_renderer(tmp_path_factory.mktemp("aides"))


@pytest.fixture(scope="module")
def site(renderer: Renderer) -> SiteHelpers:
    return renderer.site


def test_a_list_item_shows_title_with_acronym_badges_and_summary(site: SiteHelpers) -> None:
    catalog = site.catalog
    item = site.scheme_item(catalog.dispositifs["formation-qualifiante-essai"], Linker("publics/"))
    assert 'data-dispositif="formation-qualifiante-essai"' in item
    assert 'href="../dispositifs/formation-qualifiante-essai/"' in item
    assert "(FQE)</a>" in item
    closed = site.scheme_item(catalog.dispositifs["garantie-essai"], Linker("publics/"))
    assert 'offre-badge--statut-remplace">Remplacé</span>' in closed
    local = site.scheme_item(catalog.dispositifs["permis-jeunes-essai"], Linker("publics/"))
    assert 'offre-badge--local">Local</span>' in local
    hidden = site.scheme_item(catalog.dispositifs["permis-jeunes-essai"], Linker("x/"), False)
    assert "offre-badge--local" not in hidden


def test_list_items_are_shared_between_pages_with_the_same_links(site: SiteHelpers) -> None:
    scheme = site.catalog.dispositifs["aide-mobilite-essai"]
    one = site.scheme_item(scheme, Linker("territoires/sarthe/"))
    assert site.scheme_item(scheme, Linker("territoires/littoral/")) is one
    # On a scheme page, a link to a sibling scheme depends on the page itself.
    here = site.scheme_item(scheme, Linker("dispositifs/garantie-essai/"))
    assert 'href="../aide-mobilite-essai/"' in here


def test_provider_names_are_short_and_unknown_ids_shown_as_they_are(site: SiteHelpers) -> None:
    porteur = site.catalog.porteurs["france-travail-essai"]
    assert site.provider_name("france-travail-essai") == (porteur.sigle or porteur.nom)
    assert site.provider_name("inconnu") == "inconnu"
    assert site.status_label("termine") == "Terminé"
    assert site.level_label("regional") == "Régional"
    assert site.mobilisable_label("usagers") == "la personne elle-même"


def test_perimeter_names_each_kind_of_code(site: SiteHelpers) -> None:
    scheme = site.catalog.dispositifs["permis-jeunes-essai"]
    html = site.perimeter_html(scheme, Linker("dispositifs/permis-jeunes-essai/"))
    assert "territoire" in html and 'href="../../territoires/sarthe/"' in html


def test_groups_are_theme_categories_in_french_order(site: SiteHelpers) -> None:
    catalog = site.catalog
    groups = site.group_by_theme(catalog.dispositifs.values())
    labels = [g.label for g in groups]
    assert labels == sorted(labels, key=lambda s: s.lower().replace("é", "e"))
    for group in groups:
        assert group.schemes == sort_schemes(group.schemes)
    assert sum(len(g.schemes) for g in groups) == len(catalog.dispositifs)


def test_active_schemes_and_embed_filters(site: SiteHelpers) -> None:
    catalog = site.catalog
    active = active_schemes(catalog, "sarthe")
    assert active and all(d.is_open for d in active)
    themes, audiences = site.filter_options(active)
    assert [o.label for o in themes] == sorted(o.label for o in themes)
    assert {o.value for o in audiences} == {p for d in active for p in d.publics}
    mobilite = catalog.dispositifs["aide-mobilite-essai"]
    assert site.theme_tokens(mobilite).split() == ["mobilite", "mobilite--financer-ma-mobilite"]
    assert [name for _, name in site.sorted_territories()] == sorted(
        t.nom for t in catalog.territoires.values()
    )
