"""The house's architecture as a test: every import of the package (lazy ones included), read with `ast`.

Layers, low to high: foundation < content < inputs < analysis < findings < report < overview < render < output <
app < cli. A module imports only from its own or lower layers; `render` reads the models and outlines of `report`
and `overview`, never their builders; `pdftags` imports nothing else of the package; no import cycle; no private
name (`_x`) imported from another module.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "robuust_docs"
LAYERS = [
    "foundation",
    "content",
    "inputs",
    "analysis",
    "findings",
    "report",
    "overview",
    "render",
    "output",
    "app",
    "cli",
]
FOUNDATION = {"robuust_docs", "errors", "files", "fmt", "paths", "schema", "status", "wording"}
TOP_LEVEL = FOUNDATION | {"cli", "__main__"}
MAX_TOP_MODULES = 10
READABLE_BY_RENDER = {"model", "figure_model", "outline"}


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _layer(module: str) -> str:
    parts = module.split(".")
    first = parts[1] if len(parts) > 1 else "robuust_docs"
    if first in ("cli", "__main__"):
        return "cli"
    if first in FOUNDATION or first == "pdftags":
        return "foundation"
    return first


def _resolve(module: str, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".")
    is_package = MODULES[module].name == "__init__.py"
    anchor = base if is_package else base[:-1]
    anchor = anchor[: len(anchor) - (node.level - 1)]
    return ".".join([*anchor, node.module] if node.module else anchor)


def _target(name: str) -> str | None:
    """The package module an imported dotted name refers to (a module, or the package whose attribute it is)."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def _imports(module: str) -> list[tuple[str, list[str], int]]:
    """(imported module, names imported from it, line) for every import in `module`, at any depth."""
    found = []
    for node in ast.walk(ast.parse(MODULES[module].read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(a.name, [], node.lineno) for a in node.names if a.name.startswith("robuust_docs")]
        elif isinstance(node, ast.ImportFrom):
            source = _resolve(module, node)
            if not source.startswith("robuust_docs"):
                continue
            for alias in node.names:  # `from robuust_docs.inputs import cells` imports a module
                sub = f"{source}.{alias.name}"
                if sub in MODULES:
                    found.append((sub, [], node.lineno))
                else:
                    found.append((source, [alias.name], node.lineno))
    return [(t, names, line) for name, names, line in found if (t := _target(name))]


EDGES = {m: _imports(m) for m in MODULES}


def _violations() -> list[str]:
    problems = []
    for module, imports in EDGES.items():
        own = _layer(module)
        for target, names, line in imports:
            where = f"{module}:{line} imports {target}"
            other = _layer(target)
            if module.startswith("robuust_docs.pdftags") and not target.startswith("robuust_docs.pdftags"):
                problems.append(f"{where}: pdftags imports nothing else of the package")
            if LAYERS.index(other) > LAYERS.index(own):
                problems.append(f"{where}: {own} may not import from the higher layer {other}")
            if own == "render" and other in ("report", "overview") and target.split(".")[-1] not in READABLE_BY_RENDER:
                problems.append(f"{where}: render reads models and outlines, never builders")
            problems += [
                f"{where}: private name {n} imported from another module"
                for n in names
                if n.startswith("_") and not n.startswith("__")
            ]
    return problems


def _cycles() -> list[list[str]]:
    graph = {m: {t for t, _, _ in imports if t != m} for m, imports in EDGES.items()}
    index, low, stack, on_stack, result, counter = {}, {}, [], set(), [], [0]

    def visit(node: str) -> None:  # Tarjan's strongly connected components
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for nxt in graph.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                result.append(sorted(component))

    for module in graph:
        if module not in index:
            visit(module)
    return result


def test_every_import_respects_the_layers():
    assert _violations() == []


def test_there_is_no_import_cycle():
    assert _cycles() == []


def test_the_top_of_the_package_holds_at_most_ten_modules_and_only_the_foundation():
    top = sorted(p.stem for p in PACKAGE.glob("*.py"))
    assert len(top) <= MAX_TOP_MODULES
    assert {n for n in top if n != "__init__"} <= TOP_LEVEL


@pytest.mark.parametrize("package", sorted(p.parent.name for p in PACKAGE.glob("*/__init__.py")))
def test_each_stage_package_says_what_it_owns_and_exports_its_entry_point(package):
    tree = ast.parse((PACKAGE / package / "__init__.py").read_text(encoding="utf-8"))
    assert ast.get_docstring(tree)
    exported = {n for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) for n in (a.name for a in node.names)}
    assert exported, f"{package}/__init__.py exports nothing"


def test_the_checker_sees_a_violation_a_cycle_and_a_private_import(monkeypatch):
    fake = {
        "robuust_docs.content.bad": [("robuust_docs.render.theme", [], 1)],
        "robuust_docs.render.bad": [("robuust_docs.report.build", ["_x"], 2)],
        "robuust_docs.files": [("robuust_docs.fmt", [], 3)],
        "robuust_docs.fmt": [("robuust_docs.files", [], 4)],
    }
    monkeypatch.setattr(f"{__name__}.EDGES", fake)
    monkeypatch.setattr(f"{__name__}.MODULES", {**MODULES, **dict.fromkeys(fake, PACKAGE / "x.py")})
    problems = _violations()
    assert any("higher layer render" in p for p in problems)
    assert any("never builders" in p for p in problems)
    assert any("private name _x" in p for p in problems)
    assert _cycles() == [["robuust_docs.files", "robuust_docs.fmt"]]


def test_the_command_line_imports_no_library_that_generate_does_not_need():
    """A cold `generate` pays for every import: scipy (the KD-tree, only for large inputs), openpyxl (init and the
    overview workbook) and dask are imported where they are used, not when the command line starts."""
    import subprocess
    import sys

    code = "import sys, robuust_docs.cli; print(' '.join(sorted(m.split('.')[0] for m in sys.modules)))"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(run.stdout.split())
    assert "robuust_docs" in loaded
    assert not loaded & {"scipy", "openpyxl", "dask", "distributed"}
