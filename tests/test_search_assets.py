"""The search files the browser downloads (search/assets.py), against golden files.

Their names carry a hash of their content; the goldens are kept by stem (index, fiches,
communes), so a change shows as a readable diff rather than a renamed file.
"""

from __future__ import annotations

import re

import pytest
from conftest import BuiltSite
from goldens import check_golden

from generator import urls
from generator.search.assets import build_search_assets

STEMS = ("index", "fiches", "communes")


@pytest.mark.parametrize("stem", STEMS)
def test_search_file_golden(stem: str, built_site: BuiltSite, update_goldens: bool) -> None:
    folder = built_site.site / urls.SEARCH_ASSETS_FOLDER
    [path] = [
        p
        for p in folder.glob(f"{stem}.*.json")
        if re.fullmatch(rf"{stem}\.[0-9a-f]{{12}}\.json", p.name)
    ]
    check_golden(f"search/{stem}.json", path.read_bytes(), update_goldens)


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
