"""Places imported from data·inclusion (fictitious fixture files) reach the scheme pages:
import, build, then the "Où s'adresser" box in Chromium."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.datasets import copy_fixture, run_cli
from tests.support.di_fixtures import write_inputs, write_mapping

from .conftest import Server, Tab, _serve

RESULTS = "[data-offre-ou-resultats]"


@pytest.fixture(scope="module")
def imported_site(
    tmp_path_factory: pytest.TempPathFactory, chromium_path: Path
) -> Iterator[Server]:
    base = tmp_path_factory.mktemp("importe")
    data = copy_fixture(base / "donnees")
    write_mapping(data)
    structures, services = write_inputs(base / "entree")
    code, output = run_cli(
        "import-data-inclusion",
        "--structures",
        str(structures),
        "--services",
        str(services),
        "--data",
        str(data),
        "--date",
        "2025-03-10",
    )
    assert code == 0, output
    code, output = run_cli("build", "--data", str(data), "--out", str(base / "site"))
    assert code == 0, output
    server, url = _serve(base / "site")
    yield Server(base / "site", url, data)
    server.shutdown()


def _imported_nantes_place(site: Server) -> str:
    folder = site.data / "lieux" / "france-travail-essai"
    for path in sorted(folder.glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        if "fictif--agence-nantes" in text:
            return path.stem
    raise AssertionError("the Nantes agency was not imported")


def test_an_imported_place_is_found_from_its_commune(imported_site: Server, browser: Any) -> None:
    lid = _imported_nantes_place(imported_site)
    context = browser.new_context(locale="fr-FR")
    tab = Tab(context.new_page())
    tab.page.on("pageerror", lambda error: tab.errors.append(str(error)))
    page = tab.page
    page.goto(imported_site.url("dispositifs/aide-mobilite-essai/"))
    page.wait_for_load_state("networkidle")
    page.get_by_label("Commune de la personne (nom, code postal ou code INSEE)").fill("44000")
    card = page.locator(f"{RESULTS} [data-lieu='{lid}']")
    card.wait_for()
    assert card.locator("a[href^='tel:']").get_attribute("href") == "tel:0240000000"
    assert (
        card.locator("a[href^='mailto:']").get_attribute("href")
        == "mailto:agence-fictive@example.org"
    )
    card.locator(f"a[href$='lieux/{lid}/']").click()
    page.wait_for_url(f"**/lieux/{lid}/")
    text = page.locator("article").inner_text()
    assert "Du lundi au vendredi : 9 h – 12 h" in text
    assert "Provenance : data-inclusion du " in text
    assert tab.errors == []
    context.close()
