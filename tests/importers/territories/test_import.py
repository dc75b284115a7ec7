"""Importing the Région's EFOP perimeter file: every row checked, nothing half-written."""

from __future__ import annotations

from pathlib import Path

import yaml

from generator.catalog.load import load_catalog
from tests.support.datasets import run_cli


def _efop_rows(dataset: Path) -> list[tuple[str, str, str, str]]:
    """One row per EPCI, regrouping the fixture's territories under test names."""
    rows = []
    for index, path in enumerate(sorted((dataset / "territoires").glob("*.yaml"))):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        code, name = f"EFOP{index + 1}", f"Bassin d'essai n°{index + 1}"
        rows += [(siren, f"EPCI {siren}", code, name) for siren in data["epci"]]
        rows += [(insee, f"Commune {insee}", code, name) for insee in data["communes_hors_epci"]]
    return rows


def _write_csv(
    path: Path,
    rows: list[tuple[str, str, str, str]],
    *,
    sep: str = ";",
    encoding: str = "utf-8",
    header: bool = True,
) -> Path:
    lines = [sep.join(("SIREN", "Nom de l'EPCI", "Code territoire EFOP", "Territoire EFOP"))]
    lines = (lines if header else []) + [sep.join(row) for row in rows]
    path.write_bytes(("\n".join(lines) + "\n").encode(encoding))
    return path


def _repoint_references(dataset: Path) -> None:
    """Point the fixture's schemes at EPCI/département codes or the new ids, as an editor would."""
    scheme = dataset / "dispositifs" / "region-essai" / "apprentissage-essai.yaml"
    scheme.write_text(
        scheme.read_text(encoding="utf-8").replace(
            "territoires: [anjou-maine]", 'territoires: ["244900015"]'
        ),
        encoding="utf-8",
    )
    contact_scheme = dataset / "dispositifs" / "france-travail-essai" / "aide-mobilite-essai.yaml"
    contact_scheme.write_text(
        contact_scheme.read_text(encoding="utf-8").replace(
            "    sarthe:\n", "    bassin-d-essai-n3:\n"
        ),
        encoding="utf-8",
    )
    piege = dataset / "dispositifs" / "association-essai" / "piege-html-essai.yaml"
    piege.write_text(
        piege.read_text(encoding="utf-8").replace("territoires: [sarthe]", 'territoires: ["72"]'),
        encoding="utf-8",
    )


def test_import_writes_official_territories_that_validate(dataset: Path, tmp_path: Path) -> None:
    _repoint_references(dataset)
    csv = _write_csv(tmp_path / "efop.csv", _efop_rows(dataset), encoding="cp1252")
    code, output = run_cli(
        "import-territoires",
        str(csv),
        "--data",
        str(dataset),
        "--source",
        "https://example.org/efop.csv",
    )
    assert code == 0, output
    files = sorted(p.name for p in (dataset / "territoires").glob("*.yaml"))
    assert files == [
        "bassin-d-essai-n1.yaml",
        "bassin-d-essai-n2.yaml",
        "bassin-d-essai-n3.yaml",
    ]
    written = yaml.safe_load(
        (dataset / "territoires" / "bassin-d-essai-n2.yaml").read_text("utf-8")
    )
    assert written["statut"] == "officiel" and written["code"] == "EFOP2"
    assert written["source"] == "https://example.org/efop.csv"
    assert all(isinstance(code, str) and len(code) == 9 for code in written["epci"])
    catalog, report = load_catalog(dataset)
    assert catalog is not None, report.render()


def test_comma_separated_file_without_header_is_read(dataset: Path, tmp_path: Path) -> None:
    _repoint_references(dataset)
    csv = _write_csv(tmp_path / "efop.csv", _efop_rows(dataset), sep=",", header=False)
    code, output = run_cli("import-territoires", str(csv), "--data", str(dataset), "--essai")
    # Dry run: the plan is printed and nothing is written.
    assert code == 0, output
    assert "(essai) bassin-d-essai-n1 : Bassin d'essai n°1 — 18 EPCI" in output
    assert sorted(p.stem for p in (dataset / "territoires").glob("*.yaml")) == [
        "anjou-maine",
        "littoral",
        "sarthe",
    ]


def test_bad_rows_are_all_reported_and_nothing_is_written(dataset: Path, tmp_path: Path) -> None:
    rows = _efop_rows(dataset)
    rows[0] = ("123456789", "EPCI inconnu", "EFOP1", "Bassin d'essai n°1")
    rows[1] = (rows[1][0], rows[1][1], "EFOP1", "Autre nom")
    rows.append((rows[2][0], rows[2][1], "EFOP9", "Bassin en double"))
    csv = _write_csv(tmp_path / "efop.csv", rows)
    before = {p.name: p.read_bytes() for p in (dataset / "territoires").glob("*.yaml")}
    code, output = run_cli("import-territoires", str(csv), "--data", str(dataset))
    assert code == 1
    assert ":2:1: error: siren: EPCI « 123456789 » inconnu" in output
    assert (
        ":4:4: error: nom_territoire: le territoire EFOP1 s'appelle « Autre nom » ligne 3" in output
    )
    assert "error: siren: « " in output and "est déjà rattaché au territoire EFOP1" in output
    assert "Import annulé : aucun fichier n'a été modifié." in output
    after = {p.name: p.read_bytes() for p in (dataset / "territoires").glob("*.yaml")}
    assert after == before


def test_references_to_vanishing_territories_stop_the_import(dataset: Path, tmp_path: Path) -> None:
    csv = _write_csv(tmp_path / "efop.csv", _efop_rows(dataset))
    code, output = run_cli("import-territoires", str(csv), "--data", str(dataset))
    assert code == 1
    assert "apprentissage-essai.yaml:" in output
    assert "le territoire « anjou-maine » disparaît avec l'import" in output
    assert "contacts.territoires.sarthe" in output
