"""The importer's small rules one by one: ids, matching, phone numbers, French errors,
départements and the hand-edit detection."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
import yaml
from data_inclusion.schema import v1 as di
from pydantic import ValidationError

from generator.importers.data_inclusion import place
from generator.importers.data_inclusion.location import departement_of
from generator.importers.data_inclusion.mapping import (
    Correspondances,
    Mapping,
    fold,
)
from generator.importers.data_inclusion.record_errors import validation_messages
from generator.importers.places import plan
from tests.support.di_fixtures import DAY, base_structures, structure

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@pytest.mark.parametrize(
    "source_id",
    [
        "dora--AidantsConnect:2024-47BXY",
        "france-travail--ccas-provence-alpes-cote-dazur-2024-01-01",
        "soliguide--Épicerie  solidaire__n°12",
        "dora--" + "x" * 200,
        "--",
    ],
)
def test_ids_are_valid_short_and_deterministic(source_id: str) -> None:
    ident = plan.base_id(source_id)
    assert SLUG.match(ident)
    assert len(ident) <= plan.ID_MAX
    assert plan.base_id(source_id) == ident


def test_colliding_ids_get_a_hash_of_their_source_id() -> None:
    ids = plan.assign_ids(
        ["fictif--Agence:1", "fictif--agence-1", "fictif--agence-2"], plan.Existing()
    )
    assert ids["fictif--Agence:1"] == "fictif-agence-1"  # first in source-id order
    assert ids["fictif--agence-1"].startswith("fictif-agence-1-")
    assert ids["fictif--agence-2"] == "fictif-agence-2"
    assert len(set(ids.values())) == 3
    # Same input, same ids; and an id already given is kept when others appear.
    assert plan.assign_ids(reversed(list(ids)), plan.Existing()) == ids


def test_an_existing_file_keeps_its_id(tmp_path: Path) -> None:
    record = place.finish(_draft("fictif--agence-1"), "nom-choisi-avant", place_day())
    target = tmp_path / "lieux" / "france-travail-essai" / "nom-choisi-avant.yaml"
    target.parent.mkdir(parents=True)
    target.write_text(place.render(record), encoding="utf-8")
    existing = plan.scan(tmp_path)
    assert existing.by_identifier["fictif--agence-1"].intact
    assert plan.assign_ids(["fictif--agence-1"], existing) == {
        "fictif--agence-1": "nom-choisi-avant"
    }


def place_day() -> date:
    return DAY


def _draft(ident: str) -> place.Draft:
    from generator.importers.data_inclusion.location import Commune
    from generator.importers.data_inclusion.mapping import SourceImport

    model = di.Structure.model_validate(
        structure(ident, "Agence fictive de test", code_insee="44109")
    )
    source = SourceImport(url="https://example.org/jeu-fictif", titre="Jeu fictif")
    return place.draft(model, "france-travail-essai", Commune("44109"), source)


def test_intact_file_detection(tmp_path: Path) -> None:
    record = place.finish(_draft("fictif--agence-1"), "fictif-agence-1", place_day())
    text = place.render(record)
    data = yaml.safe_load(text)
    assert place.is_intact(text, data)
    assert place.is_intact(text.replace("\n", "\r\n"), data)  # a Windows checkout
    # Written on a machine without libyaml: the pure-Python emitter's text is ours too.
    assert place.is_intact(place._render_with(record, place._PythonDumper), data)
    edited = text.replace("Agence fictive de test", "Agence fictive corrigée")
    assert not place.is_intact(edited, yaml.safe_load(edited))
    commented = text.replace("dispositifs:", "# vu sur place (fictif)\ndispositifs:")
    assert not place.is_intact(commented, yaml.safe_load(commented))
    requoted = text.replace('commune: "44109"', "commune: '44109'")
    assert not place.is_intact(requoted, yaml.safe_load(requoted))
    no_origin = {k: v for k, v in data.items() if k != "origine"}
    assert not place.is_intact(place.render(no_origin), no_origin)


def test_fingerprint_covers_everything_but_itself() -> None:
    record = place.finish(_draft("fictif--agence-1"), "fictif-agence-1", place_day())
    assert record["origine"]["empreinte"] == place.fingerprint(record)
    changed = {**record, "nom": "Autre nom fictif"}
    assert place.fingerprint(changed) != record["origine"]["empreinte"]
    later = {**record, "consulte_le": "2030-01-01"}
    assert place.content_key(later) == place.content_key(record)  # the date is not content


def test_render_is_deterministic_and_in_spec_order() -> None:
    first = place.render(place.finish(_draft("fictif--agence-1"), "fictif-agence-1", place_day()))
    second = place.render(place.finish(_draft("fictif--agence-1"), "fictif-agence-1", place_day()))
    assert first == second
    keys = [line.split(":")[0] for line in first.splitlines() if re.match(r"^[a-z_]+:", line)]
    assert keys == [k for k in place.LIEU_KEYS if k in keys]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("+33240000000", "02 40 00 00 00"),
        ("+33 (0)2 40 00 00 00", "02 40 00 00 00"),
        ("02.40.00.00.00", "02 40 00 00 00"),
        ("0240000000", "02 40 00 00 00"),
        ("3949", "3949"),
        ("+262262000000", "+262262000000"),
        ("02 40 00 00 00 / 06 00 00 00 00", None),
        ("appeler la mairie", None),
    ],
)
def test_phone_numbers(raw: str, expected: str | None) -> None:
    value, note = place.phone(raw)
    assert value == expected
    assert (note is None) == (expected is not None)


def test_names_match_whole_words_without_accents_or_case() -> None:
    mapping = Mapping(
        Correspondances.model_validate(
            {
                "source": {"url": "https://example.org/fictif", "titre": "Fictif"},
                "porteurs": [{"porteur": "fictif", "reseaux": ["mission-locale"]}],
                "dispositifs": [
                    {"dispositif": "cej", "noms": ["CEJ", "contrat d'engagement jeune"]},
                    {
                        "dispositif": "mobilite",
                        "thematiques": ["mobilite--preparer-un-permis"],
                        "reseaux": ["mission-locale"],
                    },
                ],
            }
        )
    )
    ml = frozenset({"mission-locale"})
    assert mapping.schemes_for("Le Contrat d’Engagement Jeune", [], ml) == ["cej"]
    assert mapping.schemes_for("Accompagnement (CEJ)", [], ml) == ["cej"]
    assert mapping.schemes_for("Accéjo, atelier fictif", [], ml) == []
    assert mapping.schemes_for("Permis", ["mobilite--preparer-un-permis"], ml) == ["mobilite"]
    assert mapping.schemes_for("Permis", ["mobilite--preparer-un-permis"], frozenset()) == []
    assert fold("  Élan—Jeunes ! d’Œuvre") == " elan jeunes d oeuvre "


def test_mapping_rules_need_a_criterion() -> None:
    with pytest.raises(ValidationError) as caught:
        Correspondances.model_validate(
            {
                "source": {"url": "https://example.org/fictif", "titre": "Fictif"},
                "porteurs": [{"porteur": "fictif"}],
                "dispositifs": [{"dispositif": "cej", "reseaux": ["mission-locale"]}],
            }
        )
    messages = [e["msg"] for e in caught.value.errors()]
    assert any("règle sans critère" in m for m in messages)
    assert any("règle trop large" in m for m in messages)


@pytest.mark.parametrize(
    ("insee", "postal", "expected"),
    [
        ("44109", "44000", "44"),
        (None, "49300", "49"),
        ("97411", None, "974"),
        ("2A004", None, "2A"),
        (None, "20000", "2A"),
        (None, "20600", "2B"),
        (None, 44000, "44"),
        (None, None, None),
        ("4410", "abcde", None),
    ],
)
def test_departement_of_a_record(insee: object, postal: object, expected: str | None) -> None:
    assert departement_of(insee, postal) == expected


def test_validation_errors_in_french() -> None:
    raw = {
        **base_structures()[0],
        "code_insee": "4410",
        "reseaux_porteurs": ["mission-locales"],
        "site_web": "ftp://example.org",
        "date_maj": "2024-13-01",
    }
    with pytest.raises(ValidationError) as caught:
        di.Structure.model_validate(raw)
    messages = dict(validation_messages(caught.value, raw))
    assert messages == {
        "date_maj": "date « 2024-13-01 » invalide : attendu AAAA-MM-JJ.",
        "code_insee": "valeur « 4410 » invalide : code commune INSEE de 5 caractères attendu.",
        "site_web": "adresse web « ftp://example.org » invalide : elle doit commencer par https://.",
        "reseaux_porteurs[0]": "valeur « mission-locales » inconnue du vocabulaire "
        "data·inclusion. Vouliez-vous dire « mission-locale » ?",
    }


def test_records_pass_the_project_lieu_model() -> None:
    record = place.finish(_draft("fictif--agence-1"), "fictif-agence-1", place_day())
    assert place.check_with_model(record) == []


def test_one_line_fields_lose_the_source_line_breaks_and_invisible_characters() -> None:
    from generator.importers.data_inclusion.location import Commune
    from generator.importers.data_inclusion.mapping import SourceImport

    model = di.Structure.model_validate(
        structure(
            "fictif--agence-2",
            "Agence fictive\nde test",
            code_insee="44109",
            adresse="12 rue de l'Essai\r\nBâtiment B\t",
            complement_adresse="Entrée\u2028côté cour\x0b",
        )
    )
    source = SourceImport(url="https://example.org/jeu-fictif", titre="Jeu fictif")
    draft = place.draft(model, "france-travail-essai", Commune("44109"), source)
    assert draft.fields["nom"] == "Agence fictive de test"
    assert draft.fields["adresse"]["ligne"] == "12 rue de l'Essai Bâtiment B"
    assert draft.fields["adresse"]["complement"] == "Entrée côté cour"
    record = place.finish(draft, "fictif-agence-2", place_day())
    assert place.check_with_model(record) == []
