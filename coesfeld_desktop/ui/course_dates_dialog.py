""""Termine aufs Handy": a course's coming dates as a QR code, and as an ``.ics`` file.

The QR code holds a small calendar event (``domain.course_calendar.course_qr_text``) that a
phone's camera adds to its calendar without any network; "Als Kalenderdatei speichern…"
writes every coming date as an ``.ics`` file (for e-mail or a USB stick).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QDialog, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from coesfeld_desktop.domain.contact_card import qr_png
from coesfeld_desktop.domain.course_calendar import course_ics, course_qr_text
from coesfeld_desktop.domain.course_dates import course_dates
from coesfeld_desktop.domain.course_text import next_date_text
from coesfeld_desktop.domain.offer import OfferDetail
from coesfeld_desktop.i18n import Translate
from coesfeld_desktop.ui.file_dialogs import documents_folder, save_file_name


def ics_file_name(title: str) -> str:
    """``Geburtsvorbereitungskurs-fur-Paare.ics``: the title, safe on every file system."""
    stem = re.sub(r"[^\w-]+", "-", title, flags=re.ASCII).strip("-")[:60]
    return f"{stem or 'Termine'}.ics"


class CourseDatesDialog(QDialog):
    """The QR code with the coming dates, a line saying the next one, and a save button."""

    def __init__(self, detail: OfferDetail, language: str, _: Translate, today: dt.date,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("courseDatesDialog")
        self.setWindowTitle(_("Termine aufs Handy"))
        self._detail, self._today, self._ = detail, today, _
        self.saved_to: Path | None = None
        title = QLabel(detail.title.text)
        title.setObjectName("heading")
        title.setWordWrap(True)
        dates = course_dates(detail.opening_hours, today)
        self.next_label = QLabel(next_date_text(dates, language, _) if dates else "")
        self.next_label.setWordWrap(True)
        pixmap = QPixmap()
        pixmap.loadFromData(qr_png(course_qr_text(detail, today), scale=5))
        self.image = QLabel()
        self.image.setPixmap(pixmap)
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image.setAccessibleName(_("QR-Code mit den Terminen"))
        hint = QLabel(_("Mit der Handykamera scannen: die Termine kommen in den Kalender. "
                        "Es wird kein Internet gebraucht."))
        hint.setWordWrap(True)
        self.save_button = QPushButton(_("Als Kalenderdatei speichern …"))
        self.save_button.setToolTip(_("Alle kommenden Termine als .ics-Datei, z. B. zum "
                                      "Verschicken per E-Mail"))
        self.save_button.clicked.connect(self.ask_and_save)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.next_label)
        layout.addWidget(self.image, 1)
        layout.addWidget(hint)
        layout.addWidget(self.save_button)

    def ask_and_save(self) -> None:
        _ = self._
        chosen = save_file_name(self, _("Termine speichern"),
                                documents_folder() / ics_file_name(self._detail.title.text),
                                _("Kalenderdateien (*.ics)"))
        if chosen:
            self.save(Path(chosen))

    def save(self, path: Path) -> bool:
        """Write the ``.ics`` file; a failure is said in a message, nothing is lost."""
        if path.suffix.lower() != ".ics":
            path = path.with_name(path.name + ".ics")
        try:
            path.write_bytes(course_ics(self._detail, self._today))
        except OSError as error:
            QMessageBox.warning(self, self._("Termine speichern"), self._(
                "Die Kalenderdatei konnte nicht gespeichert werden ({error}).").format(
                error=error.strerror or error))
            return False
        self.saved_to = path
        return True
