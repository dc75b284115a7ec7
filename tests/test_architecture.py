"""The shape of the package: the stages and sides, no import cycle, exports independent of the site.

Every module of generator/ is parsed with `ast` and each import statement, wherever it
sits (module level, inside a function, under TYPE_CHECKING), is an edge between
modules. A cycle, even through a lazy import, means two stages know each other.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from tests.support.paths import REPO as _REPO

REPO = _REPO
PACKAGE = REPO / "generator"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {_module_name(p): p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts}


def _package_of(name: str) -> str:
    is_package = MODULES[name].name == "__init__.py"
    return name if is_package else name.rpartition(".")[0]


def _imports(name: str) -> Iterator[str]:
    """Every name `name` imports (internal modules resolved, external ones as written)."""
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = _package_of(name)
                for _ in range(node.level - 1):
                    base = base.rpartition(".")[0]
                base = f"{base}.{node.module}" if node.module else base
            else:
                base = node.module or ""
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                yield candidate if candidate in MODULES else base


def _graph() -> dict[str, set[str]]:
    return {
        name: {target for target in _imports(name) if target in MODULES and target != name}
        for name in MODULES
    }


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def _closure(name: str) -> set[str]:
    """Every name `name` imports, directly or through other modules of the package."""
    seen: set[str] = set()
    todo = [name]
    while todo:
        current = todo.pop()
        for target in _imports(current):
            if target not in seen:
                seen.add(target)
                if target in MODULES:
                    todo.append(target)
    return seen


def test_the_parser_sees_function_level_and_relative_imports() -> None:
    graph = _graph()
    assert "generator.data.schema" in graph["generator.cli.schema"]  # inside a function
    assert (
        "generator.rules.urls" in graph["generator.outputs.pages.environment"]
    )  # from .. import urls
    assert "generator.site.outputs" in graph["generator.site.plugin"]  # from . import outputs
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_import_cycle_between_modules() -> None:
    assert _cycles(_graph()) == []


def test_exports_import_neither_the_site_nor_the_render_layer_nor_mkdocs() -> None:
    forbidden = ("generator.site", "generator.outputs.pages", "mkdocs")
    for name in MODULES:
        if name.startswith("generator.outputs.exports"):
            bad = sorted(t for t in _closure(name) if t == "mkdocs" or t.startswith(forbidden))
            assert bad == [], (name, bad)


def test_only_the_render_layer_uses_jinja_and_only_site_uses_mkdocs() -> None:
    for name in MODULES:
        direct = set(_imports(name))
        if any(t == "jinja2" or t.startswith("jinja2.") for t in direct):
            # The plugin and theme_nav touch only the theme's environment (MkDocs' own).
            site_theme = ("generator.site.plugin", "generator.site.theme_nav")
            assert name.startswith(("generator.outputs.pages", *site_theme)), name
        if any(t == "mkdocs" or t.startswith("mkdocs.") for t in direct):
            # rules/text.py reads lunr.js from the installed MkDocs package.
            assert name.startswith("generator.site") or name in {
                "generator.cli.build",
                "generator.rules.text",
            }, name


# The stages of the build, in order (rules first: pure functions every stage shares); a
# stage may import those before it, never after.
BUILD = ("generator.rules", "generator.data", "generator.catalog", "generator.outputs")
SIDES = ("generator.importers", "generator.cli")


def _stage(name: str) -> str | None:
    return next((s for s in (*BUILD, *SIDES, "generator.site") if name.startswith(s)), None)


def test_the_package_has_the_stages_and_sides_a_newcomer_expects() -> None:
    top = {p.name for p in PACKAGE.iterdir() if p.is_dir() and p.name != "__pycache__"}
    assert top == {"data", "rules", "catalog", "outputs", "site", "importers", "cli"}
    assert sorted(p.name for p in PACKAGE.glob("*.py")) == ["__init__.py", "__main__.py"]
    assert all(_stage(name) for name in MODULES if name.count(".") > 1), [
        n for n in MODULES if n.count(".") > 1 and not _stage(n)
    ]


def test_the_build_never_imports_the_importers_the_cli_or_the_developer_tools() -> None:
    for name in MODULES:
        if name.startswith((*BUILD, "generator.site")):
            bad = sorted(
                t for t in _imports(name) if t.startswith(SIDES) or t.split(".")[0] == "devtools"
            )
            assert bad == [], (name, bad)


def test_each_build_stage_imports_only_earlier_stages() -> None:
    for name in MODULES:
        stage = _stage(name)
        if stage not in BUILD:
            continue
        allowed = BUILD[: BUILD.index(stage) + 1]
        bad = sorted(
            t
            for t in _imports(name)
            if t in MODULES and t != "generator" and not t.startswith(allowed)
        )
        assert bad == [], (name, bad)


def test_loading_the_data_never_imports_the_search() -> None:
    for name in MODULES:
        if name.startswith("generator.data"):
            bad = sorted(t for t in _closure(name) if t.startswith("generator.outputs"))
            assert bad == [], (name, bad)


def test_the_developer_tools_are_outside_the_package() -> None:
    devtools = REPO / "scripts" / "devtools"
    assert (devtools / "synth.py").is_file() and (devtools / "synth_banks.yaml").is_file()
    assert not any(name.split(".")[-1].startswith("synth") for name in MODULES)
    shipped = [p for p in PACKAGE.rglob("*") if p.suffix in {".py", ".yaml"}]
    assert all("devtools" not in p.parts for p in shipped)
