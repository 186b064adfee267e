"""Switching the UI language: our gettext strings, Qt's own strings, locale and direction.

How our own widgets follow a switch: they are built with ``_ = gettext_for(language)`` and
are *rebuilt*, not retranslated in place. The settings dialog emits ``languageChanged`` after
it has called :func:`apply_ui_language`; the owner of the main window then closes it and
builds a new one with the new language (geometry and state come back from QSettings). Only
the first-run wizard retranslates itself in place, because the language is its first question.

Qt's own texts (standard buttons, file and message dialogs, context menus) come from the
``qtbase_<lang>.qm`` files PySide6 ships in ``QLibraryInfo``'s translations folder.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QWidget

from coesfeld_desktop.i18n import is_rtl
from coesfeld_desktop.userdata.preferences import UI_LANGUAGES, normalise_language

# Each language named in itself, so a reader finds theirs whatever language is showing.
LANGUAGE_AUTONYMS: dict[str, str] = {
    "de": "Deutsch",
    "en": "English",
    "tr": "Türkçe",
    "ar": "العربية",
    "uk": "Українська",
}
assert set(LANGUAGE_AUTONYMS) == set(UI_LANGUAGES)

# The country that fits the counselling context (dates, numbers) where a language needs one.
_QT_LOCALE_NAMES: dict[str, str] = {
    "de": "de_DE",
    "en": "en_GB",
    "tr": "tr_TR",
    "ar": "ar",
    "uk": "uk_UA",
}

QT_TRANSLATOR_NAME = "angebotslotse-qt-translator"
LANGUAGE_PROPERTY = "angebotslotseLanguage"


def qt_locale(language: str) -> QLocale:
    """The :class:`QLocale` for a UI language code."""
    return QLocale(_QT_LOCALE_NAMES.get(normalise_language(language), "de_DE"))


def qt_translations_dir() -> Path:
    """Where Qt's ``qtbase_*.qm`` files are (works in a PyInstaller bundle via qt.conf)."""
    return Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))


def current_ui_language(app: QApplication) -> str:
    """The language last applied with :func:`apply_ui_language` (German before that)."""
    value = app.property(LANGUAGE_PROPERTY)
    return normalise_language(value) if isinstance(value, str) else "de"


def apply_ui_language(app: QApplication, language: str) -> None:
    """Make ``language`` the application's UI language.

    Installs Qt's translation for Qt's own dialogs, sets the default :class:`QLocale` and
    the layout direction (right-to-left for Arabic). Our own strings are looked up with
    ``gettext_for(language)`` by the widgets built afterwards (see the module docstring).
    """
    language = normalise_language(language)
    for old in app.findChildren(QTranslator, QT_TRANSLATOR_NAME):
        app.removeTranslator(old)
        old.setParent(None)  # Python owns it now and drops it
    translator = QTranslator(app)
    translator.setObjectName(QT_TRANSLATOR_NAME)
    if language != "en" and translator.load(
        qt_locale(language), "qtbase", "_", str(qt_translations_dir())
    ):
        app.installTranslator(translator)
    else:  # English is Qt's source language; a missing file leaves Qt in English
        translator.setParent(None)
    QLocale.setDefault(qt_locale(language))
    app.setLayoutDirection(Qt.LayoutDirection.RightToLeft if is_rtl(language)
                           else Qt.LayoutDirection.LeftToRight)
    app.setProperty(LANGUAGE_PROPERTY, language)


def latin_digits(root: QWidget) -> None:
    """Number boxes under ``root`` show 0–9 like every other number in the app.

    Why: the Arabic locale writes Arabic-Indic digits, while babel (dates, counts, times)
    and the directory's data use Latin digits; one box in another script reads as an error.
    """
    for box in root.findChildren(QAbstractSpinBox):
        box.setLocale(QLocale.c())
