"""The search index carries each scheme's age bounds and situations; the engine filters on them."""

from __future__ import annotations

import json

from generator.catalog.catalog import Catalog
from generator.outputs.search.documents import ordered_schemes
from generator.outputs.search.engine import Engine
from generator.outputs.search.index import build_search_files


def _engine(catalog: Catalog) -> tuple[Engine, list[str], dict[str, object]]:
    files = build_search_files(catalog)
    index = json.loads(files.files[files.index])
    engine = Engine(index, lambda name: json.loads(files.files[name]))
    return engine, [d.id for d in ordered_schemes(catalog)], index


def test_the_index_carries_the_sourced_age_bounds(catalog: Catalog) -> None:
    _, ids, index = _engine(catalog)
    ages = dict(zip(ids, index["ages"], strict=True))  # type: ignore[call-overload]
    assert ages["permis-jeunes-essai"] == [18, 25]
    assert ages["formation-qualifiante-essai"] == [26, None]
    assert ages["accompagnement-jeunes-essai"] is None


def test_situations_are_a_facet_open_to_everyone_for_all_publics(catalog: Catalog) -> None:
    engine, ids, _ = _engine(catalog)
    values = [e["valeur"] for e in engine.facets["situation"]]
    assert "tous-publics" not in values
    column = dict(zip(ids, engine.columns["situation"], strict=True))
    assert [values[p] for p in column["permis-jeunes-essai"]] == ["jeunes"]  # structured
    assert {values[p] for p in column["accompagnement-jeunes-essai"]} == {  # from publics
        "jeunes",
        "demandeurs-emploi",
    }
    assert column["atelier-suspendu-essai"] == -1


def test_age_and_situation_narrow_the_results(catalog: Catalog) -> None:
    engine, ids, _ = _engine(catalog)
    every = {"statut": ["actif"]}

    def found(filters: dict[str, list[str]]) -> set[str]:
        return {ids[n] for n in engine.search("", filters).numbers}

    everyone = found(every)
    assert {"formation-qualifiante-essai", "permis-jeunes-essai"} <= everyone
    at_19 = found({**every, "age": ["19"]})
    assert "formation-qualifiante-essai" not in at_19  # 26 and over
    assert "permis-jeunes-essai" in at_19  # 18 to 25
    assert "accompagnement-jeunes-essai" in at_19  # no bound: kept
    assert found({**every, "age": ["30"]}) == everyone - {"permis-jeunes-essai"}
    seeker = found({**every, "situation": ["demandeurs-emploi"]})
    assert "accompagnement-jeunes-essai" in seeker and "permis-jeunes-essai" not in seeker
    assert "atelier-suspendu-essai" in found({"situation": ["demandeurs-emploi"]})  # all publics
    assert found({**every, "age": ["abc"]}) == everyone  # not an age: ignored
