"""`offre synth`: a valid, deterministic synthetic dataset for the benchmarks."""

from __future__ import annotations

from pathlib import Path

import pytest
import synth as synth_script  # scripts/synth.py
import yaml
from click.testing import CliRunner
from devtools.synth import synthesize, to_yaml

from generator.catalog.load import load_catalog
from generator.data.errors import UserError
from tests.support.paths import REPO

SOURCE = REPO / "offer_data"


def _files(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_synthetic_dataset_is_valid(tmp_path: Path) -> None:
    summary = synthesize(60, tmp_path / "synth", source=SOURCE)
    catalog, report = load_catalog(tmp_path / "synth")
    assert report.errors == [], report.render()
    assert report.warnings == [], report.render()
    assert catalog is not None
    assert len(catalog.dispositifs) == 60
    assert len(catalog.porteurs) == summary.providers >= 35
    assert set(catalog.territoires) == {p.stem for p in (SOURCE / "territoires").glob("*.yaml")}
    schemes = list(catalog.dispositifs.values())
    assert any(d.everywhere for d in schemes) and any(not d.everywhere for d in schemes)
    for d in schemes:
        if d.statut == "remplace":
            assert d.remplace_par in catalog.dispositifs
            assert catalog.dispositifs[d.remplace_par].statut == "actif"
        assert all(s.url.startswith("https://exemple.invalid/") for s in d.sources)
        assert 200 <= len(d.description.split()) <= 400


def test_same_seed_gives_byte_identical_files(tmp_path: Path) -> None:
    synthesize(60, tmp_path / "a", source=SOURCE, seed=7)
    synthesize(60, tmp_path / "b", source=SOURCE, seed=7)
    synthesize(60, tmp_path / "c", source=SOURCE, seed=8)
    first = _files(tmp_path / "a")
    assert first == _files(tmp_path / "b")
    assert first != _files(tmp_path / "c")


def test_a_smaller_dataset_is_a_prefix_of_a_larger_one(tmp_path: Path) -> None:
    # The benchmarks compare one scheme page across sizes: it must be the same scheme.
    small = synthesize(20, tmp_path / "petit", source=SOURCE)
    large = synthesize(60, tmp_path / "grand", source=SOURCE)
    assert large.scheme_ids[:20] == small.scheme_ids
    small_files, large_files = _files(tmp_path / "petit"), _files(tmp_path / "grand")
    del small_files["LISEZMOI.md"]  # states the number of schemes
    assert all(large_files[path] == content for path, content in small_files.items())


def _run_synth(*args: str) -> tuple[int, str]:
    """`python scripts/synth.py ARGS`, in this process."""
    result = CliRunner().invoke(synth_script.command, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def test_refuses_a_non_empty_folder_unless_asked(tmp_path: Path) -> None:
    target = tmp_path / "synth"
    target.mkdir()
    (target / "dispositifs").mkdir()
    (target / "dispositifs" / "ancien.yaml").write_text("id: ancien\n", encoding="utf-8")
    code, output = _run_synth("5", str(target), "--data", str(SOURCE))
    assert code == 1
    assert "n'est pas vide" in output and "--ecraser" in output
    code, output = _run_synth("5", str(target), "--data", str(SOURCE), "--ecraser")
    assert code == 0, output
    assert not (target / "dispositifs" / "ancien.yaml").exists()
    assert load_catalog(target)[0] is not None


def test_never_erases_a_folder_that_is_not_a_dataset(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("à garder", encoding="utf-8")
    with pytest.raises(UserError, match="autre chose qu'un jeu de données"):
        synthesize(5, tmp_path, source=SOURCE, overwrite=True)
    assert (tmp_path / "notes.txt").exists()


def test_yaml_writer_reads_back_unchanged() -> None:
    doc = {
        "id": "essai",
        "texte": "Deux-points : ici",
        "diese": "avant #commentaire",
        "mot": "no",
        "nombre": "2024",
        "elision": "l'apprentissage, c'est « bien »",
        "guillemets": 'il dit "oui"',
        "codes": ["200068955", "44"],
        "valeurs": ["jeunes", "recruter--alternance"],
        "bloc": "Premier paragraphe.\n\n- un ;\n- deux.",
        "liste": [{"url": "https://exemple.invalid/a", "titre": "Titre : sous-titre"}],
        "vide": [],
        "imbrique": {"territoires": {"laval": {"telephone": "02 43 00 00 00"}}},
    }
    assert yaml.safe_load(to_yaml(doc)) == doc


def test_places_are_valid_linked_fictitious_and_deterministic(tmp_path: Path) -> None:
    code, output = _run_synth("60", str(tmp_path / "a"), "--data", str(SOURCE), "--lieux", "300")
    assert code == 0, output
    assert "300 lieux d'accueil" in output
    catalog, report = load_catalog(tmp_path / "a")
    assert report.errors == [], report.render()
    assert report.warnings == [], report.render()
    assert catalog is not None and len(catalog.lieux) == 300
    places = list(catalog.lieux.values())
    # In the region's communes, with zones, contacts, hours and networks, like the real data.
    assert all(catalog.geo.commune(p.adresse.commune) is not None for p in places)
    assert sum(bool(p.zone_desservie) for p in places) > 100
    assert sum(bool(p.telephone) for p in places) > 200
    assert sum(bool(p.horaires_osm) for p in places) > 100
    assert {"france-travail", "france-service", "mission-locale"} <= {
        n for p in places for n in p.reseaux_porteurs
    }
    # Linked to schemes as the real data is: by provider within the perimeter, a few by name.
    assert sum(bool(catalog.place_schemes[p.id]) for p in places) > 100
    assert any(p.dispositifs for p in places)
    assert catalog.reseaux.aide_demarches is not None  # the France services rule
    # Clearly fictitious: fiction phone range, example hosts.
    assert all(p.telephone.startswith("02 61 91 ") for p in places if p.telephone)
    assert all(p.courriel.endswith("@example.org") for p in places if p.courriel)
    assert all(str(s.url).startswith("https://exemple.invalid/") for p in places for s in p.sources)
    # Same seed, same files; fewer places, the first of them.
    synthesize(60, tmp_path / "b", source=SOURCE, places=300)
    synthesize(60, tmp_path / "c", source=SOURCE, places=100)
    first = _files(tmp_path / "a")
    assert first == _files(tmp_path / "b")
    smaller = _files(tmp_path / "c")
    del smaller["LISEZMOI.md"]
    assert all(first[path] == content for path, content in smaller.items())
    # Without --lieux, the dataset is what it was: no place, no directory file.
    synthesize(60, tmp_path / "d", source=SOURCE)
    assert not (tmp_path / "d" / "lieux").exists()
    assert not (tmp_path / "d" / "reseaux.yaml").exists()
