"""The ordered list of outputs (site/outputs.py)."""

from __future__ import annotations

import json
import re
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
    # Pages link to the named files; the index, promised, is made beside the pages.
    made_before = {name: assets[name] for name in assets if name != "index"}
    assert set(made_before.values()) <= set(prepared.files)
    assert all(p.startswith((urls.SEARCH_ASSETS_FOLDER + "/", "integrer/")) for p in prepared.files)
    assert not any(p.split("/")[1].startswith("index.") for p in prepared.files)
    assert {p.url for p in prepared.pages} >= {urls.SEARCH_URL, urls.EMBED_INDEX_URL}


def test_the_search_index_is_made_beside_the_pages_and_named_for_the_search_page(
    catalog: Catalog, tmp_path: Path
) -> None:
    prepared = outputs.prepare(catalog, SITE_URL)
    assert "index" in prepared.renderer.assets
    with pytest.raises(KeyError):  # promised, not made yet: nothing to wait for
        prepared.renderer.assets["index"]
    background = outputs.start_beside_pages(prepared, tmp_path)
    name = prepared.renderer.assets["index"]
    assert re.fullmatch(rf"{urls.SEARCH_ASSETS_FOLDER}/index\.[0-9a-f]{{12}}\.json", name)
    written = set(background.finish())
    assert name in written
    # The shards, vocabulary and fiches the index reaches come with it.
    index = json.loads((tmp_path / name).read_text(encoding="utf-8"))
    folder = urls.SEARCH_ASSETS_FOLDER
    words = index["tranches"]["mots"]
    model = words["modele"].replace("{h}", words["empreinte"])
    shards = {f"{folder}/{model.replace('{n}', str(n))}" for n in range(len(words["debuts"]))}
    assert shards and shards <= written
    assert f"{folder}/{index['fichier_facettes']}" in written
    # The search page, rendered now, links to it.
    search = next(p for p in prepared.pages if p.url == urls.SEARCH_URL)
    assert name.rsplit("/", 1)[1] in search.render()


def test_the_search_index_made_here_when_there_is_no_background(catalog: Catalog) -> None:
    prepared = outputs.prepare(catalog, SITE_URL)
    files = outputs.make_named(prepared)
    assert prepared.renderer.assets["index"] in files


def test_a_failed_index_fails_the_page_that_waits_for_it(
    catalog: Catalog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(sources: outputs.Sources) -> tuple[dict[str, str | bytes], dict[str, str]]:
        raise RuntimeError("index impossible (simulé)")

    monkeypatch.setattr(outputs, "NAMED_BESIDE_PAGES", ((broken, ("index",)),))
    prepared = outputs.prepare(catalog, SITE_URL)
    background = outputs.start_beside_pages(prepared, tmp_path)
    with pytest.raises(ProductionError, match=r"(?s)échouée.*simulé"):
        prepared.renderer.assets["index"]
    with pytest.raises(ProductionError, match=r"(?s)échouée.*simulé"):
        background.finish()


def test_beside_pages_every_other_file(catalog: Catalog, tmp_path: Path) -> None:
    prepared = outputs.prepare(catalog, SITE_URL)
    written = set(outputs.start_beside_pages(prepared, tmp_path).finish())
    search = f"{urls.SEARCH_ASSETS_FOLDER}/"
    assert any(p.startswith(search + "index.") for p in written)
    written = {p for p in written if not p.startswith(search)}
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
    assert [(p.__name__, names) for p, names in outputs.NAMED_BESIDE_PAGES] == [
        ("search_index", ("index",)),
    ]
    assert [p.__name__ for p in outputs.FIRST_BESIDE_PAGES] == [
        "embeds",
        "former_addresses",
        "feeds",
        "spreadsheets",
    ]
    assert [p.__name__ for p in outputs.BESIDE_PAGES] == [
        "quality_report",
        "open_data",
        "territory_data",
        "data_inclusion",
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


def test_a_name_made_before_pages_may_not_be_promised_too(
    catalog: Catalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        outputs, "NAMED_BESIDE_PAGES", ((outputs.search_index, ("index", "integrer")),)
    )
    with pytest.raises(ProductionError, match="nom de fichier « integrer »"):
        outputs.prepare(catalog, SITE_URL)
