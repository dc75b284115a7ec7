"""The catalogue (catalog.py): relations computed once, and where each record sits."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.catalog.catalog import Catalog
from generator.catalog.load import load_catalog
from tests.support.datasets import copy_fixture


def test_schemes_link_to_their_territories_and_providers(catalog: Catalog) -> None:
    assert catalog.scheme_territories["aide-mobilite-essai"] == sorted(catalog.territoires)
    assert catalog.scheme_territories["permis-jeunes-essai"] == ["sarthe"]  # via its EPCI
    for tid, dids in catalog.territory_schemes.items():
        assert all(tid in catalog.scheme_territories[d] for d in dids)
    assert "aide-mobilite-essai" in catalog.provider_schemes["france-travail-essai"]
    assert catalog.redirects == {"ancienne-aide-mobilite": "aide-mobilite-essai"}
    assert catalog.replaced_by_me == {"accompagnement-jeunes-essai": ["garantie-essai"]}


def test_every_commune_of_a_territory_points_back_to_it(catalog: Catalog) -> None:
    for tid, communes in catalog.territory_communes.items():
        assert communes == sorted(communes, key=lambda c: c.code)
        assert all(catalog.commune_territory[c.code] == tid for c in communes)


def test_the_latest_date_stands_for_now(catalog: Catalog) -> None:
    dates = [d.consulte_le for d in catalog.dispositifs.values()]
    for scheme in catalog.dispositifs.values():
        dates += [d for d in (scheme.verifie_le, scheme.modifie_le, scheme.cree_le) if d]
    dates += [p.consulte_le for p in catalog.lieux.values()]
    assert catalog.latest_date() == max(dates)


def test_the_catalogue_keeps_where_each_value_sits(catalog: Catalog, tmp_path: Path) -> None:
    source = catalog.source("dispositif", "aide-mobilite-essai")
    assert source.display.endswith("dispositifs/france-travail-essai/aide-mobilite-essai.yaml")
    lines = (
        (catalog.root / "dispositifs/france-travail-essai/aide-mobilite-essai.yaml")
        .read_text(encoding="utf-8")
        .splitlines()
    )
    url = source.pos(("sources", 0, "url"))
    assert lines[url.line - 1][url.col - 1 :] == "https://example.org/source-mobilite"
    assert (
        source.pos(("contacts", "territoires", "sarthe", "telephone")).line
        == lines.index("      telephone: 02 00 00 00 00") + 1
    )
    assert catalog.source("porteur", "region-essai").display.endswith("porteurs/region-essai.yaml")
    assert catalog.source("territoire", "sarthe").pos(("epci", 0)).line > 1
    # Positions only: the parsed values live in the models, not twice in memory.
    assert source.data is None and source.scalars == {}
    # Kept, not re-read: the files may be gone.
    shutil.rmtree(catalog.root)
    assert catalog.source("dispositif", "aide-mobilite-essai").pos(("sources", 0, "url")) == url


def test_positions_are_kept_only_when_asked(tmp_path: Path) -> None:
    catalog, _ = load_catalog(copy_fixture(tmp_path / "donnees"))
    assert catalog is not None and catalog.sources == {}
    assert catalog.source_files[("dispositif", "garantie-essai")].endswith("garantie-essai.yaml")
