"""Help in a crisis: when a search names violence, abuse, suicide or homelessness, the
window, the command line and the handout show the helplines first ("Hilfe in Notlagen").

Why in the search layer: whether a search text names a crisis is a question about its
words, answered the same way for every caller and without Qt. The words and the numbers
come from ``resources/crisis.txt``, which the district edits (see its header): national
helplines under ``[Bundesweit]``, the district's own contacts under ``[Kreis]``.

A crisis word matches a typed word that equals it, is a form of it (Snowball/simplemma
stems, :mod:`.word_forms`) or begins with it ("Gewalttätigkeit", "Suizidgedanken"); a
crisis phrase ("häusliche Gewalt") matches its words in a row.

The handout prints the helplines too (:func:`sheet_crisis_help`): their names and notes are
messages of the ``handout`` catalogs, extracted from the file by :func:`babel_extract`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import IO, Any

from coesfeld_desktop.domain.helpline import Helpline
from coesfeld_desktop.paths import resource_dir
from coesfeld_desktop.search.folding import fold_word, split_words, tokens
from coesfeld_desktop.search.word_forms import word_stems

MIN_BEGINNING = 5  # a typed word beginning with a crisis word this long is a form of it


@dataclass(frozen=True)
class CrisisHelp:
    """What to show when a search names a crisis."""

    words: tuple[str, ...]  # the crisis words found in the search, as written in the list
    helplines: tuple[Helpline, ...]


@dataclass(frozen=True)
class CrisisList:
    terms: tuple[tuple[tuple[str, ...], str], ...]  # (folded words, as written)
    helplines: tuple[Helpline, ...]

    def find(self, text: str) -> CrisisHelp | None:
        """The help to show for a search ``text``, or None when it names no crisis."""
        typed = split_words(text[:2000])
        if not typed or not self.terms:
            return None
        words = [fold_word(word) for word in typed]
        forms = [{word, *word_stems(raw)} for word, raw in zip(words, typed, strict=True)]
        found = [label for term, label in self.terms if _contains(words, forms, term)]
        if not found:
            return None
        return CrisisHelp(tuple(dict.fromkeys(found)), self.helplines)


def _contains(words: list[str], forms: list[set[str]], term: tuple[str, ...]) -> bool:
    for start in range(len(words) - len(term) + 1):
        if all(_same(words[start + i], forms[start + i], part) for i, part in enumerate(term)):
            return True
    return False


def _same(word: str, forms: set[str], part: str) -> bool:
    if word == part or part in forms:
        return True
    return len(part) >= MIN_BEGINNING and word.startswith(part)


def parse_crisis(text: str) -> CrisisList:
    """Read the crisis file's sections (see ``resources/crisis.txt``)."""
    section = ""
    terms: list[tuple[tuple[str, ...], str]] = []
    helplines: list[Helpline] = []
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip() if not raw.lstrip().startswith("#") else ""
        if not line:
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1].strip().casefold()
            continue
        if section in ("wörter", "words"):
            for label in (item.strip() for item in line.split(",")):
                term = tuple(tokens(label))
                if term and all(existing != term for existing, _label in terms):
                    terms.append((term, label))
        elif section in ("bundesweit", "national", "kreis", "district"):
            name, number, note = [*(part.strip() for part in line.split("|")), "", ""][:3]
            if name and number:
                helplines.append(Helpline(name, number, note,
                                          district=section in ("kreis", "district")))
    return CrisisList(tuple(terms), tuple(helplines))


def load_crisis_list(path: Path | None = None) -> CrisisList:
    """The crisis file (default: the bundled ``resources/crisis.txt``); empty if missing."""
    path = resource_dir() / "crisis.txt" if path is None else path
    try:
        return parse_crisis(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return CrisisList((), ())


@lru_cache(maxsize=1)
def default_crisis_list() -> CrisisList:
    """The bundled crisis list, read once per process."""
    return load_crisis_list()


def crisis_help(text: str) -> CrisisHelp | None:
    """The help to show for a search ``text`` (the handout and the window call this)."""
    return default_crisis_list().find(text)


def sheet_crisis_help(offers: Iterable[tuple[str, Sequence[str]]]) -> CrisisHelp | None:
    """The help a handout offers to print when one of its ``offers`` (German title and topic
    names of each) is about a crisis: "bei häuslicher Gewalt", "Kinderschutz", "Krisenhilfe"."""
    words = [word for title, topics in offers
             if (found := crisis_help(" ".join((title, *topics)))) is not None
             for word in found.words]
    if not words:
        return None
    return CrisisHelp(tuple(dict.fromkeys(words)), default_crisis_list().helplines)


def babel_extract(fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: Any
                  ) -> Iterator[tuple[int, None, str, list[str]]]:
    """Babel extractor (``tools/i18n.py``): the helplines' names and notes of a crisis file,
    as messages of the ``handout`` catalogs, so that a handout prints them translated.
    (babel passes ``keywords``, ``comment_tags`` and ``options`` by name; none apply.)"""
    del keywords, comment_tags, options
    for line in parse_crisis(fileobj.read().decode("utf-8")).helplines:
        yield 0, None, line.name, ["a helpline's name, from resources/crisis.txt"]
        if line.note:
            yield 0, None, line.note, ["when and how a helpline answers (crisis.txt)"]
