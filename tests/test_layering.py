"""Domain modules and Block Kit builders never import Slack libraries."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "slackbot"
SLACK_FREE = ["blocks", "domain", "clock.py", "models.py", "config.py"]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_domain_and_builders_do_not_import_slack() -> None:
    files = []
    for entry in SLACK_FREE:
        target = PACKAGE / entry
        files.extend(target.rglob("*.py") if target.is_dir() else [target])
    offenders = {
        str(f.relative_to(PACKAGE)): sorted(
            m for m in _imports(f) if m.split(".")[0] in ("slack_bolt", "slack_sdk")
        )
        for f in files
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _import_graph() -> dict[str, set[str]]:
    """Every slackbot module and the slackbot modules it imports, at any depth of its code
    (an import inside a function is an import all the same)."""
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                targets.update(a.name for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                targets.add(node.module)
                # `from slackbot.listeners import commands` imports a module, not a name.
                targets.update(f"{node.module}.{a.name}" for a in node.names)
        graph[name] = {t for t in targets if t in modules and t != name}
    return graph


def test_no_listener_module_imports_another() -> None:
    graph = _import_graph()
    listeners = {m for m in graph if m.startswith("slackbot.listeners.")}
    edges = sorted(
        f"{m} -> {t}" for m in listeners for t in graph[m] if t.startswith("slackbot.listeners")
    )
    assert edges == []


def test_the_package_has_no_import_cycles() -> None:
    graph = _import_graph()
    cycles: list[list[str]] = []
    done: set[str] = set()

    def visit(module: str, path: list[str]) -> None:
        if module in path:
            cycles.append([*path[path.index(module) :], module])
            return
        if module in done:
            return
        for target in sorted(graph[module]):
            visit(target, [*path, module])
        done.add(module)

    for module in sorted(graph):
        visit(module, [])
    assert cycles == []
