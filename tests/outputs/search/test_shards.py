"""The term shards (search/shards.py): contiguous ranges of the sorted terms, one hash a set."""

from __future__ import annotations

import json

from generator.outputs.search.shards import build_shards, shard_files


def test_shards_cut_the_sorted_terms_into_ranges() -> None:
    terms = {f"mot{i:03d}": [1, 8] * (i % 7 + 1) for i in range(300)}
    shards = build_shards(terms, {"motxyz": "mot001"}, target=400)
    assert len(shards) > 10
    assert shards[0].start == ""
    starts = [s.start for s in shards]
    assert starts == sorted(starts)
    seen = []
    for shard in shards:
        data = json.loads(shard.content)
        assert all(t >= shard.start for t in data["termes"])
        seen += data["termes"]
    assert seen == sorted(terms)
    assert sum(len(json.loads(s.content)["formes"]) for s in shards) == 1


def test_a_set_of_shards_shares_one_hash_and_its_names_follow_from_it() -> None:
    terms = {f"mot{i:03d}": [1, 8] * (i % 7 + 1) for i in range(300)}
    files, entry = shard_files("mots", terms, {}, target=400)
    names = [
        entry["modele"].replace("{n}", str(n)).replace("{h}", entry["empreinte"])
        for n in range(len(entry["debuts"]))
    ]
    assert list(files) == names
    assert names[0].startswith("termes/m0.")
    changed = dict(terms, mot150=[1, 10])
    other, moved = shard_files("mots", changed, {}, target=400)
    assert moved["empreinte"] != entry["empreinte"]
    assert not set(files) & set(other)
    assert json.loads(files[names[0]])["termes"][0] == "mot000"
