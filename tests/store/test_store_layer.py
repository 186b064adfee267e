"""The store points down only: it imports none of the features built on it (issue 11.3).

Why beside ``tests/test_layers.py``: this guards the store's own promise at the store; the
project-wide table of allowed imports lives in ``tests/test_layers.py``.
"""

from __future__ import annotations

import ast
from pathlib import Path

STORE = Path(__file__).resolve().parents[2] / "coesfeld_desktop" / "store"
ABOVE = ("search", "sync", "handout", "userdata", "startup", "ui", "commands", "services")


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: list[str] = []
    for node in ast.walk(tree):  # function-local imports count too
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
    return names


def test_store_imports_nothing_above_it() -> None:
    modules = sorted(STORE.rglob("*.py"))
    assert len(modules) > 8
    offenders = [
        f"{path.relative_to(STORE.parent)}: {name}"
        for path in modules for name in _imports(path)
        if name.split(".")[:2][-1] in ABOVE and name.startswith("coesfeld_desktop.")
    ]
    assert offenders == []
