"""What an operator sets in mkdocs.yml: theme.custom_dir and the public address."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.rules.site_url import is_placeholder, placeholder_warning
from tests.support.datasets import BuiltSite, build_site, copy_fixture, run_cli
from tests.support.paths import REPO

WARNING = "Avertissement : l'adresse publique du site est encore provisoire"


def test_a_custom_dir_overrides_the_plugin_partials(tmp_path: Path) -> None:
    project = tmp_path / "projet"
    shutil.copytree(REPO / "docs", project / "docs")
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert "  name: material\n" in config
    config = config.replace("  name: material\n", "  name: material\n  custom_dir: surcharges\n")
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    partials = project / "surcharges" / "partials"
    partials.mkdir(parents=True)
    (partials / "offre-footer.html").write_text(
        '<footer class="md-footer">Pied de page du Cariforef</footer>\n', encoding="utf-8"
    )
    data = copy_fixture(tmp_path / "donnees")
    site = tmp_path / "site"
    code, output = run_cli(
        "build", "--config", str(project / "mkdocs.yml"), "--data", str(data), "--out", str(site)
    )
    assert code == 0, output
    for page in ("index.html", "dispositifs/aide-mobilite-essai/index.html", "404.html"):
        html = (site / page).read_text(encoding="utf-8")
        assert "Pied de page du Cariforef" in html, page
        assert "md-footer offre-pied" not in html, page
    # Everything the operator did not override is still the plugin's.
    assert 'id="offre-entete-q"' in (site / "index.html").read_text(encoding="utf-8")


def test_a_build_with_the_placeholder_address_warns_once(built_site: BuiltSite) -> None:
    assert built_site.log.count(WARNING) == 1
    line = next(line for line in built_site.log.splitlines() if WARNING in line)
    for carrier in ("extraits à intégrer, flux", "laissent de côté", "plan du site"):
        assert carrier in line
    assert "OFFRE_URL_SITE=https://exemple.fr/offre/" in line and "site_url" in line


def test_a_build_with_a_real_address_does_not_warn(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OFFRE_URL_SITE", "https://offre.exemple.fr/clefop/")
    code, output = build_site(copy_fixture(tmp_path / "donnees"), tmp_path / "site")
    assert code == 0, output
    assert WARNING not in output


@pytest.mark.parametrize(
    ("address", "placeholder"),
    [
        ("https://offre-clefop.invalid/", True),
        ("https://sous.domaine.invalid/offre/", True),
        ("", True),
        (None, True),
        ("https://www.cariforef-pdl.org/offre/", False),
        ("https://invalid.exemple.fr/", False),
    ],
)
def test_placeholder_addresses(address: str | None, placeholder: bool) -> None:
    assert is_placeholder(address) is placeholder
    assert (placeholder_warning(address) is not None) is placeholder
