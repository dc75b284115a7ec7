"""The provisional-territory rule (domain-facts §1.2), on a hand-made Geo and on the real one."""

from __future__ import annotations

import importlib.util
import re
import shutil
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest
import yaml

from generator.catalog.provisional import (
    HEADER,
    ProvisionalTerritory,
    build_provisional_territories,
    epci_arrondissement,
    render_yaml,
    slugify,
)
from generator.data.geo import (
    GEO_FILE,
    Arrondissement,
    Commune,
    CommuneExterieure,
    Departement,
    Epci,
    Geo,
    Region,
    load_geo,
)
from tests.support.paths import REPO

ROOT = REPO
DATA = ROOT / "offer_data"


def _commune(code: str, arr: str, epci: str | None, population: int) -> Commune:
    return Commune(
        code=code,
        nom=f"Commune {code}",
        departement="01",
        arrondissement=arr,
        epci=epci,
        codes_postaux=("01000",),
        population=population,
    )


def _epci(siren: str, communes_total: int, *outside: CommuneExterieure) -> Epci:
    # A deliberately wrong population: the rule must sum the communes, not trust this.
    return Epci(siren, f"EPCI {siren}", "CC", 1, communes_total, tuple(outside))


@pytest.fixture
def tiny() -> Geo:
    """Four arrondissements; the expected grouping is worked out in each test."""
    far_away = CommuneExterieure("99001", "Grande ville voisine", "99")
    return Geo(
        region=Region("00", "Région test"),
        departements=[Departement("01", "Département test")],
        arrondissements=[
            Arrondissement("011", "Val-d'Amont", "01", "01001"),
            Arrondissement("012", "Saint-Étienne-d'Aval", "01", "01003"),
            Arrondissement("013", "Île Sèche", "01", "01009"),
            Arrondissement("014", "Vide", "01", "01010"),
        ],
        epci=[
            # Split 100 (011) / 300 (012): the larger share wins → 012.
            _epci("200000001", 2),
            # Split 50 / 50: tie → lowest code 011.
            _epci("200000002", 2),
            # Two small communes in 011 (10 + 10) beat one of 15 in 012: population, not count.
            _epci("200000003", 3),
            # Straddles the region: its huge commune outside must not pull it anywhere.
            _epci("200000004", 2, far_away),
        ],
        communes=[
            _commune("01001", "011", "200000001", 100),
            _commune("01002", "012", "200000001", 300),
            _commune("01003", "011", "200000002", 50),
            _commune("01004", "012", "200000002", 50),
            _commune("01005", "011", "200000003", 10),
            _commune("01006", "011", "200000003", 10),
            _commune("01007", "012", "200000003", 15),
            _commune("01008", "013", "200000004", 5),
            _commune("01009", "013", None, 7),
        ],
    )


def test_rule_on_tiny_geo(tiny: Geo) -> None:
    assert epci_arrondissement(tiny, "200000001") == "012"
    assert epci_arrondissement(tiny, "200000002") == "011"
    assert epci_arrondissement(tiny, "200000003") == "011"
    assert epci_arrondissement(tiny, "200000004") == "013"


def test_territories_on_tiny_geo(tiny: Geo) -> None:
    assert build_provisional_territories(tiny) == [
        ProvisionalTerritory(
            id="val-d-amont",
            nom="Val-d'Amont",
            arrondissement="011",
            epci=("200000002", "200000003"),
            communes_hors_epci=(),
            population=50 + 50 + 10 + 10 + 15,
            communes=5,
        ),
        ProvisionalTerritory(
            id="saint-etienne-d-aval",
            nom="Saint-Étienne-d'Aval",
            arrondissement="012",
            epci=("200000001",),
            communes_hors_epci=(),
            population=400,
            communes=2,
        ),
        # Receives an EPCI and the commune without EPCI; "014 Vide" receives nothing.
        ProvisionalTerritory(
            id="ile-seche",
            nom="Île Sèche",
            arrondissement="013",
            epci=("200000004",),
            communes_hors_epci=("01009",),
            population=12,
            communes=2,
        ),
    ]


def test_tie_is_decided_by_lowest_code_whatever_the_input_order() -> None:
    geo = Geo(
        region=Region("00", "R"),
        departements=[Departement("01", "D")],
        arrondissements=[
            Arrondissement("019", "Zeta", "01", "01001"),
            Arrondissement("015", "Alpha", "01", "01002"),
        ],
        epci=[_epci("200000009", 2)],
        communes=[
            _commune("01001", "019", "200000009", 40),
            _commune("01002", "015", "200000009", 40),
        ],
    )
    assert epci_arrondissement(geo, "200000009") == "015"


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Les Sables-d'Olonne", "les-sables-d-olonne"),
        ("Châteaubriant-Ancenis", "chateaubriant-ancenis"),
        ("Segré", "segre"),
        ("La Roche-sur-Yon", "la-roche-sur-yon"),
        ("  Île -- Œuf ", "ile-oeuf"),
    ],
)
def test_slugify(name: str, slug: str) -> None:
    assert slugify(name) == slug


def test_yaml_rendering(tiny: Geo) -> None:
    territory = build_provisional_territories(tiny)[2]
    text = render_yaml(territory)
    assert text.startswith(HEADER)
    assert text == HEADER + (
        "id: ile-seche\n"
        "nom: Île Sèche\n"
        "statut: provisoire\n"
        'regle: "Regroupement provisoire par arrondissement (arrondissement 013 – Île Sèche) : '
        "chaque EPCI est rattaché à l'arrondissement qui regroupe la plus grande part de sa "
        'population dans la région."\n'
        "epci:\n"
        '  - "200000004"\n'
        "communes_hors_epci:\n"
        '  - "01009"\n'
        "priorites: []\n"
        "contacts: []\n"
    )
    data = yaml.safe_load(text)
    # Unquoted, 01009 would come back as the number 1009 (or octal): it must stay text.
    assert data["communes_hors_epci"] == ["01009"]
    assert data["epci"] == ["200000004"]


# ------------------------------------------------------------------ the real region


@pytest.fixture(scope="module")
def geo() -> Geo:
    return load_geo(DATA / GEO_FILE)


@pytest.fixture(scope="module")
def territories(geo: Geo) -> list[ProvisionalTerritory]:
    return build_provisional_territories(geo)


def test_every_commune_in_exactly_one_territory(
    geo: Geo, territories: list[ProvisionalTerritory]
) -> None:
    seen: Counter[str] = Counter()
    for t in territories:
        for siren in t.epci:
            seen.update(c.code for c in geo.communes_of_epci(siren))
        seen.update(t.communes_hors_epci)
    assert set(seen) == {c.code for c in geo.communes}
    assert set(seen.values()) == {1}
    assert sum(t.communes for t in territories) == len(geo.communes)
    assert sum(t.population for t in territories) == sum(c.population for c in geo.communes)


def test_every_epci_in_exactly_one_territory(
    geo: Geo, territories: list[ProvisionalTerritory]
) -> None:
    sirens = [s for t in territories for s in t.epci]
    assert sorted(sirens) == [e.siren for e in geo.epcis]
    assert len(sirens) == len(set(sirens))


def test_ids_unique_and_named_after_arrondissements(
    geo: Geo, territories: list[ProvisionalTerritory]
) -> None:
    ids = [t.id for t in territories]
    assert len(ids) == len(set(ids))
    for t in territories:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", t.id)
        arrondissement = geo.arrondissement(t.arrondissement)
        assert arrondissement is not None
        assert t.nom == arrondissement.nom
        assert t.epci or t.communes_hors_epci
    assert "les-sables-d-olonne" in ids
    yeu = next(t for t in territories if "85113" in t.communes_hors_epci)
    assert yeu.arrondissement == "853"


def test_known_assignments(territories: list[ProvisionalTerritory]) -> None:
    where = {s: t.arrondissement for t in territories for s in t.epci}
    assert where["244400552"] == "445"  # CC du Pays d'Ancenis: 19 communes in 44, 1 in 49
    assert where["247200090"] == "721"  # CC du Pays Sabolien: mostly Sarthe
    # CA Redon Agglomération: its 8 communes of the region all lie in arrondissement 445.
    assert where["243500741"] == "445"
    assert where["200067346"] == "443"  # CA Pornic Agglo: 54 067 inhabitants in 443, 16 496 in 442


def _provisional_files_out_of_date(
    directory: Path, territories: list[ProvisionalTerritory]
) -> list[str]:
    """Territory files that claim to be provisional but differ from the rule's output.

    Once the Région's official perimeters are imported, files are `officiel` and are
    no longer compared with the rule: what remains provisional must still match it.
    """
    expected = {t.id: render_yaml(t) for t in territories}
    problems = []
    for path in sorted(directory.glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        if yaml.safe_load(text).get("statut") != "provisoire":
            continue
        if expected.get(path.stem) != text:
            problems.append(f"{path.name}: ne correspond plus à la règle provisoire")
        problems += [
            f"{path.name}: {line!r}"
            for line in text.splitlines()
            if line.startswith("  - ") and not re.fullmatch(r'  - "(\d{5}|\d{9})"', line)
        ]
    return problems


def test_committed_files_are_up_to_date(territories: list[ProvisionalTerritory]) -> None:
    assert _provisional_files_out_of_date(DATA / "territoires", territories) == []


def test_official_perimeters_leave_nothing_to_compare(
    tmp_path: Path, territories: list[ProvisionalTerritory]
) -> None:
    """With official files in place (as after `offre import-territoires`), the check
    passes on them and still catches a provisional file that no longer matches."""
    directory = tmp_path / "territoires"
    directory.mkdir()
    for territory in territories:
        text = render_yaml(territory).replace("statut: provisoire", "statut: officiel")
        (directory / f"{territory.id}.yaml").write_text(text, encoding="utf-8")
    assert _provisional_files_out_of_date(directory, territories) == []

    first = territories[0]
    stale = render_yaml(first).replace("communes_hors_epci: []", 'communes_hors_epci: ["49007"]')
    (directory / f"{first.id}.yaml").write_text(stale, encoding="utf-8")
    assert _provisional_files_out_of_date(directory, territories) == [
        f"{first.id}.yaml: ne correspond plus à la règle provisoire"
    ]


def _load_script() -> ModuleType:
    path = ROOT / "scripts" / "build_provisional_territories.py"
    spec = importlib.util.spec_from_file_location("build_provisional_territories", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    (tmp_path / "geo").mkdir()
    shutil.copy(DATA / GEO_FILE, tmp_path / GEO_FILE)
    (tmp_path / "territoires").mkdir()
    return tmp_path


def test_script_replaces_only_its_own_provisional_files(data_dir: Path) -> None:
    script = _load_script()
    directory = data_dir / "territoires"
    stale = directory / "ancien-territoire.yaml"
    stale.write_text(HEADER + "id: ancien-territoire\nstatut: provisoire\n", encoding="utf-8")
    hand_made = directory / "note.yaml"
    hand_made.write_text("id: note\nstatut: provisoire\n", encoding="utf-8")

    assert script.main(["--data", str(data_dir)]) == 0
    assert not stale.exists()
    assert hand_made.exists()
    assert (directory / "nantes.yaml").read_text(encoding="utf-8").startswith(HEADER)


def test_script_never_touches_official_files(data_dir: Path) -> None:
    script = _load_script()
    directory = data_dir / "territoires"
    assert script.main(["--data", str(data_dir)]) == 0
    before = {p.name: p.read_text(encoding="utf-8") for p in directory.iterdir()}
    official = directory / "nantes.yaml"
    official.write_text("id: nantes\nnom: Nantes\nstatut: officiel\nepci: []\n", encoding="utf-8")

    assert script.main(["--data", str(data_dir)]) == 1
    assert official.read_text(encoding="utf-8").endswith("statut: officiel\nepci: []\n")
    others = {p.name: p.read_text(encoding="utf-8") for p in directory.iterdir()}
    del others["nantes.yaml"]
    del before["nantes.yaml"]
    assert others == before
