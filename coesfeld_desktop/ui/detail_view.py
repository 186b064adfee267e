"""The detail pane: every fact of one offer, a Gesprächsliste star and the counsellor's note."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from coesfeld_desktop.corrections.kinds import KINDS
from coesfeld_desktop.domain.contact_card import contact_vcard, has_contact, qr_png
from coesfeld_desktop.domain.course_calendar import has_course_dates
from coesfeld_desktop.domain.formatting import date_text
from coesfeld_desktop.domain.offer import OfferDetail
from coesfeld_desktop.domain.opening import local_now
from coesfeld_desktop.i18n import N_, Translate
from coesfeld_desktop.ui.correction_dialog import CorrectionDialog
from coesfeld_desktop.ui.course_dates_dialog import CourseDatesDialog
from coesfeld_desktop.ui.detail_html import detail_html, linked_offer_id

if TYPE_CHECKING:  # the store (SQLAlchemy) loads after the window's first paint
    from coesfeld_desktop.services import Services
    from coesfeld_desktop.userdata.note_saver import NoteSaver

NOTE_SAVE_MS = 600
NOTE_RETRY_MS = 1000  # a note the database could not take yet: tried again this often
NOTE_WAITING = N_("Noch nicht gespeichert: Die Datenbank ist gerade belegt. Die Notiz wird "
                  "nach der Aktualisierung gespeichert.")


class DetailView(QWidget):
    saved_changed = Signal()  # the Gesprächsliste changed
    reported = Signal(str)  # "Stimmt etwas nicht?" was sent for this offer id
    related_chosen = Signal(str)  # a "Danach" / "Gemeinsam mit" link: that offer's id
    family_view_requested = Signal()  # "Familienansicht": show the offer to the family

    def __init__(self, services: Services, language: str, _: Translate,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._language = language
        self._ = _
        self._detail: OfferDetail | None = None
        self._note_dirty = False
        self.star = QToolButton()
        self.star.setObjectName("star")
        self.star.setCheckable(True)
        self.star.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.star.setAccessibleName(_("Auf die Gesprächsliste"))
        self.star.setShortcut("Ctrl+D")
        self.qr_button = QToolButton()
        self.qr_button.setObjectName("contactQr")
        self.qr_button.setText(_("QR-Kontakt"))
        self.qr_button.setToolTip(_("Den Kontakt groß zeigen, damit die Familie ihn mit der "
                                    "Handykamera ins Telefonbuch übernimmt (ohne Internet)"))
        self.qr_button.setAccessibleName(_("Kontakt als QR-Code"))
        self.qr_dialog: QDialog | None = None
        self.dates_button = QToolButton()
        self.dates_button.setObjectName("courseDates")
        self.dates_button.setText(_("Termine aufs Handy"))
        self.dates_button.setToolTip(_("Die kommenden Termine als QR-Code für den Kalender "
                                       "des Handys, oder als Kalenderdatei"))
        self.dates_button.setAccessibleName(_("Termine als QR-Code"))
        self.dates_dialog: CourseDatesDialog | None = None
        self.report_button = QToolButton()
        self.report_button.setObjectName("reportProblem")
        self.report_button.setText(_("Stimmt etwas nicht?"))
        self.report_button.setToolTip(_("Dem Kreis einen Fehler in diesem Angebot melden "
                                        "(falsche Telefonnummer, Angebot beendet …)"))
        self.report_button.setAccessibleName(_("Fehler im Angebot melden"))
        self.correction_dialog: CorrectionDialog | None = None
        self.reported_label = QLabel()
        self.reported_label.setObjectName("reported")
        self.reported_label.setWordWrap(True)
        self.reported_label.hide()
        self.family_button = QToolButton()
        self.family_button.setObjectName("familyButton")
        self.family_button.setText(_("Familienansicht"))
        self.family_button.setToolTip(_("Der Familie zeigen: groß, in ihrer Sprache, mit "
                                        "Vorlesen (F11)"))
        self.family_button.setAccessibleName(_("Familienansicht"))
        self.outside_label = QLabel(_("Nicht in den aktuellen Ergebnissen"))
        self.outside_label.setObjectName("muted")
        self.outside_label.setWordWrap(True)
        self.outside_label.hide()
        self.clock = local_now  # the next opening is relative to the desk's time
        self.browser = QTextBrowser()
        self.browser.setObjectName("detail")
        # links are followed here: an offer link selects the offer, the rest opens outside
        self.browser.setOpenLinks(False)
        self.browser.setOpenExternalLinks(False)
        self.browser.setAccessibleName(_("Angebotsdetails"))
        self.note_label = QLabel(_("Eigene Notiz (bleibt nur auf diesem Rechner)"))
        self.note_label.setObjectName("muted")
        self.note_label.setWordWrap(True)  # a long hint must not widen the pane's minimum
        self.note = QPlainTextEdit()
        self.note.setObjectName("note")
        self.note.setAccessibleName(_("Eigene Notiz zum Angebot"))
        self.note.setPlaceholderText(_("Notiz zu diesem Angebot …"))
        self.note.setTabChangesFocus(True)
        self.note.setMaximumHeight(90)
        self.note_label.setBuddy(self.note)
        self._note_timer = QTimer(self)
        self._note_timer.setSingleShot(True)
        self._note_timer.setInterval(NOTE_SAVE_MS)
        self.note_status = QLabel(_(NOTE_WAITING))
        self.note_status.setObjectName("noteStatus")
        self.note_status.setWordWrap(True)
        self.note_status.hide()
        self._retry_timer = QTimer(self)  # while a note waits for the database
        self._retry_timer.setInterval(NOTE_RETRY_MS)
        self._note_saver: NoteSaver | None = None
        self._lay_out()
        self._connect_signals()
        self.show_offer(None)

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addStretch(1)
        top.addWidget(self.qr_button)
        top.addWidget(self.star)
        family = QHBoxLayout()  # a row of its own: the pane stays narrow at 150 % zoom
        family.setContentsMargins(0, 0, 0, 0)
        family.addStretch(1)
        family.addWidget(self.report_button)
        family.addWidget(self.dates_button)
        family.addWidget(self.family_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addLayout(family)
        layout.addWidget(self.outside_label)
        layout.addWidget(self.reported_label)
        layout.addWidget(self.browser, 1)
        layout.addWidget(self.note_label)
        layout.addWidget(self.note)
        layout.addWidget(self.note_status)

    def _connect_signals(self) -> None:
        self.star.clicked.connect(self._toggle_saved)
        self.browser.anchorClicked.connect(self._follow_link)
        self.qr_button.clicked.connect(self.show_contact_qr)
        self.dates_button.clicked.connect(self.show_course_dates)
        self.report_button.clicked.connect(self.report_problem)
        self.family_button.clicked.connect(self.family_view_requested)
        self.note.textChanged.connect(self._note_edited)
        self._note_timer.timeout.connect(self.flush_note)
        self._retry_timer.timeout.connect(self._retry_notes)

    # --- public -----------------------------------------------------------------------------
    def current_offer_id(self) -> str | None:
        return self._detail.id if self._detail else None

    def show_offer(self, offer_id: str | None) -> None:
        """Show ``offer_id`` (None: the empty hint); saves the previous offer's note first."""
        if offer_id is not None and offer_id == self.current_offer_id():
            return
        self.flush_note()
        detail = None
        if offer_id is not None:
            detail = self._services.directory.detail(offer_id, self._language)
        self._detail = detail
        _ = self._
        if detail is None:
            hint = _("Wählen Sie ein Angebot aus der Liste, um alle Angaben zu sehen.")
            if offer_id is not None:
                hint = _("Dieses Angebot ist nicht mehr im Verzeichnis.")
            self.browser.setHtml(f"<p style='color:#5f6b76'>{hint}</p>")
        else:
            self.browser.setHtml(detail_html(detail, self._language, _, self.clock(),
                                             self._services.preferences.stale_months))
        self.browser.verticalScrollBar().setValue(0)
        self.outside_label.hide()
        self.qr_button.setEnabled(detail is not None and has_contact(detail))
        self.dates_button.setVisible(detail is not None
                                     and has_course_dates(detail, self.clock().date()))
        self.report_button.setEnabled(detail is not None)
        self._show_reported()
        self.family_button.setEnabled(detail is not None)
        for widget in (self.star, self.note, self.note_label):
            widget.setEnabled(detail is not None)
        self.note.blockSignals(True)
        self.note.setPlainText(self._note_text(detail.id) if detail else "")
        self.note.blockSignals(False)
        self._note_dirty = False
        self._update_star()

    def reload(self) -> None:
        """Read the shown offer again (after a sync changed or removed it)."""
        offer_id = self.current_offer_id()
        self.flush_note()
        self._detail = None
        self.show_offer(offer_id)

    def flush_note(self) -> None:
        """Save a pending note edit now (timer, switching offers, closing)."""
        self._note_timer.stop()
        if self._detail is not None and self._note_dirty and not self.note.isReadOnly():
            saved = self._saver().save(self._detail.id, self._detail.title.text,
                                       self.note.toPlainText())
            self._show_note_waiting(not saved)
        self._note_dirty = False

    def refresh_star(self) -> None:
        self._update_star()

    def mark_outside_results(self, outside: bool) -> None:
        """Say so when the shown offer is not among the current results (a new search)."""
        self.outside_label.setVisible(outside and self._detail is not None)

    def report_problem(self) -> CorrectionDialog | None:
        """"Stimmt etwas nicht?": choose what is wrong; reported on "Melden"."""
        if self._detail is None:
            return None
        dialog = CorrectionDialog(self._detail.title.text, self._, self)
        offer_id = self._detail.id
        dialog.accepted.connect(lambda: self._report(offer_id, dialog))
        self.correction_dialog = dialog
        dialog.open()
        return dialog

    def _report(self, offer_id: str, dialog: CorrectionDialog) -> None:
        if dialog.kind is None:
            return
        self._services.corrections.report(offer_id, dialog.kind, dialog.text.text())
        if offer_id == self.current_offer_id():
            self._show_reported()
        self.reported.emit(offer_id)

    def _show_reported(self) -> None:
        """"Gemeldet am …" while the district's export does not cover the report."""
        reports = (self._services.corrections.open_reports(self._detail.id)
                   if self._detail is not None else [])
        _ = self._
        self.reported_label.setText("\n".join(
            "⚑ " + _("Gemeldet am {date}: {what}").format(
                date=date_text(report.reported_on, self._language), what=_(KINDS[report.kind]))
            for report in reports[:3]))
        self.reported_label.setVisible(bool(reports))

    def show_contact_qr(self) -> QDialog | None:
        """The offer's contact as a large QR code (vCard) for the family's phone."""
        if self._detail is None or not has_contact(self._detail):
            return None
        _ = self._
        if self.qr_dialog is not None:
            self.qr_dialog.close()
            self.qr_dialog.deleteLater()
        dialog = QDialog(self)
        dialog.setObjectName("contactQrDialog")
        dialog.setWindowTitle(_("Kontakt als QR-Code"))
        pixmap = QPixmap()
        pixmap.loadFromData(qr_png(contact_vcard(self._detail), scale=6))
        image = QLabel()
        image.setPixmap(pixmap)
        image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        image.setAccessibleName(_("QR-Code mit dem Kontakt"))
        title = QLabel(self._detail.title.text)
        title.setObjectName("heading")
        title.setWordWrap(True)
        hint = QLabel(_("Mit der Handykamera scannen: Telefonnummer, E-Mail und Adresse kommen "
                        "ins Telefonbuch. Es wird kein Internet gebraucht."))
        hint.setWordWrap(True)
        layout = QVBoxLayout(dialog)
        layout.addWidget(title)
        layout.addWidget(image, 1)
        layout.addWidget(hint)
        self.qr_dialog = dialog
        dialog.show()
        return dialog

    def show_course_dates(self) -> CourseDatesDialog | None:
        """"Termine aufs Handy": the coming dates as a QR code and an .ics file."""
        if self._detail is None:
            return None
        if self.dates_dialog is not None:
            self.dates_dialog.close()
            self.dates_dialog.deleteLater()
        self.dates_dialog = CourseDatesDialog(self._detail, self._language, self._,
                                              self.clock().date(), self)
        self.dates_dialog.show()
        return self.dates_dialog

    # --- private ----------------------------------------------------------------------------
    def _follow_link(self, url: QUrl) -> None:
        """A related offer's link shows that offer (the window selects it in the results
        too); phone, e-mail, web and map links open in the desktop's programs."""
        offer_id = linked_offer_id(
            url.scheme(), url.path(QUrl.ComponentFormattingOption.FullyEncoded))
        if offer_id is None:
            QDesktopServices.openUrl(url)
            return
        self.show_offer(offer_id)
        self.browser.setFocus(Qt.FocusReason.OtherFocusReason)
        self.related_chosen.emit(offer_id)

    def _saver(self) -> NoteSaver:
        """Made on first use: the store loads after the window's first paint. A note kept
        from the last session (the database was busy when it closed) is saved now."""
        if self._note_saver is None:
            from coesfeld_desktop.userdata.note_saver import NoteSaver  # noqa: PLC0415 - start-up time: SQLAlchemy after the first paint

            self._note_saver = NoteSaver(self._services.notes, self._services.paths.home)
            self._show_note_waiting(not self._note_saver.retry())
        return self._note_saver

    def _note_text(self, offer_id: str) -> str:
        """The note, or "" with the field locked while protected notes are locked."""
        locked = self._services.notes.lock.locked
        self.note.setReadOnly(locked)
        self.note_status.setVisible(locked or self._retry_timer.isActive())
        if locked:
            self.note_status.setText(self._("Die Notizen sind mit einem Passwort geschützt: "
                                            "Menü „Datei“, „Notizen entsperren…“"))
            return ""
        self.note_status.setText(self._(NOTE_WAITING))
        return self._saver().get(offer_id)

    def refresh_note_lock(self) -> None:
        """Show the note again after the notes were unlocked or protected."""
        offer_id = self.current_offer_id()
        self.flush_note()
        self.note.blockSignals(True)
        self.note.setPlainText(self._note_text(offer_id) if offer_id else "")
        self.note.blockSignals(False)
        self._note_dirty = False

    def _show_note_waiting(self, waiting: bool) -> None:
        self.note_status.setVisible(waiting)
        if waiting:
            self._retry_timer.start()
        else:
            self._retry_timer.stop()

    def _retry_notes(self) -> None:
        self._show_note_waiting(not self._saver().retry())

    def _note_edited(self) -> None:
        self._note_dirty = True
        self._note_timer.start()

    def _toggle_saved(self) -> None:
        if self._detail is None:
            return
        self._services.saved_list.toggle(self._detail.id, self._detail.title.text)
        self._update_star()
        self.saved_changed.emit()

    def _update_star(self) -> None:
        _ = self._
        detail = self._detail
        saved = detail is not None and self._services.saved_list.contains(detail.id)
        self.star.setChecked(saved)
        self.star.setText(("★ " + _("Auf der Gesprächsliste")) if saved
                          else ("☆ " + _("Auf die Gesprächsliste")))
        self.star.setToolTip(_("Von der Gesprächsliste nehmen (Strg+D)") if saved
                             else _("Auf die Gesprächsliste setzen (Strg+D)"))
