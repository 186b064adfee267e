"""German-aware text folding and tokenizing, used alike for the index and for queries.

Why fold in Python instead of in the FTS5 tokenizer: SQLite's ``unicode61`` tokenizer knows
nothing of German (``ä`` vs ``ae``) and ``remove_diacritics`` would also touch scripts where
marks carry meaning. We fold here, store the folded words space-separated, and let FTS5 split
on the spaces only: its ``ascii`` tokenizer takes every non-ASCII character as part of a
word, and a folded word holds only letters, digits and marks (never ASCII punctuation), so
FTS5 sees exactly the words :func:`tokens` made. Because the same function folds the query,
index and query always agree.

Rules (in this order):

* Unicode NFC, then ``casefold`` (``ß`` → ``ss``, Turkish ``İ`` → ``i``).
* Latin letters lose their diacritics (``ä`` → ``a``, ``é`` → ``e``, ``ç`` → ``c``);
  Cyrillic ``ё`` → ``е``. Other scripts are left alone: Cyrillic ``й`` and Arabic/Persian
  marks stay, they change the word. Turkish ``ı`` → ``i`` (German keyboards lack it).
  Arabic ``ي``/``ك`` become the Persian ``ی``/``ک`` so the two keyboard layouts meet; the
  tatweel stretch character and invisible joiners are dropped.
* The German transliterations ``ae``/``oe``/``ue`` become ``a``/``o``/``u``, so that
  ``foerderung``, ``förderung`` and ``Forderung`` all fold to ``forderung``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from itertools import chain

# Latin blocks whose precomposed letters we strip to their base letter.
_LATIN_RANGES = ((0x00C0, 0x024F), (0x1E00, 0x1EFF))


def _build_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    for start, end in _LATIN_RANGES:
        for code in range(start, end + 1):
            char = chr(code)
            base = "".join(
                c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c)
            )
            if base and base != char and base.isascii():
                table[code] = base.casefold()
    table.update({
        ord("ı"): "i",  # Turkish dotless i: typed as "i" on German keyboards
        ord("ø"): "o", ord("Ø"): "o", ord("đ"): "d", ord("ł"): "l", ord("Ł"): "l",
        ord("æ"): "ae", ord("œ"): "oe",
        ord("ё"): "е", ord("Ё"): "е",
        ord("ي"): "ی", ord("ى"): "ی", ord("ك"): "ک",
        ord("\u0640"): None,  # Arabic tatweel (stretching, no meaning)
        ord("\u200c"): None,  # zero-width non-joiner inside Persian words
        ord("\u00ad"): None,  # soft hyphen
    })
    # Combining marks of the Latin block (left over by NFD input or İ's casefold "i̇").
    for code in range(0x0300, 0x0370):
        table[code] = None
    return table


_TABLE = _build_table()
_INVISIBLE = {ord("\u0640"): None, ord("\u200c"): None, ord("\u00ad"): None}
_SPECIAL = re.compile("[\u0640\u200c\u00ad]")
_DIGRAPHS = re.compile("ae|oe|ue")
_DIGRAPH_MAP = {"ae": "a", "oe": "o", "ue": "u"}

# A token: letters, digits and combining marks (Arabic harakat, Devanagari vowel signs ...);
# ``_`` is turned into a space before splitting. Of the blocks below only the letters,
# digits and marks count: their punctuation and signs (Devanagari danda, Hebrew maqaf,
# Tamil day sign ...) separate words, as SQLite's ``unicode61`` tokenizer used to split them.
_MARK_RANGES = ((0x0300, 0x036F), (0x0483, 0x0489), (0x0591, 0x05C7), (0x0610, 0x061A),
                (0x064B, 0x065F), (0x0670, 0x0670), (0x06D6, 0x06ED), (0x0900, 0x0DFF))


def _word_class(ranges: Iterable[tuple[int, int]]) -> str:
    """``[\\w...]`` plus the letters, digits and marks of ``ranges`` (as escaped ranges)."""
    codes = [code for start, end in ranges for code in range(start, end + 1)
             if unicodedata.category(chr(code))[0] in "LMN"]
    runs: list[list[int]] = []
    for code in codes:
        if runs and runs[-1][1] == code - 1:
            runs[-1][1] = code
        else:
            runs.append([code, code])
    return "[\\w" + "".join(f"\\u{a:04x}-\\u{b:04x}" for a, b in runs) + "]"


_TOKEN = re.compile(_word_class(_MARK_RANGES) + "+")

MAX_TOKEN_LENGTH = 60  # longer "words" are pasted garbage; cut so the index stays sane


def fold(text: str) -> str:
    """Fold ``text`` for matching (see the module docstring); keeps spaces and punctuation."""
    if not text:
        return ""
    if text.isascii():
        folded = text.lower()
    else:
        folded = unicodedata.normalize("NFC", text).casefold().translate(_TABLE)
    if "e" in folded:
        folded = _DIGRAPHS.sub(lambda match: _DIGRAPH_MAP[match.group()], folded)
    return folded


class _FoldCache(dict[str, str]):
    """Folded form per word: texts repeat their words a lot. Cleared when it grows large."""

    LIMIT = 300_000

    def __missing__(self, word: str) -> str:
        if len(self) >= self.LIMIT:
            self.clear()
        folded = self[word] = fold(word)[:MAX_TOKEN_LENGTH]
        return folded


_FOLDED = _FoldCache()


def fold_word(word: str) -> str:
    """:func:`fold` for one word (cached), cut to :data:`MAX_TOKEN_LENGTH`: how the index
    stores it (word forms, the dictionary and the crisis list compare folded words)."""
    return _FOLDED[word]


def _prepare(text: str) -> str:
    """Compose, drop invisible joiners, make ``_`` a separator: words then split alike
    before and after folding."""
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
        if _SPECIAL.search(text):
            text = text.translate(_INVISIBLE)
    return text.replace("_", " ") if "_" in text else text


def tokens(text: str) -> list[str]:
    """The folded words of ``text`` in order (duplicates kept)."""
    if not text:
        return []
    return [folded for word in _TOKEN.findall(_prepare(text)) if (folded := _FOLDED[word])]


def split_words(text: str) -> list[str]:
    """The words of ``text`` without folding, as the user wrote them (for suggestions)."""
    return _TOKEN.findall(_prepare(text))


def folded_join(text: str) -> str:
    """``" ".join(tokens(text))`` without a Python loop per word (bulk indexing).

    A word that folds to nothing leaves an extra space, which FTS5 ignores. (Folding the
    whole text at once instead is slower: ``str.translate`` with a dict is per letter.)
    """
    if not text:
        return ""
    return " ".join(map(_FOLDED.__getitem__, _TOKEN.findall(_prepare(text))))


MIN_PART = 4  # shortest compound part we index ("cafe", "kurs")
MIN_HEAD = 3  # a compound's first word has at least this many letters
MIN_COMPOUND = 8  # shortest word we split ("babytreff" → "treff", not "hebamme" → "amme")


def compound_parts(words: Iterable[str]) -> list[str]:
    """Endings of long words that may be the later parts of a German compound.

    ``sprachcafe`` gives ``achcafe, chcafe, hcafe, cafe``; with prefix queries this lets
    ``cafe`` find "Sprachcafé" and ``beratung`` find "Erziehungsberatung" without a
    dictionary. Only letters are split (no numbers), each ending once.
    """
    return list(dict.fromkeys(chain.from_iterable(map(_word_parts, words))))


@lru_cache(maxsize=200_000)
def _word_parts(word: str) -> tuple[str, ...]:
    if len(word) < MIN_COMPOUND or not word.isalpha():
        return ()
    return tuple(word[start:] for start in range(MIN_HEAD, len(word) - MIN_PART + 1))
