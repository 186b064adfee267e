"""No translatable text hides where the extractor cannot see it (inside f-strings).

Why: babel's extractor does not look into f-string expressions, so ``f"{_('Ortsteil')}"``
never reached the catalogs and stayed German in every UI language.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "coesfeld_desktop"
GETTEXT_NAMES = {"_", "N_", "ngettext", "_n", "gettext"}


def _hidden_calls(path: Path, root: Path = PACKAGE.parent) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.JoinedStr):
            continue
        for inner in ast.walk(node):
            if (isinstance(inner, ast.Call) and isinstance(inner.func, ast.Name | ast.Attribute)
                    and (inner.func.id if isinstance(inner.func, ast.Name)
                         else inner.func.attr) in GETTEXT_NAMES
                    and inner.args and isinstance(inner.args[0], ast.Constant)):
                found.append(f"{path.relative_to(root)}:{inner.lineno}")
    return found


def test_no_gettext_call_inside_an_f_string() -> None:
    hidden = [hit for path in sorted(PACKAGE.rglob("*.py")) for hit in _hidden_calls(path)]
    assert hidden == []


def test_the_check_would_notice_one(tmp_path: Path) -> None:
    sample = PACKAGE / "ui" / "detail_html.py"
    assert _hidden_calls(sample) == []
    bad = tmp_path / "bad.py"
    bad.write_text('label = f"{_(\'Ortsteil\')}: x"\n', encoding="utf-8")
    assert _hidden_calls(bad, tmp_path) == ["bad.py:1"]
