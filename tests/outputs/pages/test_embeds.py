"""Embeds (integrer/<territoire>/) and the embedding guide (integrer/), pages/embeds.py."""

from __future__ import annotations

import re

from generator.catalog.catalog import Catalog
from generator.rules import urls
from tests.support.datasets import BuiltSite
from tests.support.paths import REPO
from tests.support.sitecheck import article, parse, urls_in

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


def test_one_embed_per_territory_with_only_its_active_schemes(
    built_site: BuiltSite,
) -> None:
    catalog, site = built_site.catalog, built_site.site
    for tid in catalog.territoires:
        html = (site / urls.embed_file(tid)).read_text(encoding="utf-8")
        items = re.findall(r"<li [^>]*>.*?</li>", html, re.S)
        listed = [m for item in items for m in _SCHEME_LINK.findall(item)]
        assert sorted(listed) == sorted(_active(catalog, tid)), tid
        assert catalog.territoires[tid].nom.replace("'", "&#39;") in html


def test_embed_excludes_closed_and_other_territories_schemes(
    built_site: BuiltSite,
) -> None:
    site = built_site.site
    sarthe = (site / urls.embed_file("sarthe")).read_text(encoding="utf-8")
    littoral = (site / urls.embed_file("littoral")).read_text(encoding="utf-8")
    assert "permis-jeunes-essai" in sarthe  # local to the Sarthe EPCI
    assert "permis-jeunes-essai" not in littoral
    for closed in ("garantie-essai", "aide-terminee-essai", "atelier-suspendu-essai"):
        assert closed not in sarthe and closed not in littoral


def test_embed_is_standalone_light_and_accessible(built_site: BuiltSite) -> None:
    catalog, site = built_site.catalog, built_site.site
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


def test_embed_items_carry_their_filters(built_site: BuiltSite) -> None:
    site = built_site.site
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


def test_embeds_of_the_real_data_stay_under_60_kb(shipped_site: BuiltSite) -> None:
    sizes = {
        p.parent.name: p.stat().st_size
        for p in (shipped_site.site / "integrer").glob("*/index.html")
    }
    assert len(sizes) == len(list((REPO / "offer_data" / "territoires").glob("*.yaml")))
    assert max(sizes.values()) < EMBED_MAX_BYTES, sizes


def test_guide_page_builds_a_snippet_without_the_placeholder(built_site: BuiltSite) -> None:
    catalog, site = built_site.catalog, built_site.site
    page = site / "integrer" / "index.html"
    content = article(page)
    assert "aucun cookie, aucun traceur, aucun code tiers" in content.lower()
    first = sorted(catalog.territoires.values(), key=lambda t: t.nom)[0]
    snippet = re.search(r"<textarea [^>]*readonly[^>]*>(.*?)</textarea>", content, re.S)
    assert snippet is not None
    # Built with the placeholder address: left out (the page's script writes the
    # address the guide is read from); never the placeholder.
    assert f"src=&#34;integrer/{first.id}/&#34;" in snippet.group(1)
    assert SITE_URL not in content
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
    built_site: BuiltSite,
) -> None:
    site = built_site.site
    home = (site / "index.html").read_text(encoding="utf-8")
    assert re.search(
        r'<a href="integrer/" class="md-nav__link">\s*<span class="md-ellipsis">'
        r"\s*Intégrer sur votre site",
        home,
    )
    territory = (site / "territoires" / "sarthe" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../integrer/?territoire=sarthe"' in territory
    assert 'href="livret/"' in territory or 'href="../../territoires/sarthe/livret/"' in territory


def test_the_snippet_is_the_one_the_guide_script_builds() -> None:
    from generator.outputs.pages.embeds import EMBED_SANDBOX, iframe_snippet

    snippet = iframe_snippet(SITE_URL, "sarthe", "Sarthe <essai>", "?public=jeunes")
    assert snippet == (
        f'<iframe src="{SITE_URL}integrer/sarthe/?public=jeunes" '
        'title="Dispositifs emploi, formation et orientation : Sarthe &lt;essai&gt;" '
        'height="600" style="width:100%;border:1px solid #ccc" loading="lazy" '
        f'sandbox="{EMBED_SANDBOX}"></iframe>'
    )


def test_the_guide_script_reads_embed_addresses_from_the_page(built_site: BuiltSite) -> None:
    content = (built_site.site / "integrer" / "index.html").read_text(encoding="utf-8")
    assert 'data-modele-adresse=""' in content  # the placeholder is left out
    assert 'data-modele-apercu="{id}/"' in content
    script = re.search(r'<script src="(integrer\.[0-9a-f]{12}\.js)" defer>', content)
    assert script is not None
    js = (built_site.site / "integrer" / script.group(1)).read_text(encoding="utf-8")
    assert "data-modele-adresse" in js and '"integrer/"' not in js
