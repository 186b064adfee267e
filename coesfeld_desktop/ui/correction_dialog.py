""""Stimmt etwas nicht?": one choice of what is wrong with an offer and an optional short
hint, reported to the district (over the return channel, with the next sync).

Layout and wiring only: the fixed choices are ``corrections.kinds``; the report is stored
and sealed by :class:`~coesfeld_desktop.corrections.service.CorrectionService`.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from coesfeld_desktop.corrections.kinds import KINDS, MAX_TEXT
from coesfeld_desktop.i18n import Translate


class CorrectionDialog(QDialog):
    """``kind`` and ``text`` after ``accept``; the report button stays off until a choice."""

    def __init__(self, offer_title: str, _: Translate, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("correctionDialog")
        self.setWindowTitle(_("Stimmt etwas nicht?"))
        heading = QLabel(_("Was stimmt bei „{offer}“ nicht?").format(offer=offer_title))
        heading.setObjectName("heading")
        heading.setWordWrap(True)
        self.choices = QButtonGroup(self)
        self.buttons_by_kind: dict[str, QRadioButton] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        for kind, label in KINDS.items():
            button = QRadioButton(_(label))
            button.setObjectName(f"correction-{kind}")
            self.choices.addButton(button)
            self.buttons_by_kind[kind] = button
            layout.addWidget(button)
        self.text_label = QLabel(_("Kurzer Hinweis für die Redaktion (freiwillig):"))
        self.text = QLineEdit()
        self.text.setMaxLength(MAX_TEXT)
        self.text.setPlaceholderText(_("z. B. neue Telefonnummer 02594 12345"))
        self.text.setAccessibleName(_("Kurzer Hinweis für die Redaktion"))
        self.text_label.setBuddy(self.text)
        self.warning = QLabel(_("Bitte keine Daten von Ratsuchenden eintragen (keine Namen, "
                                "keine Lebensumstände): Die Meldung geht an den Kreis."))
        self.warning.setObjectName("privacyWarning")
        self.warning.setWordWrap(True)
        self.hint = QLabel(_("Die Meldung wird beim nächsten Abgleich an den Kreis gesendet; "
                             "bis das Verzeichnis das Angebot neu geprüft hat, steht am "
                             "Angebot „gemeldet am …“."))
        self.hint.setObjectName("muted")
        self.hint.setWordWrap(True)
        self.buttons = QDialogButtonBox()
        self.report_button = self.buttons.addButton(_("Melden"),
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(_("Abbrechen"), QDialogButtonBox.ButtonRole.RejectRole)
        self.report_button.setEnabled(False)
        for widget in (self.text_label, self.text, self.warning, self.hint, self.buttons):
            layout.addWidget(widget)
        self.choices.buttonToggled.connect(
            lambda _button, _checked: self.report_button.setEnabled(self.kind is not None))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    @property
    def kind(self) -> str | None:
        return next((kind for kind, button in self.buttons_by_kind.items()
                     if button.isChecked()), None)

    def accept(self) -> None:
        if self.kind is not None:
            super().accept()
