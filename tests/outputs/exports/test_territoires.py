"""donnees/territoires/<id>.json (exports/territoires.py)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from generator.catalog.catalog import Catalog
from generator.outputs.exports.publication import LICENCE_NAME
from generator.rules import urls
from tests.support.goldens import check_golden


def _json(site: Path, path: str) -> Any:
    return json.loads((site / path).read_text(encoding="utf-8"))


def test_territory_files_list_exactly_the_schemes_of_the_territory(
    site: Path, catalog: Catalog
) -> None:
    for tid in catalog.territoires:
        document = _json(site, urls.territory_data_url(tid))
        assert document["licence"]["nom"] == LICENCE_NAME
        assert document["territoire"]["id"] == tid
        ids = [d["id"] for d in document["dispositifs"]]
        assert ids == sorted(catalog.territory_schemes[tid])
        for record in document["dispositifs"]:
            assert record["statut"] == catalog.dispositifs[record["id"]].statut
    sarthe = {d["id"]: d for d in _json(site, urls.territory_data_url("sarthe"))["dispositifs"]}
    assert "permis-jeunes-essai" in sarthe
    assert sarthe["garantie-essai"]["statut"] == "remplace"  # closed ones are listed too
    # The territory's own contact wins over the regional one.
    assert sarthe["aide-mobilite-essai"]["contact"]["telephone"] == "02 00 00 00 00"
    littoral = _json(site, urls.territory_data_url("littoral"))["dispositifs"]
    assert "permis-jeunes-essai" not in {d["id"] for d in littoral}


@pytest.mark.parametrize("tid", ["anjou-maine", "littoral", "sarthe"])
def test_territory_file_golden(tid: str, site: Path, update_goldens: bool) -> None:
    path = urls.territory_data_url(tid)
    check_golden(f"exports/{path}", (site / path).read_bytes(), update_goldens)
