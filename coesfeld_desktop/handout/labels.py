"""Every fixed string printed on a handout, and babel formatting in the handout's language.

The German source strings are marked with ``N_`` here and translated through the
``handout`` gettext domain (``translations/<lang>/LC_MESSAGES/handout.mo``); babel
formats weekday names, dates, times and numbers for the same language.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

from babel import Locale
from babel.dates import format_date, format_skeleton, format_time, get_day_names
from babel.lists import format_list
from babel.numbers import format_decimal

from coesfeld_desktop.i18n import HANDOUT_DOMAIN, N_, babel_locale, is_rtl, translations


def Nn_(singular: str, plural: str) -> tuple[str, str]:  # noqa: N802 - gettext convention
    """Mark a plural message for extraction (``-k Nn_:1,2``); translated by count later."""
    return singular, plural


HANDOUT_LANGUAGES: tuple[str, ...] = (
    "de", "en", "tr", "ar", "fa", "uk", "ru", "pl", "ro", "ku", "ti", "de-x-easy",
)
"""Languages a handout can be printed in (``de-x-easy`` = Leichte Sprache)."""

TITLE = N_("Angebote für Sie")
CREATED = N_("Erstellt am {date}")
DATA_AS_OF = N_("Datenstand: {date}")
PAGE = N_("Seite {page} von {pages}")
PROVIDER = N_("Träger")
ADDRESS = N_("Adresse")
CONTACT = N_("Ansprechperson")
PHONE = N_("Telefon")
EMAIL = N_("E-Mail")
WEB = N_("Internet")
HOURS = N_("Öffnungszeiten")
BY_APPOINTMENT = N_("nach Vereinbarung")
COST = N_("Kosten")
FREE = N_("kostenlos")
AGE = N_("Alter")
# Age phrases agree with their number by the language's own plural rules (CLDR, through
# the catalogs' Plural-Forms): "0 bis 1 Jahr", "від 0 до 1 року", "od 0 do 5 lat".
AGE_RANGE = Nn_("{min} bis {max} Jahr", "{min} bis {max} Jahre")  # agrees with max
AGE_FROM = Nn_("ab {min} Jahr", "ab {min} Jahren")
AGE_UNTIL = Nn_("bis {max} Jahr", "bis {max} Jahre")
AGE_FIRST_YEAR = N_("im ersten Lebensjahr")  # an upper age of 0: babies before their first birthday
PREGNANCY = N_("in der Schwangerschaft")
LANGUAGES = N_("Sprachen")
ACCESSIBILITY = N_("Barrierefreiheit")
BARRIER_FREE = N_("barrierefrei")
ONLY_GERMAN = N_("Dieser Text ist leider nur auf Deutsch verfügbar.")
MACHINE = N_("Dieser Text wurde maschinell übersetzt.")
OUTDATED = N_("Die Übersetzung ist älter als der deutsche Text.")
# Short markers after a single printed text (an opening-hours note, the cost, a contact's
# role, an accessibility description) that is German, machine-made or outdated.
MARK_GERMAN = N_("nur auf Deutsch")
MARK_MACHINE = N_("maschinell übersetzt")
MARK_OUTDATED = N_("Übersetzung veraltet")
NOTE = N_("Hinweis Ihrer Beratungsstelle")
IN_GERMAN = N_("Auf Deutsch")
QR_WEB = N_("Internetseite")
QR_MAP = N_("Karte")
QR_CONTACT = N_("Kontakt fürs Handy")  # under a QR code holding the contact (vCard)
NO_OFFERS = N_("Keine Angebote ausgewählt.")
GERMAN = N_("Deutsch")
CONTINUED = N_("Fortsetzung")  # after an offer's title where it goes on over the page
APPLY = N_("So melden Sie sich an")
DATES = N_("Termine")  # the coming dates of a course or event
MORE_DATES = Nn_("und {number} weiterer Termin", "und {number} weitere Termine")
# the box of helplines (resources/crisis.txt, whose names and notes are messages too)
CRISIS = N_("Hilfe in Notlagen")
CHECKED = N_("Zuletzt geprüft")  # the district's last check of the offer's facts
CHECKED_LONG_AGO = N_("länger nicht geprüft – bitte vorher anrufen")  # after a stale date
# the warm handover sheet ("Vermittlung"): one place, one appointment, the way there
HANDOVER_TITLE = N_("So geht es weiter")
HANDOVER_INTRO = N_("Zeigen Sie dieses Blatt bei Ihrem Termin vor.")
APPOINTMENT = N_("Ihr Termin")
APPOINTMENT_AT = N_("{weekday}, {date}, {time} Uhr")
APPOINTMENT_DAY = N_("{weekday}, {date}")
CALL_FIRST = N_("Vorher anrufen")
CALL_FIRST_TEXT = N_("Bitte rufen Sie vorher an.")
YOUR_CONTACT = N_("Ihre Ansprechperson")
BRING = N_("Bitte mitbringen")
WAY = N_("So kommen Sie hin")
QR_WAY = N_("Weg auf der Karte")  # under a QR code that opens the place on a map

ALL_LABELS: tuple[str, ...] = (
    TITLE, CREATED, DATA_AS_OF, PAGE, PROVIDER, ADDRESS, CONTACT, PHONE, EMAIL, WEB, HOURS,
    BY_APPOINTMENT, COST, FREE, AGE, AGE_FIRST_YEAR, PREGNANCY, LANGUAGES,
    ACCESSIBILITY, BARRIER_FREE, ONLY_GERMAN, MACHINE, OUTDATED, MARK_GERMAN, MARK_MACHINE,
    MARK_OUTDATED, NOTE, IN_GERMAN, QR_WEB,
    QR_MAP, QR_CONTACT, NO_OFFERS, GERMAN, CONTINUED, APPLY, CRISIS, CHECKED,
    CHECKED_LONG_AGO,
    QR_MAP, QR_CONTACT, NO_OFFERS, GERMAN, CONTINUED, APPLY, HANDOVER_TITLE, HANDOVER_INTRO,
    APPOINTMENT, APPOINTMENT_AT, APPOINTMENT_DAY, CALL_FIRST, CALL_FIRST_TEXT, YOUR_CONTACT,
    BRING, WAY, QR_WAY, DATES,
)
PLURAL_LABELS: tuple[tuple[str, str], ...] = (AGE_RANGE, AGE_FROM, AGE_UNTIL, MORE_DATES)

_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
# Languages whose texts write Persian digits (۰۱۲…): dates, times and page numbers follow.
_PERSIAN_DIGITS = {"fa": str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")}
# Where babel puts (narrow) spaces into a date or time, the line must not break.
_NO_BREAK = str.maketrans({" ": "\xa0", "\u202f": "\xa0"})


@dataclass(frozen=True)
class Labels:
    """Translated labels and formatters for one handout language."""

    language: str

    @cached_property
    def locale(self) -> Locale:
        return babel_locale(self.language)

    @property
    def rtl(self) -> bool:
        return is_rtl(self.language)

    def __call__(self, message: str, **values: object) -> str:
        text = translations(self.language, HANDOUT_DOMAIN).gettext(message)
        return text.format(**values) if values else text

    def plural(self, message: tuple[str, str], count: int, **values: object) -> str:
        """``message`` in the form the language's plural rules pick for ``count``."""
        singular, plural = message
        text = translations(self.language, HANDOUT_DOMAIN).ngettext(singular, plural, count)
        return text.format(**values)

    # --- babel formatting -------------------------------------------------------------

    def digits(self, text: str) -> str:
        """``text`` with the digits the language's texts use (Persian digits in Farsi)."""
        table = _PERSIAN_DIGITS.get(self.language.split("-")[0])
        return text.translate(table) if table else text

    def date(self, value: dt.date) -> str:
        return self.digits(format_date(value, "long", locale=self.locale).translate(_NO_BREAK))

    def day(self, value: dt.date, today: dt.date | None = None) -> str:
        """``Di 3. März`` (the year too when it is not ``today``'s): a course's date."""
        skeleton = "MMMMd" if today is None or value.year == today.year else "yMMMMd"
        date = format_skeleton(skeleton, value, locale=self.locale).translate(_NO_BREAK)
        weekday = get_day_names("abbreviated", locale=self.locale)[value.weekday()]
        return self.digits(f"{str(weekday).rstrip('.')}\xa0{date}")

    def time(self, value: dt.time) -> str:
        """24-hour time in every language: families read German signs and letters."""
        return self.digits(format_time(value, "HH:mm", locale=self.locale))

    def number(self, value: float) -> str:
        return self.digits(format_decimal(value, locale=self.locale))

    def weekday(self, code: str) -> str:
        names = get_day_names("wide", locale=self.locale)
        index = _WEEKDAYS.index(code.upper()) if code.upper() in _WEEKDAYS else None
        return names[index] if index is not None else code

    def join(self, items: list[str] | tuple[str, ...]) -> str:
        """``Montag und Mittwoch`` / ``الاثنين والأربعاء``: a list in the language's words."""
        return format_list(list(items), locale=self.locale) if items else ""

    def language_name(self, code: str) -> str:
        base = code.split("-x-")[0].replace("-", "_")
        name = self.locale.languages.get(base)
        if name is None:
            try:
                name = Locale.parse(base).get_display_name(self.locale)
            except (ValueError, LookupError):
                name = None
        return name or code

    def age(self, min_age: int | None, max_age: int | None, pregnancy: bool = False) -> str:
        """``in der Schwangerschaft und im ersten Lebensjahr``, ``0 bis 1 Jahr``, …"""
        parts = []
        if pregnancy:
            parts.append(self(PREGNANCY))
        if max_age == 0 and not min_age:
            parts.append(self(AGE_FIRST_YEAR))
        elif min_age is not None and max_age is not None:
            parts.append(self.plural(AGE_RANGE, max_age, min=self.number(min_age),
                                     max=self.number(max_age)))
        elif min_age is not None:
            parts.append(self.plural(AGE_FROM, min_age, min=self.number(min_age)))
        elif max_age is not None:
            parts.append(self.plural(AGE_UNTIL, max_age, max=self.number(max_age)))
        return self.join(parts)
