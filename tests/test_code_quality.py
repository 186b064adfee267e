"""ruff and mypy over the whole project, as part of the test suite (and so of CI)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=600)


def test_ruff_finds_nothing() -> None:
    done = _run("ruff", "check", ".")
    assert done.returncode == 0, done.stdout + done.stderr


def test_mypy_finds_nothing() -> None:
    done = _run("mypy")
    assert done.returncode == 0, done.stdout + done.stderr


def _aliases_of_translate(package: Path) -> list[str]:
    """Modules that declare their own ``Translate = Callable[[str], str]`` (or annotate a
    ``gettext``/``_`` parameter with the spelled-out type) instead of using i18n's."""
    found = []
    for path in sorted(package.rglob("*.py")):
        if path.name == "i18n.py" and path.parent == package:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign | ast.AnnAssign):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                if any(isinstance(t, ast.Name) and t.id == "Translate" for t in targets):
                    found.append(f"{path.relative_to(package.parent)}:{node.lineno}")
            elif isinstance(node, ast.arg) and node.arg in ("_", "gettext") and \
                    node.annotation is not None and \
                    ast.unparse(node.annotation).replace(" ", "") == "Callable[[str],str]":
                found.append(f"{path.relative_to(package.parent)}:{node.lineno}")
    return found


def test_the_translate_alias_is_declared_once() -> None:
    assert _aliases_of_translate(ROOT / "coesfeld_desktop") == []


def test_the_alias_check_would_notice_a_copy(tmp_path: Path) -> None:
    package = tmp_path / "coesfeld_desktop"
    package.mkdir()
    (package / "i18n.py").write_text("Translate = Callable[[str], str]\n")
    (package / "view.py").write_text("Translate = Callable[[str], str]\n"
                                     "def f(_: Callable[[str], str]) -> None: ...\n")
    assert _aliases_of_translate(package) == ["coesfeld_desktop/view.py:1",
                                              "coesfeld_desktop/view.py:2"]
