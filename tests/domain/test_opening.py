"""The next opening relative to a fixed "now", and the text of a result row (no Qt)."""

from __future__ import annotations

import datetime as dt

from coesfeld_desktop.domain.offer import OfferSummary, OpeningHours
from coesfeld_desktop.domain.opening import next_opening, next_opening_text
from coesfeld_desktop.domain.result_row import row_lines
from coesfeld_desktop.i18n import gettext_for

# 2026-12-02 is a Wednesday
WEDNESDAY_NOON = dt.datetime(2026, 12, 2, 12, 0)


def _hours(days: str, opens: str | None, closes: str | None) -> OpeningHours:
    return OpeningHours(tuple(days.split(",")),
                        dt.time.fromisoformat(opens) if opens else None,
                        dt.time.fromisoformat(closes) if closes else None)


def test_later_today_tomorrow_and_a_weekday() -> None:
    hours = [_hours("WE", "15:00", "17:00"), _hours("TH", "09:00", "11:00"),
             _hours("MO", "08:00", "10:00")]
    assert next_opening_text(hours, WEDNESDAY_NOON, "de") == "heute 15:00–17:00"
    evening = WEDNESDAY_NOON.replace(hour=18)
    assert next_opening_text(hours, evening, "de") == "morgen 09:00–11:00"
    friday = dt.datetime(2026, 12, 4, 8, 0)
    assert next_opening_text(hours, friday, "de") == "Mo 08:00–10:00"


def test_open_now_says_until_when() -> None:
    hours = [_hours("WE", "11:00", "13:30")]
    assert next_opening_text(hours, WEDNESDAY_NOON, "de") == "jetzt geöffnet bis 13:30"
    found = next_opening(hours, WEDNESDAY_NOON)
    assert found is not None and found.open_now and found.days_ahead == 0


def test_closed_today_comes_back_next_week() -> None:
    hours = [_hours("WE", "08:00", "10:00")]
    assert next_opening_text(hours, WEDNESDAY_NOON, "de") == "nächste Woche Mi 08:00–10:00"


def test_no_times_no_text() -> None:
    assert next_opening_text([_hours("MO,TU", None, None)], WEDNESDAY_NOON, "de") == ""
    assert next_opening([], WEDNESDAY_NOON) is None


def test_text_in_the_ui_language() -> None:
    hours = [_hours("FR", "15:00", "17:00")]
    english = next_opening_text(hours, WEDNESDAY_NOON, "en", gettext_for("en"))
    assert english.startswith("Fri") and "3:00" in english and "5:00" in english
    ukrainian = next_opening_text(hours, WEDNESDAY_NOON, "uk", gettext_for("uk"))
    assert "15:00" in ukrainian and "Fr" not in ukrainian


def _summary(**changes: object) -> OfferSummary:
    base: dict[str, object] = dict(
        id="off-1", title="Kita Sonnenschein", provider="Stadt Dülmen", towns=("Dülmen",),
        min_age=1, max_age=6, pregnancy=False, languages=("de", "ku", "ti"), topics=(),
        free=False, barrier_free=True, places=("Dülmen-Hiddingsel",), phone="02594 000-1",
        cost="Elternbeitrag nach Einkommen", opening_hours=(_hours("WE", "15:00", "17:00"),))
    base.update(changes)
    return OfferSummary(**base)  # type: ignore[arg-type]


def test_row_answers_where_when_how_to_reach_and_cost() -> None:
    lines = row_lines(_summary(), "de", gettext_for("de"), WEDNESDAY_NOON)
    assert lines.where == "Dülmen-Hiddingsel · Stadt Dülmen"  # the place is cut last
    assert lines.reach == "heute 15:00–17:00 · 02594 000-1 · Elternbeitrag nach Einkommen"
    assert lines.facts == "1–6 Jahre · Deutsch, Kurdisch und Tigrinya"
    assert lines.badges == ("Kleinkind bis Kita", "barrierefrei")


def test_row_in_arabic_names_languages_in_arabic_and_keeps_the_phone_in_order() -> None:
    lines = row_lines(_summary(), "ar", gettext_for("ar"), WEDNESDAY_NOON)
    assert "الكردية" in lines.facts and "ku" not in lines.facts and ", " not in lines.facts
    assert "\u206602594 000-1\u2069" in lines.reach


def test_free_offer_says_free_once_as_a_badge() -> None:
    lines = row_lines(_summary(free=True, cost=None), "de", gettext_for("de"), WEDNESDAY_NOON)
    assert "kostenlos" not in lines.reach and lines.badges[1:] == ("kostenlos", "barrierefrei")
