"""ruff and mypy over the whole project, as part of the test suite (and so of CI)."""

from __future__ import annotations

import ast
import re
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


_NOQA_LAZY = re.compile(r"#\s*noqa:[^#]*\bPLC0415\b")
_REASON = re.compile(r"PLC0415\s*[-–:]\s*\S")
_IMPORT_OR_BLANK = re.compile(r"\s*(from|import)\s|\s*$|\s+[\w, ]+,?\s*$|\s*\)\s*$")


def _lazy_imports_without_reason(root: Path) -> list[str]:
    """``# noqa: PLC0415`` lines whose import group gives no reason: on the line itself
    (``# noqa: PLC0415 - start-up time``), on an earlier import of the same group, or in a
    comment line right above the group."""
    found = []
    for path in sorted(root.rglob("*.py")):
        if path == Path(__file__).resolve():
            continue  # its own examples below
        lines = path.read_text(encoding="utf-8").splitlines()
        for index, line in enumerate(lines):
            if not _NOQA_LAZY.search(line) or _REASON.search(line):
                continue
            above = index - 1
            while above >= 0 and _IMPORT_OR_BLANK.match(lines[above]) \
                    and not _REASON.search(lines[above]):
                above -= 1
            if above >= 0 and (_REASON.search(lines[above])
                               or lines[above].strip().startswith("#")):
                continue
            found.append(f"{path.relative_to(root.parent)}:{index + 1}")
    return found


def test_every_import_inside_a_function_says_why() -> None:
    offenders = [hit for folder in ("coesfeld_desktop", "tests", "bench", "tools")
                 for hit in _lazy_imports_without_reason(ROOT / folder)]
    assert offenders == []


def test_the_reason_check_would_notice_a_bare_noqa(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "ok.py").write_text(
        "def f():\n"
        "    import json  # noqa: PLC0415 - start-up time\n"
        "    import csv  # noqa: PLC0415\n"
        "    # optional module\n"
        "    import lzma  # noqa: PLC0415\n")
    (package / "bad.py").write_text("def f():\n    import json  # noqa: PLC0415\n")
    assert _lazy_imports_without_reason(package) == ["pkg/bad.py:2"]
