"""Ids made from names are permanent addresses: the slug rules, proved on real names.

Territory ids are built from names (provisional territories from arrondissement names,
official ones from the Region's file); a partner's link to `territoires/<id>/` must keep
working, so the function is pinned by a table of tricky names and checked on every
place name of the geographic extract.
"""

from __future__ import annotations

import json
import re

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from generator.data.fields import SLUG_PATTERN
from generator.rules.urls import slugify
from tests.support.paths import GEO, REPO

TRICKY = [
    # Ligatures are letters: expanded, never dropped.
    ("Cœur de Sarthe", "coeur-de-sarthe"),
    ("Paimbœuf", "paimboeuf"),
    ("Beaumont-Pied-de-Bœuf", "beaumont-pied-de-boeuf"),
    ("ŒUVRE", "oeuvre"),
    ("Lætitia", "laetitia"),
    ("Straße", "strasse"),
    ("ﬁlature", "filature"),
    # Every dash and apostrophe separates words.
    ("Loir–Lucé–Bercé", "loir-luce-berce"),
    ("Loir—Lucé", "loir-luce"),
    ("Île-d’Yeu", "ile-d-yeu"),
    ("L'Île-d'Yeu", "l-ile-d-yeu"),
    ("Les Sables-d'Olonne", "les-sables-d-olonne"),
    ("Saint‑Nazaire", "saint-nazaire"),  # non-breaking hyphen
    ("La Roche‐sur‐Yon", "la-roche-sur-yon"),  # Unicode hyphen
    ("Pays de Château-Gontier", "pays-de-chateau-gontier"),
    # Spaces of every kind, punctuation, case, surrounding noise.
    ("Le\u202fMans\u00a0Métropole", "le-mans-metropole"),
    ("  Île -- Œuf ", "ile-oeuf"),
    ("CC du Pays de Craon (CCPC)", "cc-du-pays-de-craon-ccpc"),
    ("Saumur Val de Loire !", "saumur-val-de-loire"),
    ("ÉCOMMOY", "ecommoy"),
    ("İle", "ile"),
    # Symbols and other scripts are dropped, as before: ids made from them stay the same.
    ("Bassin d'essai n°2", "bassin-d-essai-n2"),
    ("½ journée", "12-journee"),
    ("Pôle © emploi", "pole-emploi"),
]


@pytest.mark.parametrize(("name", "slug"), TRICKY)
def test_tricky_names(name: str, slug: str) -> None:
    assert slugify(name) == slug


def _place_names() -> list[str]:
    geo = json.loads((GEO / "pays-de-la-loire.json").read_text(encoding="utf-8"))
    names = [geo["region"]["nom"]]
    for kind in ("departements", "arrondissements", "epci", "communes"):
        for place in geo[kind]:
            names.append(place["nom"])
            names.extend(old["nom"] for old in place.get("anciens_noms", []))
    return names


PLACE_NAMES = _place_names()
SLUG = re.compile(SLUG_PATTERN)


def test_every_place_name_of_the_extract_gives_a_clean_slug() -> None:
    assert len(PLACE_NAMES) > 1500  # every EPCI and commune, not a sample
    for name in PLACE_NAMES:
        slug = slugify(name)
        assert slug.isascii() and slug == slug.lower(), name
        assert SLUG.fullmatch(slug), (name, slug)  # no double, leading or trailing dash
        assert slugify(name) == slug, name  # deterministic
        assert slugify(slug) == slug, name  # a slug is its own slug
        # No letter lost: every letter of the name has a counterpart in the slug.
        letters = sum(1 for char in name if char.isalpha())
        assert len(slug.replace("-", "")) >= letters, (name, slug)


@given(st.text(max_size=60))
def test_any_text_gives_a_slug_or_nothing(text: str) -> None:
    slug = slugify(text)
    assert slug == "" or SLUG.fullmatch(slug), (text, slug)
    assert slugify(slug) == slug


def test_shipped_territory_ids_are_unchanged() -> None:
    """Provisional territories got their id from their name: the rules must still give it.

    If this fails, a published address would change: keep the old id in the file (or
    add a redirect) instead of regenerating it.
    """
    files = sorted((REPO / "offer_data" / "territoires").glob("*.yaml"))
    assert files
    for path in files:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert slugify(data["nom"]) == data["id"] == path.stem, path.name
