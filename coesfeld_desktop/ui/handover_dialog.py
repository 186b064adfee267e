"""The "Vermittlung" dialog: per offer of the Gesprächsliste whether the family calls first
and the appointment made for it; the family's language; a live preview; print and save.

A view: it lays out and reads the counsellor's choices; building, saving and printing are
:class:`~.handover_controller.HandoverController`'s. What is typed here (the appointment)
lives in these widgets only: it is printed, never stored.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate, QLocale, Qt, QTime, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from coesfeld_desktop.domain.handover import HandoverEntry, suggest_call_first
from coesfeld_desktop.handout.handover import HandoverOptions
from coesfeld_desktop.i18n import Translate
from coesfeld_desktop.services import Services
from coesfeld_desktop.ui.file_dialogs import documents_folder, save_file_name
from coesfeld_desktop.ui.handout_dialog import language_choices
from coesfeld_desktop.ui.handout_pages import PagePreview
from coesfeld_desktop.ui.handover_controller import BuiltSheet, HandoverController
from coesfeld_desktop.ui.tasks import TaskRunner


class OfferRow:
    """The widgets of one offer: its title, "call first", the appointment's date and time."""

    def __init__(self, offer_id: str, title: str, call_first: bool, _: Translate,
                 locale: QLocale) -> None:
        self.offer_id = offer_id
        self.title = QLabel(title)
        self.title.setWordWrap(True)
        self.title.setObjectName("heading")
        self.call_first = QCheckBox(_("Vorher anrufen"))
        self.call_first.setChecked(call_first)
        self.call_first.setAccessibleName(_("Vorher anrufen: {offer}").format(offer=title))
        self.has_date = QCheckBox(_("Termin am"))
        self.has_date.setAccessibleName(_("Termin für {offer}").format(offer=title))
        self.date = QDateEdit(QDate.currentDate().addDays(1))
        self.date.setLocale(locale)  # the weekday in the counsellor's language
        # the day with its weekday and a four-digit year: "Di., 08.12.2026"
        short = locale.dateFormat(QLocale.FormatType.ShortFormat)
        self.date.setDisplayFormat(
            "ddd, " + (short if "yyyy" in short else short.replace("yy", "yyyy")))
        self.date.setCalendarPopup(True)
        self.date.setMinimumDate(QDate.currentDate())
        self.date.setAccessibleName(_("Datum des Termins"))
        self.has_time = QCheckBox(_("um"))
        self.has_time.setAccessibleName(_("Uhrzeit angeben"))
        self.time = QTimeEdit()
        # left to right before the format is set: in a right-to-left window Qt would order
        # the sections "30:10"
        self.time.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.time.setDisplayFormat("HH:mm")
        self.time.setTime(QTime(10, 0))
        self.time.setAccessibleName(_("Uhrzeit des Termins"))
        self.frame = QFrame()
        self.frame.setFrameShape(QFrame.Shape.StyledPanel)
        # one choice a line: the column stays narrow at 150 % zoom and in Arabic
        fields = QGridLayout()
        fields.addWidget(self.has_date, 0, 0)
        fields.addWidget(self.date, 0, 1)
        fields.addWidget(self.has_time, 1, 0)
        fields.addWidget(self.time, 1, 1)
        fields.setColumnStretch(2, 1)
        box = QVBoxLayout(self.frame)
        box.addWidget(self.title)
        box.addWidget(self.call_first)
        box.addLayout(fields)
        self._enable()
        self.has_date.toggled.connect(self._enable)
        self.has_time.toggled.connect(self._enable)

    def _enable(self) -> None:
        dated = self.has_date.isChecked()
        self.date.setEnabled(dated)
        self.has_time.setEnabled(dated)
        self.time.setEnabled(dated and self.has_time.isChecked())


    def entry(self) -> HandoverEntry:
        if not self.has_date.isChecked():
            return HandoverEntry(self.offer_id, self.call_first.isChecked())
        day = self.date.date()
        time = self.time.time() if self.has_time.isChecked() else None
        return HandoverEntry(
            self.offer_id, self.call_first.isChecked(),
            dt.date(day.year(), day.month(), day.day()),
            dt.time(time.hour(), time.minute()) if time is not None else None)


class HandoverDialog(QDialog):
    """Non-modal, like the handout dialog; "Neues Gespräch" empties it (:meth:`forget`)."""

    generated = Signal(bytes)  # a fresh preview PDF (tests wait on it)
    saved = Signal(str)
    failed = Signal(str)

    def __init__(self, services: Services, runner: TaskRunner, gettext: Translate,
                 parent: QWidget | None = None, language: str = "de") -> None:
        super().__init__(parent)
        self.services = services
        self._ = _ = gettext
        self.controller = HandoverController(services, runner, self)
        self.rows: list[OfferRow] = []
        self._save_folder: Path | None = None  # for this dialog only, never stored
        self.setWindowTitle(_("Vermittlung"))
        self.setObjectName("handoverDialog")
        self.resize(1100, 760)
        self.language = QComboBox()
        self.language.setAccessibleName(_("Sprache der Familie"))
        for code, name in language_choices(language):
            self.language.addItem(name, code)
        self.large_print = QCheckBox(_("Große Schrift"))
        self.offers = QWidget()
        self.offer_rows = QVBoxLayout(self.offers)
        self.offer_rows.addStretch(1)
        self.ui_language = language  # titles and dates on screen (self.language: the sheet's)
        self._locale = QLocale(language)
        self.empty_label = QLabel(_("Die Gesprächsliste ist leer. Setzen Sie zuerst die "
                                    "Angebote darauf, an die Sie die Familie vermitteln."))
        self.empty_label.setWordWrap(True)
        self.privacy = QLabel(_("Der Termin steht nur auf dem Blatt: Er wird nicht "
                                "gespeichert, auch nicht im Verlauf."))
        self.privacy.setObjectName("muted")
        self.privacy.setWordWrap(True)
        self.preview = PagePreview()
        self.status = QLabel()
        self.status.setObjectName("handoverStatus")
        self.print_button = QPushButton(_("Drucken…"))
        self.save_button = QPushButton(_("Als PDF speichern…"))
        self.close_button = QPushButton(_("Schließen"))
        self._lay_out()
        self._connect()
        self.refresh()

    # --- layout ---------------------------------------------------------------------------
    def _lay_out(self) -> None:
        form = QFormLayout()
        form.addRow(self._("Sprache der Familie"), self.language)
        form.addRow("", self.large_print)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # titles wrap
        scroll.setWidget(self.offers)
        left = QWidget()
        column = QVBoxLayout(left)
        column.addLayout(form)
        column.addWidget(self.empty_label)
        column.addWidget(scroll, 1)
        column.addWidget(self.privacy)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.preview)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)  # the sheet as large as the dialog allows
        splitter.setSizes([440, 660])
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        for button in (self.print_button, self.save_button, self.close_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)

    def _connect(self) -> None:
        self.language.currentIndexChanged.connect(self.schedule)
        self.large_print.toggled.connect(self.schedule)
        self.print_button.clicked.connect(lambda: self.print_sheet())
        self.save_button.clicked.connect(self.save_with_dialog)
        self.close_button.clicked.connect(self.close)
        self.controller.building.connect(lambda: self._set_ready(False))
        self.controller.built.connect(self._show_built)
        self.controller.failed.connect(self._show_error)

    # --- the offers -----------------------------------------------------------------------
    def refresh(self) -> None:
        """Rows for the Gesprächsliste's offers, keeping what was set for those still on it."""
        kept = {row.offer_id: row.entry() for row in self.rows}
        self._clear_rows()
        ids = self.services.saved_list.offer_ids()
        titles = {summary.id: summary.title
                  for summary in self.services.directory.summaries(ids, self.ui_language)}
        for index, offer_id in enumerate(oid for oid in ids if oid in titles):
            before = kept.get(offer_id)
            if before is None:
                german = self.services.directory.detail(offer_id)
                call_first = german is not None and suggest_call_first(german)
            else:
                call_first = before.call_first
            row = OfferRow(offer_id, titles[offer_id], call_first, self._, self._locale)
            if before is not None and before.appointment_date is not None:
                row.has_date.setChecked(True)
                day = before.appointment_date
                row.date.setDate(QDate(day.year, day.month, day.day))
                if before.appointment_time is not None:
                    row.has_time.setChecked(True)
                    row.time.setTime(QTime(before.appointment_time.hour,
                                           before.appointment_time.minute))
            self._place(row, index)
            self.rows.append(row)
        self.empty_label.setVisible(not self.rows)
        self.schedule()

    def _clear_rows(self) -> None:
        for row in self.rows:
            self.offer_rows.removeWidget(row.frame)
            row.frame.deleteLater()
        self.rows = []

    def _place(self, row: OfferRow, index: int) -> None:
        self.offer_rows.insertWidget(index, row.frame)
        for widget in (row.call_first, row.has_date, row.has_time):
            widget.toggled.connect(self.schedule)
        row.date.dateChanged.connect(self.schedule)
        row.time.timeChanged.connect(self.schedule)

    def entries(self) -> list[HandoverEntry]:
        return [row.entry() for row in self.rows]

    def options(self) -> HandoverOptions:
        return HandoverOptions(str(self.language.currentData()), self.large_print.isChecked())

    def forget(self) -> None:
        """"Neues Gespräch": the appointments belonged to the family that just left."""
        self.controller.cancel()
        self._clear_rows()
        self.refresh()

    # --- the preview ----------------------------------------------------------------------
    def schedule(self) -> None:
        if not self.controller.schedule(self.entries(), self.options()):
            self.preview.show_pages([])
            self._set_ready(False)

    def generate_now(self) -> None:
        self.controller.schedule(self.entries(), self.options(), now=True)

    def _show_built(self, sheet: BuiltSheet) -> None:
        self.preview.show_pages(sheet.pages)
        self.status.setText("")
        self._set_ready(True)
        self.generated.emit(sheet.pdf)

    def _show_error(self, error: BaseException) -> None:
        message = self._("Das Blatt konnte nicht erstellt werden: {error}").format(error=error)
        self.status.setText(message)
        self.failed.emit(message)

    def _set_ready(self, ready: bool) -> None:
        self.print_button.setEnabled(ready)
        self.save_button.setEnabled(ready)

    @property
    def current_pdf(self) -> bytes | None:
        return self.controller.current.pdf if self.controller.current else None

    # --- output ---------------------------------------------------------------------------
    def save_to(self, path: Path) -> Path:
        path = self.controller.save(path)
        self.status.setText(self._("Gespeichert: {path}").format(path=path))
        self.saved.emit(str(path))
        return path

    def save_with_dialog(self) -> None:
        sheet = self.controller.current
        if sheet is None:
            return
        folder = self._save_folder or documents_folder()
        suggestion = folder / f"Vermittlung-{sheet.options.language}.pdf"
        path = save_file_name(self, self._("Vermittlung speichern"), suggestion, "PDF (*.pdf)")
        if path:
            if not path.lower().endswith(".pdf"):
                path += ".pdf"
            self._save_folder = Path(path).parent
            self.save_to(Path(path))

    def print_sheet(self, printer: QPrinter | None = None) -> None:
        if self.controller.current is None:
            return
        if printer is None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            if QPrintDialog(printer, self).exec() != QDialog.DialogCode.Accepted:
                return
        self.status.setText(self._("Wird gedruckt …"))
        self.controller.print_to(printer, lambda: self.status.setText(
            self._("An den Drucker geschickt.")))

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        self.controller.cancel()
        super().closeEvent(event)
