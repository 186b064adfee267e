"""The Merkliste tab: offers kept at hand; entries a sync removed are marked, not hidden."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from coesfeld_desktop.services import Services

Translate = Callable[[str], str]
OFFER_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class SavedListView(QWidget):
    offer_current = Signal(str)
    offer_activated = Signal(str)
    escaped = Signal()
    count_changed = Signal(int)

    def __init__(self, services: Services, _: Translate, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._ = _
        self.list = QListWidget()
        self.list.setObjectName("savedList")
        self.list.setAccessibleName(_("Merkliste"))
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.installEventFilter(self)
        self.empty_label = QLabel(_("Die Merkliste ist leer. Mit „☆ Merken“ im Detailbereich "
                                    "setzen Sie ein Angebot darauf."))
        self.empty_label.setObjectName("muted")
        self.empty_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.list, 1)
        self._connect_signals()  # the owner calls refresh() once the store is open

    def _connect_signals(self) -> None:
        self.list.currentItemChanged.connect(self._current_changed)
        self.list.itemActivated.connect(self._activated)

    def refresh(self) -> None:
        current = self.current_offer_id()
        self.list.blockSignals(True)
        self.list.clear()
        entries = self._services.saved_list.entries()
        for entry in entries:
            text = entry.title
            if not entry.still_listed:
                text += " — " + self._("nicht mehr im Verzeichnis")
            item = QListWidgetItem(text)
            item.setData(OFFER_ID_ROLE, entry.offer_id)
            if not entry.still_listed:
                item.setForeground(Qt.GlobalColor.darkGray)
            self.list.addItem(item)
            if entry.offer_id == current:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        self.empty_label.setVisible(not entries)
        self.count_changed.emit(len(entries))

    def offer_ids(self) -> list[str]:
        return [self.list.item(row).data(OFFER_ID_ROLE) for row in range(self.list.count())]

    def current_offer_id(self) -> str | None:
        item = self.list.currentItem()
        return item.data(OFFER_ID_ROLE) if item else None

    def selected_offer_ids(self) -> list[str]:
        rows = sorted(self.list.row(item) for item in self.list.selectedItems())
        return [self.list.item(row).data(OFFER_ID_ROLE) for row in rows]

    def _current_changed(self, item: QListWidgetItem | None, _previous: object) -> None:
        if item is not None:
            self.offer_current.emit(item.data(OFFER_ID_ROLE))

    def _activated(self, item: QListWidgetItem) -> None:
        self.offer_activated.emit(item.data(OFFER_ID_ROLE))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if (watched is self.list and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent)):
            if event.key() == Qt.Key.Key_Escape:
                self.escaped.emit()
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                item = self.list.currentItem()
                if item is not None:
                    self._activated(item)
                return True
        return super().eventFilter(watched, event)
