"""Real strict MkDocs builds of the test dataset: pages, links, redirects, safety, determinism."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from generator.catalog.load import load_catalog
from generator.site.writer import leftovers
from tests.support.datasets import BuiltSite, build_site, copy_fixture, run_cli
from tests.support.goldens import check_golden
from tests.support.paths import REPO
from tests.support.sitecheck import (
    article,
    html_pages,
    is_external,
    parse,
    resolve,
    tree_digest,
    urls_in,
)

SITE_URL = "https://offre-clefop.invalid/"
GOLDEN_PAGES = {
    "dispositif-actif": "dispositifs/aide-mobilite-essai/index.html",
    "dispositif-remplace": "dispositifs/garantie-essai/index.html",
    "dispositif-termine": "dispositifs/aide-terminee-essai/index.html",
    "territoire-officiel": "territoires/sarthe/index.html",
    "territoire-provisoire": "territoires/littoral/index.html",
    "porteur": "porteurs/region-essai/index.html",
    "lieu": "lieux/agence-fictive-le-mans/index.html",
    "lieux": "lieux/index.html",
    "thematique": "thematiques/mobilite/index.html",
    "public": "publics/jeunes/index.html",
    "accueil": "index.html",
    "selection": "selection/index.html",
}


build = build_site


@pytest.fixture(scope="module")
def built(built_site: BuiltSite) -> tuple[Path, Path]:
    return built_site.data, built_site.site


def _previous_site(built_site: BuiltSite, site: Path) -> dict[str, str]:
    """A copy of the shared site at `site`, as the site a failing build must not touch."""
    shutil.copytree(built_site.site, site)
    return tree_digest(site)


def test_every_expected_page_exists(built: tuple[Path, Path]) -> None:
    data, site = built
    catalog, _ = load_catalog(data)
    assert catalog is not None
    expected = [
        "index.html",
        "404.html",
        "sitemap.xml",
        "recherche/index.html",
        "plan/index.html",
        "a-propos/index.html",
        "accessibilite/index.html",
        "mentions-legales/index.html",
        "donnees/index.html",
        "territoires/index.html",
        "dispositifs/index.html",
        "porteurs/index.html",
        "thematiques/index.html",
        "publics/index.html",
    ]
    expected += [f"dispositifs/{d}/index.html" for d in catalog.dispositifs]
    expected += [f"territoires/{t}/index.html" for t in catalog.territoires]
    expected += [f"porteurs/{p}/index.html" for p in catalog.porteurs]
    missing = [path for path in expected if not (site / path).is_file()]
    assert not missing
    assert leftovers(site) == []


def test_pages_are_french(built: tuple[Path, Path]) -> None:
    _, site = built
    for page in html_pages(site):
        head = page.read_text(encoding="utf-8")[:400]
        assert '<html lang="fr"' in head, page


@pytest.mark.parametrize("name", sorted(GOLDEN_PAGES))
def test_golden_pages(name: str, built: tuple[Path, Path], update_goldens: bool) -> None:
    _, site = built
    content = article(site / GOLDEN_PAGES[name])
    check_golden(f"site/{name}.html", content, update_goldens)


def test_every_internal_link_and_anchor_resolves(built: tuple[Path, Path]) -> None:
    _, site = built
    broken = []
    for page in html_pages(site):
        if page.name == "404.html":
            continue  # served at any path: its links are absolute on purpose
        links = parse(page)
        for url in links.hrefs + links.fetched:
            if is_external(url) or url.startswith(("mailto:", "tel:")):
                continue
            target, fragment = resolve(page, site, url)
            if not target.is_file():
                broken.append(f"{page.relative_to(site)} → {url}")
            elif fragment and target.suffix == ".html" and fragment not in parse(target).ids:
                broken.append(f"{page.relative_to(site)} → {url} (ancre absente)")
    assert not broken


def test_former_ids_redirect_to_the_current_page(built: tuple[Path, Path]) -> None:
    _, site = built
    page = site / "dispositifs" / "ancienne-aide-mobilite" / "index.html"
    text = page.read_text(encoding="utf-8")
    assert '<html lang="fr">' in text
    refresh = re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', text)
    assert refresh and refresh.group(1) == "../aide-mobilite-essai/"
    # Built with the placeholder address: the link is relative, the address left out.
    assert 'href="../aide-mobilite-essai/"' in text
    assert SITE_URL not in text
    target, _ = resolve(page, site, refresh.group(1))
    assert target.is_file()


def test_replaced_scheme_page_links_to_its_successor(built: tuple[Path, Path]) -> None:
    _, site = built
    content = article(site / "dispositifs" / "garantie-essai" / "index.html")
    assert "Dispositif remplacé" in content
    assert 'href="../accompagnement-jeunes-essai/"' in content


class _LiveCode(HTMLParser):
    """Everything in a page that a browser would run or load, as opposed to show."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"script", "style", "iframe", "img", "object", "embed", "form"}:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{tag}[{name}]")
            if name in {"href", "src", "action"} and (value or "").strip().lower().startswith(
                ("javascript:", "data:", "vbscript:")
            ):
                self.found.append(f"{tag}[{name}={value}]")


def test_editor_html_never_reaches_the_page_as_code(built: tuple[Path, Path]) -> None:
    _, site = built
    content = article(site / "dispositifs" / "piege-html-essai" / "index.html")
    parser = _LiveCode()
    parser.feed(content)
    assert parser.found == []
    assert "Fiche piège &lt;b&gt;HTML&lt;/b&gt; (essai)" in content
    assert 'href="https://example.org/correct"' in content


def test_no_request_leaves_the_site(built: tuple[Path, Path]) -> None:
    _, site = built
    for page in html_pages(site):
        for url in parse(page).fetched:
            assert not is_external(url), f"{page.relative_to(site)} charge {url}"
    for css in site.rglob("*.css"):
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", css.read_text(encoding="utf-8")):
            assert not is_external(url) or url.startswith("data:"), f"{css}: {url}"


def _data_urls(data: Path) -> set[str]:
    found: set[str] = set()
    for path in data.rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        found |= urls_in(yaml.safe_load(text))
        # Links written inside Markdown descriptions.
        found.update(re.findall(r"https?://[^\s)\]>\"']+", text))
    return found


def test_outbound_links_of_generated_pages_come_from_the_data(built: tuple[Path, Path]) -> None:
    data, site = built
    allowed = _data_urls(data)
    docs_urls = set()
    for md in (REPO / "docs").rglob("*.md"):
        docs_urls.update(re.findall(r"https?://[^\s)\]>\"']+", md.read_text(encoding="utf-8")))
    for page in html_pages(site):
        for url in parse(page).hrefs:
            if url.startswith(("http://", "https://")) and not url.startswith(SITE_URL):
                assert url in allowed or url in docs_urls, f"{page.relative_to(site)}: {url}"


def test_sitemap_dates_come_from_the_data(built: tuple[Path, Path]) -> None:
    _, site = built
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    entry = re.search(
        r"<loc>https://offre-clefop.invalid/dispositifs/aide-mobilite-essai/</loc>\s*"
        r"<lastmod>([^<]+)</lastmod>",
        sitemap,
    )
    assert entry and entry.group(1) == "2026-09-15"


def test_navigation_does_not_list_schemes(built: tuple[Path, Path]) -> None:
    _, site = built
    page = (site / "dispositifs" / "aide-mobilite-essai" / "index.html").read_text("utf-8")
    sidebar = re.search(r'data-md-type="navigation".*?</nav>', page, re.S)
    assert sidebar
    nav_entries = len(yaml.safe_load((REPO / "mkdocs.yml").read_text("utf-8").split("\nnav:\n")[1]))
    assert sidebar.group(0).count('class="md-nav__link') == nav_entries
    assert "aide-terminee-essai" not in sidebar.group(0)


def _clone_scheme(data: Path, copies: int) -> None:
    source = data / "dispositifs" / "region-essai" / "formation-qualifiante-essai.yaml"
    text = source.read_text(encoding="utf-8")
    for n in range(copies):
        clone = text.replace("id: formation-qualifiante-essai", f"id: clone-{n:04d}")
        (source.parent / f"clone-{n:04d}.yaml").write_text(clone, encoding="utf-8")


def test_scheme_page_weight_does_not_grow_with_the_catalogue(
    tmp_path: Path, built_site: BuiltSite
) -> None:
    large = copy_fixture(tmp_path / "grand")
    _clone_scheme(large, 300)
    code, output = build(large, tmp_path / "grand-site")
    assert code == 0, output
    sizes = [
        (site / "dispositifs" / "aide-mobilite-essai" / "index.html").stat().st_size
        for site in (built_site.site, tmp_path / "grand-site")
    ]
    assert abs(sizes[1] - sizes[0]) / sizes[0] < 0.01, sizes


def _subprocess_build(data: Path, out: Path, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "generator",
            "build",
            "--data",
            str(data),
            "--out",
            str(out),
            "--config",
            str(REPO / "mkdocs.yml"),
        ],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        check=False,
    )


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    data = copy_fixture(tmp_path / "donnees")
    first = _subprocess_build(data, tmp_path / "un")
    second = _subprocess_build(data, tmp_path / "deux", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert second.returncode == 0, second.stderr
    assert tree_digest(tmp_path / "un") == tree_digest(tmp_path / "deux")


def test_invalid_data_leaves_the_previous_site_untouched(
    tmp_path: Path, built_site: BuiltSite
) -> None:
    data = copy_fixture(tmp_path / "donnees")
    site = tmp_path / "site"
    before = _previous_site(built_site, site)
    bad = data / "dispositifs" / "region-essai" / "casse.yaml"
    bad.write_text("id: casse\ntitre: [non fermé\n", encoding="utf-8")
    code, output = build(data, site)
    assert code == 1
    assert "casse.yaml:2:" in output and "Traceback" not in output
    assert tree_digest(site) == before
    assert leftovers(site) == []


def _project(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the repository's docs/ and mkdocs.yml that a test may break."""
    project = tmp_path / "projet"
    shutil.copytree(REPO / "docs", project / "docs")
    shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
    return project, copy_fixture(tmp_path / "donnees")


def _build_project(project: Path, data: Path, site: Path) -> tuple[int, str]:
    return run_cli(
        "build", "--config", str(project / "mkdocs.yml"), "--data", str(data), "--out", str(site)
    )


def test_a_build_failing_late_leaves_the_previous_site_untouched(tmp_path: Path) -> None:
    """A failure after pages were written (strict warning) must not replace the site."""
    project, data = _project(tmp_path)
    site = tmp_path / "site"
    assert _build_project(project, data, site)[0] == 0
    before = tree_digest(site)
    (project / "docs" / "a-propos.md").write_text("# À propos\n\n[lien](absent.md)\n", "utf-8")
    code, _ = _build_project(project, data, site)
    assert code == 1
    assert tree_digest(site) == before
    assert leftovers(site) == []


def test_two_pages_claiming_one_address_fail_the_build(tmp_path: Path) -> None:
    project, data = _project(tmp_path)
    (project / "docs" / "territoires").mkdir()
    (project / "docs" / "territoires" / "sarthe.md").write_text("# Sarthe à la main\n", "utf-8")
    code, output = _build_project(project, data, tmp_path / "site")
    assert code == 1
    assert "Deux pages revendiquent la même adresse « territoires/sarthe/index.html »" in output


def test_a_failing_background_production_fails_the_build_cleanly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, built_site: BuiltSite
) -> None:
    from generator.site import outputs

    data = copy_fixture(tmp_path / "donnees")
    site = tmp_path / "site"
    before = _previous_site(built_site, site)

    def broken(*_: object) -> dict[str, str | bytes]:
        raise RuntimeError("export impossible (simulé)")

    monkeypatch.setattr(outputs, "BESIDE_PAGES", (*outputs.BESIDE_PAGES, broken))
    code, output = build(data, site)
    assert code == 1
    assert "Production des fichiers échouée" in output and "export impossible" in output
    assert tree_digest(site) == before


def test_a_background_production_may_not_overwrite_a_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.site import outputs

    def squatter(*_: object) -> dict[str, str | bytes]:
        return {"territoires/sarthe/index.html": "écrasé"}

    monkeypatch.setattr(outputs, "BESIDE_PAGES", (*outputs.BESIDE_PAGES, squatter))
    code, output = build(copy_fixture(tmp_path / "donnees"), tmp_path / "site")
    assert code == 1
    assert "Deux pages revendiquent la même adresse « territoires/sarthe/index.html »" in output
    assert not (tmp_path / "site").exists()


HEAD_PAYLOAD = 'Piège </title><img src=x onerror=alert(2)> "><svg onload=alert(3)>'


def test_data_text_reaching_the_theme_head_is_escaped(tmp_path: Path) -> None:
    # Material prints page.meta.title and .description unescaped: a title or summary
    # must never close the <title> or the attribute it sits in.
    data = copy_fixture(tmp_path / "donnees")
    scheme = data / "dispositifs" / "region-essai" / "apprentissage-essai.yaml"
    record = yaml.safe_load(scheme.read_text(encoding="utf-8"))
    record["titre"] = HEAD_PAYLOAD
    record["resume"] = f"Résumé piégé {HEAD_PAYLOAD}"
    scheme.write_text(yaml.safe_dump(record, allow_unicode=True), encoding="utf-8")
    code, output = build(data, tmp_path / "site")
    assert code == 0, output
    page = (tmp_path / "site" / "dispositifs" / "apprentissage-essai" / "index.html").read_text(
        encoding="utf-8"
    )
    head = page.split("</head>", 1)[0]
    parser = _LiveCode()
    parser.feed(head.split("<title>", 1)[1])
    assert [f for f in parser.found if f not in ("<script>", "<style>")] == []
    assert "<title>Piège &lt;/title&gt;&lt;img src=x onerror=alert(2)&gt;" in head
    assert 'content="Résumé piégé Piège &lt;/title&gt;' in head


def test_every_page_links_to_the_feed(built: tuple[Path, Path]) -> None:
    _, site = built
    # In the footer, not as <link rel="alternate"> in <head>: Material's script treats
    # alternate links as language versions and would fetch a sitemap.xml beside them.
    for page, href in (
        ("index.html", "flux/dispositifs.xml"),
        ("dispositifs/aide-mobilite-essai/index.html", "../../flux/dispositifs.xml"),
    ):
        html = (site / page).read_text(encoding="utf-8")
        assert f'href="{href}">Flux Atom</a>' in html
        assert 'rel="alternate"' not in html[: html.index("</head>")]
