"""Is a typed word a real word? Then the search never answers it with look-alikes.

Why: typo tolerance that turns "Gewalt" into "gemalt" shows library reading hours to a
family that came about violence. A word found in a German dictionary (the word list that
ships with ``pyspellchecker``, about 340,000 words) is taken as meant; it gets synonyms and
word forms, never spelling variants. The list is loaded on first use (about a second) and
kept folded, the way the index stores words.
"""

from __future__ import annotations

import threading
from functools import lru_cache

from coesfeld_desktop.search.folding import fold_word

_lock = threading.Lock()


@lru_cache(maxsize=1)
def _german_words() -> frozenset[str]:
    from spellchecker import SpellChecker  # noqa: PLC0415 - start-up time: a second's work, only for a word that matches nothing

    words = SpellChecker(language="de", distance=1).word_frequency.keys()
    return frozenset(fold_word(word) for word in words)


def is_real_word(folded: str) -> bool:
    """True if the folded word is a German dictionary word."""
    with _lock:  # one thread loads the list; the others wait for it
        words = _german_words()
    return folded in words


def warm_up() -> None:
    """Load the word list now (a worker thread may call this to spare the first search)."""
    is_real_word("")
