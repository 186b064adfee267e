"""The UI catalogs (domain ``angebotslotse``): complete, placeholder-true, compiled, current.

A failure here after adding a ``_()`` string means: run ``python tools/ui_catalogs.py``,
translate the new entries in ``translations/<lang>/LC_MESSAGES/angebotslotse.po`` and run
it again (it compiles the ``.mo`` files).
"""

from __future__ import annotations

import string

import pytest
from babel import Locale
from babel.messages.catalog import PYTHON_FORMAT, Catalog, Message
from PySide6.QtCore import QLocale, QTranslator

from coesfeld_desktop.i18n import babel_locale, gettext_for, translations
from coesfeld_desktop.ui.language import LANGUAGE_AUTONYMS, qt_locale, qt_translations_dir
from coesfeld_desktop.userdata.preferences import UI_LANGUAGES
from tools import ui_catalogs

TRANSLATED = [language for language in UI_LANGUAGES if language != "de"]


def _placeholders(text: str, python_format: bool) -> tuple[list[str], list[str]]:
    """``{name}`` fields always; ``%(name)s``-style ones where babel flags python-format."""
    braces = sorted(name for _lit, name, _spec, _conv in string.Formatter().parse(text)
                    if name is not None)
    percent = [match.group(0) for match in PYTHON_FORMAT.finditer(text)] if python_format else []
    return braces, sorted(percent)


def _entries(catalog: Catalog) -> list[Message]:
    return [message for message in catalog if message.id]


@pytest.fixture(scope="module")
def template() -> Catalog:
    return ui_catalogs.extract_template()


def test_catalog_languages_are_the_ui_languages() -> None:
    assert set(ui_catalogs.LANGUAGES) == set(TRANSLATED)


def test_committed_template_holds_every_marked_string(template: Catalog) -> None:
    committed = {message.id for message in _entries(ui_catalogs.read_catalog(
        ui_catalogs.template_path()))}
    missing = sorted(str(message.id) for message in _entries(template)
                     if message.id not in committed)
    assert not missing, "run python tools/ui_catalogs.py and translate: " + repr(missing)


@pytest.mark.parametrize("language", TRANSLATED)
def test_catalog_is_complete(language: str, template: Catalog) -> None:
    catalog = ui_catalogs.read_catalog(ui_catalogs.po_path(language), language)
    present = {message.id for message in _entries(catalog)}
    missing = [str(message.id) for message in _entries(template) if message.id not in present]
    assert not missing, f"{language} lacks {missing}"
    fuzzy = [str(m.id) for m in _entries(catalog) if m.fuzzy]
    assert not fuzzy, f"{language} has fuzzy entries: {fuzzy}"
    untranslated = [str(m.id) for m in _entries(catalog)
                    if not all(m.string if isinstance(m.string, tuple) else (m.string,))]
    assert not untranslated, f"{language} has untranslated entries: {untranslated}"


@pytest.mark.parametrize("language", TRANSLATED)
def test_placeholders_and_edges_match_the_source(language: str) -> None:
    """Same ``{fields}`` as the source; a plural form may leave the number out (``عرض واحد``)."""
    catalog = ui_catalogs.read_catalog(ui_catalogs.po_path(language), language)
    wrong = []
    for message in _entries(catalog):
        plural = isinstance(message.id, tuple | list)
        sources = list(message.id) if plural else [message.id]
        targets = list(message.string) if plural else [message.string]
        flagged = message.python_format
        expected = _placeholders(sources[-1], flagged)
        for target in targets:
            found = _placeholders(target, flagged)
            if plural:
                if not (set(found[0]) <= set(expected[0]) and set(found[1]) <= set(expected[1])):
                    wrong.append((sources[-1], target))
            elif found != expected:
                wrong.append((sources[0], target))
            if sources[0][:1].isspace() != target[:1].isspace() or (
                    sources[0].endswith("\n") != target.endswith("\n")):
                wrong.append((sources[0], target))
            if sources[0].count(";;") != target.count(";;"):  # Qt file-dialog filter lists
                wrong.append((sources[0], target))
    assert not wrong


@pytest.mark.parametrize(("language", "counts"), [
    ("en", {1: "1 offer", 2: "2 offers"}),
    ("uk", {1: "1 пропозиція", 3: "3 пропозиції", 5: "5 пропозицій", 21: "21 пропозиція"}),
    ("ar", {0: "لا توجد عروض", 1: "عرض واحد", 2: "عرضان", 5: "5 عروض", 11: "11 عرضًا"}),
])
def test_plural_forms_follow_the_language(language: str, counts: dict[int, str]) -> None:
    ngettext = translations(language).ngettext
    for count, text in counts.items():
        assert ngettext("{count} Angebot", "{count} Angebote", count).format(count=count) == text


@pytest.mark.parametrize("language", TRANSLATED)
def test_compiled_catalog_is_current_and_loads(language: str) -> None:
    assert ui_catalogs.mo_is_current(language), (
        f"{ui_catalogs.mo_path(language)} is stale: run python tools/ui_catalogs.py compile")
    assert gettext_for(language)("Einstellungen") != "Einstellungen"


@pytest.mark.parametrize("language", UI_LANGUAGES)
def test_language_maps_to_qt_and_babel_locales(language: str) -> None:
    locale = qt_locale(language)
    assert locale.language() != QLocale.Language.C
    assert QLocale.languageToCode(locale.language()) == language
    assert Locale.parse(language).language == language
    assert babel_locale(language).language == language
    assert LANGUAGE_AUTONYMS[language]


@pytest.mark.parametrize("language", [lang for lang in UI_LANGUAGES if lang != "en"])
def test_qt_ships_its_own_translation(language: str) -> None:
    """Qt's dialogs and standard buttons need ``qtbase_<lang>.qm`` (English is built in)."""
    translator = QTranslator()
    assert translator.load(qt_locale(language), "qtbase", "_", str(qt_translations_dir()))
