"""The window's calm look: one small style sheet, muted secondary text, rounded badges.

Set on the main window (not on a global application object) so tests get the same look.
"""

from __future__ import annotations

MUTED = "#5f6b76"
ACCENT = "#0b57a4"

WINDOW_STYLE = f"""
QLineEdit#searchField {{
    padding: 6px 8px;
    border: 1px solid #aab4be;
    border-radius: 6px;
}}
QLineEdit#searchField:focus {{ border: 2px solid {ACCENT}; padding: 5px 7px; }}
QLabel#heading {{ font-weight: 600; color: #3b4a5a; padding-bottom: 4px; }}
QLabel#countLabel {{ font-weight: 600; padding: 2px 2px 2px 4px; }}
QLabel#emptyLabel {{ font-weight: 600; }}  /* no fixed size: the zoom scales all text */
QLabel#muted {{ color: {MUTED}; }}
QLabel#demoMarker {{
    background: #fff1c2;
    color: #6b4e00;
    border: 1px solid #e4cf85;
    border-radius: 8px;
    padding: 0px 8px;
    font-weight: 600;
}}
QPushButton#suggestion {{
    color: {ACCENT};
    text-decoration: underline;
    border: none;
    padding: 2px 0px;
    text-align: left;
}}
QPushButton#suggestion:focus {{ border: 1px dotted {ACCENT}; }}
QListView#resultList, QListWidget#savedList {{
    border: 1px solid #d5dbe1;
    border-radius: 4px;
}}
QListWidget#savedList::item {{ padding: 6px 4px; }}
QTextBrowser#detail {{
    border: 1px solid #d5dbe1;
    border-radius: 4px;
    padding: 8px;
}}
QPlainTextEdit#note {{
    border: 1px solid #d5dbe1;
    border-radius: 4px;
    background: #fffdf5;
}}
QToolButton#star {{ padding: 3px 10px; border: 1px solid #c9d1d9; border-radius: 4px; }}
QToolButton#star:checked {{ background: #fff1c2; border-color: #e4cf85; }}
QStatusBar QLabel {{ padding: 0px 6px; }}
"""
