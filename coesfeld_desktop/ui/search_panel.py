"""The search field and the result list with its count, empty message and suggestions."""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from coesfeld_desktop.domain.formatting import match_mark, offer_count_text
from coesfeld_desktop.i18n import Translate
from coesfeld_desktop.search.crisis import CrisisHelp
from coesfeld_desktop.search.query import SearchResult, Suggestion
from coesfeld_desktop.ui.result_delegate import ResultDelegate
from coesfeld_desktop.ui.results_model import ResultsModel

Plural = Callable[[str, str, int], str]


def suggestion_text(suggestion: Suggestion, filter_label: Callable[[str], str],
                    _: Translate, n_: Plural) -> str:
    """``Meinten Sie „Hebamme“?`` / ``Ohne Filter „Stadt“: 14 Angebote``."""
    if suggestion.kind == "spelling":
        return _("Meinten Sie „{value}“?").format(value=suggestion.value)
    if suggestion.kind == "synonym":
        text = _("Verwandter Begriff: „{value}“").format(value=suggestion.value)
        if suggestion.count:
            text += f" ({offer_count_text(suggestion.count, n_)})"
        return text
    return _("Ohne Filter „{name}“: {count}").format(
        name=filter_label(suggestion.value), count=offer_count_text(suggestion.count, n_))


class SearchField(QLineEdit):
    """A line edit that hands arrow keys, Enter and Esc to the result list."""

    navigate = Signal(int)  # +1 down, -1 up
    accepted = Signal()
    escaped = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key = event.key()
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            self.navigate.emit(1 if key == Qt.Key.Key_Down else -1)
        elif key in (Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):
            self.navigate.emit(10 if key == Qt.Key.Key_PageDown else -10)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.accepted.emit()
        elif key == Qt.Key.Key_Escape:
            self.escaped.emit()
        else:
            super().keyPressEvent(event)


class CrisisBox(QFrame):
    """"Hilfe in Notlagen" above the results: the helplines when a search names a crisis
    (:mod:`coesfeld_desktop.search.crisis`); hidden otherwise."""

    def __init__(self, _: Translate, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("crisisBox")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#crisisBox { background: #fff4e5; border: 1px solid #e0a84f; "
                           "border-radius: 4px; }")
        self.title = QLabel(_("Hilfe in Notlagen"))
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.lines = QLabel()
        self.lines.setObjectName("crisisLines")
        self.lines.setTextFormat(Qt.TextFormat.RichText)
        self.lines.setOpenExternalLinks(True)
        self.lines.setWordWrap(True)
        self.lines.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        # the helplines are German names and numbers: left to right also in an Arabic
        # window, else "0800 111 0 550" would read "550 0 111 0800"
        self.lines.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(2)
        layout.addWidget(self.title)
        layout.addWidget(self.lines)
        self.setAccessibleName(_("Hilfe in Notlagen"))
        self.hide()

    def show_help(self, help_: CrisisHelp | None) -> None:
        if help_ is None:
            self.hide()
            return
        # one flowing paragraph (the list stays visible below); the notes as tooltip
        items = []
        for line in help_.helplines:
            number = html.escape(line.number).replace(" ", "&nbsp;")
            dial = "".join(char for char in line.number if char.isdigit() or char == "+")
            items.append(f'<a href="tel:{dial}"><b>{number}</b></a>&nbsp;'
                         f"{html.escape(line.name)}")
        self.lines.setText(" · ".join(items))
        self.lines.setToolTip("\n".join(
            f"{line.number}  {line.name}" + (f" – {line.note}" if line.note else "")
            for line in help_.helplines))
        self.show()


class ResultsPanel(QWidget):
    """Count label, then either the result list or "Keine Angebote gefunden" with ways out."""

    offer_activated = Signal(str)  # Enter or double click: open it and go there
    offer_current = Signal(str)  # the highlighted row changed: show it
    suggestion_chosen = Signal(object)  # Suggestion
    escaped = Signal()

    def __init__(self, model: ResultsModel, filter_label: Callable[[str], str], _: Translate,
                 n_: Plural, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ = _
        self._n = n_
        self._filter_label = filter_label
        self.model = model
        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")
        self.count_label.setAccessibleName(_("Anzahl der Angebote"))
        self.view = QListView()
        self.view.setObjectName("resultList")
        self.view.setModel(model)
        self.view.setItemDelegate(ResultDelegate(_, self.view))
        self.view.setUniformItemSizes(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.setAccessibleName(_("Suchergebnisse"))
        self.view.installEventFilter(self)
        self.empty_label = QLabel(_("Keine Angebote gefunden"))
        self.empty_label.setObjectName("emptyLabel")
        self.suggestion_buttons: list[QPushButton] = []
        self._suggestion_box = QVBoxLayout()
        self._suggestion_box.setSpacing(4)
        self._stack = QStackedWidget()
        self.crisis_box = CrisisBox(_)
        self._lay_out()
        self._connect_signals()

    def _lay_out(self) -> None:
        empty = QWidget()
        empty_layout = QVBoxLayout(empty)
        empty_layout.setContentsMargins(12, 16, 12, 12)
        empty_layout.addWidget(self.empty_label)
        empty_layout.addSpacing(6)
        empty_layout.addLayout(self._suggestion_box)
        empty_layout.addStretch(1)
        self._stack.addWidget(self.view)
        self._stack.addWidget(empty)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        head = QHBoxLayout()
        head.addWidget(self.count_label)
        head.addStretch(1)
        layout.addLayout(head)
        layout.addWidget(self.crisis_box)
        layout.addWidget(self._stack, 1)

    def _connect_signals(self) -> None:
        self.view.activated.connect(self._activate_index)
        self.view.doubleClicked.connect(self._activate_index)
        self.view.selectionModel().currentChanged.connect(self._current_changed)

    # --- showing a result --------------------------------------------------------------------
    def show_result(self, result: SearchResult) -> None:
        _ = self._
        marks = {offer_id: match_mark(match, result.spelling_variants, _)
                 for offer_id, match in result.marked_matches().items()}
        self.model.set_offer_ids(result.offer_ids, marks)
        self.crisis_box.show_help(result.crisis)
        text = offer_count_text(result.total, self._n, self.model.language,
                                at_least=result.total_is_estimate)
        if result.total > len(result.hits):
            text = _("{count} (die ersten {shown} angezeigt)").format(
                count=text, shown=len(result.hits))
        self.count_label.setText(text)
        self.count_label.setVisible(bool(result.hits))  # else "Keine Angebote gefunden" says it
        self._show_suggestions(result.suggestions if not result.hits else ())
        self._stack.setCurrentIndex(0 if result.hits else 1)

    def shown_page(self) -> QWidget:
        """What shows the last result: the list's viewport (its rows are read while it
        paints), or the page that says nothing was found."""
        page = self._stack.currentWidget()
        return page if page is not None and page is not self.view else self.view.viewport()

    def _show_suggestions(self, suggestions: tuple[Suggestion, ...]) -> None:
        for button in self.suggestion_buttons:
            self._suggestion_box.removeWidget(button)
            button.deleteLater()
        self.suggestion_buttons = []
        for suggestion in suggestions:
            button = QPushButton(suggestion_text(suggestion, self._filter_label, self._, self._n))
            button.setObjectName("suggestion")
            button.setFlat(True)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.clicked.connect(
                lambda _checked=False, s=suggestion: self.suggestion_chosen.emit(s))
            self._suggestion_box.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
            self.suggestion_buttons.append(button)

    # --- moving through the list --------------------------------------------------------------
    def move_current(self, step: int) -> None:
        rows = self.model.rowCount()
        if not rows:
            return
        current = self.view.currentIndex()
        row = -1 if not current.isValid() else current.row()
        row = min(max(row + step, 0), rows - 1)
        index = self.model.index(row, 0)
        self.view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.view.scrollTo(index)

    def select_offer(self, offer_id: str) -> bool:
        """Make ``offer_id`` the current row if it is listed; returns whether it was."""
        ids = self.model.offer_ids()
        if offer_id not in ids:
            return False
        index = self.model.index(ids.index(offer_id), 0)
        self.view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.view.scrollTo(index)
        return True

    def current_offer_id(self) -> str | None:
        index = self.view.currentIndex()
        return self.model.offer_id(index.row()) if index.isValid() else None

    def selected_offer_ids(self) -> list[str]:
        rows = sorted(index.row() for index in self.view.selectionModel().selectedRows())
        return [oid for row in rows if (oid := self.model.offer_id(row))]

    def activate_current(self) -> None:
        """Enter in the search field: open the highlighted offer (or the first one)."""
        if not self.view.currentIndex().isValid():
            self.move_current(1)
        offer_id = self.current_offer_id()
        if offer_id:
            self.offer_activated.emit(offer_id)

    def _activate_index(self, index: object) -> None:
        offer_id = self.current_offer_id()
        if offer_id:
            self.offer_activated.emit(offer_id)

    def _current_changed(self, current: object, _previous: object) -> None:
        offer_id = self.current_offer_id()
        if offer_id:
            self.offer_current.emit(offer_id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if (watched is self.view and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent)):
            key = event.key()
            if key == Qt.Key.Key_Escape:
                self.escaped.emit()
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._activate_index(None)
                return True
        return super().eventFilter(watched, event)
