"""The ordered list of outputs (site/outputs.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.catalog.catalog import Catalog
from generator.outputs.pages.context import SEARCH_ASSETS
from generator.rules import urls
from generator.site import outputs
from generator.site.background import ProductionError
from tests.support.render_fixtures import SITE_URL


def test_before_pages_come_the_files_pages_link_to(catalog: Catalog) -> None:
    prepared = outputs.prepare(catalog, SITE_URL)
    assets = prepared.renderer.assets
    assert set(SEARCH_ASSETS) | {"integrer"} <= set(assets)
    # Pages link to the named files; the search index reaches the others (shards, fiches).
    assert set(assets.values()) <= set(prepared.files)
    assert all(p.startswith((urls.SEARCH_ASSETS_FOLDER + "/", "integrer/")) for p in prepared.files)
    assert {p.url for p in prepared.pages} >= {urls.SEARCH_URL, urls.EMBED_INDEX_URL}


def test_beside_pages_every_other_file(catalog: Catalog, tmp_path: Path) -> None:
    prepared = outputs.prepare(catalog, SITE_URL)
    written = set(outputs.start_beside_pages(prepared, tmp_path).finish())
    expected = {
        urls.OPEN_DATA_JSON_URL,
        urls.OPEN_DATA_SCHEMA_URL,
        urls.OPEN_DATA_CSV_URL,
        urls.OPEN_DATA_PLACES_CSV_URL,
        urls.DATA_INCLUSION_STRUCTURES_URL,
        urls.DATA_INCLUSION_SERVICES_URL,
        urls.FEED_URL,
        urls.FEED_STYLESHEET_URL,
        urls.FEED_CSS_URL,
        urls.REPORT_FILE,
        urls.REPORT_JSON_FILE,
        *(urls.territory_data_url(t) for t in catalog.territoires),
        *(urls.territory_feed_url(t) for t in catalog.territoires),
        *(urls.embed_file(t) for t in catalog.territoires),
        *(urls.output_path(urls.page_url("dispositif", old)) for old in catalog.redirects),
    }
    assert written == expected
    assert all((tmp_path / path).is_file() for path in written)
    # The exports get the public address as configured.
    assert SITE_URL in (tmp_path / urls.OPEN_DATA_JSON_URL).read_text(encoding="utf-8")


def test_the_list_is_explicit_and_in_order() -> None:
    assert [p.__name__ for p in outputs.BEFORE_PAGES] == [
        "search_files",
        "embed_guide_script",
        "place_box_files",
        "selection_page_files",
        "booklet_filter_script",
    ]
    assert [p.__name__ for p in outputs.BESIDE_PAGES] == [
        "embeds",
        "quality_report",
        "former_addresses",
        "open_data",
        "data_inclusion",
        "feeds",
    ]


def test_two_productions_before_pages_may_not_share_a_path(
    catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        outputs, "BEFORE_PAGES", (outputs.embed_guide_script, outputs.embed_guide_script)
    )
    with pytest.raises(ProductionError, match="Deux productions revendiquent"):
        outputs.prepare(catalog, SITE_URL)


def test_two_productions_before_pages_may_not_share_a_name(
    catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    def other_guide(catalog: Catalog) -> outputs.Production:
        return outputs.Production(
            {"ailleurs/integrer.js": b""}, {"integrer": "ailleurs/integrer.js"}
        )

    monkeypatch.setattr(outputs, "BEFORE_PAGES", (outputs.embed_guide_script, other_guide))
    with pytest.raises(ProductionError, match="nom de fichier « integrer »"):
        outputs.prepare(catalog, SITE_URL)


def test_the_search_page_and_the_place_box_get_their_own_files(catalog: Catalog) -> None:
    # Both have a "lieux" file: the search's places table (JSON), the box's script (JS).
    assets = outputs.prepare(catalog, SITE_URL).renderer.assets
    assert assets["lieux"].endswith(".json")
    assert assets["ou_s_adresser"].endswith(".js")
