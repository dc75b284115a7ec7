"""The public address is never wrong in print (rules/site_url.py): while it is the
placeholder, no page, booklet, embed, feed or open-data file carries it; with a real
address, they all do. The build's warning stays (tests/site/test_theme.py)."""

from __future__ import annotations

import gzip
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin

import pytest

from generator.rules.site_url import public_url
from tests.support.datasets import BuiltSite, build_site, copy_fixture

PLACEHOLDER = "offre-clefop.invalid"
CANONICAL = re.compile(r'<link rel="canonical" href="[^"]*">')
ATOM = "{http://www.w3.org/2005/Atom}"
XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
REAL = "https://offre.example.fr/sous-chemin/"


def _carriers(site: Path, needle: str) -> list[str]:
    found = []
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        raw = path.read_bytes()
        if path.suffix == ".gz":
            raw = gzip.decompress(raw)
        text = CANONICAL.sub("", raw.decode("utf-8", errors="replace"))
        if needle in text:
            found.append(str(path.relative_to(site)))
    return found


def test_public_url_leaves_the_placeholder_out() -> None:
    assert public_url("https://offre-clefop.invalid/") is None
    assert public_url(None) is None
    assert public_url(REAL) == REAL


def test_nothing_printed_carries_the_placeholder(built_site: BuiltSite) -> None:
    assert "Avertissement : l'adresse publique du site est encore provisoire" in built_site.log
    # MkDocs' sitemap keeps it (search engines need absolute addresses; the build warns).
    assert _carriers(built_site.site, PLACEHOLDER) == ["sitemap.xml", "sitemap.xml.gz"]
    scheme = built_site.site / "dispositifs" / "aide-mobilite-essai" / "index.html"
    footer = re.search(r"<span data-offre-adresse>([^<]*)</span>", scheme.read_text("utf-8"))
    assert footer is not None and footer.group(1) == "dispositifs/aide-mobilite-essai/"
    booklets = list(built_site.site.glob("territoires/*/livret/index.html"))
    assert booklets


def test_feeds_without_an_address_resolve_from_their_own_folder(built_site: BuiltSite) -> None:
    site = built_site.site
    feeds = sorted(site.glob("flux/**/*.xml"))
    assert len(feeds) >= 2
    checked = 0
    for feed in feeds:
        root = ET.fromstring(feed.read_bytes())
        base = urljoin(f"http://h/{feed.relative_to(site).as_posix()}", root.get(XML_BASE, ""))
        assert base == "http://h/"
        for link in root.iter(f"{ATOM}link"):
            target = urljoin(base, link.get("href", "")).removeprefix("http://h/")
            path = site / target
            if target == "" or target.endswith("/"):
                path = path / "index.html"
            assert path.is_file(), (feed.name, link.get("href"))
            checked += 1
    assert checked > len(feeds) * 2


@pytest.fixture(scope="module")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("adresse-reelle")
    data = copy_fixture(base / "donnees")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("OFFRE_URL_SITE", REAL)
        code, output = build_site(data, base / "site")
    assert code == 0, output
    assert "adresse publique du site est encore provisoire" not in output
    return base / "site"


def test_a_real_address_is_printed_everywhere(real_site: Path) -> None:
    assert _carriers(real_site, PLACEHOLDER) == []
    carriers = _carriers(real_site, REAL)
    for expected in (
        "flux/dispositifs.xml",
        "donnees/offre.json",
        "donnees/data-inclusion/services.json",
        "integrer/index.html",
        "dispositifs/aide-mobilite-essai/index.html",
    ):
        assert expected in carriers
    feed = ET.fromstring((real_site / "flux" / "dispositifs.xml").read_bytes())
    assert feed.get(XML_BASE) is None
    hrefs = [link.get("href", "") for link in feed.iter(f"{ATOM}link")]
    assert hrefs and all(href.startswith(REAL) for href in hrefs)
    guide = (real_site / "integrer" / "index.html").read_text("utf-8")
    assert f'data-modele-adresse="{REAL}integrer/{{id}}/"' in guide
