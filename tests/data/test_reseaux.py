"""offer_data/reseaux.yaml: located errors on bad input, and the shipped offer's next steps.

The shipped-data checks are the issue's "done when": every provider has its official
website with a source on that site, and every network a scheme relies on has an official
directory with a source.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from generator.catalog import reach
from generator.catalog.catalog import Catalog
from generator.catalog.load import load_catalog
from tests.catalog.test_reach import add_reach_files
from tests.support.paths import REPO as _REPO

REPO = _REPO


def _errors(data: Path) -> list[str]:
    _, report = load_catalog(data)
    return [f"{i.path}:{i.line}:{i.col}: {i.message}" for i in report.errors]


def test_an_unknown_network_is_reported_where_it_is(dataset: Path) -> None:
    path = add_reach_files(dataset) / "reseaux.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("[france-travail]", "[france-travial]", 1), encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "[france-travail]" in row)
    errors = _errors(dataset)
    assert len(errors) == 1, errors
    assert errors[0].startswith(f"reseaux.yaml:{line}:")
    assert "« france-travial » absente du vocabulaire « reseaux_porteurs »" in errors[0]
    assert "france-travail" in errors[0]  # did you mean


def test_an_unknown_provider_in_the_rule_and_a_directory_twice(dataset: Path) -> None:
    path = add_reach_files(dataset) / "reseaux.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("porteurs: [france-travail-essai]", "porteurs: [france-travail-esai]")
    text = text.replace(
        "url: https://example.org/carte-france-services\n    sources",
        "url: https://example.org/annuaire-agences\n    sources",
    )
    path.write_text(text, encoding="utf-8")
    errors = _errors(dataset)
    assert len(errors) == 2, errors
    assert any("porteur « france-travail-esai » inconnu" in e for e in errors)
    assert any("cet annuaire est déjà décrit ligne 3" in e for e in errors)


def test_a_directory_without_a_source_is_refused(dataset: Path) -> None:
    path = add_reach_files(dataset) / "reseaux.yaml"
    text = path.read_text(encoding="utf-8")
    cut = text.replace(
        "    sources:\n      - url: https://example.org/carte-france-services\n", "", 1
    )
    assert cut != text
    path.write_text(cut, encoding="utf-8")
    errors = _errors(dataset)
    assert len(errors) == 1 and errors[0].startswith("reseaux.yaml:"), errors
    assert "sources" in errors[0]


# ---------------------------------------------------------------------------- shipped data


@pytest.fixture(scope="module")
def shipped() -> Catalog:
    catalog, report = load_catalog(REPO / "offer_data")
    assert catalog is not None, report.render()
    return catalog


def _host(url: str) -> str:
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.")


def test_every_provider_has_its_official_website_with_a_source(shipped: Catalog) -> None:
    assert shipped.porteurs
    for pid, porteur in shipped.porteurs.items():
        assert porteur.site, f"{pid}: pas de site officiel"
        # A page of that site among the provider's sources, or among the sources of its
        # network's official directory (reseaux.yaml), establishes the site.
        sources = list(porteur.sources)
        if porteur.reseau:
            sources += [s for a in reach.directories(shipped, [porteur.reseau]) for s in a.sources]
        hosts = {_host(s.url) for s in sources}
        assert _host(porteur.site) in hosts, f"{pid}: aucune source sur {porteur.site}"


def test_every_network_a_scheme_relies_on_has_a_sourced_directory(shipped: Catalog) -> None:
    networks = {
        n
        for scheme in shipped.dispositifs.values()
        if scheme.is_open and scheme.is_scheme
        for n in reach.scheme_networks(shipped, scheme)
    }
    assert networks
    for network in sorted(networks):
        found = reach.directories(shipped, [network])
        assert found, f"réseau {network} : pas d'annuaire officiel"
        for annuaire in found:
            assert annuaire.sources and annuaire.consulte_le


def test_no_shipped_scheme_page_is_a_dead_end(shipped: Catalog) -> None:
    result = reach.reachability(shipped)
    assert result.schemes > 0
    assert result.dead_ends == []
    assert result.overall.next_step == result.overall.pairs


def test_the_france_services_rule_is_sourced_and_names_france_travail(shipped: Catalog) -> None:
    aide = shipped.reseaux.aide_demarches
    assert aide is not None and aide.sources
    assert "France Travail" in aide.partenaires
    assert reach.helper_directory(shipped) is not None
    # The France services help with procedures: they deliver no scheme.
    for lid in reach.helper_places(shipped):
        assert shipped.place_schemes[lid] == [], lid
