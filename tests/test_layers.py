"""Domain, store, search, handout and sync code never import PySide6 (STYLE.md rule 1)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "coesfeld_desktop"
GUI_PACKAGE = PACKAGE / "ui"
QT_ROOTS = {"PySide6", "shiboken6"}

# Named, shrinking list of modules outside ui/ that may import Qt *inside a function* (never at
# module level), with the reason. Everything else outside ui/ may not import Qt at all.
LAZY_QT_ALLOWED = {
    "coesfeld_desktop/commands/self_check.py": "checks that the bundled Qt can start and render",
}


def _qt_imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    relative = path.relative_to(PACKAGE.parent).as_posix()
    if relative in LAZY_QT_ALLOWED:
        # only the module level counts: its imports, and those in top-level if/try blocks
        nodes = [node for top in tree.body if not isinstance(
            top, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) for node in ast.walk(top)]
    else:
        nodes = list(ast.walk(tree))
    found = []
    for node in nodes:
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        found += [f"{relative}:{node.lineno} {name}"
                  for name in names if name.split(".")[0] in QT_ROOTS]
    return found


def test_no_module_outside_ui_imports_qt() -> None:
    modules = [path for path in PACKAGE.rglob("*.py") if GUI_PACKAGE not in path.parents]
    assert len(modules) > 10
    offenders = [hit for path in modules for hit in _qt_imports(path)]
    assert offenders == []


def test_the_check_would_notice_a_qt_import() -> None:
    module = PACKAGE / "domain" / "offer.py"
    assert _qt_imports(module) == []
    assert _qt_imports(GUI_PACKAGE / "main_window.py")  # the GUI may, and does


def test_importing_services_search_and_store_leaves_qt_unloaded() -> None:
    code = (
        "import sys\n"
        "import coesfeld_desktop.services, coesfeld_desktop.search.service\n"
        "import coesfeld_desktop.store.offers, coesfeld_desktop.store.loader\n"
        "import coesfeld_desktop.domain.formatting, coesfeld_desktop.cli\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=PACKAGE.parent, timeout=60, check=True)
    assert done.stdout.strip() == "[]"
