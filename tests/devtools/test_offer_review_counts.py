"""scripts/offer_review_counts.py: the review's figures on the test data, and the scan of
a built site for provisional territories named without their mark."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tests.support.datasets import BuiltSite, copy_fixture
from tests.support.paths import REPO


def _load_script() -> ModuleType:
    path = REPO / "scripts" / "offer_review_counts.py"
    spec = importlib.util.spec_from_file_location("offer_review_counts", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


counts = _load_script()
PROVISIONAL = {"littoral": "Territoire d'essai Littoral"}


def test_counts_on_the_test_data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = copy_fixture(tmp_path / "donnees")
    (data / "sources-officielles.yaml").write_text("officiels: [gouv.fr]\n", encoding="utf-8")
    assert counts.main(["--data", str(data)]) == 0
    out = capsys.readouterr().out
    # 9 records: 6 active, 1 suspended, 1 ended, 1 replaced.
    assert "Fiches : 9\n" in out
    assert "Actives : 6 (dont dispositifs mobilisables : 6)\n" in out
    assert "Statut à confirmer : 1 (sur 7 actives ou suspendues)\n" in out
    assert "  motif sans-date : 1\n" in out
    assert "    - formation-qualifiante-essai : aucune source datée\n" in out
    assert "Terminées ou remplacées : 2\n" in out
    # Every test scheme has one example.org source; two providers have their site there,
    # so only the association's own schemes (without a co-provider) rest on a weak one.
    assert "Source unique (actives ou suspendues) : 7\n" in out
    assert "Au moins une source non officielle : 2\n" in out
    assert "Au moins une source d'une autre région : 0\n" in out


def test_bad_data_is_reported_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = copy_fixture(tmp_path / "donnees")
    (data / "sources-officielles.yaml").write_text("officiels: [Gouv FR]\n", encoding="utf-8")
    assert counts.main(["--data", str(data)]) == 1
    assert "domaine invalide « Gouv FR »" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("page", "unmarked"),
    [
        ('<a href="../territoires/littoral/">Territoire d&#39;essai Littoral</a>', 1),
        (
            '<a href="../territoires/littoral/">Territoire d&#39;essai Littoral</a> '
            '<span class="offre-provisoire">(provisoire)</span>',
            0,
        ),
        ('<a href="../territoires/littoral/">Territoire d&#39;essai Littoral (provisoire)</a>', 0),
        ('<a href="../territoires/littoral/">Voir la page du territoire</a>', 0),  # names none
        ('<a href="../territoires/littoral/livret/">Territoire d&#39;essai Littoral</a>', 0),
        ("<h3>Territoire : Territoire d&#39;essai Littoral</h3>", 1),
        ("<p>Sur le territoire Territoire d&#39;essai Littoral (provisoire) :</p>", 0),
        ("<p>Les communes du territoire</p><p>Territoire d&#39;essai Littoral, Nantes</p>", 0),
    ],
)
def test_the_scan_finds_unmarked_mentions(page: str, unmarked: int) -> None:
    assert len(counts.unmarked_mentions(page, PROVISIONAL)) == unmarked


def test_the_built_test_site_names_no_provisional_territory_without_its_mark(
    built_site: BuiltSite, capsys: pytest.CaptureFixture[str]
) -> None:
    provisional = {
        tid: t.nom for tid, t in built_site.catalog.territoires.items() if t.statut == "provisoire"
    }
    assert provisional  # the test data has one: the check checks something
    mentions = sum(
        page.read_text(encoding="utf-8").count("territoires/littoral/")
        for page in built_site.site.rglob("*.html")
    )
    assert mentions > 10
    assert counts.scan_site(built_site.site, provisional) == {}
    assert counts.main(["--data", str(built_site.data), "--site", str(built_site.site)]) == 0
    assert "sans « provisoire » : 0 (sur " in capsys.readouterr().out
