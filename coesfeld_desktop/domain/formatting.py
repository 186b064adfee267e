"""Turn offer facts into display text in one UI language (babel), without Qt.

Why here and not in the widgets: the window, handouts and tests all need the same
"Mo, Mi 09:00–12:00 · offene Sprechstunde" lines and dates; plain functions are easy to test.
Every function takes the UI ``language`` and, where it produces German words, the ``_``
translation function of that language.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterable
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel.dates import format_date, format_skeleton, format_time, get_day_names
from babel.lists import format_list
from babel.numbers import format_decimal

from coesfeld_desktop.domain.offer import OpeningHours, age_range_text
from coesfeld_desktop.domain.vocabulary import WEEKDAYS
from coesfeld_desktop.i18n import N_, Translate, babel_locale, gettext_for, is_rtl

Plural = Callable[[str, str, int], str]
# Unicode bidi isolates (UAX #9): text between them is laid out on its own, in its direction
LTR_ISOLATE, FIRST_STRONG_ISOLATE, POP_ISOLATE = "\u2066", "\u2068", "\u2069"
_ISOLATES = dict.fromkeys(map(ord, "\u2066\u2067\u2068\u2069"), None)


def without_isolates(text: str) -> str:
    """``text`` without bidi isolates: to read aloud, or to compare what a reader sees."""
    return text.translate(_ISOLATES)
LOCAL_TIMEZONE = "Europe/Berlin"
EASY_GERMAN = N_("Leichte Sprache")


def _identity(text: str) -> str:
    return text


def weekday_names(language: str,
                  width: Literal["abbreviated", "narrow", "short", "wide"] = "wide",
                  ) -> dict[str, str]:
    """``MO``…``SU`` → weekday name in ``language`` (``wide``: Montag, ``abbreviated``: Mo)."""
    names = get_day_names(width, locale=babel_locale(language))
    # German abbreviations carry a full stop ("Mo."), which reads badly in lists.
    return {code: str(names[index]).rstrip(".") for index, code in enumerate(WEEKDAYS)}


def language_name(code: str, language: str) -> str:
    """The name of language ``code`` (``tr``) in the UI ``language`` (``Türkisch``)."""
    if code == "de-x-easy":
        return gettext_for(language.split("-")[0])(EASY_GERMAN)
    names = babel_locale(language).languages
    found = names.get(code.replace("-", "_")) or names.get(code.split("-")[0])
    return str(found) if found else code


def language_names(codes: Iterable[str], language: str) -> list[str]:
    return [language_name(code, language) for code in codes]


def list_text(items: Iterable[str], language: str) -> str:
    """``Deutsch, Englisch und Farsi`` / ``العربية والإنجليزية``: CLDR's list pattern."""
    parts = [item for item in items if item]
    return format_list(parts, style="standard", locale=babel_locale(language)) if parts else ""


def _days_text(days: list[str], short_names: dict[str, str]) -> str:
    """``MO,TU,WE,FR`` → ``Mo–Mi, Fr``: runs of three or more days become a range."""
    indexes = sorted(WEEKDAYS.index(day) for day in days)
    parts: list[str] = []
    run: list[int] = []
    for index in [*indexes, None]:
        if index is not None and run and index == run[-1] + 1:
            run.append(index)
            continue
        if run:
            first, last = short_names[WEEKDAYS[run[0]]], short_names[WEEKDAYS[run[-1]]]
            if len(run) >= 3:
                parts.append(f"{first}–{last}")
            else:
                parts.extend(short_names[WEEKDAYS[i]] for i in run)
        run = [index] if index is not None else []
    return ", ".join(parts)


def _times_text(hours: OpeningHours, language: str,
                clock: Callable[[dt.time], str] | None = None) -> str:
    locale = babel_locale(language)

    def write(value: dt.time) -> str:
        return clock(value) if clock is not None else str(format_time(value, "short",
                                                                      locale=locale))
    opens = write(hours.opens_at) if hours.opens_at else ""
    closes = write(hours.closes_at) if hours.closes_at else ""
    return time_range_text(opens, closes, language)


def time_range_text(opens: str, closes: str, language: str) -> str:
    """``15:00–17:00`` from two written times; one of them alone if the other is empty.

    In a right-to-left language the range reads from left to right like the numbers in it
    (bidi alone would print the end first, "17:00–15:00"): an LTR isolate around it, and
    each time in an isolate of its own direction ("9:00 ص" keeps its letter after it).
    """
    if not (opens and closes):
        return opens or closes
    if not is_rtl(language):
        return f"{opens}–{closes}"
    return (f"{LTR_ISOLATE}{FIRST_STRONG_ISOLATE}{opens}{POP_ISOLATE}–"
            f"{FIRST_STRONG_ISOLATE}{closes}{POP_ISOLATE}{POP_ISOLATE}")


def opening_hours_lines(hours: Iterable[OpeningHours], language: str,
                        clock: Callable[[dt.time], str] | None = None) -> list[str]:
    """One line per distinct time and note, weekdays merged: ``Mo, Mi 09:00–12:00 · Note``.

    ``clock`` writes the times (default: the language's short format)."""
    short = weekday_names(language, "abbreviated")
    groups: dict[tuple[str, str], list[str]] = {}
    for item in hours:
        key = (_times_text(item, language, clock), item.note.text if item.note else "")
        days = groups.setdefault(key, [])
        days.extend(day for day in item.weekdays if day in WEEKDAYS and day not in days)

    def first_day(entry: tuple[tuple[str, str], list[str]]) -> int:
        days = entry[1]
        return min((WEEKDAYS.index(day) for day in days), default=len(WEEKDAYS))

    lines = []
    for (times, note), days in sorted(groups.items(), key=first_day):
        head = " ".join(part for part in (_days_text(days, short), times) if part)
        lines.append(" · ".join(part for part in (head, note) if part))
    return lines


def age_text(min_age: int | None, max_age: int | None, pregnancy: bool,
             _: Translate = _identity) -> str:
    """``Schwangerschaft · 0–3 Jahre``; empty when the offer has no age limits."""
    parts = []
    if pregnancy:
        parts.append(_("Schwangerschaft"))
    # "until birth" (no lower bound, upper bound 0) says nothing beyond "pregnancy"
    until_birth = pregnancy and min_age is None and max_age in (None, 0)
    ages = "" if until_birth else age_range_text(min_age, max_age)
    if ages:
        parts.append(_("{ages} Jahre").format(ages=ages))
    return " · ".join(parts)


def _german_plural(singular: str, plural: str, count: int) -> str:
    return singular if count == 1 else plural


def offer_count_text(count: int, ngettext: Plural = _german_plural, language: str = "de",
                     at_least: bool = False) -> str:
    """``1 Angebot`` / ``1.250 Angebote`` / ``mehr als 10.000 Angebote``.

    Pass the UI language's ``ngettext`` for its plurals; the number is formatted by babel
    for ``language``. ``at_least`` is for counts the search stopped at (an estimate).
    """
    number = format_decimal(count, locale=babel_locale(language))
    if at_least:
        return ngettext("mehr als {count} Angebot", "mehr als {count} Angebote",
                        count).format(count=number)
    return ngettext("{count} Angebot", "{count} Angebote", count).format(count=number)


def date_text(value: dt.date, language: str) -> str:
    """``14. September 2026`` in German."""
    return format_date(value, "long", locale=babel_locale(language))


def month_text(year: int, month: int, language: str, *, short: bool = False) -> str:
    """``Oktober 2026`` (``Okt. 2026`` short) in ``language``: the locale's own order and
    its standalone month name (``жовтень 2026 р.``, not the genitive of a full date)."""
    skeleton = "yMMM" if short else "yMMMM"
    return format_skeleton(skeleton, dt.date(year, month, 1), locale=babel_locale(language))


def datetime_text(value: dt.datetime, language: str) -> str:
    """A moment in local (German) time; naive values are taken as UTC."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    # A Windows install without tzdata shows UTC rather than failing.
    with contextlib.suppress(ZoneInfoNotFoundError):
        value = value.astimezone(ZoneInfo(LOCAL_TIMEZONE))
    locale = babel_locale(language)
    # The locale's own "date, time" pattern, with a short time (no seconds).
    pattern = str(locale.datetime_formats.get("medium", "{1} {0}"))
    return pattern.replace("{1}", format_date(value, "medium", locale=locale)).replace(
        "{0}", format_time(value, "short", tzinfo=value.tzinfo, locale=locale))


def match_mark(match: str, variants: Iterable[str], _: Translate = _identity
               ) -> str:
    """The small mark of a hit that did not match the typed words themselves: "verwandter
    Begriff" (found through a synonym) or "ähnliche Schreibweise: gemalt" (through a
    spelling variant); "" for a plain match. The window's rows and the command line."""
    if match == "synonym":
        return _("verwandter Begriff")
    if match == "spelling":
        shown = ", ".join(list(dict.fromkeys(variants))[:2])
        return (_("ähnliche Schreibweise: {words}").format(words=shown) if shown
                else _("ähnliche Schreibweise"))
    return ""
