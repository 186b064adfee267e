"""The "Jetzt abgleichen" dialog: choose the source, watch progress, cancel, see what changed.

Layout and wiring only: the sync itself is :class:`coesfeld_desktop.sync.service.SyncService`,
run off the GUI thread by the task runner. Offline is a normal state: it is said in the
dialog's status line, never in an error box.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from coesfeld_desktop.i18n import Translate, translations
from coesfeld_desktop.progress import Progress
from coesfeld_desktop.services import Services
from coesfeld_desktop.sync.apply import SyncOutcome
from coesfeld_desktop.sync.errors import RestoreNeeded
from coesfeld_desktop.ui.file_dialogs import open_file_name
from coesfeld_desktop.ui.sync_messages import error_message, outcome_message
from coesfeld_desktop.ui.tasks import TaskHandle, TaskRunner
from coesfeld_desktop.userdata.sync_source import is_url

MAX_LISTED = 300  # per group in the "what changed" view; the rest is counted
OFFER_ID_ROLE = Qt.ItemDataRole.UserRole


def run_sync(services: Services, source: str, allow_restore: bool,
             progress: Progress) -> SyncOutcome:
    """The work function for the task runner (worker thread, no widgets).

    After new data went in, the search reads its new word list here, not at the next
    keystroke."""
    outcome = services.sync.sync(source, progress, allow_restore=allow_restore)
    if outcome.status == "applied":
        services.search.prepare()
    return outcome


class SyncDialog(QDialog):
    """Emits :attr:`applied` with the outcome after new data went into the store."""

    applied = Signal(object)
    open_offer = Signal(str)

    def __init__(self, services: Services, runner: TaskRunner, gettext: Translate,
                 parent: QWidget | None = None, language: str = "de") -> None:
        super().__init__(parent)
        self.services = services
        self.runner = runner
        self.language = language
        self._ = _ = gettext
        self._n = translations(language).ngettext
        self._replacing_demo = False
        self.handle: TaskHandle | None = None
        self.last_outcome: SyncOutcome | None = None
        self.setWindowTitle(_("Verzeichnis abgleichen"))
        self.setObjectName("syncDialog")

        self.from_url = QRadioButton(_("Aus dem Internet (https-Adresse)"))
        self.from_file = QRadioButton(_("Aus einer Datei (USB-Stick, Netzlaufwerk)"))
        group = QButtonGroup(self)
        group.addButton(self.from_url)
        group.addButton(self.from_file)
        self.url = QLineEdit()
        self.url.setPlaceholderText("https://…")
        self.url.setAccessibleName(_("Adresse des Exports"))
        self.file = QLineEdit()
        self.file.setAccessibleName(_("Exportdatei"))
        self.browse = QPushButton(_("Durchsuchen…"))
        self.source_hint = QLabel(_("Die Adresse des Exports oder die Exportdatei gibt Ihnen "
                                    "der Kreis Coesfeld (Fachdienst Jugend und Familie) oder "
                                    "Ihre IT; sie wird für den nächsten Abgleich gemerkt."))
        self.source_hint.setObjectName("muted")
        self.source_hint.setWordWrap(True)
        self.status = QLabel()
        self.status.setObjectName("syncStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.changes = QTreeWidget()
        self.changes.setObjectName("syncChanges")
        self.changes.setHeaderLabels([_("Was hat sich geändert?")])
        self.changes.setAccessibleName(_("Was hat sich geändert?"))
        self.changes.hide()
        self.buttons = QDialogButtonBox()
        self.sync_button = self.buttons.addButton(_("Jetzt abgleichen"),
                                                  QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(_("Abbrechen"),
                                                    QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.cancel_button.setEnabled(False)
        self._lay_out()
        self._connect()
        self._load_source()

    def _lay_out(self) -> None:
        grid = QGridLayout()
        grid.addWidget(self.from_url, 0, 0, 1, 2)
        grid.addWidget(self.url, 1, 0, 1, 2)
        grid.addWidget(self.from_file, 2, 0, 1, 2)
        grid.addWidget(self.file, 3, 0)
        grid.addWidget(self.browse, 3, 1)
        grid.addWidget(self.source_hint, 4, 0, 1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.changes, 1)
        layout.addWidget(self.buttons)
        self.resize(560, 300)

    def _connect(self) -> None:
        self.sync_button.clicked.connect(lambda: self.start())
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button.clicked.connect(self.reject)
        self.browse.clicked.connect(self._choose_file)
        self.url.textEdited.connect(lambda _text: self.from_url.setChecked(True))
        self.file.textEdited.connect(lambda _text: self.from_file.setChecked(True))
        self.changes.itemActivated.connect(self._activate)

    def _load_source(self) -> None:
        source = self.services.preferences.sync_source
        if source and not is_url(source):
            self.file.setText(source)
            self.from_file.setChecked(True)
        else:
            self.url.setText(source)
            self.from_url.setChecked(True)

    def source(self) -> str:
        return (self.url.text() if self.from_url.isChecked() else self.file.text()).strip()

    def _choose_file(self) -> None:
        start = Path(self.file.text()).parent if self.file.text() else Path.home()
        path = open_file_name(self, self._("Exportdatei wählen"), start,
                              self._("Angebotslotse-Export (*.zip);;Alle Dateien (*)"))
        if path:
            self.file.setText(path)
            self.from_file.setChecked(True)

    # --- running ------------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self.handle is not None

    def start(self, allow_restore: bool = False) -> TaskHandle | None:
        source = self.source()
        if not source or self.busy:
            self.status.setText(self._("Bitte eine Adresse oder eine Datei angeben."))
            return None
        self._replacing_demo = self._directory_is_demo()
        self._set_busy(True)
        self.changes.hide()
        self.status.setText(self._("Abgleich läuft …"))
        self.handle = self.runner.run(
            lambda progress: run_sync(self.services, source, allow_restore, progress),
            on_done=lambda outcome: self._done(source, outcome),
            on_error=lambda error: self._failed(source, error),
            on_progress=self._progress,
            on_cancelled=self._cancelled)
        return self.handle

    def cancel(self) -> None:
        if self.handle is not None:
            self.handle.cancel()
            self.status.setText(self._("Wird abgebrochen …"))

    def _set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.progress.setRange(0, 0)
        self.sync_button.setEnabled(not busy)
        self.cancel_button.setEnabled(busy)
        for widget in (self.url, self.file, self.browse, self.from_url, self.from_file):
            widget.setEnabled(not busy)
        if not busy:
            self.handle = None

    def _progress(self, done: int, total: int, message: str) -> None:
        if total > 0:
            self.progress.setRange(0, 1000)
            self.progress.setValue(int(1000 * min(done, total) / total))
        else:
            self.progress.setRange(0, 0)
        if message:
            self.status.setText(self._(message) + " …")

    def _done(self, source: str, outcome: SyncOutcome) -> None:
        self._set_busy(False)
        self.last_outcome = outcome
        self.services.preferences.sync_source = source
        replaced_demo = outcome.applied and self._replacing_demo
        self.status.setText(outcome_message(outcome, replaced_demo, self._offer_count(),
                                            self.language, self._, self._n))
        if not outcome.applied:
            return
        if not replaced_demo:  # against made-up demo offers "what changed" says nothing
            self._show_changes(outcome)
        self.applied.emit(outcome)

    def _directory_is_demo(self) -> bool:
        status = self.services.directory.status()
        return status is not None and status.is_demo

    def _offer_count(self) -> int:
        status = self.services.directory.status()
        return status.offer_count if status is not None else 0

    def _failed(self, source: str, error: BaseException) -> None:
        self._set_busy(False)
        if isinstance(error, RestoreNeeded):
            answer = QMessageBox.question(
                self, self._("Älteren Stand wiederherstellen?"),
                error.translated(self._) + "\n\n" + self._("Trotzdem diesen Stand laden?"))
            if answer == QMessageBox.StandardButton.Yes:
                self.start(allow_restore=True)
                return
        self.status.setText(error_message(error, self._))

    def _cancelled(self) -> None:
        self._set_busy(False)
        self.status.setText(self._("Abgebrochen. Die lokalen Daten sind unverändert."))

    # --- what changed -------------------------------------------------------------------------
    def _show_changes(self, outcome: SyncOutcome) -> None:
        _ = self._
        self.changes.clear()
        groups = ((_("Neu ({count})"), outcome.new, True),
                  (_("Geändert ({count})"), outcome.changed, True),
                  (_("Nicht mehr im Verzeichnis ({count})"), outcome.removed, False))
        for label, offers, can_open in groups:
            group = QTreeWidgetItem(self.changes, [label.format(count=len(offers))])
            for offer_id, title in sorted(offers, key=lambda pair: pair[1].casefold()
                                          )[:MAX_LISTED]:
                item = QTreeWidgetItem(group, [title or offer_id])
                if can_open:
                    item.setData(0, OFFER_ID_ROLE, offer_id)
            if len(offers) > MAX_LISTED:
                QTreeWidgetItem(group, [_("… und {count} weitere").format(
                    count=len(offers) - MAX_LISTED)])
            group.setExpanded(0 < len(offers) <= 20)
        self.changes.show()

    def _activate(self, item: QTreeWidgetItem, _column: int) -> None:
        offer_id = item.data(0, OFFER_ID_ROLE)
        if offer_id:
            self.open_offer.emit(offer_id)

    def done(self, result: int) -> None:  # Qt override
        if self.busy and self.handle is not None:
            self.handle.cancel()  # closing the dialog cancels; the transaction rolls back
        super().done(result)
