"""The handout label catalogs: complete for every handout language, placeholders intact."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from coesfeld_desktop.handout.labels import ALL_LABELS, HANDOUT_LANGUAGES, Labels
from coesfeld_desktop.paths import translations_dir

PLACEHOLDER = re.compile(r"\{(\w*)\}")
CATALOG_LANGUAGES = [lang for lang in HANDOUT_LANGUAGES if lang != "de"]


def _catalog_dir(language: str) -> Path:
    return translations_dir() / language.replace("-", "_") / "LC_MESSAGES"


def test_template_lists_exactly_the_labels():
    with open(translations_dir() / "handout.pot", "rb") as file:
        template = read_po(file)
    assert {message.id for message in template if message.id} == set(ALL_LABELS)


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


@pytest.mark.parametrize("language", CATALOG_LANGUAGES)
def test_compiled_catalog_matches_its_source(language):
    folder = _catalog_dir(language)
    with open(folder / "handout.po", "rb") as file:
        source = {m.id: m.string for m in read_po(file) if m.id}
    with open(folder / "handout.mo", "rb") as file:
        compiled = {m.id: m.string for m in read_mo(file) if m.id}
    assert compiled == source, f"{language}: run python tools/i18n.py compile"


@pytest.mark.parametrize("language", CATALOG_LANGUAGES)
def test_labels_are_translated_at_run_time(language):
    labels = Labels(language)
    translated = [msgid for msgid in ALL_LABELS if labels(msgid) != msgid]
    # a few labels may equal German (e.g. "Telefon" in Turkish); most must differ
    assert len(translated) >= len(ALL_LABELS) * 0.6
    assert labels("Seite {page} von {pages}", page="1", pages="2").count("1") == 1


def test_formatting_follows_the_language():
    assert Labels("de").weekday("MO") == "Montag"
    assert Labels("tr").weekday("WE") == "Çarşamba"
    assert Labels("uk").date(dt.date(2026, 11, 27)).startswith("27 листопада")
    assert Labels("en").join(["Monday", "Wednesday"]) == "Monday and Wednesday"
    assert Labels("de").age(0, 3) == "0 bis 3 Jahre"
    assert Labels("en").age(14, None) == "from 14 years"
    assert Labels("ar").language_name("tr") == "التركية"
