"""Territory pages and their printable booklets (pages/territories.py)."""

from __future__ import annotations

import re
from pathlib import Path

from generator.catalog.catalog import Catalog
from generator.rules import urls
from tests.support.datasets import BuiltSite


def _active(catalog: Catalog, tid: str) -> set[str]:
    return {d for d in catalog.territory_schemes[tid] if catalog.dispositifs[d].is_open}


def _booklet(site: Path, tid: str) -> str:
    return (site / urls.territory_booklet_url(tid) / "index.html").read_text(encoding="utf-8")


def test_booklet_lists_exactly_the_active_schemes(built_site: BuiltSite) -> None:
    catalog, site = built_site.catalog, built_site.site
    for tid in catalog.territoires:
        html = _booklet(site, tid)
        blocks = re.findall(
            r'<article class="offre-livret__fiche" id="dispositif-([a-z0-9-]+)"', html
        )
        assert sorted(blocks) == sorted(_active(catalog, tid)), tid
        toc = re.findall(r'<a href="#dispositif-([a-z0-9-]+)">', html)
        assert sorted(toc) == sorted(blocks)


def test_booklet_shows_the_territory_contact_override(built_site: BuiltSite) -> None:
    site = built_site.site
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


def test_booklet_date_notice_and_print_layout(built_site: BuiltSite) -> None:
    catalog, site = built_site.catalog, built_site.site
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


def test_booklets_are_not_in_the_navigation(built_site: BuiltSite) -> None:
    site = built_site.site
    for page in ("index.html", "territoires/index.html", "integrer/index.html"):
        nav = (site / page).read_text(encoding="utf-8").split("md-sidebar--primary")[1]
        nav = nav.split("md-sidebar--secondary")[0]
        assert "livret" not in nav.lower(), page


def test_territory_page_perimeter_counts_and_links(tmp_path: Path) -> None:
    from generator.outputs.pages.territories import territory_page
    from tests.support.render_fixtures import make_renderer

    renderer = make_renderer(tmp_path)
    catalog = renderer.catalog
    page = territory_page(renderer, "sarthe")
    assert page.title == f"Territoire : {catalog.territoires['sarthe'].nom}"
    html = page.render()
    communes = catalog.territory_communes["sarthe"]
    assert f"soit {len(communes)} communes de la région" in html
    assert 'href="livret/"' in html and 'href="../../flux/territoires/sarthe.xml"' in html
    assert 'href="../../integrer/?territoire=sarthe"' in html
    provisional = territory_page(renderer, "littoral")
    assert "(périmètre provisoire)" in provisional.description
