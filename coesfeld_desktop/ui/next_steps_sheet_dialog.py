"""The „Nächste Schritte“ sheet for the family: pick the family's language (large print if
wanted), look at the preview, save or print.

Why a dialog of its own and not the offer handout's: the sheet is built from the plan of
„Was kommt als Nächstes?“, not from the Gesprächsliste, and has no layout or history
choices. Building and printing run on the task runner; nothing about the family is kept.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coesfeld_desktop.domain.timeline import NextStepsPlan
from coesfeld_desktop.handout.next_steps_sheet import render_next_steps
from coesfeld_desktop.handout.pdf import CentreHeader
from coesfeld_desktop.i18n import Translate, is_rtl
from coesfeld_desktop.progress import Progress
from coesfeld_desktop.services import Services
from coesfeld_desktop.ui.file_dialogs import documents_folder, save_file_name
from coesfeld_desktop.ui.handout_dialog import language_choices
from coesfeld_desktop.ui.handout_pages import PagePreview, print_pages, render_pages
from coesfeld_desktop.ui.tasks import LatestWins, TaskRunner

PREVIEW_DPI = 80
PRINT_DPI = 300


class NextStepsSheetDialog(QDialog):
    def __init__(self, services: Services, runner: TaskRunner, plan: NextStepsPlan,
                 language: str, ui_language: str, _: Translate,
                 parent: QWidget | None = None, today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("nextStepsSheetDialog")
        self.setWindowTitle(_("Handzettel „Nächste Schritte“"))
        if is_rtl(ui_language):
            self.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self._ = _
        self.services = services
        self.runner = runner
        self.plan = plan
        self.today = today
        self.pdf: bytes | None = None
        self.worker = LatestWins(runner, 100, self)
        self.language = QComboBox()
        self.language.setAccessibleName(_("Sprache der Familie"))
        for code, name in language_choices(ui_language):
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(language)))
        self.large_print = QCheckBox(_("Großdruck"))
        self.preview = PagePreview()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.save_button = QPushButton(_("Speichern …"))
        self.print_button = QPushButton(_("Drucken …"))
        choices = QHBoxLayout()
        choices.addWidget(QLabel(_("Sprache der Familie")))
        choices.addWidget(self.language, 1)
        choices.addWidget(self.large_print)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Schließen"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(choices)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.language.currentIndexChanged.connect(self.build)
        self.large_print.toggled.connect(self.build)
        self.save_button.clicked.connect(self.save_with_dialog)
        self.print_button.clicked.connect(lambda: self.print_sheet())
        self.resize(720, 860)
        self.build()

    @property
    def idle(self) -> bool:
        return self.worker.idle

    def chosen_language(self) -> str:
        return str(self.language.currentData())

    def build(self) -> None:
        """Build the sheet and its preview off the GUI thread (the newest choice wins)."""
        database, plan, today = self.services.database, self.plan, self.today
        language, large = self.chosen_language(), self.large_print.isChecked()
        centre = CentreHeader.from_settings(self.services.preferences.value)

        def work(_progress: Progress) -> tuple[bytes, list[QImage]]:
            pdf = render_next_steps(database, plan, language, centre, today, large)
            return pdf, render_pages(pdf, PREVIEW_DPI)

        self.pdf = None
        self._ready(False)
        self.status.setText(self._("Wird erstellt …"))
        self.worker.request_now(work, self._built, self._failed)

    def _built(self, result: tuple[bytes, list[QImage]]) -> None:
        self.pdf, images = result
        self.preview.show_pages(images)
        self.status.setText("")
        self._ready(True)

    def _failed(self, error: BaseException) -> None:
        self.status.setText(self._("Der Handzettel konnte nicht erstellt werden: {error}")
                            .format(error=error))

    def _ready(self, ready: bool) -> None:
        self.save_button.setEnabled(ready)
        self.print_button.setEnabled(ready)

    def save_to(self, path: Path) -> Path:
        """Write the sheet to ``path`` (via a temporary file: never half a PDF)."""
        if self.pdf is None:
            raise RuntimeError("the sheet has not been built yet")
        temporary = path.with_name(f".{path.name}.part")
        temporary.write_bytes(self.pdf)
        temporary.replace(path)
        self.status.setText(self._("Gespeichert: {path}").format(path=path))
        return path

    def save_with_dialog(self) -> None:
        if self.pdf is None:
            return
        suggestion = documents_folder() / f"Naechste-Schritte-{self.chosen_language()}.pdf"
        name = save_file_name(self, self._("Handzettel speichern"), suggestion, "PDF (*.pdf)")
        if name:
            try:
                self.save_to(Path(name if name.lower().endswith(".pdf") else name + ".pdf"))
            except OSError as error:
                self.status.setText(self._("Speichern fehlgeschlagen: {error}").format(
                    error=error.strerror or error))

    def print_sheet(self, printer: QPrinter | None = None) -> None:
        """Ask for a printer (unless given) and print the sheet at 300 dpi."""
        pdf = self.pdf
        if pdf is None:
            return
        if printer is None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            if QPrintDialog(printer, self).exec() != QDialog.DialogCode.Accepted:
                return
        self.status.setText(self._("Wird gedruckt …"))
        target = printer

        def done(images: list[QImage]) -> None:
            print_pages(images, target)
            self.status.setText(self._("An den Drucker geschickt."))

        self.runner.run(lambda _progress: render_pages(pdf, PRINT_DPI), on_done=done,
                        on_error=self._failed)

    def done(self, result: int) -> None:
        self.worker.shutdown()
        super().done(result)
