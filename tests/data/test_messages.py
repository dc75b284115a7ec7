"""Pydantic's errors in French, at the right line (messages.py)."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from generator.data.errors import Issue
from generator.data.messages import did_you_mean, suggest, validation_issues
from generator.data.model import Porteur
from generator.data.yamlsource import parse_yaml_bytes

VALID = "id: essai\nnom: Porteur d'essai\nniveau: regional\n"


def _issues(text: str) -> list[Issue]:
    doc, issues = parse_yaml_bytes(text.encode("utf-8"), Path("porteur.yaml"), "porteur.yaml")
    assert doc is not None and not issues
    try:
        Porteur.model_validate(doc.data)
    except ValidationError as exc:
        return validation_issues(doc, exc, Porteur)
    raise AssertionError("the model accepted the file")


def test_suggestions_for_a_misspelt_value() -> None:
    assert suggest("regionnal", ["national", "regional", "local"]) == "regional"
    assert suggest("zzz", ["national", "regional"]) is None
    assert did_you_mean("regionnal", ["regional"]) == " Vouliez-vous dire « regional » ?"
    assert did_you_mean("zzz", ["regional"]) == ""


def test_an_unknown_choice_lists_the_possible_values_with_a_hint() -> None:
    [issue] = _issues(VALID.replace("regional", "regionnal"))
    assert (issue.line, issue.col, issue.key_path) == (3, 9, "niveau")
    assert "valeur « regionnal » inconnue" in issue.message
    assert "Vouliez-vous dire « regional » ?" in issue.message


def test_a_missing_field_is_named_where_it_belongs() -> None:
    [issue] = _issues("id: essai\nniveau: regional\n")
    assert issue.key_path == "nom"
    assert "nom" in issue.message and issue.line == 1


def test_yaml_traps_are_explained() -> None:
    [issue] = _issues(VALID.replace("Porteur d'essai", "no"))
    assert issue.key_path == "nom"
    assert "a été lu comme le booléen faux par YAML" in issue.message
    assert 'mettez-le entre guillemets ("no")' in issue.message


def test_every_message_is_french_and_points_at_its_key() -> None:
    issues = _issues("id: essai\nnom: 12\nniveau: [a]\ninconnue: 1\n")
    assert {i.key_path for i in issues} == {"nom", "niveau", "inconnue"}
    for issue in issues:
        assert issue.message.endswith((".", "?")), issue.message
        assert not any(word in issue.message for word in ("Input should", "Field required"))
        assert issue.line == {"nom": 2, "niveau": 3, "inconnue": 4}[issue.key_path]
