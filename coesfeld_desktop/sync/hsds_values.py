"""Single HSDS values as vendors write them, normalised for our directory format.

Language codes and names through ``langcodes`` (``deu``, ``de-DE``, "Deutsch" -> ``de``),
weekdays ("Mo,Do", "monday", "Di-Fr" -> RFC 5545 ``MO,TH``), times ("9:30", "15.00 Uhr" ->
``09:30``), numbers with a comma or a unit ("51,83", "6 Jahre"), German dates ("1.2.2025").
Each parser raises ``ValueError`` for what it cannot read; the importer notes it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from typing import Any

import langcodes

from coesfeld_desktop.store.loader import DirectoryFormatError, parse_date, parse_datetime


def text_of(value: Any) -> str | None:
    if value is None or isinstance(value, dict | list):
        return None
    text = str(value).strip()
    return text or None


def number_of(value: Any) -> float | None:
    """A number also when written the German way ("51,83") or with a unit ("6 Jahre")."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    text = text_of(value)
    if text is None:
        return None
    match = re.match(r"^[^\d+-]*([+-]?\d+(?:[.,]\d+)?)", text)
    if match is None:
        raise ValueError(text)
    return float(match.group(1).replace(",", "."))


_TIME = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?(?::\d{2})?\s*(?:uhr|h)?$", re.IGNORECASE)


def time_of(value: Any) -> str | None:
    """"9:30", "09:30:00", "9.30 Uhr", "9 Uhr" -> "09:30" / "09:00"."""
    text = text_of(value)
    if text is None:
        return None
    match = _TIME.match(text)
    if match is None or int(match.group(1)) > 24 or int(match.group(2) or 0) > 59:
        raise ValueError(text)
    return f"{int(match.group(1)):02d}:{match.group(2) or '00'}"


_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
_DAY_NAMES = {
    **{code.lower(): code for code in _DAYS},
    "mo": "MO", "di": "TU", "mi": "WE", "do": "TH", "fr": "FR", "sa": "SA", "so": "SU",
    "mon": "MO", "tue": "TU", "wed": "WE", "thu": "TH", "fri": "FR", "sat": "SA", "sun": "SU",
    "monday": "MO", "tuesday": "TU", "wednesday": "WE", "thursday": "TH", "friday": "FR",
    "saturday": "SA", "sunday": "SU", "montag": "MO", "dienstag": "TU", "mittwoch": "WE",
    "donnerstag": "TH", "freitag": "FR", "samstag": "SA", "sonnabend": "SA", "sonntag": "SU",
}


def weekdays_of(value: Any) -> str:
    """"Mo,Do", "monday", "Di-Fr", "MO,TH" -> RFC 5545 ``BYDAY`` ("MO,TH")."""
    text = text_of(value)
    if text is None:
        return ""
    days: list[str] = []
    for part in re.split(r"[,;/\s]+|\bund\b|\band\b|&", text.lower()):
        part = part.strip(" .")
        if not part:
            continue
        if "-" in part or "–" in part:
            first, _sep, last = part.replace("–", "-").partition("-")
            start, end = _DAY_NAMES.get(first.strip(" .")), _DAY_NAMES.get(last.strip(" ."))
            if start is None or end is None:
                raise ValueError(text)
            span = _DAYS[_DAYS.index(start):_DAYS.index(end) + 1]
            days += span
            continue
        day = _DAY_NAMES.get(part)
        if day is None:
            raise ValueError(text)
        days.append(day)
    return ",".join(dict.fromkeys(days))


_GERMAN_DATE = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")


def date_of(value: Any) -> str | None:
    """ISO dates as given; German "1.2.2025" -> "2025-02-01"; else ValueError."""
    text = text_of(value)
    if text is None:
        return None
    match = _GERMAN_DATE.match(text)
    if match:
        text = dt.date(int(match.group(3)), int(match.group(2)), int(match.group(1))).isoformat()
    try:
        parse_date(text)
    except DirectoryFormatError as error:
        raise ValueError(text) from error
    return text


def datetime_of(value: Any) -> str | None:
    text = text_of(value)
    if text is None:
        return None
    try:
        parse_datetime(text)
    except DirectoryFormatError:
        return date_of(text)  # a date alone is a time of that day
    return text


def language_code(value: Any) -> str:
    """A BCP 47 base language for a code (``deu``, ``de-DE``, ``ger``) or a name ("Deutsch",
    "Arabisch", "German"), via ``langcodes``; ValueError when it names no language."""
    text = text_of(value)
    if text is None:
        raise ValueError("")
    try:
        if langcodes.tag_is_valid(text.replace("_", "-")):
            return str(langcodes.Language.get(text.replace("_", "-")).language)
        return str(langcodes.find(text).language)
    except (LookupError, ValueError) as error:
        raise ValueError(text) from error


def split_phone(text: str) -> tuple[str, str | None]:
    """A number and the note after it ("02541 12345 (nur vormittags)")."""
    match = re.match(r"^[\s+()\d/.-]*\d(?:\s*(?:ext\.?|durchwahl|dw\.?)\s*\d+)?", text,
                     re.IGNORECASE)
    if match is None:
        return text, None
    rest = text[match.end():].strip(" ,;:-")
    return match.group(0).strip(), rest or None


def stable_id(*parts: str) -> str:
    """An id for a child record that has none: the same input gives the same id."""
    text = "-".join(part for part in parts if part)
    if len(text) <= 100:
        return text
    return f"{text[:80]}-{hashlib.sha256(text.encode()).hexdigest()[:16]}"


# --- reading ------------------------------------------------------------------------------


# --- our extensions as HSDS attributes ---------------------------------------------------
# HSDS 3.0 has no field for "a person accompanies the family" nor a relation between
# services. A source expresses them as attributes of the service whose taxonomy term (by its
# ``code``, else its ``id`` or ``name``) is one of these (docs/export-format.md):
#   begleitet-persoenlich  the service accompanies in person (value "false"/"nein" = not)
#   danach                 value: the id of a follow-up service ("danach")
#   gemeinsam-mit          value: the id of a partner service ("gemeinsam mit")
ACCOMPANIES_TERM = "begleitet-persoenlich"
RELATION_TERMS: dict[str, str] = {"danach": "follow_up", "gemeinsam-mit": "partner"}
_FALSE_WORDS = frozenset({"false", "0", "no", "nein", "n"})
_TERM_SPELLING = re.compile(r"[\s_]+")


def marker_term(term: Any) -> str | None:
    """Which of our extension terms an HSDS taxonomy term is (``begleitet-persoenlich``,
    ``danach``, ``gemeinsam-mit``), or None for an ordinary topic.

    Spelling is forgiving: case, spaces or underscores for hyphens, umlauts
    ("Begleitet persönlich", "GEMEINSAM_MIT").
    """
    if not isinstance(term, dict):
        return None
    for key in ("code", "id", "name"):
        text = text_of(term.get(key))
        if text is None:
            continue
        folded = _TERM_SPELLING.sub("-", text.casefold()).replace("ö", "oe")
        folded = folded.removeprefix("angebotslotse:")
        if folded == ACCOMPANIES_TERM or folded in RELATION_TERMS:
            return folded
    return None


def true_of(value: Any) -> bool:
    """An attribute's ``value`` as yes/no: missing means yes (the attribute is the mark)."""
    text = text_of(value)
    return text is None or text.casefold() not in _FALSE_WORDS


def ids_of(value: Any) -> list[str]:
    """Service ids in an attribute's ``value``: one, or several separated by commas or
    semicolons."""
    text = text_of(value)
    if text is None:
        return []
    return [part.strip() for part in re.split(r"[,;]", text) if part.strip()]
