"""Word forms: the stems of a word, so that "Hebammen" finds "Hebamme" and "боргів" "борги".

Why maintained stemmers: Snowball (PyStemmer) for German, English, Turkish, Russian,
Arabic and Persian; Ukrainian has no Snowball stemmer, so its words go through the
``simplemma`` lemmatizer (dictionary based, loaded on first use: about 1 s and 70 MB;
its Arabic lemmas, 40 MB more, mend what the Snowball stemmer leaves of short words).

A word's language is not known (a query can be in any of them, a translated text says
only its script), so every stemmer of the word's script is asked: Latin script gives
German, English and Turkish stems, Cyrillic Russian stems and Ukrainian lemmas, Arabic
script Arabic and Persian stems and Arabic lemmas. The index stores the stems of the
title, summary and topic words (``title_stems`` and ``stems`` columns); a query word
also matches its own stems there, and, where a stem is a long enough beginning of the
word, as a prefix (German compounds: "Sprachkurse" → ``sprachkurs*`` finds "Sprachkurs"
and its compounds).

Stems are folded like every indexed word (:func:`~.folding.fold_word`) after stemming: the
stemmers expect the letters as written (Arabic ``ي``, German ``ä``).
"""

from __future__ import annotations

import threading
import unicodedata
from functools import lru_cache
from typing import Any

import Stemmer

from coesfeld_desktop.search.folding import fold_word, split_words

LATIN = ("german", "english", "turkish")
CYRILLIC = ("russian",)
ARABIC = ("arabic", "persian")
# simplemma lemmas besides: Ukrainian (no Snowball stemmer) and Arabic (Snowball leaves
# the article on short words: "الديون" → "الد", the lemma is "دين" as for "ديون")
LEMMATIZED = {"cyrillic": "uk", "arabic": "ar"}
MIN_STEM = 3  # shorter stems say too little to match on
MIN_PREFIX_STEM = 4  # a stem used as a prefix has at least this many letters
MAX_CUT = 3  # ... and the stemmer took at most this many letters off the word

_local = threading.local()  # PyStemmer objects are not thread-safe: one set per thread
_lemma_lock = threading.Lock()


def _stemmer(name: str) -> Any:
    stemmers: dict[str, Any] | None = getattr(_local, "stemmers", None)
    if stemmers is None:
        stemmers = _local.stemmers = {}
    if name not in stemmers:
        stemmers[name] = Stemmer.Stemmer(name)
    return stemmers[name]


def _script(word: str) -> str:
    """``latin``, ``cyrillic``, ``arabic`` or ``other``, by the word's first letter."""
    for char in word:
        if char.isalpha():
            name = unicodedata.name(char, "")
            for script in ("LATIN", "CYRILLIC", "ARABIC"):
                if name.startswith(script):
                    return script.lower()
            return "other"
    return "other"


def _lemma(word: str, language: str) -> str:
    import simplemma  # noqa: PLC0415 - start-up time: its dictionaries load on first use

    with _lemma_lock:  # the first call loads the dictionary; no two threads load it at once
        return str(simplemma.lemmatize(word, lang=language))


@lru_cache(maxsize=200_000)
def _stems_of_word(word: str) -> tuple[str, ...]:
    """Folded stems of one word as written (lower-cased), without the word's own form."""
    lower = word.casefold()
    script = _script(lower)
    names = {"latin": LATIN, "cyrillic": CYRILLIC, "arabic": ARABIC}.get(script, ())
    raw = [_stemmer(name).stemWord(lower) for name in names]
    if script in LEMMATIZED:
        raw.append(_lemma(lower, LEMMATIZED[script]))
    own = fold_word(word)
    stems = []
    for stem in raw:
        folded = fold_word(stem)
        if len(folded) >= MIN_STEM and folded != own and folded not in stems:
            stems.append(folded)
    return tuple(stems)


def word_stems(word: str) -> tuple[str, ...]:
    """The folded stems of ``word`` (as typed or written) that differ from its folded form."""
    return _stems_of_word(word)


def query_forms(word: str) -> tuple[str, ...]:
    """What a typed ``word`` looks for in the stems columns: itself (it may be the lemma of
    an indexed form) and its stems."""
    return (fold_word(word), *_stems_of_word(word))


def prefix_stems(word: str) -> tuple[str, ...]:
    """The stems of ``word`` that may also stand as a prefix: long, and a beginning of the
    folded word cut by at most :data:`MAX_CUT` letters."""
    own = fold_word(word)
    return tuple(stem for stem in word_stems(word)
                 if len(stem) >= MIN_PREFIX_STEM and own.startswith(stem)
                 and len(own) - len(stem) <= MAX_CUT)


def stems_text(text: str | None) -> str:
    """The stems of every word of ``text``, space-separated, each once (an index column)."""
    if not text:
        return ""
    return " ".join(dict.fromkeys(
        stem for word in split_words(text) for stem in _stems_of_word(word)))
