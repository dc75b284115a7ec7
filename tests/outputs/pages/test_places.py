"""Places on the site: place pages, the places index, where to go, whom to contact,
the booklets and the correction link (pages/places.py, place_box.py, correction.py)."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import pytest
import yaml

from generator.catalog.load import load_catalog
from generator.outputs.pages.correction import correction_problem, correction_target
from generator.outputs.pages.places import place_page, places_index_page
from generator.outputs.pages.renderer import Renderer
from generator.outputs.pages.schemes import scheme_page
from generator.outputs.pages.territories import booklet_page, territory_page, territory_places_page
from generator.outputs.search.places import places_table
from generator.site.outputs import prepare
from tests.support.datasets import copy_fixture
from tests.support.paths import REPO
from tests.support.render_fixtures import SITE_URL, make_renderer


@pytest.fixture(scope="module")
def renderer(tmp_path_factory: pytest.TempPathFactory) -> Renderer:
    return make_renderer(tmp_path_factory.mktemp("lieux"))


def _text(html: str) -> str:
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip())


def test_place_page_gives_contacts_hours_zone_schemes_and_dates(renderer: Renderer) -> None:
    page = place_page(renderer, "agence-fictive-le-mans")
    assert page.url == "lieux/agence-fictive-le-mans/"
    assert page.meta["date_maj"] == "2026-09-01"
    html = page.render()
    assert '<a href="tel:0200000001">02 00 00 00 01</a>' in html
    assert '<a href="mailto:accueil-essai@example.org">accueil-essai@example.org</a>' in html
    assert '<a href="https://example.org/agence-le-mans">example.org/agence-le-mans</a>' in html
    text = _text(html)
    assert "1 rue de l'Essai 72000 Le Mans" in text
    assert "Horaires : Du lundi au vendredi : 8 h 30 – 12 h 30, 13 h 30 – 16 h 30" in text
    assert "Zone desservie CU Le Mans Métropole." in text
    assert "Accueil de plain-pied (essai)." in text
    assert 'href="../../dispositifs/aide-mobilite-essai/"' in html
    assert 'href="../../territoires/sarthe/"' in html
    assert "(publiée en juin 2026)" in text
    # Read in the sources, never called "verified" without verifie_le.
    assert "Informations relevées le 1er septembre 2026 dans les sources citées" in text
    assert "pas encore confirmées par la structure" in text
    assert "vérifiées auprès de la structure le" not in text


def test_place_without_zone_or_contact_says_so(renderer: Renderer) -> None:
    text = _text(place_page(renderer, "antenne-fictive-sans-zone").render())
    assert "Ni téléphone, ni courriel, ni site publiés pour ce lieu." in text
    assert "Zone desservie non précisée par la source (essai)." in text
    assert "Zone desservie et téléphone : à demander à l'agence (essai)." in text
    assert "Horaires : Sur rendez-vous (essai)." in text


def test_places_index_by_territory_and_by_network(renderer: Renderer) -> None:
    html = places_index_page(renderer).render()
    assert '<h2 id="par-territoire">Par territoire</h2>' in html
    assert '<h2 id="par-reseau">Par réseau</h2>' in html
    assert re.search(r'<h3 id="territoire-sarthe"><a href="../territoires/sarthe/">', html)
    assert (
        "<a href=\"../territoires/sarthe/lieux/\">Où s'adresser : 2 lieux d'accueil, par réseau</a>"
    ) in html
    assert re.search(r'<h3 id="reseau-france-travail">France Travail <span[^>]*>\(2\)', html)
    assert '<a href="../territoires/sarthe/lieux/#reseau-france-travail">' in html
    # Counts and links only: the territories' places pages list the places.
    assert "agence-fictive-le-mans" not in html


def test_scheme_page_links_to_its_territories_places_with_the_box(renderer: Renderer) -> None:
    scheme = renderer.catalog.dispositifs["aide-mobilite-essai"]
    html = scheme_page(renderer, scheme).render()
    assert '<h2 id="ou-s-adresser">Où s&#39;adresser</h2>' in html
    box = re.search(r"<div class=\"offre-ou\" data-offre-ou[^>]*hidden>", html)
    assert box, "the box is hidden until its script shows it"
    assert 'data-lieux="../../recherche/lieux.' in box.group(0)
    # The rule the box applies to a commune's places (generator/catalog/reach.py, DeliveryRule).
    rule = renderer.catalog.scheme_territories[scheme.id]
    assert f'data-territoires="{" ".join(rule)}"' in box.group(0)
    assert 'data-porteurs="' in box.group(0) or 'data-reseaux="' in box.group(0)
    # No place is listed: each territory of the perimeter links to its places page.
    assert 'data-lieu="' not in html
    assert (
        '<li data-territoire="sarthe"><a href="../../territoires/sarthe/lieux/">'
        "Où s'adresser : Territoire d&#39;essai Sarthe</a> "
        '<span class="offre-compte">(2 pour ce dispositif)</span></li>'
    ) in html
    assert "2 lieux d'accueil délivrent ce dispositif (rubrique France Travail)" in html
    assert "(0 pour ce dispositif)" in html  # the perimeter's other territories, all listed
    assert '<label for="offre-ou-commune">' in html and 'aria-live="polite"' in html


def test_a_scheme_page_does_not_grow_with_the_places(tmp_path: Path) -> None:
    """The same scheme with 100 and with 1,000 places in the region: the same page but
    for the counts."""
    from devtools.synth import synthesize

    pages = {}
    for count in (100, 1000):
        folder = tmp_path / str(count)
        synthesize(40, folder, source=REPO / "offer_data", places=count)
        catalog = load_catalog(folder)[0]
        assert catalog is not None
        renderer = prepare(catalog, SITE_URL).renderer
        scheme = catalog.dispositifs["participation-financiere-aux-metiers-du-transport-routier"]
        pages[count] = scheme_page(renderer, scheme).render()
        assert catalog.scheme_places[scheme.id]
    # Only the counts and the places index's name (named after its content) differ.
    counts = re.compile(
        r"\d+ pour ce dispositif|\d+ lieux? d'accueil délivre(?:nt)?|lieux\.[0-9a-f]+\.json"
    )
    assert len(pages[1000]) > len(pages[100]) * 0.99
    assert counts.sub("", pages[100]) == counts.sub("", pages[1000])


def test_scheme_with_no_known_place_says_so(renderer: Renderer) -> None:
    scheme = renderer.catalog.dispositifs["apprentissage-essai"]
    assert renderer.catalog.scheme_places[scheme.id] == []
    html = scheme_page(renderer, scheme).render()
    text = _text(html)
    assert "Aucun lieu d'accueil délivrant ce dispositif n'est encore recensé" in text
    # Not a dead end: the provider's website is there to click.
    porteur = renderer.catalog.porteurs[scheme.porteur]
    assert porteur.site and f'href="{porteur.site}"' in html


def test_closed_schemes_have_no_where_to_go_section(renderer: Renderer) -> None:
    html = scheme_page(renderer, renderer.catalog.dispositifs["aide-terminee-essai"]).render()
    assert 'id="ou-s-adresser"' not in html


def test_the_commune_table_of_the_box(renderer: Renderer) -> None:
    table = places_table(renderer.catalog)
    ids = [row[table["colonnes"].index("id")] for row in table["lieux"]]
    assert sorted(ids) == ["agence-fictive-le-mans", "antenne-fictive-sans-zone"]
    # Le Mans: in Le Mans Métropole
    assert [ids[n] for n in table["communes"]["72181"]] == ["agence-fictive-le-mans"]
    assert "72180" not in table["communes"]  # Mamers: its antenna's zone is unknown
    assert renderer.catalog.places_for("aide-mobilite-essai", "72181") == ["agence-fictive-le-mans"]
    json.dumps(table)  # plain data


def test_territory_page_whom_to_contact_by_network(renderer: Renderer) -> None:
    html = territory_page(renderer, "sarthe").render()
    assert '<h2 id="qui-contacter">Qui contacter sur ce territoire</h2>' in html
    # The networks, each linking to its places on the territory's places page.
    assert (
        '<li><a href="lieux/#reseau-france-travail">France Travail</a> '
        '<span class="offre-compte">(2)</span></li>'
    ) in html
    assert 'data-lieu="' not in html
    places = territory_places_page(renderer, "sarthe")
    assert places.url == "territoires/sarthe/lieux/"
    page = places.render()
    assert '<h2 id="reseau-france-travail">France Travail' in page
    assert 'href="tel:0200000001"' in page
    assert page.count('data-lieu="') == 2
    assert "data-offre-ou data-tous-les-lieux" in page
    empty = _text(territory_page(renderer, "littoral").render())
    assert "Aucun lieu d'accueil recensé sur ce site ne dessert ce territoire" in empty


def test_booklet_lists_the_places_with_their_read_date(renderer: Renderer) -> None:
    text = _text(booklet_page(renderer, "sarthe").render())
    section = text[text.rindex("Où s'adresser : lieux d'accueil du territoire") :]
    assert "Agence fictive d'essai du Mans" in section
    assert "On y mobilise : Accompagnement intensif des jeunes (essai) (AIJ) ; Aide à la" in (
        section
    )
    assert "Informations relevées le 1er septembre 2026 dans les sources citées" in section
    # The placeholder address is never printed: the site-relative address instead.
    assert SITE_URL not in section and "en ligne : lieux/agence-fictive-le-mans/" in section


def test_no_correction_link_unless_the_operator_sets_one(renderer: Renderer) -> None:
    for html in (
        place_page(renderer, "agence-fictive-le-mans").render(),
        territory_page(renderer, "sarthe").render(),
        scheme_page(renderer, renderer.catalog.dispositifs["aide-mobilite-essai"]).render(),
    ):
        assert "Proposer une correction" not in html


def test_correction_link_fills_and_encodes_the_placeholders(tmp_path: Path) -> None:
    catalog, report = load_catalog(copy_fixture(tmp_path / "donnees"))
    assert catalog is not None, report.render()
    target = "mailto:offre@example.org?subject=Correction%20{id}&body={url}"
    renderer = prepare(catalog, SITE_URL, correction=target).renderer
    html = place_page(renderer, "agence-fictive-le-mans").render()
    expected = (
        "mailto:offre@example.org?subject=Correction%20agence-fictive-le-mans&amp;body="
        "https%3A%2F%2Foffre-clefop.invalid%2Flieux%2Fagence-fictive-le-mans%2F"
    )
    assert f'<a href="{expected}">Proposer une correction</a>' in html
    scheme = scheme_page(renderer, catalog.dispositifs["aide-mobilite-essai"]).render()
    assert "subject=Correction%20aide-mobilite-essai" in scheme
    assert "subject=Correction%20sarthe" in territory_page(renderer, "sarthe").render()
    assert correction_target("https://f.example/?id={id}", "a b&c", "") == (
        "https://f.example/?id=a%20b%26c"
    )


@pytest.mark.parametrize(
    ("value", "fine"),
    [
        (None, True),
        ("mailto:offre@example.org?subject={id}", True),
        ("https://formulaire.example/?fiche={id}&page={url}", True),
        ("", False),
        ("offre@example.org", False),
        ("javascript:alert(1)", False),
        ('https://x.example/"><script>', False),
    ],
)
def test_correction_option_is_checked(value: str | None, fine: bool) -> None:
    assert (correction_problem(value) is None) is fine


def test_plans_are_delivered_nowhere(tmp_path: Path) -> None:
    data = copy_fixture(tmp_path / "donnees")
    path = data / "dispositifs" / "france-travail-essai" / "aide-mobilite-essai.yaml"
    record = yaml.safe_load(path.read_text(encoding="utf-8"))
    record["nature"] = "plan"
    path.write_text(yaml.safe_dump(record, allow_unicode=True), encoding="utf-8")
    catalog, report = load_catalog(data)
    assert catalog is not None, report.render()
    assert catalog.scheme_places["aide-mobilite-essai"] == []
    assert "aide-mobilite-essai" not in catalog.place_schemes["agence-fictive-le-mans"]
    renderer = prepare(catalog, SITE_URL).renderer
    html = scheme_page(renderer, catalog.dispositifs["aide-mobilite-essai"]).render()
    assert 'id="ou-s-adresser"' not in html
