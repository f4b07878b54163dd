"""The package's import graph: no stage imports another stage, and no module imports itself
through others (a cycle), counting the imports inside functions, which hide cycles at run time.

A stage may import :mod:`storyline.stages.stage`, the contract (``document``), what stages look
up (``knowledge``), the shared reading of a parse (``parse``), ``errors``, ``settings``,
``budget`` and the modules of its own folder; what it needs of another stage it reads from the
work record, under a name it ``requires``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "storyline"
STAGE_ALLOWED = (
    "storyline.stages.stage",
    "storyline.document",
    "storyline.knowledge",
    "storyline.parse",
    "storyline.errors",
    "storyline.settings",
    "storyline.budget",
)


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _imports(name: str) -> set[str]:
    """The storyline modules ``name`` imports, anywhere in it (a function's imports included)."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            for alias in node.names:
                # "from storyline.stages import s10_quotes" imports the submodule, not only the package
                found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base)
    return {m for m in found if m in MODULES and m != name}


GRAPH = {name: _imports(name) for name in MODULES}


def _stage_of(module: str) -> str | None:
    """``storyline.stages.s04_entities`` for any module of that stage; None outside the stages."""
    parts = module.split(".")
    if len(parts) > 2 and parts[1] == "stages" and parts[2][:1] == "s" and parts[2][1:3].isdigit():
        return ".".join(parts[:3])
    return None


def test_the_graph_was_read() -> None:
    # a reader that found nothing would pass every test below
    assert len(MODULES) > 50
    assert "storyline.parse.text" in GRAPH["storyline.stages.s04_entities"]
    assert "storyline.stages.s10_quotes.tags" in GRAPH["storyline.stages.s10_quotes"]


def _strays(module: str, imports: set[str]) -> list[str]:
    """What a stage's module imports that it may not: another stage, or anything not allowed."""
    own = _stage_of(module)
    return sorted(
        m for m in imports if _stage_of(m) != own and not any(m == a or m.startswith(a + ".") for a in STAGE_ALLOWED)
    )


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every cycle a depth-first walk of the graph meets, as the modules along it."""
    cycles: list[list[str]] = []
    done: set[str] = set()

    def visit(module: str, path: list[str]) -> None:
        if module in path:
            cycles.append([*path[path.index(module) :], module])
            return
        if module in done:
            return
        for imported in sorted(graph[module]):
            visit(imported, [*path, module])
        done.add(module)

    for module in sorted(graph):
        visit(module, [])
    return cycles


@pytest.mark.parametrize("module", sorted(m for m in MODULES if _stage_of(m)))
def test_a_stage_imports_no_other_stage(module: str) -> None:
    strays = _strays(module, GRAPH[module])
    assert not strays, f"{module} imports {', '.join(strays)}: read it from the work, or move it to storyline.parse"


def test_no_import_cycle() -> None:
    cycles = _cycles(GRAPH)
    assert not cycles, "import cycles: " + "; ".join(" -> ".join(c) for c in cycles)


def test_the_checks_see_a_stray_import_and_a_cycle() -> None:
    # the same checks, on the graph with a fault planted in it
    module = "storyline.stages.s08_agents"
    assert _strays(module, {*GRAPH[module], "storyline.stages.s05_actors", "storyline.api.app"}) == [
        "storyline.api.app",
        "storyline.stages.s05_actors",
    ]
    planted = {**GRAPH, "storyline.parse.text": {*GRAPH["storyline.parse.text"], "storyline.parse.datelines"}}
    assert ["storyline.parse.datelines", "storyline.parse.text", "storyline.parse.datelines"] in _cycles(planted)
