"""The family view's card: the family's language, German stand-ins marked, short words."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from coesfeld_desktop.domain.formatting import without_isolates
from coesfeld_desktop.domain.offer import LocalizedText, OfferDetail
from coesfeld_desktop.handout.family_card import (
    CONTROL_WORDS,
    EASY,
    FAMILY_LANGUAGES,
    FamilyCard,
    family_card,
)
from coesfeld_desktop.handout.labels import MARK_GERMAN, Labels
from coesfeld_desktop.services import Services

KITA = "off-duelmen-0039"  # Mo–Fr 07:15–17:00, spoken in German and Ukrainian, not free
WEDNESDAY_MORNING = dt.datetime(2026, 12, 2, 6, 0)
SATURDAY = dt.datetime(2026, 12, 5, 12, 0)
MAX_CONTROL_CHARS = 28  # a button or heading at large type on a 1366 px screen


def _card(services: Services, language: str, now: dt.datetime = WEDNESDAY_MORNING
          ) -> FamilyCard:
    detail = services.directory.detail(KITA, language)
    assert detail is not None
    return family_card(detail, language, now)


def test_the_card_is_in_the_family_language(services: Services) -> None:
    german = _card(services, "de")
    arabic = _card(services, "ar")
    assert arabic.title.text != german.title.text and not arabic.title.german
    assert arabic.what is not None and not arabic.what.german
    # the next opening in words, 24-hour clock (isolates keep the range left to right)
    assert without_isolates(arabic.when) == "اليوم 07:15–17:00"
    assert "\u2066" in arabic.when and "\u2066" not in arabic.speech_text()
    assert "الألمانية" in arabic.languages and "الأوكرانية" in arabic.languages
    assert german.when == "heute 07:15–17:00"
    assert _card(services, "uk", SATURDAY).when.startswith("пн 07:15")  # Monday's
    assert arabic.town == "Dülmen" and arabic.position is not None
    assert arabic.vcard is not None and arabic.vcard.startswith("BEGIN:VCARD")
    assert not arabic.has_german_text


def test_leichte_sprache_is_used_where_the_offer_has_it(services: Services) -> None:
    easy = _card(services, EASY)
    plain = _card(services, "de")
    assert easy.title.text != plain.title.text and not easy.title.german
    assert easy.what is not None and easy.what.text != (plain.what.text if plain.what else "")


def test_missing_texts_show_german_marked_and_are_not_read_in_a_foreign_voice(
        services: Services) -> None:
    detail = services.directory.detail(KITA, "ar")
    german = services.directory.detail(KITA, "de")
    assert detail is not None and german is not None and german.summary is not None
    missing = dataclasses.replace(detail, summary=LocalizedText(
        german.summary.text, "de", is_fallback=True))
    card = family_card(missing, "ar", WEDNESDAY_MORNING)
    assert card.what is not None and card.what.german and card.what.text == german.summary.text
    assert card.has_german_text
    spoken = card.speech_text()
    assert german.summary.text not in spoken
    assert Labels("ar")(MARK_GERMAN) in spoken
    assert card.title.text in spoken and "07:15" in spoken


def test_without_a_summary_the_description_gives_two_sentences(services: Services) -> None:
    detail = services.directory.detail(KITA, "de")
    assert detail is not None
    long_text = LocalizedText("Erster Satz. Zweiter Satz! Dritter Satz. Vierter.", "de")
    card = family_card(dataclasses.replace(detail, summary=None, description=long_text), "de",
                       WEDNESDAY_MORNING)
    assert card.what is not None and card.what.text == "Erster Satz. Zweiter Satz!"


def test_an_offer_without_times_says_by_appointment(services: Services) -> None:
    detail: OfferDetail | None = services.directory.detail(KITA, "tr")
    assert detail is not None
    card = family_card(dataclasses.replace(detail, opening_hours=()), "tr", WEDNESDAY_MORNING)
    assert card.when == Labels("tr")("nach Vereinbarung") != "nach Vereinbarung"


@pytest.mark.parametrize("language", FAMILY_LANGUAGES)
def test_the_family_view_words_are_short_in_every_language(language: str) -> None:
    labels = Labels(language)
    too_long = {word: labels(word) for word in CONTROL_WORDS
                if len(labels(word)) > MAX_CONTROL_CHARS}
    assert too_long == {}
    if language not in ("de", EASY):  # translated, not German left over
        assert sum(labels(word) != word for word in CONTROL_WORDS) >= len(CONTROL_WORDS) - 3


def test_a_german_note_of_the_hours_is_marked(services: Services) -> None:
    detail = services.directory.detail(KITA, "uk")
    assert detail is not None and detail.opening_hours and detail.opening_hours[0].note
    german = dataclasses.replace(detail.opening_hours[0], note=LocalizedText(
        "Betreuungszeiten", "de", is_fallback=True))
    card = family_card(dataclasses.replace(detail, opening_hours=(german,)), "uk",
                       WEDNESDAY_MORNING)
    assert any(f"Betreuungszeiten ({Labels('uk')(MARK_GERMAN)})" in line for line in card.hours)
    assert not any("(" in line for line in _card(services, "uk").hours)  # translated: no mark
