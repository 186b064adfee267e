"""Display formatting with babel: opening hours, ages, dates, language names (no Qt)."""

from __future__ import annotations

import datetime as dt

from coesfeld_desktop.domain.formatting import (
    age_text,
    date_text,
    datetime_text,
    language_name,
    offer_count_text,
    opening_hours_lines,
    weekday_names,
)
from coesfeld_desktop.domain.offer import LocalizedText, OpeningHours, age_range_text


def _hours(days: str, opens: str | None, closes: str | None, note: str = "") -> OpeningHours:
    return OpeningHours(
        weekdays=tuple(days.split(",")),
        opens_at=dt.time.fromisoformat(opens) if opens else None,
        closes_at=dt.time.fromisoformat(closes) if closes else None,
        note=LocalizedText(note, "de") if note else None,
    )


def test_weekdays_with_same_times_and_note_are_grouped_on_one_line() -> None:
    lines = opening_hours_lines(
        [_hours("MO", "09:00", "12:00", "offene Sprechstunde"),
         _hours("WE", "09:00", "12:00", "offene Sprechstunde")], "de")
    assert lines == ["Mo, Mi 09:00–12:00 · offene Sprechstunde"]


def test_three_or_more_consecutive_days_become_a_range_and_lines_sort_by_weekday() -> None:
    lines = opening_hours_lines(
        [_hours("SA", "10:00", "12:00"), _hours("MO,TU,WE,TH,FR", "08:00", "16:30")], "de")
    assert lines == ["Mo–Fr 08:00–16:30", "Sa 10:00–12:00"]


def test_opening_hours_follow_the_ui_language() -> None:
    lines = opening_hours_lines([_hours("MO,WE", "14:00", "16:00")], "en")
    assert lines[0].startswith("Mon, Wed 2:00")


def test_hours_without_times_still_name_the_days() -> None:
    assert opening_hours_lines([_hours("TU", None, None, "nach Vereinbarung")], "de") == [
        "Di · nach Vereinbarung"]


def test_weekday_names_are_babel_names_in_the_ui_language() -> None:
    assert weekday_names("de")["MO"] == "Montag"
    assert weekday_names("tr")["FR"] == "Cuma"


def test_age_text_names_pregnancy_and_years() -> None:
    assert age_text(0, 3, False) == "0–3 Jahre"
    assert age_text(None, None, True) == "Schwangerschaft"
    assert age_text(0, 1, True) == "Schwangerschaft · 0–1 Jahre"
    assert age_text(14, None, False) == "14+ Jahre"
    assert age_text(None, None, False) == ""


def test_offer_count_text_is_singular_for_one() -> None:
    assert offer_count_text(1) == "1 Angebot"
    assert offer_count_text(12) == "12 Angebote"
    assert offer_count_text(0) == "0 Angebote"


def test_offer_count_text_uses_the_given_plural_rule() -> None:
    def few(singular: str, plural: str, count: int) -> str:
        return "{count} few" if 2 <= count <= 4 else plural

    assert offer_count_text(3, few) == "3 few"
    assert offer_count_text(7, few) == "7 Angebote"


def test_dates_are_long_german_dates() -> None:
    assert date_text(dt.date(2026, 9, 14), "de") == "14. September 2026"


def test_datetimes_are_shown_in_german_local_time_without_seconds() -> None:
    # 08:00 UTC in November is 09:00 in Coesfeld.
    assert datetime_text(dt.datetime(2026, 11, 20, 8, 0), "de") == "20.11.2026, 09:00"


def test_language_names_in_the_ui_language() -> None:
    assert language_name("tr", "de") == "Türkisch"
    assert language_name("ar", "de") == "Arabisch"
    assert language_name("uk", "en") == "Ukrainian"
    assert language_name("de-x-easy", "de") == "Leichte Sprache"
    assert language_name("zz", "de") == "zz"


def test_age_range_reads_naturally() -> None:
    assert age_range_text(0, 3) == "0–3"
    assert age_range_text(None, 6) == "0–6"
    assert age_range_text(14, None) == "14+"
    assert age_range_text(1, 1) == "1"
    assert age_range_text(None, None) == ""
    assert age_text(None, 0, True) == "Schwangerschaft"
    assert age_text(0, 1, True) == "Schwangerschaft · 0–1 Jahre"
    assert age_text(18, None, False) == "18+ Jahre"


def test_offer_counts_use_the_locale_number_format_and_say_estimates() -> None:
    assert offer_count_text(1250) == "1.250 Angebote"
    # German words (default ngettext), English digit grouping
    assert offer_count_text(1250, language="en") == "1,250 Angebote"
    assert offer_count_text(10000, at_least=True) == "mehr als 10.000 Angebote"
