"""The search files the browser downloads (search/assets.py), against golden files.

Their names carry a hash of their content; the goldens are kept by stem (index, facets,
communes, the first scheme's fiche, the first shard of words), so a change shows as a
readable diff rather than a renamed file.
"""

from __future__ import annotations

import json
import re

import pytest

from generator.outputs.search.assets import build_search_assets
from generator.rules import urls
from tests.support.datasets import BuiltSite
from tests.support.goldens import check_golden

STEMS = ("index", "facettes", "communes", "fiches/0", "termes/m")


@pytest.mark.parametrize("stem", STEMS)
def test_search_file_golden(stem: str, built_site: BuiltSite, update_goldens: bool) -> None:
    folder = built_site.site / urls.SEARCH_ASSETS_FOLDER
    found = sorted(
        p
        for p in folder.glob(f"{stem}.*.json")
        if re.fullmatch(rf"{re.escape(stem.rsplit('/', 1)[-1])}\.[0-9a-f]{{12}}\.json", p.name)
    )
    # The first shard of words is named from the index's model (a hash for the set).
    if stem.startswith("termes/"):
        index = json.loads(next(folder.glob("index.*.json")).read_text(encoding="utf-8"))
        shards = index["tranches"]["mots"]
        found = [folder / shards["modele"].replace("{n}", "0").replace("{h}", shards["empreinte"])]
    assert found, stem
    check_golden(f"search/{stem.replace('/', '-')}.json", found[0].read_bytes(), update_goldens)


def test_every_search_file_is_named_or_reached_from_the_index(built_site: BuiltSite) -> None:
    """Pages link to the named files; the index lists every shard, vocabulary and fiche."""
    assets = build_search_assets(built_site.catalog)
    index = json.loads(assets.files[assets.urls["index"]])
    reached = {assets.urls[name] for name in assets.urls}
    prefix = urls.SEARCH_ASSETS_FOLDER + "/"
    for shards in index["tranches"].values():
        model = shards["modele"].replace("{h}", shards["empreinte"])
        reached |= {prefix + model.replace("{n}", str(n)) for n in range(len(shards["debuts"]))}
    reached |= {prefix + name for name in index["vocabulaire"].values()}
    reached.add(prefix + index["fichier_facettes"])
    model = index["fiches"]["modele"]
    for number in range(index["nombre"]):
        digest = index["fiches"]["empreintes"][number // index["fiches"]["groupe"]]
        reached.add(prefix + model.replace("{n}", str(number)).replace("{h}", digest))
    assert reached == set(assets.files)


def test_each_file_is_named_after_its_content(built_site: BuiltSite) -> None:
    assets = build_search_assets(built_site.catalog)
    for name, path in assets.urls.items():
        content = assets.files[path]
        named = re.fullmatch(r"(.+)\.[0-9a-f]{12}(\.\w+)", path.rsplit("/", 1)[1])
        assert named is not None, path
        stem, suffix = named.groups()
        assert path == urls.hashed_path(urls.SEARCH_ASSETS_FOLDER, stem, content, suffix), name
        assert (built_site.site / path).read_bytes() == (
            content.encode("utf-8") if isinstance(content, str) else content
        )
