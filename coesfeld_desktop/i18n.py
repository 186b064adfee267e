"""Translation of fixed strings (UI and handouts) through gettext catalogs in ``translations/``.

Why gettext and not Qt's .ts files: one set of catalogs serves the Qt-free handout
code and the UI alike, maintained with babel (extract, update, compile).
German is the source language, so a missing catalog simply shows German.
"""

from __future__ import annotations

import gettext
from collections.abc import Callable
from functools import lru_cache

from babel import Locale
from babel.support import NullTranslations, Translations

from coesfeld_desktop.paths import translations_dir

UI_DOMAIN = "angebotslotse"  # window, dialogs, command line
HANDOUT_DOMAIN = "handout"  # fixed labels printed on handouts
SOURCE_LANGUAGE = "de"
RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur", "ckb"})

Translate = Callable[[str], str]
"""A ``_`` function: German source text in, the chosen language's text out."""


def N_(message: str) -> str:  # noqa: N802 - gettext convention
    """Mark a string for extraction without translating it yet (used in constant tables)."""
    return message


class TranslatableError(ValueError):
    """Bad input, said in a German source string (``N_``) with ``{placeholders}``: layers
    without a language raise it, the caller shows :meth:`text` in its own language."""

    def __init__(self, message: str, **values: object) -> None:
        super().__init__(message.format(**values))
        self.message = message
        self.values = values

    def text(self, _: Translate) -> str:
        return _(self.message).format(**self.values)


@lru_cache(maxsize=64)
def translations(language: str, domain: str = UI_DOMAIN) -> gettext.NullTranslations:
    """The compiled catalog ``translations/<lang>/LC_MESSAGES/<domain>.mo``.

    German (the source) or a missing catalog gives the untranslated German strings.
    """
    if language == SOURCE_LANGUAGE:
        return NullTranslations()
    locale = language.replace("-", "_")
    return Translations.load(str(translations_dir()), [locale], domain=domain)


def gettext_for(language: str, domain: str = UI_DOMAIN) -> Translate:
    """The ``_`` function for ``language``."""
    return translations(language, domain).gettext


def is_rtl(language: str) -> bool:
    """Whether text in ``language`` runs right-to-left."""
    return language.split("-")[0].split("_")[0] in RTL_LANGUAGES


def babel_locale(language: str) -> Locale:
    """A babel locale for a language code such as ``de``, ``ar`` or ``de-x-easy``."""
    base = language.split("-x-")[0].replace("-", "_")
    try:
        return Locale.parse(base)
    except (ValueError, LookupError):
        return Locale.parse(SOURCE_LANGUAGE)
