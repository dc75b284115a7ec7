"""« Ma sélection » (pages/selection.py): its page, its script and its data file."""

from __future__ import annotations

import json
from pathlib import Path

from generator.catalog.catalog import Catalog
from generator.catalog.load import load_catalog
from generator.outputs.pages.selection import (
    SELECTION_ASSETS,
    part_of,
    selection_files,
    selection_page,
    selection_records,
)
from generator.rules import urls
from tests.support.datasets import copy_fixture
from tests.support.render_fixtures import make_renderer


def _catalog(tmp_path: Path) -> Catalog:
    catalog, report = load_catalog(copy_fixture(tmp_path / "donnees"))
    assert catalog is not None, report.render()
    return catalog


def test_the_page_loads_its_files_as_external_scripts(tmp_path: Path) -> None:
    renderer = make_renderer(tmp_path)
    page = selection_page(renderer)
    assert page.url == urls.SELECTION_URL == "selection/"
    html = page.render()
    for name in SELECTION_ASSETS:
        assert f'"../{renderer.assets[name]}"' in html, name
    # Every script is a file of the site: the strict CSP needs no hash for this page.
    assert html.count("<script") == html.count("<script src=") == 4
    # Without JavaScript, the page says so and points to pages that work without it.
    assert "a besoin de JavaScript" in html and 'href="../recherche/"' in html


def test_the_browser_knows_the_selection_address() -> None:
    assert urls.js_patterns()["selection"] == urls.SELECTION_URL


def test_data_holds_what_the_person_needs_and_no_internal_note(tmp_path: Path) -> None:
    catalog = _catalog(tmp_path)
    schemes, places = selection_records(catalog)
    files, names = selection_files(catalog)
    index = json.loads(files[names["selection_donnees"]])
    # Only schemes a person can be sent to (plans and governance bodies are not).
    assert set(schemes) == {d.id for d in catalog.dispositifs.values() if d.is_scheme}
    mobility = schemes["aide-mobilite-essai"]
    assert mobility["titre"] == "Aide à la mobilité (essai)"
    assert mobility["conditions"] == ["Être inscrit comme demandeur d'emploi."]
    assert mobility["demarche"] == "Demande faite avec le conseiller avant le déplacement."
    assert mobility["par"] == ["un professionnel"]
    assert mobility["contacts_territoires"]["sarthe"]["telephone"] == "02 00 00 00 00"
    assert mobility["contact"]["nom"] == "Service régional d'essai"
    assert mobility["lieux"] == catalog.scheme_places["aide-mobilite-essai"]
    assert "agence-fictive-le-mans" in mobility["lieux"]
    # A link kept with a former id still finds the scheme.
    assert index["anciens"]["ancienne-aide-mobilite"] == "aide-mobilite-essai"
    suspended = schemes["atelier-suspendu-essai"]
    assert suspended["statut"] == "Suspendu"
    assert mobility["lieux_par_territoire"]["sarthe"] == [
        "agence-fictive-le-mans",
        "antenne-fictive-sans-zone",
    ]
    place = places["agence-fictive-le-mans"]
    assert place["adresse"] == ["1 rue de l'Essai", "72000 Le Mans"]
    assert place["telephone"] == "02 00 00 00 01"
    assert place["horaires"] and "8 h 30" in place["horaires"][0]
    assert place["territoires"] == catalog.place_territories["agence-fictive-le-mans"]
    text = "".join(str(content) for content in files.values())
    # Internal notes and source lists are for advisers, not for the person.
    for record in [*catalog.dispositifs.values(), *catalog.lieux.values()]:
        for point in record.a_verifier:
            assert point not in text
        for source in record.sources:
            assert str(source.url) not in text


def test_data_file_is_content_hashed_and_the_same_from_the_same_data(tmp_path: Path) -> None:
    catalog = _catalog(tmp_path)
    files, names = selection_files(catalog)
    again, _ = selection_files(catalog)
    assert files == again
    data_path = names["selection_donnees"]
    assert data_path == urls.hashed_path("recherche", "selection", files[data_path], ".json")
    assert json.loads(files[data_path])["version"] == 2
    assert names["selection"].startswith("recherche/selection.")
    assert names["selection"].endswith(".js")
    # The vendored QR code library, unchanged, with its licence served beside it.
    vendored = files[names["qrcode"]]
    assert isinstance(vendored, bytes)
    assert vendored.startswith(b"//----") and b"Licensed under the MIT license" in vendored
    licence = files["recherche/qrcode-generator.LICENSE.txt"]
    assert isinstance(licence, bytes)
    assert b"Copyright (c) 2009 Kazuhiko Arase" in licence and b"Permission is hereby" in licence


def test_records_come_in_parts_the_page_loads_one_by_one(tmp_path: Path) -> None:
    catalog = _catalog(tmp_path)
    schemes, places = selection_records(catalog)
    files, names = selection_files(catalog, part_size=3)
    index = json.loads(files[names["selection_donnees"]])
    for kind, records in (("dispositifs", schemes), ("lieux", places)):
        listed = index["parties"][kind]
        assert len(listed) == -(-len(records) // 3)
        seen: dict[str, object] = {}
        for number, name in enumerate(listed):
            part = json.loads(files[f"recherche/{name}"])
            assert name == urls.hashed_name(
                f"selection-{kind}-{number}", files[f"recherche/{name}"], ".json"
            )
            for ident, record in part.items():
                assert part_of(ident, len(listed)) == number
                seen[ident] = record
        assert seen == records
    # The default size keeps the test catalogue in one part of each kind.
    _, default = selection_files(catalog)
    assert default["selection_donnees"] != names["selection_donnees"]


def test_part_of_is_fnv1a() -> None:
    # FNV-1a 32-bit reference values ("" → offset basis, "a" → 0xE40C292C).
    assert part_of("", 2**32) == 0x811C9DC5
    assert part_of("a", 2**32) == 0xE40C292C
    assert part_of("foobar", 2**32) == 0xBF9CF968
