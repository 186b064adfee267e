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
from babel.dates import format_date, format_time, get_day_names
from babel.lists import format_list
from babel.numbers import format_decimal

from coesfeld_desktop.i18n import HANDOUT_DOMAIN, N_, babel_locale, is_rtl, translations

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
AGE_RANGE = N_("{min} bis {max} Jahre")
AGE_FROM = N_("ab {min} Jahren")
AGE_UNTIL = N_("bis {max} Jahre")
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
NO_OFFERS = N_("Keine Angebote ausgewählt.")
GERMAN = N_("Deutsch")

ALL_LABELS: tuple[str, ...] = (
    TITLE, CREATED, DATA_AS_OF, PAGE, PROVIDER, ADDRESS, CONTACT, PHONE, EMAIL, WEB, HOURS,
    BY_APPOINTMENT, COST, FREE, AGE, AGE_RANGE, AGE_FROM, AGE_UNTIL, PREGNANCY, LANGUAGES,
    ACCESSIBILITY, BARRIER_FREE, ONLY_GERMAN, MACHINE, OUTDATED, MARK_GERMAN, MARK_MACHINE,
    MARK_OUTDATED, NOTE, IN_GERMAN, QR_WEB,
    QR_MAP, NO_OFFERS, GERMAN,
)

_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


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

    # --- babel formatting -------------------------------------------------------------

    def date(self, value: dt.date) -> str:
        return format_date(value, "long", locale=self.locale)

    def time(self, value: dt.time) -> str:
        return format_time(value, "short", locale=self.locale)

    def number(self, value: float) -> str:
        return format_decimal(value, locale=self.locale)

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
        parts = []
        if pregnancy:
            parts.append(self(PREGNANCY))
        if min_age is not None and max_age is not None:
            parts.append(self(AGE_RANGE, min=self.number(min_age), max=self.number(max_age)))
        elif min_age is not None:
            parts.append(self(AGE_FROM, min=self.number(min_age)))
        elif max_age is not None:
            parts.append(self(AGE_UNTIL, max=self.number(max_age)))
        return self.join(parts)
