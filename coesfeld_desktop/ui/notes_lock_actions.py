"""Menu actions for the notes passphrase: protect the notes, change or remove the passphrase,
unlock them for this session (see ``userdata/note_lock.py`` for what is encrypted)."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QWidget

from coesfeld_desktop.i18n import Translate
from coesfeld_desktop.services import Services
from coesfeld_desktop.ui.detail_view import DetailView
from coesfeld_desktop.ui.window_hooks import WindowHooks
from coesfeld_desktop.userdata.note_lock import MIN_PASSPHRASE, WrongPassphrase


def ask_passphrase(parent: QWidget, title: str, label: str) -> str | None:
    """A masked input; ``None`` if cancelled."""
    dialog = QInputDialog(parent)
    dialog.setObjectName("passphraseDialog")
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setTextEchoMode(QLineEdit.EchoMode.Password)
    accepted = dialog.exec() == QInputDialog.DialogCode.Accepted
    text = dialog.textValue()
    dialog.deleteLater()
    return text if accepted else None


class NotesLockActions(QObject):
    def __init__(self, window: WindowHooks, services: Services, _: Translate) -> None:
        super().__init__(window.window())
        self.window = window
        self.services = services
        self._ = _
        self.unlock_action = QAction(_("Notizen entsperren…"), window.window())
        self.unlock_action.triggered.connect(self.unlock)
        self.protect_action = QAction(_("Passwort für Notizen…"), window.window())
        self.protect_action.triggered.connect(self.change_passphrase)
        window.add_menu_action(_("Datei"), self.unlock_action)
        window.add_menu_action(_("Datei"), self.protect_action)
        self._update()

    def _update(self) -> None:
        self.unlock_action.setEnabled(self.services.notes.lock.locked)
        detail = getattr(self.window.window(), "detail", None)
        if isinstance(detail, DetailView):
            detail.refresh_note_lock()

    def unlock(self) -> bool:
        _ = self._
        while self.services.notes.lock.locked:
            text = ask_passphrase(self.window.window(), _("Notizen entsperren"),
                                  _("Passwort für die Notizen:"))
            if text is None:
                return False
            try:
                self.services.notes.lock.unlock(text)
            except WrongPassphrase:
                QMessageBox.warning(self.window.window(), _("Notizen entsperren"),
                                    _("Das Passwort ist nicht richtig."))
        self._update()
        return True

    def change_passphrase(self) -> None:
        _ = self._
        if self.services.notes.lock.locked and not self.unlock():
            return
        protected = self.services.notes.lock.enabled
        label = (_("Neues Passwort (leer lassen, um den Schutz aufzuheben):") if protected
                 else _("Passwort für die Notizen (mindestens {count} Zeichen):").format(
                     count=MIN_PASSPHRASE))
        first = ask_passphrase(self.window.window(), _("Passwort für Notizen"), label)
        if first is None:
            return
        if first and len(first) < MIN_PASSPHRASE:
            QMessageBox.warning(self.window.window(), _("Passwort für Notizen"),
                                _("Das Passwort braucht mindestens {count} Zeichen.").format(
                                    count=MIN_PASSPHRASE))
            return
        if first:
            again = ask_passphrase(self.window.window(), _("Passwort für Notizen"),
                                   _("Bitte das Passwort wiederholen:"))
            if again != first:
                QMessageBox.warning(self.window.window(), _("Passwort für Notizen"),
                                    _("Die beiden Eingaben stimmen nicht überein."))
                return
        elif not protected:
            return
        self.services.notes.protect(first or None)
        QMessageBox.information(
            self.window.window(), _("Passwort für Notizen"),
            _("Die Notizen sind jetzt verschlüsselt gespeichert. Ohne das Passwort kann sie "
              "niemand lesen – auch Sie nicht: Ein vergessenes Passwort lässt sich nicht "
              "wiederherstellen.") if first else
            _("Die Notizen sind wieder ohne Passwort gespeichert."))
        self._update()


def install_notes_lock_actions(window: WindowHooks, services: Services,
                               _: Translate) -> NotesLockActions:
    return NotesLockActions(window, services, _)
