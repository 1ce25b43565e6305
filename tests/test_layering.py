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
