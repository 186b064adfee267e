"""The first-run wizard: language, the centre's details, default town, sync source.

Why the language comes first and switches at once: a counsellor who reads Turkish or
Ukrainian better than German should read the rest of the wizard in that language. Choosing
it applies it to the application (Qt's buttons, right-to-left for Arabic) and retranslates
the wizard in place; Cancel puts the previous language and size back.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget, QWizard, QWizardPage

from coesfeld_desktop.i18n import Translate, gettext_for
from coesfeld_desktop.ui.language import apply_ui_language, current_ui_language
from coesfeld_desktop.ui.preference_forms import (
    CentreForm,
    DisplayForm,
    PreferenceForm,
    SearchForm,
    SyncForm,
)
from coesfeld_desktop.ui.zoom import apply_zoom
from coesfeld_desktop.userdata.preferences import Preferences


class FormPage(QWizardPage):
    """One wizard page around one preference form; Next/Finish only when the form is valid."""

    def __init__(self, form: PreferenceForm, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = form
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(form)

    def validatePage(self) -> bool:  # noqa: N802 - Qt override
        return self.form.validate()


class FirstRunWizard(QWizard):
    """Asks what a new installation needs; ``accept`` saves it and marks the first run done."""

    languageChanged = Signal(str)  # noqa: N815 - Qt signal naming

    def __init__(self, preferences: Preferences, language: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("firstRunWizard")
        self.preferences = preferences
        self.language = language or preferences.ui_language
        self._previous = (self.language, preferences.zoom_percent)
        _ = gettext_for(self.language)
        self.display_form = DisplayForm(_)
        self.centre_form = CentreForm(_)
        self.search_form = SearchForm(_)
        self.sync_form = SyncForm(_)
        open_questions = preferences.open_questions()  # the preset may answer some
        self.forms: list[PreferenceForm] = [
            form for form in (self.display_form, self.centre_form, self.search_form,
                              self.sync_form) if form.question in open_questions]
        for form in self.forms:
            form.load(preferences)
        self.display_form.set_language(self.language)
        self.pages = [FormPage(form) for form in self.forms]
        for page in self.pages:
            self.addPage(page)
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)  # same look on every platform
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.display_form.language_combo.currentIndexChanged.connect(self._language_chosen)
        self.display_form.zoom_spin.valueChanged.connect(self._zoom_chosen)
        self.retranslate(_)

    def retranslate(self, _: Translate) -> None:
        self.setWindowTitle(_("Angebotslotse einrichten"))
        titles = {
            "display": (_("Sprache und Schriftgröße"),
                        _("Willkommen! In welcher Sprache soll Angebotslotse erscheinen? "
                          "Alles lässt sich später unter „Einstellungen“ ändern.")),
            "centre": (_("Ihre Beratungsstelle"),
                       _("Name, Anschrift, Telefon und Logo erscheinen auf den Handzetteln "
                         "für Ratsuchende.")),
            "search": (_("Suche"), _("Mit welchem Ort soll die Suche beginnen?")),
            "sync": (_("Abgleich"),
                     _("Woher kommen neue Fassungen des Angebotsverzeichnisses, und wohin "
                       "gehen Ihre Meldungen an den Kreis? Fragen Sie im Zweifel die "
                       "Koordinierungsstelle. Beide Felder können leer bleiben.")),
        }
        for page, form in zip(self.pages, self.forms, strict=True):
            title, intro = titles[form.question]
            page.setTitle(title)
            page.intro.setText(intro)
            form.retranslate(_)
        self.setButtonText(QWizard.WizardButton.BackButton, _("< Zurück"))
        self.setButtonText(QWizard.WizardButton.NextButton, _("Weiter >"))
        self.setButtonText(QWizard.WizardButton.FinishButton, _("Fertig"))
        self.setButtonText(QWizard.WizardButton.CancelButton, _("Abbrechen"))
        self.setButtonText(QWizard.WizardButton.HelpButton, _("Hilfe"))
        self.setButtonText(QWizard.WizardButton.CommitButton, _("Übernehmen"))

    def _app(self) -> QApplication | None:
        app = QApplication.instance()
        return app if isinstance(app, QApplication) else None

    def _language_chosen(self) -> None:
        language = self.display_form.language()
        if language == self.language:
            return
        self.language = language
        app = self._app()
        if app is not None:
            apply_ui_language(app, language)
        self.retranslate(gettext_for(language))
        self.languageChanged.emit(language)

    def _zoom_chosen(self, percent: int) -> None:
        app = self._app()
        if app is not None:
            apply_zoom(app, percent)

    def accept(self) -> None:
        for page in self.pages:  # each page was checked on Next; the files may have gone since
            if not page.form.validate():
                while self.currentPage() is not page and self.currentId() > 0:
                    self.back()
                return
        for form in self.forms:
            form.save(self.preferences)
        self.preferences.first_run_done = True
        super().accept()

    def reject(self) -> None:
        language, zoom = self._previous
        app = self._app()
        if app is not None:
            if current_ui_language(app) != language:
                apply_ui_language(app, language)
            apply_zoom(app, zoom)
        super().reject()
