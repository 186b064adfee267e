"""The handout label catalogs: complete for every handout language, placeholders intact."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from coesfeld_desktop.handout.family_card import FAMILY_WORDS
from coesfeld_desktop.handout.labels import ALL_LABELS as PRINTED_LABELS
from coesfeld_desktop.handout.labels import HANDOUT_LANGUAGES, PLURAL_LABELS, Labels
from coesfeld_desktop.handout.next_steps_sheet import NEXT_STEPS_WORDS
from coesfeld_desktop.paths import translations_dir
from coesfeld_desktop.search.crisis import default_crisis_list

PLACEHOLDER = re.compile(r"\{(\w*)\}")
# the helplines' names and notes of the bundled resources/crisis.txt ("Hilfe in Notlagen")
HELPLINE_TEXTS = tuple(dict.fromkeys(text for line in default_crisis_list().helplines
                                     for text in (line.name, line.note) if text))
# the sheet's, the family view's, the helplines' and the next-steps sheet's words
ALL_LABELS = (*PRINTED_LABELS, *FAMILY_WORDS, *HELPLINE_TEXTS, *NEXT_STEPS_WORDS)
CATALOG_LANGUAGES = [lang for lang in HANDOUT_LANGUAGES if lang != "de"]


def _catalog_dir(language: str) -> Path:
    return translations_dir() / language.replace("-", "_") / "LC_MESSAGES"


def test_template_lists_exactly_the_labels():
    with open(translations_dir() / "handout.pot", "rb") as file:
        template = read_po(file)
    assert {message.id for message in template if message.id} == {*ALL_LABELS,
                                                                   *PLURAL_LABELS}


@pytest.mark.parametrize("language", CATALOG_LANGUAGES)
def test_catalog_is_complete_and_placeholders_match(language):
    with open(_catalog_dir(language) / "handout.po", "rb") as file:
        catalog = read_po(file)
    for msgid in ALL_LABELS:
        message = catalog.get(msgid)
        assert message is not None, f"{language}: missing {msgid!r}"
        assert message.string, f"{language}: untranslated {msgid!r}"
        assert "fuzzy" not in message.flags, f"{language}: fuzzy {msgid!r}"
        assert sorted(PLACEHOLDER.findall(message.string)) == sorted(
            PLACEHOLDER.findall(msgid)), f"{language}: placeholders differ in {msgid!r}"
    for singular, plural in PLURAL_LABELS:
        message = catalog.get(singular)
        assert message is not None and isinstance(message.string, tuple), (language, singular)
        assert len(message.string) == catalog.num_plurals
        for form in message.string:
            assert form, f"{language}: untranslated plural form of {singular!r}"
            assert sorted(PLACEHOLDER.findall(form)) == sorted(PLACEHOLDER.findall(plural))


def _plain(value: object) -> object:
    """A plural message's forms as a tuple (read_mo gives lists)."""
    return tuple(value) if isinstance(value, list | tuple) else value


@pytest.mark.parametrize("language", CATALOG_LANGUAGES)
def test_compiled_catalog_matches_its_source(language):
    folder = _catalog_dir(language)
    with open(folder / "handout.po", "rb") as file:
        source = {_plain(m.id): _plain(m.string) for m in read_po(file) if m.id}
    with open(folder / "handout.mo", "rb") as file:
        compiled = {_plain(m.id): _plain(m.string) for m in read_mo(file) if m.id}
    assert compiled == source, f"{language}: run python tools/i18n.py compile"


@pytest.mark.parametrize("language", CATALOG_LANGUAGES)
def test_labels_are_translated_at_run_time(language):
    labels = Labels(language)
    translated = [msgid for msgid in PRINTED_LABELS if labels(msgid) != msgid]
    # a few labels may equal German (e.g. "Telefon" in Turkish); most must differ (the family
    # view's short words "Pause", "Tempo" stay German in Leichte Sprache: tested with them)
    assert len(translated) >= len(PRINTED_LABELS) * 0.6
    assert labels("Seite {page} von {pages}", page="1", pages="2").count("1") == 1


def test_formatting_follows_the_language():
    assert Labels("de").weekday("MO") == "Montag"
    assert Labels("tr").weekday("WE") == "Çarşamba"
    assert Labels("uk").date(dt.date(2026, 11, 27)).startswith("27\xa0листопада")
    assert Labels("en").join(["Monday", "Wednesday"]) == "Monday and Wednesday"
    assert Labels("de").age(0, 3) == "0 bis 3 Jahre"
    assert Labels("de").age(0, 1) == "0 bis 1 Jahr"
    assert Labels("de").age(1, None) == "ab 1 Jahr" and Labels("de").age(3, None) == "ab 3 Jahren"
    assert Labels("de").age(None, 0, True) == "in der Schwangerschaft und im ersten Lebensjahr"
    assert Labels("uk").age(0, 1) == "від 0 до 1 року"
    assert Labels("uk").age(0, 3) == "від 0 до 3 років"
    assert Labels("pl").age(0, 1) == "od 0 do 1 roku" and Labels("pl").age(0, 6) == "od 0 do 6 lat"
    assert Labels("ru").age(0, 21) == "от 0 до 21 года"
    assert Labels("en").age(0, 1) == "0 to 1 year"
    assert Labels("en").age(14, None) == "from 14 years"
    assert Labels("ar").language_name("tr") == "التركية"


def test_times_are_24_hour_and_digits_follow_the_language():
    afternoon = dt.time(15, 30)
    for language in HANDOUT_LANGUAGES:
        text = Labels(language).time(afternoon)
        assert "PM" not in text and "م" not in text and "ቀ" not in text, (language, text)
    assert Labels("en").time(afternoon) == "15:30"
    assert Labels("ar").time(afternoon) == "15:30"
    assert Labels("fa").time(afternoon) == "۱۵:۳۰"
    assert Labels("fa").number(12) == "۱۲"
    assert "۲۰۲۶" in Labels("fa").date(dt.date(2026, 11, 27))


def test_dates_do_not_break_inside():
    for language in HANDOUT_LANGUAGES:
        date = Labels(language).date(dt.date(2026, 11, 27))
        assert " " not in date and "\u202f" not in date, (language, date)
