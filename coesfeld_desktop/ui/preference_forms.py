"""The four preference forms shared by the first-run wizard and the settings dialog.

Why shared: the wizard asks once what the settings dialog changes later; one form per topic
keeps the two in step. Each form loads from and saves to :class:`Preferences`, reports a
translated problem (shown in the form, never raised), and can retranslate itself so the
wizard follows the language chosen on its first page.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from coesfeld_desktop.domain.freshness import MAX_STALE_MONTHS, MIN_STALE_MONTHS
from coesfeld_desktop.domain.towns import TOWN_NAMES
from coesfeld_desktop.i18n import N_, Translate
from coesfeld_desktop.ui.file_dialogs import existing_folder, open_file_name
from coesfeld_desktop.ui.language import LANGUAGE_AUTONYMS
from coesfeld_desktop.userdata.keys import Key
from coesfeld_desktop.userdata.preferences import (
    MAX_ZOOM,
    MIN_ZOOM,
    UI_LANGUAGES,
    CentreDetails,
    DestinationProblem,
    LogoProblem,
    Preferences,
    SyncSourceProblem,
    check_logo,
    check_return_destination,
    check_sync_source,
)

LOGO_MESSAGES: dict[LogoProblem, str] = {
    LogoProblem.MISSING: N_("Die Logo-Datei wurde nicht gefunden."),
    LogoProblem.NOT_A_FILE: N_("Als Logo bitte eine Datei wählen, keinen Ordner."),
    LogoProblem.WRONG_TYPE: N_("Das Logo muss eine PNG- oder JPEG-Datei sein."),
    LogoProblem.NOT_AN_IMAGE: N_("Die Logo-Datei ist kein lesbares PNG- oder JPEG-Bild."),
    LogoProblem.TOO_LARGE: N_("Die Logo-Datei ist zu groß (höchstens 5 MB)."),
}
SYNC_MESSAGES: dict[SyncSourceProblem, str] = {
    SyncSourceProblem.BAD_URL: N_("Die Adresse muss mit https:// oder http:// beginnen "
                                  "und einen Servernamen enthalten."),
    SyncSourceProblem.MISSING_FILE: N_("Die Datei für den Abgleich wurde nicht gefunden."),
}

DESTINATION_MESSAGES: dict[DestinationProblem, str] = {
    DestinationProblem.BAD_URL: N_("Als Ziel bitte einen Ordner oder eine WebDAV-Adresse "
                                   "(https://…) angeben."),
    DestinationProblem.INSECURE: N_("Eine WebDAV-Adresse muss mit https:// beginnen, sonst "
                                    "ginge das Passwort unverschlüsselt durchs Netz."),
    DestinationProblem.MISSING_FOLDER: N_("Der Ordner für die Meldungen an den Kreis wurde "
                                          "nicht gefunden."),
}


PRESET_NOTE = N_("Ausgegraute Felder hat Ihre IT-Abteilung für alle Arbeitsplätze festgelegt.")
PRESET_TOOLTIP = N_("Von der IT-Abteilung festgelegt")


class ProblemLabel(QLabel):
    """A validation message inside the form: text (not colour alone), hidden when empty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("problemLabel")
        self.setWordWrap(True)
        self.setStyleSheet("QLabel#problemLabel { font-weight: 600; }")
        self.hide()

    def show_problem(self, message: str | None) -> None:
        self.setText(f"⚠ {message}" if message else "")
        self.setAccessibleName(message or "")
        self.setVisible(bool(message))


def _label_for(field: QWidget) -> QLabel:
    label = QLabel()
    label.setBuddy(field)
    return label


def _set_label(label: QLabel, field: QWidget, text: str, description: str = "") -> None:
    label.setText(text + ":")
    field.setAccessibleName(text)
    field.setAccessibleDescription(description)


class PreferenceForm(QWidget):
    """Base: a problem label under the fields, ``load``/``save``/``problem``/``retranslate``.

    ``question`` names the form's entry in ``WIZARD_QUESTIONS``; ``fixed_fields`` maps a
    preference key to the widgets that edit it, so values the machine-wide preset sets are
    shown read-only with a note that IT set them.
    """

    question = ""

    def __init__(self, _: Translate, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ = _
        self.form = QFormLayout()
        self.problem_label = ProblemLabel()
        self.preset_note = QLabel()
        self.preset_note.setObjectName("presetNote")
        self.preset_note.setWordWrap(True)
        self.preset_note.hide()
        self.fixed_fields: dict[str, tuple[QWidget, ...]] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(self.preset_note)
        layout.addLayout(self.form)
        layout.addWidget(self.problem_label)
        layout.addStretch(1)

    def show_fixed(self, preferences: Preferences) -> None:
        """Make the fields the preset fixes read-only and say why (called by ``load``)."""
        fixed = [key for key in self.fixed_fields if preferences.is_fixed(key)]
        for key, widgets in self.fixed_fields.items():
            for widget in widgets:
                widget.setEnabled(key not in fixed)
                widget.setToolTip(self._(PRESET_TOOLTIP) if key in fixed else "")
        self.preset_note.setText(self._(PRESET_NOTE))
        self.preset_note.setVisible(bool(fixed))

    def load(self, preferences: Preferences) -> None:
        raise NotImplementedError

    def save(self, preferences: Preferences) -> None:
        raise NotImplementedError

    def problem(self) -> tuple[str, QWidget] | None:
        """A translated message and the field to focus, or ``None`` if the form is valid."""
        return None

    def retranslate(self, _: Translate) -> None:
        self._ = _
        self.preset_note.setText(_(PRESET_NOTE))

    def validate(self) -> bool:
        """Show the problem (if any) in the form and focus its field; True if valid."""
        found = self.problem()
        self.problem_label.show_problem(found[0] if found else None)
        if found:
            found[1].setFocus()
        return found is None


class CentreForm(PreferenceForm):
    """Name, address, phone and logo of the counselling centre (printed on handouts)."""

    question = "centre"

    def __init__(self, _: Translate, parent: QWidget | None = None) -> None:
        super().__init__(_, parent)
        self.name_edit = QLineEdit()
        self.address_edit = QPlainTextEdit()
        self.address_edit.setTabChangesFocus(True)  # Tab leaves the field: no keyboard trap
        self.address_edit.setFixedHeight(self.address_edit.fontMetrics().lineSpacing() * 4 + 12)
        self.phone_edit = QLineEdit()
        self.logo_edit = QLineEdit()
        self.logo_button = QPushButton()
        self.logo_button.clicked.connect(self._choose_logo)
        logo_row = QHBoxLayout()
        logo_row.setContentsMargins(0, 0, 0, 0)
        logo_row.addWidget(self.logo_edit, 1)
        logo_row.addWidget(self.logo_button)
        self.labels = [_label_for(field) for field in
                       (self.name_edit, self.address_edit, self.phone_edit, self.logo_edit)]
        self.form.addRow(self.labels[0], self.name_edit)
        self.form.addRow(self.labels[1], self.address_edit)
        self.form.addRow(self.labels[2], self.phone_edit)
        self.form.addRow(self.labels[3], logo_row)
        self.logo_edit.textChanged.connect(lambda _text: self.problem_label.show_problem(None))
        self.fixed_fields = {
            Key.CENTRE_NAME: (self.name_edit,),
            Key.CENTRE_ADDRESS: (self.address_edit,),
            Key.CENTRE_PHONE: (self.phone_edit,),
            Key.CENTRE_LOGO_PATH: (self.logo_edit, self.logo_button),
        }
        self.retranslate(_)

    def retranslate(self, _: Translate) -> None:
        super().retranslate(_)
        _set_label(self.labels[0], self.name_edit, _("Name der Beratungsstelle"))
        _set_label(self.labels[1], self.address_edit, _("Anschrift"),
                   _("Straße, Hausnummer, Postleitzahl und Ort; erscheint auf Handzetteln"))
        _set_label(self.labels[2], self.phone_edit, _("Telefon"))
        _set_label(self.labels[3], self.logo_edit, _("Logo"),
                   _("Pfad zu einer PNG- oder JPEG-Datei; kann leer bleiben"))
        self.name_edit.setPlaceholderText(_("z. B. Familienberatung Dülmen"))
        self.logo_button.setText(_("Durchsuchen…"))
        self.logo_button.setAccessibleName(_("Logo-Datei auswählen"))

    def _choose_logo(self) -> None:
        _ = self._
        start = Path(self.logo_edit.text()).parent if self.logo_edit.text() else Path.home()
        path = open_file_name(self, _("Logo auswählen"), start,
                              _("Bilder (*.png *.jpg *.jpeg)"))
        if path:
            self.logo_edit.setText(path)
            self.validate()

    def details(self) -> CentreDetails:
        return CentreDetails(
            name=self.name_edit.text(),
            address=self.address_edit.toPlainText(),
            phone=self.phone_edit.text(),
            logo_path=self.logo_edit.text(),
        )

    def problem(self) -> tuple[str, QWidget] | None:
        found = check_logo(self.logo_edit.text())
        return (self._(LOGO_MESSAGES[found]), self.logo_edit) if found else None

    def load(self, preferences: Preferences) -> None:
        centre = preferences.centre
        self.name_edit.setText(centre.name)
        self.address_edit.setPlainText(centre.address)
        self.phone_edit.setText(centre.phone)
        self.logo_edit.setText(centre.logo_path)
        self.show_fixed(preferences)

    def save(self, preferences: Preferences) -> None:
        preferences.centre = self.details()


class SearchForm(PreferenceForm):
    """The town the search starts with."""

    question = "search"

    def __init__(self, _: Translate, parent: QWidget | None = None) -> None:
        super().__init__(_, parent)
        self.town_combo = QComboBox()
        self.town_combo.addItem("", "")
        for name in TOWN_NAMES:
            self.town_combo.addItem(name, name)
        self.town_label = _label_for(self.town_combo)
        self.form.addRow(self.town_label, self.town_combo)
        self.stale_spin = QSpinBox()
        self.stale_spin.setRange(MIN_STALE_MONTHS, MAX_STALE_MONTHS)
        self.stale_label = _label_for(self.stale_spin)
        self.stale_hint = QLabel()
        self.stale_hint.setWordWrap(True)
        self.form.addRow(self.stale_label, self.stale_spin)
        self.form.addRow("", self.stale_hint)
        self.fixed_fields = {Key.DEFAULT_TOWN: (self.town_combo,),
                             Key.STALE_MONTHS: (self.stale_spin,)}
        self.retranslate(_)

    def retranslate(self, _: Translate) -> None:
        super().retranslate(_)
        _set_label(self.town_label, self.town_combo, _("Voreingestellter Ort"),
                   _("Die Suche beginnt mit diesem Ort; ein anderer lässt sich jederzeit wählen"))
        self.town_combo.setItemText(0, _("Alle Orte im Kreis"))
        hint = _("Ein Angebot, dessen Angaben der Kreis länger nicht geprüft hat, wird in der "
                 "Liste, im Detail und auf dem Handzettel markiert.")
        _set_label(self.stale_label, self.stale_spin, _("Als veraltet markieren nach"), hint)
        self.stale_spin.setSuffix(" " + _("Monaten"))
        self.stale_hint.setText(hint)

    def load(self, preferences: Preferences) -> None:
        self.town_combo.setCurrentIndex(max(0, self.town_combo.findData(preferences.default_town)))
        self.stale_spin.setValue(preferences.stale_months)
        self.show_fixed(preferences)

    def save(self, preferences: Preferences) -> None:
        preferences.default_town = str(self.town_combo.currentData() or "")
        preferences.stale_months = self.stale_spin.value()


class SyncForm(PreferenceForm):
    """Where updates of the directory come from (a web address or a file), and where the
    centre's messages to the district go with each sync (a folder or WebDAV); both may stay
    empty."""

    question = "sync"

    def __init__(self, _: Translate, parent: QWidget | None = None) -> None:
        super().__init__(_, parent)
        self.source_edit = QLineEdit()
        self.source_button = QPushButton()
        self.source_button.clicked.connect(self._choose_file)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.source_edit, 1)
        row.addWidget(self.source_button)
        self.source_label = _label_for(self.source_edit)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.check_box = QCheckBox()
        self.form.addRow(self.source_label, row)
        self.form.addRow("", self.hint)
        self.form.addRow("", self.check_box)
        self.destination_edit = QLineEdit()
        self.destination_button = QPushButton()
        self.destination_button.clicked.connect(self._choose_folder)
        target_row = QHBoxLayout()
        target_row.setContentsMargins(0, 0, 0, 0)
        target_row.addWidget(self.destination_edit, 1)
        target_row.addWidget(self.destination_button)
        self.user_edit = QLineEdit()
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.destination_label = _label_for(self.destination_edit)
        self.user_label = _label_for(self.user_edit)
        self.password_label = _label_for(self.password_edit)
        self.destination_hint = QLabel()
        self.destination_hint.setWordWrap(True)
        self.form.addRow(self.destination_label, target_row)
        self.form.addRow("", self.destination_hint)
        self.form.addRow(self.user_label, self.user_edit)
        self.form.addRow(self.password_label, self.password_edit)
        for edit in (self.source_edit, self.destination_edit):
            edit.textChanged.connect(lambda _text: self.problem_label.show_problem(None))
        self.destination_edit.textChanged.connect(self._show_credentials)
        self.fixed_fields = {
            Key.SYNC_SOURCE: (self.source_edit, self.source_button),
            Key.SYNC_CHECK_AT_STARTUP: (self.check_box,),
            Key.RETURN_DESTINATION: (self.destination_edit, self.destination_button),
            Key.RETURN_USER: (self.user_edit,),
        }
        self.retranslate(_)
        self._show_credentials()

    def retranslate(self, _: Translate) -> None:
        super().retranslate(_)
        hint = _("Eine Internetadresse (https://…) oder eine Exportdatei auf diesem Rechner "
                 "oder einem Netzlaufwerk. Kann leer bleiben.")
        _set_label(self.source_label, self.source_edit, _("Quelle für den Abgleich"), hint)
        self.hint.setText(hint)
        self.source_edit.setPlaceholderText("https://…")
        self.source_button.setText(_("Datei wählen…"))
        self.source_button.setAccessibleName(_("Exportdatei für den Abgleich auswählen"))
        self.check_box.setText(_("Beim Start nach einer neuen Fassung suchen"))
        target_hint = _("Ein Ordner (USB-Stick, Netzlaufwerk) oder die WebDAV-Adresse des "
                        "Kreises (z. B. Nextcloud). Bei jedem Abgleich gehen dorthin: "
                        "gemeldete Fehler in Angeboten und die zusammengefassten Zahlen der "
                        "Bedarfsanalyse, signiert, nie Daten von Ratsuchenden. Kann leer "
                        "bleiben.")
        _set_label(self.destination_label, self.destination_edit, _("Meldungen an den Kreis"),
                   target_hint)
        self.destination_hint.setText(target_hint)
        self.destination_edit.setPlaceholderText("https://…/remote.php/dav/files/…")
        self.destination_button.setText(_("Ordner wählen…"))
        self.destination_button.setAccessibleName(_("Ordner für die Meldungen auswählen"))
        _set_label(self.user_label, self.user_edit, _("WebDAV-Benutzername"))
        _set_label(self.password_label, self.password_edit, _("App-Passwort"),
                   _("Ein eigenes App-Passwort aus Nextcloud, jederzeit widerrufbar; es wird "
                     "nur in einer geschützten Datei im Datenordner gespeichert"))

    def _show_credentials(self) -> None:
        """User and password only mean something for a WebDAV address."""
        web = "://" in self.destination_edit.text()
        for widget in (self.user_label, self.user_edit, self.password_label,
                       self.password_edit):
            widget.setVisible(web)

    def _choose_file(self) -> None:
        _ = self._
        path = open_file_name(self, _("Exportdatei auswählen"), Path.home(),
                              _("Verzeichnis-Export (*.zip *.json);;Alle Dateien (*)"))
        if path:
            self.source_edit.setText(path)

    def _choose_folder(self) -> None:
        folder = existing_folder(self, self._("Ordner für die Meldungen auswählen"),
                                 Path.home())
        if folder:
            self.destination_edit.setText(folder)

    def problem(self) -> tuple[str, QWidget] | None:
        found = check_sync_source(self.source_edit.text())
        if found:
            return self._(SYNC_MESSAGES[found]), self.source_edit
        fixed = not self.destination_edit.isEnabled()  # set by IT's preset: not ours to check
        target = None if fixed else check_return_destination(self.destination_edit.text())
        if target:
            return self._(DESTINATION_MESSAGES[target]), self.destination_edit
        return None

    def load(self, preferences: Preferences) -> None:
        self.source_edit.setText(preferences.sync_source)
        self.check_box.setChecked(preferences.sync_check_at_startup)
        self.destination_edit.setText(preferences.return_destination)
        self.user_edit.setText(preferences.return_user)
        self.password_edit.setText(preferences.return_password)
        self.show_fixed(preferences)

    def save(self, preferences: Preferences) -> None:
        preferences.sync_source = self.source_edit.text()
        preferences.sync_check_at_startup = self.check_box.isChecked()
        preferences.return_destination = self.destination_edit.text()
        web = "://" in self.destination_edit.text()
        preferences.return_user = self.user_edit.text() if web else ""
        preferences.return_password = self.password_edit.text() if web else ""


class DisplayForm(PreferenceForm):
    """UI language (each named in itself) and text size."""

    question = "display"

    def __init__(self, _: Translate, parent: QWidget | None = None) -> None:
        super().__init__(_, parent)
        self.language_combo = QComboBox()
        for code in UI_LANGUAGES:
            self.language_combo.addItem(LANGUAGE_AUTONYMS[code], code)
        self.zoom_spin = QSpinBox()
        self.zoom_spin.setRange(MIN_ZOOM, MAX_ZOOM)
        self.zoom_spin.setSingleStep(10)
        self.zoom_spin.setSuffix(" %")
        self.language_label = _label_for(self.language_combo)
        self.zoom_label = _label_for(self.zoom_spin)
        self.zoom_hint = QLabel()
        self.zoom_hint.setWordWrap(True)
        self.form.addRow(self.language_label, self.language_combo)
        self.form.addRow(self.zoom_label, self.zoom_spin)
        self.form.addRow("", self.zoom_hint)
        self.fixed_fields = {Key.UI_LANGUAGE: (self.language_combo,)}
        self.retranslate(_)

    def retranslate(self, _: Translate) -> None:
        super().retranslate(_)
        _set_label(self.language_label, self.language_combo, _("Sprache der Oberfläche"))
        hint = _("Die Schriftgröße des Systems gilt als 100 %. Im Hauptfenster ändern "
                 "Strg+Plus und Strg+Minus die Größe, Strg+0 stellt sie zurück.")
        _set_label(self.zoom_label, self.zoom_spin, _("Schriftgröße"), hint)
        self.zoom_hint.setText(hint)

    def language(self) -> str:
        return str(self.language_combo.currentData())

    def set_language(self, language: str) -> None:
        self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(language)))

    def load(self, preferences: Preferences) -> None:
        self.set_language(preferences.ui_language)
        self.zoom_spin.setValue(preferences.zoom_percent)
        self.show_fixed(preferences)

    def save(self, preferences: Preferences) -> None:
        preferences.ui_language = self.language()
        preferences.zoom_percent = self.zoom_spin.value()
