"""The tests themselves: every test checks something, no fixture is pasted twice, no skip
depends on the shipped data.

A test that asserts nothing passes whatever the code does; a fixture pasted into several
files drifts apart; a skip that depends on `offer_data/` turns a data change into a CI
failure (CI refuses skips). All three are found by reading the tests' syntax trees.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

from tests.support.paths import TESTS

# Calls that check on the test's behalf (helpers named so, and pytest's own).
CHECKING_CALLS = ("assert", "check", "expect", "raises", "fail", "warns")


def _test_files() -> list[Path]:
    return sorted(p for p in TESTS.rglob("*.py") if "fixtures" not in p.parts)


def _name_of(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else ""


def _checks(function: ast.AST, helpers: set[str]) -> bool:
    for node in ast.walk(function):
        if isinstance(node, ast.Assert):
            return True
        if isinstance(node, ast.Call):
            name = _name_of(node).lower()
            if any(word in name for word in CHECKING_CALLS) or _name_of(node) in helpers:
                return True
        if isinstance(node, ast.With) and any(
            isinstance(item.context_expr, ast.Call)
            and any(w in _name_of(item.context_expr).lower() for w in CHECKING_CALLS)
            for item in node.items
        ):
            return True
    return False


def _helpers_that_check(trees: dict[Path, ast.Module]) -> set[str]:
    """Functions (not tests) that assert: a test calling one checks something."""
    names: set[str] = set()
    for _ in range(3):  # helpers calling helpers
        for tree in trees.values():
            for node in ast.walk(tree):
                if (
                    isinstance(node, ast.FunctionDef)
                    and not node.name.startswith("test_")
                    and _checks(node, names)
                ):
                    names.add(node.name)
    return names


def test_every_test_asserts_something() -> None:
    trees = {p: ast.parse(p.read_text(encoding="utf-8")) for p in _test_files()}
    helpers = _helpers_that_check(trees)
    silent = [
        f"{path.relative_to(TESTS)}:{node.lineno} {node.name}"
        for path, tree in trees.items()
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.name.startswith("test_")
        and not _checks(node, helpers)
    ]
    assert silent == []


def _is_fixture(node: ast.FunctionDef) -> bool:
    for decorator in node.decorator_list:
        target = decorator.func if isinstance(decorator, ast.Call) else decorator
        if isinstance(target, ast.Attribute) and target.attr == "fixture":
            return True
    return False


def test_no_fixture_is_pasted_into_two_files() -> None:
    bodies: dict[str, list[str]] = defaultdict(list)
    for path in _test_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef) and _is_fixture(node):
                body = ast.dump(ast.Module(body=node.body, type_ignores=[]))
                bodies[f"{node.name}:{body}"].append(f"{path.relative_to(TESTS)}:{node.lineno}")
    pasted = {key.split(":", 1)[0]: where for key, where in bodies.items() if len(where) > 1}
    assert pasted == {}


def test_no_skip_depends_on_the_shipped_data() -> None:
    found = []
    for path in _test_files():
        text = path.read_text(encoding="utf-8")
        for number, line in enumerate(text.splitlines(), start=1):
            if ("pytest" + ".skip" in line or "skip" + "if" in line) and "offer_data" in line:
                found.append(f"{path.relative_to(TESTS)}:{number}")
    assert found == []


def test_the_checks_above_can_fail() -> None:
    silent = ast.parse("def test_nothing():\n    x = 1\n").body[0]
    loud = ast.parse("def test_something():\n    assert 1\n").body[0]
    assert not _checks(silent, set()) and _checks(loud, set())
