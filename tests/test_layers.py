"""Layers point down only (STYLE.md rule 1, issue 11.3).

Two checks: a table of which of our packages each package may import (every import counts,
also those inside functions and under ``TYPE_CHECKING``), with no module cycles; and no
code outside ``ui/`` imports PySide6.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator, Mapping
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


# -- the table of allowed imports -----------------------------------------------------------

# Small modules everything may use: the package's version, the data folders, translation
# and the progress/cancel handle of long work.
BASE = frozenset({"__init__", "paths", "i18n", "progress"})
FEATURES = frozenset({"domain", "store", "search", "userdata", "handout", "sync", "startup",
                      "channel", "needs", "speech", "corrections"})

# layer -> the layers it may import (besides itself). A layer is a package under
# coesfeld_desktop/ or a top-level module.
ALLOWED: Mapping[str, frozenset[str]] = {
    "paths": frozenset({"__init__"}),
    "progress": frozenset(),
    "i18n": frozenset({"paths"}),
    "logging_setup": BASE,
    "domain": frozenset({"i18n"}),  # plain facts: nothing of ours but translation
    "store": BASE | {"domain"},
    "search": BASE | {"domain", "store"},
    "userdata": BASE | {"domain", "store"},
    "handout": BASE | {"domain", "store", "userdata"},  # userdata: the basket is the list
    # userdata: an administrator's preset may fix the sync source
    "sync": BASE | {"domain", "store", "search", "userdata"},
    "startup": BASE | {"domain", "store", "search", "sync"},  # fill and recover the store
    # the return channel signs with the same Ed25519 key handling as the sync
    "channel": BASE | {"sync"},
    # the needs analysis: its log in the store, its tables sent over the channel, its PDF
    # in the handouts' fonts
    "needs": BASE | {"domain", "store", "sync", "channel", "handout"},
    # read aloud: the operating system's voices, no data of ours
    "speech": BASE,
    # corrections from the desk: their table in the store, sent over the channel
    "corrections": BASE | {"domain", "store", "sync", "channel"},
    "services": BASE | FEATURES,  # the composition root
    "commands": BASE | FEATURES | {"services", "logging_setup"},
    "ui": BASE | FEATURES | {"services", "logging_setup"},
    "cli": BASE | {"ui", "commands"},
    "__main__": frozenset({"cli"}),
    "__init__": frozenset(),
}

# Named, shrinking list of imports that break the table today: "importer -> imported": why.
# Remove an entry as soon as its import is gone (a test fails while an entry is unused).
EXEMPT: Mapping[str, str] = {}


def _layer(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "coesfeld_desktop":
        return None
    return parts[1] if len(parts) > 1 else "__init__"


def _module_name(path: Path, package: Path = PACKAGE) -> str:
    name = path.relative_to(package.parent).with_suffix("").as_posix().replace("/", ".")
    return name.removesuffix(".__init__")


def _imported(path: Path) -> Iterator[tuple[int, str]]:
    """Every module ``path`` imports (``from a import b`` gives ``a`` and ``a.b``)."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.lineno, node.module
            for alias in node.names:
                yield node.lineno, f"{node.module}.{alias.name}"


def _layer_violations(package: Path = PACKAGE) -> dict[str, list[str]]:
    """``"importer -> imported"`` -> where, for every import the table does not allow."""
    found: dict[str, list[str]] = {}
    for path in sorted(package.rglob("*.py")):
        source = _layer(_module_name(path, package))
        assert source in ALLOWED, f"{source} (from {path.name}) is not in the table"
        for line, name in _imported(path):
            target = _layer(name)
            if target is None or target == source or target in ALLOWED[source]:
                continue
            # ``from coesfeld_desktop import APP_NAME`` also yields "coesfeld_desktop.APP_NAME"
            if target == "__init__" or (package / target).is_dir() \
                    or (package / f"{target}.py").is_file():
                found.setdefault(f"{source} -> {target}", []).append(
                    f"{path.relative_to(package.parent).as_posix()}:{line} {name}")
    return found


def test_every_package_imports_only_what_the_table_allows() -> None:
    violations = _layer_violations()
    unexplained = {edge: where for edge, where in violations.items() if edge not in EXEMPT}
    assert unexplained == {}
    stale = sorted(set(EXEMPT) - set(violations))
    assert stale == [], "these exemptions are fixed: remove them from EXEMPT"


def test_the_table_covers_every_package_and_points_down() -> None:
    layers = {path.stem if path.is_file() else path.name for path in PACKAGE.iterdir()
              if (path.suffix == ".py" or (path / "__init__.py").exists())}
    assert layers == set(ALLOWED)
    # below the composition root nobody reaches up to it, to the window or to the commands
    for layer in FEATURES | BASE:
        assert not ALLOWED[layer] & {"services", "ui", "commands", "cli"}, layer


def test_the_table_check_would_notice_an_upward_import(tmp_path: Path) -> None:
    package = tmp_path / "coesfeld_desktop"
    (package / "store").mkdir(parents=True)
    (package / "search").mkdir()
    (package / "store" / "offers.py").write_text(
        "def f():\n    from coesfeld_desktop.search.service import SearchService\n")
    (package / "search" / "service.py").write_text("from coesfeld_desktop.store import models\n")
    assert list(_layer_violations(package)) == ["store -> search"]


def _module_graph() -> dict[str, set[str]]:
    modules = {_module_name(path): path for path in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        graph[name] = {target for _line, target in _imported(path)
                       if target in modules and target != name
                       and not name.startswith(target + ".")}  # a package's own __init__
    return graph


def _cycles(graph: Mapping[str, set[str]]) -> list[list[str]]:
    """Groups of modules that import each other, directly or around a circle."""
    reach: dict[str, set[str]] = {}

    def reachable(start: str) -> set[str]:
        if start not in reach:
            seen: set[str] = set()
            todo = list(graph[start])
            while todo:
                current = todo.pop()
                if current not in seen:
                    seen.add(current)
                    todo.extend(graph.get(current, ()))
            reach[start] = seen
        return reach[start]

    groups = {frozenset(b for b in reachable(a) if a in reachable(b)) | {a}
              for a in graph if a in reachable(a)}
    return sorted(sorted(group) for group in groups)


def test_no_modules_import_each_other() -> None:
    assert _cycles(_module_graph()) == []


def test_the_cycle_check_would_notice_a_circle() -> None:
    graph = {"search.service": {"search.suggestions", "store"},
             "search.suggestions": {"search.service"}, "store": set()}
    assert _cycles(graph) == [["search.service", "search.suggestions"]]
