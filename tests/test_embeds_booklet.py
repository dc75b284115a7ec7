"""Embeds (integrer/<territoire>/), the embedding guide (integrer/) and the printable
territory booklets (territoires/<id>/livret/), from real MkDocs builds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import REPO, copy_fixture, run_cli
from sitecheck import article, parse, urls_in

from generator import urls
from generator.catalog import Catalog
from generator.validate import load_catalog

SITE_URL = "https://offre-clefop.invalid/"
EMBED_MAX_BYTES = 60_000
_SCHEME_LINK = re.compile(r'href="\.\./\.\./dispositifs/([a-z0-9-]+)/"')
_ABSOLUTE = re.compile(r"https?://[^\s\"'<>)]+")


def _active(catalog: Catalog, tid: str) -> set[str]:
    return {d for d in catalog.territory_schemes[tid] if catalog.dispositifs[d].is_open}


def _data_urls(catalog: Catalog) -> set[str]:
    items = [
        *catalog.dispositifs.values(),
        *catalog.porteurs.values(),
        *catalog.territoires.values(),
    ]
    return set().union(*(urls_in(item.model_dump()) for item in items))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Catalog, Path]:
    base = tmp_path_factory.mktemp("partenaires")
    data = copy_fixture(base / "donnees")
    code, output = run_cli("build", "--data", str(data), "--out", str(base / "site"))
    assert code == 0, output
    catalog, _ = load_catalog(data)
    assert catalog is not None
    return catalog, base / "site"


# ---------------------------------------------------------------------------- embeds


def test_one_embed_per_territory_with_only_its_active_schemes(
    built: tuple[Catalog, Path],
) -> None:
    catalog, site = built
    for tid in catalog.territoires:
        html = (site / urls.embed_file(tid)).read_text(encoding="utf-8")
        items = re.findall(r"<li [^>]*>.*?</li>", html, re.S)
        listed = [m for item in items for m in _SCHEME_LINK.findall(item)]
        assert sorted(listed) == sorted(_active(catalog, tid)), tid
        assert catalog.territoires[tid].nom.replace("'", "&#39;") in html


def test_embed_excludes_closed_and_other_territories_schemes(
    built: tuple[Catalog, Path],
) -> None:
    _, site = built
    sarthe = (site / urls.embed_file("sarthe")).read_text(encoding="utf-8")
    littoral = (site / urls.embed_file("littoral")).read_text(encoding="utf-8")
    assert "permis-jeunes-essai" in sarthe  # local to the Sarthe EPCI
    assert "permis-jeunes-essai" not in littoral
    for closed in ("garantie-essai", "aide-terminee-essai", "atelier-suspendu-essai"):
        assert closed not in sarthe and closed not in littoral


def test_embed_is_standalone_light_and_accessible(built: tuple[Catalog, Path]) -> None:
    catalog, site = built
    own = {SITE_URL.rstrip("/")} | _data_urls(catalog)
    for tid in catalog.territoires:
        path = site / urls.embed_file(tid)
        html = path.read_text(encoding="utf-8")
        assert html.startswith("<!doctype html>")
        assert '<html lang="fr">' in html
        assert re.search(r"<title>[^<]+</title>", html)
        assert html.count("<h1>") == 1 and "<h2>" in html and "<ul>" in html
        assert "md-header" not in html  # not a theme page
        # No request at all: no external or local script, style sheet, font or image.
        assert parse(path).fetched == ["../../assets/images/favicon.png"]  # the site's own
        assert "@import" not in html and "url(" not in html and "@font-face" not in html
        assert "cookie" not in html.lower() and "localStorage" not in html
        # Absolute addresses: only the site's own and the data's own.
        for url in _ABSOLUTE.findall(html):
            assert url.startswith(SITE_URL) or url in own, (tid, url)
        # Every link leaves the iframe for the whole window.
        anchors = re.findall(r"<a [^>]*>", html)
        assert anchors and all('target="_top"' in a for a in anchors)
        assert path.stat().st_size < EMBED_MAX_BYTES


def test_embed_items_carry_their_filters(built: tuple[Catalog, Path]) -> None:
    _, site = built
    html = (site / urls.embed_file("sarthe")).read_text(encoding="utf-8")
    item = re.search(
        r'<li data-thematiques="([^"]+)" data-publics="([^"]+)">'
        r'<a class="titre" href="../../dispositifs/aide-mobilite-essai/"',
        html,
    )
    assert item is not None
    assert set(item.group(1).split()) == {"mobilite", "mobilite--financer-ma-mobilite"}
    assert item.group(2).split() == ["demandeurs-emploi"]
    assert "URLSearchParams" in html  # the filters are read from the address


def test_embeds_of_the_real_data_stay_under_60_kb(tmp_path: Path) -> None:
    code, output = run_cli("build", "--out", str(tmp_path / "site"))
    assert code == 0, output
    sizes = {
        p.parent.name: p.stat().st_size
        for p in (tmp_path / "site" / "integrer").glob("*/index.html")
    }
    assert len(sizes) == len(list((REPO / "offer_data" / "territoires").glob("*.yaml")))
    assert max(sizes.values()) < EMBED_MAX_BYTES, sizes


# ---------------------------------------------------------------------------- guide


def test_guide_page_builds_an_absolute_snippet(built: tuple[Catalog, Path]) -> None:
    catalog, site = built
    page = site / "integrer" / "index.html"
    content = article(page)
    assert "aucun cookie, aucun traceur, aucun code tiers" in content.lower()
    first = sorted(catalog.territoires.values(), key=lambda t: t.nom)[0]
    snippet = re.search(r"<textarea [^>]*readonly[^>]*>(.*?)</textarea>", content, re.S)
    assert snippet is not None
    assert f"src=&#34;{SITE_URL}integrer/{first.id}/&#34;" in snippet.group(1)
    assert "title=&#34;" in snippet.group(1)
    assert "Copier le code" in content
    # Territory picker, theme and public options, preview.
    for tid in catalog.territoires:
        assert f'<option value="{tid}"' in content
    assert 'name="thematique" value="mobilite"' in content
    assert 'name="public" value="jeunes"' in content
    assert (
        f'<iframe class="offre-integrer__apercu" data-offre-integrer-apercu src="{first.id}/"'
        in (content)
    )
    script = re.search(r'<script src="(integrer\.[0-9a-f]{12}\.js)" defer>', content)
    assert script is not None and (site / "integrer" / script.group(1)).is_file()


def test_guide_is_in_the_navigation_and_linked_from_territories(
    built: tuple[Catalog, Path],
) -> None:
    _, site = built
    home = (site / "index.html").read_text(encoding="utf-8")
    assert re.search(
        r'<a href="integrer/" class="md-nav__link">\s*<span class="md-ellipsis">'
        r"\s*Intégrer sur votre site",
        home,
    )
    territory = (site / "territoires" / "sarthe" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../integrer/?territoire=sarthe"' in territory
    assert 'href="livret/"' in territory or 'href="../../territoires/sarthe/livret/"' in territory


# ---------------------------------------------------------------------------- booklet


def _booklet(site: Path, tid: str) -> str:
    return (site / urls.territory_booklet_url(tid) / "index.html").read_text(encoding="utf-8")


def test_booklet_lists_exactly_the_active_schemes(built: tuple[Catalog, Path]) -> None:
    catalog, site = built
    for tid in catalog.territoires:
        html = _booklet(site, tid)
        blocks = re.findall(
            r'<article class="offre-livret__fiche" id="dispositif-([a-z0-9-]+)"', html
        )
        assert sorted(blocks) == sorted(_active(catalog, tid)), tid
        toc = re.findall(r'<a href="#dispositif-([a-z0-9-]+)">', html)
        assert sorted(toc) == sorted(blocks)


def test_booklet_shows_the_territory_contact_override(built: tuple[Catalog, Path]) -> None:
    _, site = built
    sarthe = _booklet(site, "sarthe")
    block = re.search(r'id="dispositif-aide-mobilite-essai".*?</article>', sarthe, re.S)
    assert block is not None
    text = block.group(0)
    assert "Sur le territoire Territoire d&#39;essai Sarthe" in text
    assert "Agence d&#39;essai de la Sarthe" in text and "02 00 00 00 00" in text
    assert text.index("Agence d&#39;essai") < text.index("Service régional d&#39;essai")
    # Each part of the block.
    for part in (
        "Porteur",
        "Pour qui",
        "Ce que propose le dispositif",
        "Conditions",
        "Comment le mobiliser",
        "Contacts",
        "Sources",
    ):
        assert part in text, part
    assert ">https://example.org/source-mobilite</a>" in text  # sources as URLs
    # Elsewhere, only the regional contact.
    littoral = _booklet(site, "littoral")
    block = re.search(r'id="dispositif-aide-mobilite-essai".*?</article>', littoral, re.S)
    assert block is not None
    assert "Agence d&#39;essai" not in block.group(0)
    assert "Service régional d&#39;essai" in block.group(0)
    # The territory's own contacts.
    assert "animation@example.org" in sarthe.split('id="contacts-locaux"')[1]


def test_booklet_date_notice_and_print_layout(built: tuple[Catalog, Path]) -> None:
    catalog, site = built
    sarthe = _booklet(site, "sarthe")
    littoral = _booklet(site, "littoral")
    latest = catalog.latest_date().isoformat()
    assert f'<time datetime="{latest}">' in sarthe
    assert "Périmètre provisoire" in littoral and "Périmètre provisoire" not in sarthe
    # hide: [navigation, toc] → both sidebars hidden.
    assert re.search(r'md-sidebar--primary"[^>]*hidden', sarthe)
    assert re.search(r'md-sidebar--secondary"[^>]*hidden', sarthe)
    css = (site / "assets" / "offre" / "offre.css").read_text(encoding="utf-8")
    print_rules = css[css.index(".offre-livret__fiche { break-inside: avoid") :]
    assert "page-break-inside: avoid" in print_rules
    assert "size: A4" in css


def test_booklets_are_not_in_the_navigation(built: tuple[Catalog, Path]) -> None:
    _, site = built
    for page in ("index.html", "territoires/index.html", "integrer/index.html"):
        nav = (site / page).read_text(encoding="utf-8").split("md-sidebar--primary")[1]
        nav = nav.split("md-sidebar--secondary")[0]
        assert "livret" not in nav.lower(), page
