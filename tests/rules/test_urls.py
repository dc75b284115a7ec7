"""Every path and address (urls.py), and no path written anywhere else."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.rules import urls
from tests.support.paths import REPO as _REPO

REPO = _REPO
GENERATOR = REPO / "generator"


def test_page_urls_depend_only_on_the_id() -> None:
    assert urls.page_url("dispositif", "cej") == "dispositifs/cej/"
    assert urls.page_url("territoire") == "territoires/"
    assert urls.territory_booklet_url("laval") == "territoires/laval/livret/"
    assert urls.embed_url("laval") == "integrer/laval/"
    assert urls.embed_file("laval") == "integrer/laval/index.html"
    assert urls.territory_feed_url("laval") == "flux/territoires/laval.xml"
    assert urls.territory_data_url("laval") == "donnees/territoires/laval.json"


def test_the_patterns_handed_to_javascript_give_the_same_addresses() -> None:
    patterns = urls.js_patterns()
    for kind in urls.SECTIONS:
        assert patterns[kind].replace("{id}", "x") == urls.page_url(kind, "x")
    assert patterns["livret"].replace("{id}", "x") == urls.territory_booklet_url("x")
    assert patterns["integrer"].replace("{id}", "x") == urls.embed_url("x")
    assert patterns["flux_territoire"].replace("{id}", "x") == urls.territory_feed_url("x")
    assert patterns["donnees_territoire"].replace("{id}", "x") == urls.territory_data_url("x")
    assert patterns["recherche"] == urls.SEARCH_URL and patterns["accueil"] == ""
    assert all(isinstance(v, str) for v in patterns.values())


@pytest.mark.parametrize(
    ("here", "target", "link"),
    [
        ("dispositifs/cej/", "territoires/laval/", "../../territoires/laval/"),
        ("dispositifs/cej/", "dispositifs/cej/", "./"),
        ("", "recherche/", "recherche/"),
        ("recherche/", "", "../"),
        ("rapport/", "rapport/rapport.json", "rapport.json"),
        ("integrer/laval/", "assets/images/favicon.png", "../../assets/images/favicon.png"),
    ],
)
def test_relative_links(here: str, target: str, link: str) -> None:
    assert urls.relative(here, target) == link


def test_files_and_absolute_addresses() -> None:
    assert urls.output_path("") == "index.html"
    assert urls.output_path("plan/") == "plan/index.html"
    assert urls.output_path(urls.FEED_URL) == urls.FEED_URL
    assert urls.source_uri("") == "index.md" and urls.source_uri("plan/") == "plan.md"
    assert urls.absolute_url("https://a.fr/offre", "plan/") == "https://a.fr/offre/plan/"
    assert urls.absolute_url("https://a.fr/offre/", "plan/") == "https://a.fr/offre/plan/"
    assert urls.absolute_url(None, "plan/") == "plan/"


def test_hashed_names_change_with_the_content() -> None:
    one = urls.hashed_name("index", "a", ".json")
    assert re.fullmatch(r"index\.[0-9a-f]{12}\.json", one)
    assert one == urls.hashed_name("index", b"a", ".json")
    assert one != urls.hashed_name("index", "b", ".json")
    assert urls.hashed_path("recherche", "index", "a", ".json") == f"recherche/{one}"


# ---------------------------------------------------------------------------- nowhere else

# A site path written as a literal: a quoted string starting with a section of the site.
_FIRST_SEGMENTS = sorted(
    {p.split("/", 1)[0] for p in (*urls.PATTERNS.values(), *urls.SECTIONS.values())}
    | {
        value.split("/", 1)[0]
        for name, value in vars(urls).items()
        if name.isupper() and isinstance(value, str) and "/" in value
    }
)
_LITERAL = re.compile("[\"'](?:" + "|".join(map(re.escape, _FIRST_SEGMENTS)) + ")/")
# Where a literal may stay, and why.
ALLOWED = {
    "generator/rules/urls.py": "the one place",
    # Feed ids inside tag: URIs are identifiers that must never change, not addresses.
    "generator/outputs/exports/atom.py": "WHOLE_FEED_ID, TERRITORY_FEED_ID",
    # Messages that name a file of the data folder (dispositifs/<porteur>/…), not an address.
    "generator/data/crossref.py": "data file path in an error message",
    "generator/importers/data_inclusion/mapping.py": "data file path in an error message",
}
# Scripts that still build addresses themselves instead of reading `urls.js_patterns()`
# (none now): listed so that the test fails as soon as one starts or stops.
NOT_YET: set[str] = set()


def _sources() -> list[Path]:
    kinds = ("*.py", "*.j2", "*.html", "*.js", "*.xml")
    return sorted(
        p for kind in kinds for p in GENERATOR.rglob(kind) if "__pycache__" not in p.parts
    )


def test_no_site_path_is_written_outside_urls() -> None:
    found: dict[str, list[str]] = {}
    for path in _sources():
        name = path.relative_to(REPO).as_posix()
        if name in ALLOWED:
            continue
        hits = [
            f"{n}: {line.strip()}"
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if _LITERAL.search(line) and not line.lstrip().startswith(("#", "//", "*", "{#"))
        ]
        if hits:
            found[name] = hits
    assert set(found) == NOT_YET, found
