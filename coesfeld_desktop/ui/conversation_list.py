"""The Gesprächsliste beside the results: what this family takes home, in order, with notes.

Each entry shows title, provider and town with Ortsteil, and the counsellor's note; an offer
a sync removed stays readable and removable. Reorder by dragging or Alt+Up/Down, remove with
Delete or the context menu, "Liste leeren" empties it. The handout is printed from this list.
The list itself lives in :class:`SavedListService`; this view follows its changes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coesfeld_desktop.domain.audience import FOR_PARENTS
from coesfeld_desktop.domain.formatting import FIRST_STRONG_ISOLATE, POP_ISOLATE
from coesfeld_desktop.domain.result_row import SEPARATOR, where_text
from coesfeld_desktop.i18n import Translate, is_rtl

if TYPE_CHECKING:
    from coesfeld_desktop.services import Services

OFFER_ID_ROLE = Qt.ItemDataRole.UserRole + 1
NOTE_PREVIEW_CHARS = 140


class ConversationListView(QWidget):
    offer_current = Signal(str)
    offer_activated = Signal(str)
    escaped = Signal()
    count_changed = Signal(int)
    handout_requested = Signal()
    handover_requested = Signal()  # "Vermittlung…": the warm handover sheet
    new_conversation_requested = Signal()
    family_view_requested = Signal()  # show the list's offers to the family

    def __init__(self, services: Services, language: str, _: Translate,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._language = language
        self._ = _
        self._unsubscribe: Callable[[], None] | None = None
        self.heading = QLabel(_("Gesprächsliste"))
        self.heading.setObjectName("heading")
        self.handout_button = QPushButton(_("Handzettel…"))
        self.handout_button.setToolTip(_("Handzettel aus dieser Liste drucken (Strg+P)"))
        self.family_button = QPushButton(_("Familienansicht"))
        self.family_button.setObjectName("familyListButton")
        self.family_button.setToolTip(_("Die Angebote dieser Liste der Familie zeigen: groß, in "
                                        "ihrer Sprache, mit Vorlesen (F11)"))
        self.handover_button = QPushButton(_("Vermittlung…"))
        self.handover_button.setObjectName("handoverButton")
        self.handover_button.setToolTip(_("Ein Blatt für die Familie: Ansprechperson, was sie "
                                          "mitbringt, Termin und Weg (Strg+Umschalt+P)"))
        self.new_button = QPushButton(_("Neues Gespräch"))
        self.new_button.setToolTip(_("Liste leeren und Suche zurücksetzen (Strg+N)"))
        self.list = QListWidget()
        self.list.setObjectName("conversationList")
        self.list.setAccessibleName(_("Gesprächsliste"))
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)  # where one entry ends and the next begins
        self.list.setSpacing(2)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.installEventFilter(self)
        self.empty_label = QLabel(_("Noch nichts auf der Liste. Mit Strg+D oder „☆ Auf die "
                                    "Gesprächsliste“ kommt ein Angebot dazu."))
        self.empty_label.setObjectName("muted")
        self.empty_label.setWordWrap(True)
        self.remove_action = QAction(_("Entfernen"), self)
        self.remove_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.up_action = QAction(_("Nach oben"), self)
        self.up_action.setShortcut(QKeySequence("Alt+Up"))
        self.down_action = QAction(_("Nach unten"), self)
        self.down_action.setShortcut(QKeySequence("Alt+Down"))
        self.clear_action = QAction(_("Liste leeren …"), self)
        self._lay_out()
        self._connect_signals()  # the owner calls refresh() once the store is open

    def _lay_out(self) -> None:
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.handout_button)
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        family = QHBoxLayout()  # a row of its own: the column stays narrow at 150 % zoom
        family.setContentsMargins(0, 0, 0, 0)
        family.addWidget(self.handover_button)
        family.addWidget(self.family_button)
        family.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.heading)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        layout.addLayout(family)

    def _connect_signals(self) -> None:
        self.list.currentItemChanged.connect(self._current_changed)
        self.list.itemActivated.connect(self._activated)
        self.list.customContextMenuRequested.connect(self._context_menu)
        self.list.model().rowsMoved.connect(self._store_order)
        self.handout_button.clicked.connect(self.handout_requested)
        self.family_button.clicked.connect(self.family_view_requested)
        self.handover_button.clicked.connect(self.handover_requested)
        self.new_button.clicked.connect(self.new_conversation_requested)
        self.remove_action.triggered.connect(self.remove_selected)
        self.up_action.triggered.connect(lambda: self.move_current(-1))
        self.down_action.triggered.connect(lambda: self.move_current(+1))
        self.clear_action.triggered.connect(self.ask_and_clear)

    # --- content ---------------------------------------------------------------------------
    def follow(self) -> None:
        """Refresh now and after every change of the list, whoever makes it."""
        if self._unsubscribe is None:
            self._unsubscribe = self._services.saved_list.subscribe(self.refresh)
            self.destroyed.connect(self._unsubscribe)
        self.refresh()

    def stop_following(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None

    def refresh(self) -> None:
        current = self.current_offer_id()
        entries = self._services.saved_list.entries()
        notes = {note.offer_id: note.text for note in self._services.notes.all()}
        summaries = {s.id: s for s in self._services.directory.summaries(
            [e.offer_id for e in entries if e.still_listed], self._language)}
        self.list.blockSignals(True)
        self.list.clear()
        for entry in entries:
            summary = summaries.get(entry.offer_id)
            if summary is not None:
                where = where_text(summary, self._language)
                if summary.for_parents:  # the row's badge: not for the child's age
                    where = SEPARATOR.join(filter(None, (where, self._(FOR_PARENTS))))
                lines = [summary.title, where]
            else:
                lines = [entry.title, self._("nicht mehr im Verzeichnis")]
            note = " ".join(notes.get(entry.offer_id, "").split())
            if note:
                if len(note) > NOTE_PREVIEW_CHARS:
                    note = note[:NOTE_PREVIEW_CHARS - 1] + "…"
                lines.append(self._("Notiz: {text}").format(text=note))
            if is_rtl(self._language):  # a German line keeps its full stop at its end
                lines = [f"{FIRST_STRONG_ISOLATE}{line}{POP_ISOLATE}" for line in lines]
            item = QListWidgetItem("\n".join(lines))
            item.setData(OFFER_ID_ROLE, entry.offer_id)
            item.setToolTip("\n".join(lines))
            if summary is None:
                item.setForeground(Qt.GlobalColor.darkGray)
            self.list.addItem(item)
            if entry.offer_id == current:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        self.empty_label.setVisible(not entries)
        self.family_button.setEnabled(bool(summaries))
        self.count_changed.emit(len(entries))

    def offer_ids(self) -> list[str]:
        return [self.list.item(row).data(OFFER_ID_ROLE) for row in range(self.list.count())]

    def current_offer_id(self) -> str | None:
        item = self.list.currentItem()
        return item.data(OFFER_ID_ROLE) if item else None

    def selected_offer_ids(self) -> list[str]:
        rows = sorted(self.list.row(item) for item in self.list.selectedItems())
        return [self.list.item(row).data(OFFER_ID_ROLE) for row in rows]

    # --- changing ----------------------------------------------------------------------------
    def remove_selected(self) -> None:
        """Delete: take the selected entries (or the current one) off the list."""
        ids = self.selected_offer_ids() or ([oid] if (oid := self.current_offer_id()) else [])
        row = self.list.currentRow()
        for offer_id in ids:
            self._services.saved_list.remove(offer_id)
        if self.list.count():
            self.select_row(row)

    def move_current(self, step: int) -> None:
        offer_id = self.current_offer_id()
        if offer_id is None:
            return
        row = self.list.currentRow() + step
        self._services.saved_list.move(offer_id, row)
        self.select_row(row)

    def select_row(self, row: int) -> None:
        """Make ``row`` (clamped) the current and only selected entry."""
        row = max(0, min(row, self.list.count() - 1))
        self.list.setCurrentRow(row, QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def ask_and_clear(self) -> bool:
        """"Liste leeren": ask first; returns whether the list was emptied."""
        if not self.list.count():
            return False
        if not self.confirm(self._("Liste leeren"),
                            self._("Alle Angebote von der Gesprächsliste nehmen? Ihre Notizen "
                                   "zu den Angeboten bleiben erhalten.")):
            return False
        self._services.saved_list.clear()
        return True

    def confirm(self, title: str, question: str) -> bool:
        """A yes/no question with "No" as the default (tests answer it through the box)."""
        box = QMessageBox(QMessageBox.Icon.Question, title, question,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setObjectName("confirmBox")
        box.setDefaultButton(QMessageBox.StandardButton.No)
        return box.exec() == QMessageBox.StandardButton.Yes

    def _store_order(self, *_args: object) -> None:
        """After a drag: store the new order once Qt has finished the drop (the store's
        change notice rebuilds the items, which must not happen inside the move)."""
        QTimer.singleShot(0, self, lambda: self._services.saved_list.reorder(self.offer_ids()))

    # --- events ----------------------------------------------------------------------------
    def _context_menu(self, position: QPoint) -> None:
        menu = self.context_menu()
        menu.exec(self.list.viewport().mapToGlobal(position))

    def context_menu(self) -> QMenu:
        menu = QMenu(self)
        has_current = self.current_offer_id() is not None
        for action in (self.up_action, self.down_action, self.remove_action):
            action.setEnabled(has_current)
            menu.addAction(action)
        menu.addSeparator()
        self.clear_action.setEnabled(self.list.count() > 0)
        menu.addAction(self.clear_action)
        return menu

    def _current_changed(self, item: QListWidgetItem | None, _previous: object) -> None:
        if item is not None:
            self.offer_current.emit(item.data(OFFER_ID_ROLE))

    def _activated(self, item: QListWidgetItem) -> None:
        self.offer_activated.emit(item.data(OFFER_ID_ROLE))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if (watched is self.list and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent)):
            key, alt = event.key(), event.modifiers() & Qt.KeyboardModifier.AltModifier
            if key == Qt.Key.Key_Escape:
                self.escaped.emit()
                return True
            if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.remove_selected()
                return True
            if alt and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
                self.move_current(-1 if key == Qt.Key.Key_Up else 1)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                item = self.list.currentItem()
                if item is not None:
                    self._activated(item)
                return True
        return super().eventFilter(watched, event)
