"""Zoom: the application font as a percentage of the system font size.

Why the system font is 100 %: people who set large text in their operating system get it
here too, and the zoom setting scales on top of it. Widgets that set no font of their own
follow the application font, so one ``QApplication.setFont`` resizes the whole window.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAction, QFont, QFontDatabase, QKeySequence
from PySide6.QtWidgets import QApplication, QWidget

from coesfeld_desktop.i18n import gettext_for
from coesfeld_desktop.userdata.preferences import Preferences, clamp_zoom, next_zoom


def zoomed_font(base: QFont, percent: int) -> QFont:
    """``base`` scaled to ``percent`` (points if it has a point size, pixels otherwise)."""
    font = QFont(base)
    factor = clamp_zoom(percent) / 100
    if base.pointSizeF() > 0:
        font.setPointSizeF(base.pointSizeF() * factor)
    elif base.pixelSize() > 0:
        font.setPixelSize(max(1, round(base.pixelSize() * factor)))
    return font


def apply_zoom(app: QApplication, percent: int) -> None:
    """Set the application font to ``percent`` of the system font size (family kept)."""
    system = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont)
    base = QFont(app.font())
    if system.pointSizeF() > 0:
        base.setPointSizeF(system.pointSizeF())
    elif system.pixelSize() > 0:
        base.setPixelSize(system.pixelSize())
    app.setFont(zoomed_font(base, percent))
    _refresh_fonts(app)


def _refresh_fonts(app: QApplication) -> None:
    """Let every widget take its parent's new font, parents first.

    Why: ``QApplication.setFont`` tells all widgets in no particular order, and under a
    style sheet a widget does not pass a changed font on to its children; a child told
    before its parent keeps the old size (the window grew, its contents did not).
    """
    event = QEvent(QEvent.Type.ApplicationFontChange)
    pending = list(app.topLevelWidgets())
    while pending:
        widget = pending.pop(0)
        if not shiboken6.isValid(widget):  # deleted meanwhile (a closed popup)
            continue
        QApplication.sendEvent(widget, event)
        pending.extend(child for child in widget.findChildren(
            QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly))


def zoom_actions(parent: QWidget, preferences: Preferences,
                 language: str | None = None) -> list[QAction]:
    """Vergrößern (Ctrl++), Verkleinern (Ctrl+-) and Normalgröße (Ctrl+0).

    Each action stores the new percentage in ``preferences`` and applies it at once. The
    actions are also added to ``parent`` so their shortcuts work without a menu; put them
    into the "Ansicht" menu as well so they can be found.
    """
    _ = gettext_for(language or preferences.ui_language)

    def change(direction: int) -> None:
        percent = next_zoom(preferences.zoom_percent, direction)
        preferences.zoom_percent = percent
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_zoom(app, percent)

    specs = (
        (_("Schrift vergrößern"), [QKeySequence(QKeySequence.StandardKey.ZoomIn),
                                   QKeySequence("Ctrl+=")], +1),
        (_("Schrift verkleinern"), [QKeySequence(QKeySequence.StandardKey.ZoomOut)], -1),
        (_("Normale Schriftgröße"), [QKeySequence("Ctrl+0")], 0),
    )
    actions = []
    for text, shortcuts, direction in specs:
        action = QAction(text, parent)
        action.setShortcuts(shortcuts)
        key = shortcuts[0].toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{text} ({key})")
        action.triggered.connect(lambda _checked=False, d=direction: change(d))
        parent.addAction(action)
        actions.append(action)
    return actions

