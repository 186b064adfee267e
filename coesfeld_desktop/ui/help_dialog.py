"""Hilfe → Kurzanleitung: a short offline manual in the UI language, with the live shortcuts.

The manual's prose is HTML in ``resources/help/manual.<language>.html``; its keyboard table
is built here from the window's own actions (menus, the list's actions) and the few keys
that are not actions, so a changed shortcut can never be described wrongly.
"""

from __future__ import annotations

from html import escape

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMainWindow, QTextBrowser, QVBoxLayout

from coesfeld_desktop.i18n import N_, SOURCE_LANGUAGE, Translate, is_rtl
from coesfeld_desktop.paths import resource_dir

SHORTCUTS_MARK = "<!-- shortcuts -->"
# Keys that act inside a widget rather than through a menu action.
PLAIN_KEYS: tuple[tuple[str, str], ...] = (
    ("↓ ↑", N_("Im Suchfeld: durch die Ergebnisse gehen")),
    ("Enter", N_("Das markierte Angebot öffnen")),
    ("Esc", N_("Zurück ins Suchfeld")),
    ("Ctrl+D", N_("Angebot auf die Gesprächsliste setzen oder davon nehmen")),
    ("Del", N_("Eintrag von der Gesprächsliste nehmen")),
    ("Alt+Up", N_("Eintrag in der Gesprächsliste nach oben")),
    ("Alt+Down", N_("Eintrag in der Gesprächsliste nach unten")),
)


def manual_path(language: str) -> str:
    folder = resource_dir() / "help"
    path = folder / f"manual.{language}.html"
    return str(path if path.exists() else folder / f"manual.{SOURCE_LANGUAGE}.html")


def shortcut_rows(window: QMainWindow, _: Translate) -> list[tuple[str, str]]:
    """(keys, what they do) for every action of the window with a shortcut, then plain keys."""
    rows: dict[str, str] = {}
    for action in window.findChildren(QAction):
        keys = [key.toString(QKeySequence.SequenceFormat.NativeText)
                for key in action.shortcuts() if not key.isEmpty()]
        text = action.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
        if keys and text and " / ".join(keys) not in rows:
            rows[" / ".join(keys)] = text.rstrip(" …").rstrip("…")
    for plain, meaning in PLAIN_KEYS:
        native = QKeySequence(plain).toString(QKeySequence.SequenceFormat.NativeText) or plain
        rows.setdefault(native, _(meaning))
    return sorted(rows.items(), key=lambda row: row[1].casefold())


def manual_html(window: QMainWindow, language: str, _: Translate) -> str:
    with open(manual_path(language), encoding="utf-8") as stream:
        text = stream.read()
    rtl = is_rtl(language)
    align = "right" if rtl else "left"
    cells = []
    for keys, meaning in shortcut_rows(window, _):
        key_cell = f'<td align="{align}" style="padding: 2px 12px"><b>{escape(keys)}</b></td>'
        meaning_cell = f'<td align="{align}">{escape(meaning)}</td>'
        cells.append(f"<tr>{meaning_cell}{key_cell}</tr>" if rtl
                     else f"<tr>{key_cell}{meaning_cell}</tr>")
    table_align = ' align="right"' if rtl else ""
    table = f'<table cellspacing="0"{table_align}>{"".join(cells)}</table>'
    return text.replace(SHORTCUTS_MARK, table)


class HelpDialog(QDialog):
    def __init__(self, window: QMainWindow, language: str, _: Translate) -> None:
        super().__init__(window)
        self.setObjectName("helpDialog")
        self.setWindowTitle(_("Kurzanleitung"))
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)
        self.browser.setAccessibleName(_("Kurzanleitung"))
        self.browser.setHtml(manual_html(window, language, _))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        self.resize(640, 620)
