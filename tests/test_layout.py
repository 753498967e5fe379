"""The tree's promises, checked on the code: which wing imports what, and no cycles.

Indexing code (parse/, enrich/, index/) and answering code (search/, web/) share
only the base modules and vocab/. A search or web module that imported parse/ or
enrich/ would pull the indexing wing (and its models) into every web worker.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "releasesearch"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every module a file imports (absolute names, relative imports resolved)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = _module_name(path)
    if path.name != "__init__.py":
        package = package.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


MODULES = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
IMPORTS = {
    name: {i for i in _imports(path) if i in MODULES or i.startswith("whoosh")}
    for name, path in MODULES.items()
}


def _in(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


@pytest.mark.parametrize(
    ("wing", "forbidden"),
    [
        ("releasesearch.search", ("releasesearch.parse", "releasesearch.enrich")),
        ("releasesearch.web", ("releasesearch.parse", "releasesearch.enrich")),
        ("releasesearch.parse", ("whoosh", "releasesearch.index")),
        ("releasesearch.enrich", ("whoosh", "releasesearch.index")),
        (
            "releasesearch.vocab",
            (
                "whoosh",
                "releasesearch.index",
                "releasesearch.search",
                "releasesearch.enrich",
                "releasesearch.parse",
            ),
        ),
    ],
)
def test_wing_does_not_import(wing: str, forbidden: tuple[str, ...]) -> None:
    offending = sorted(
        f"{module} -> {target}"
        for module, targets in IMPORTS.items()
        if _in(module, wing)
        for target in targets
        if any(_in(target, f) for f in forbidden)
    )
    assert offending == []


def test_no_import_cycles() -> None:
    graph = {m: {t for t in ts if t in MODULES and t != m} for m, ts in IMPORTS.items()}
    # a package's __init__ importing its own submodules is no cycle of the tree
    graph = {m: {t for t in ts if not _in(t, m)} for m, ts in graph.items()}
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append(stack[stack.index(nxt) :] + [nxt] if nxt in stack else [node, nxt])
            elif nxt not in state:
                visit(nxt, stack + [nxt])
        state[node] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert cycles == []


def test_field_names_are_written_only_in_the_schema() -> None:
    """Other modules name fields through ``schema`` constants, never as string literals."""
    from releasesearch.index import schema

    names = {v for k, v in vars(schema).items() if k.isupper() and isinstance(v, str)}
    names -= {"xx", "en", "de"}
    offending = []
    for module, path in MODULES.items():
        if module == "releasesearch.index.schema" or not _in(module, "releasesearch.search"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant):
                if node.slice.value in names:
                    offending.append(f"{module}: [{node.slice.value!r}]")
    assert offending == []
