"""Synonym groups from ``resources/synonyms.txt``: a query word from a group finds the group.

Why a plain text file: counsellors and the district can read and extend it without code;
one group per line, comma-separated, ``#`` starts a comment (see the file's header).
Members are folded like everything else, so ``Kindertagesstätte`` and ``kindertagesstaette``
are the same member; a member may be several words ("Deutsch lernen").
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from coesfeld_desktop.paths import resource_dir
from coesfeld_desktop.search.folding import tokens
from coesfeld_desktop.search.word_forms import word_stems

Member = tuple[str, ...]  # the folded words of one synonym

MIN_PREFIX = 4  # the word being typed expands by prefix only from this many letters
MAX_PREFIX_GROUPS = 2  # ... and only if it begins at most this many members


@dataclass(frozen=True)
class SynonymGroup:
    labels: tuple[str, ...]  # as written in the file, for suggestions
    members: tuple[Member, ...]  # folded, same order as ``labels``


@dataclass(frozen=True)
class SynonymMatch:
    """Query words ``start`` up to ``end`` (exclusive) matched a member of ``groups``."""

    start: int
    end: int
    groups: tuple[SynonymGroup, ...]


def parse_synonyms(lines: Iterable[str]) -> tuple[SynonymGroup, ...]:
    groups: list[SynonymGroup] = []
    for raw in lines:
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        labels: list[str] = []
        members: list[Member] = []
        for label in (item.strip() for item in line.split(",")):
            member = tuple(tokens(label))
            if member and member not in members:
                labels.append(label)
                members.append(member)
        if len(members) > 1:
            groups.append(SynonymGroup(tuple(labels), tuple(members)))
    return tuple(groups)


class Synonyms:
    """Looks query words up in the synonym groups."""

    def __init__(self, groups: Sequence[SynonymGroup]) -> None:
        self.groups = tuple(groups)
        self._by_first: dict[str, list[tuple[Member, SynonymGroup]]] = {}
        for group in self.groups:
            for member in group.members:
                self._by_first.setdefault(member[0], []).append((member, group))
        # longest members first, so "deutsch lernen" wins over a one-word "deutsch"
        for entries in self._by_first.values():
            entries.sort(key=lambda entry: -len(entry[0]))
        singles = sorted(
            ((member[0], group) for group in self.groups for member in group.members
             if len(member) == 1),
            key=lambda entry: entry[0],
        )
        self._single_words = [word for word, _group in singles]
        self._by_form: dict[str, list[tuple[Member, SynonymGroup]]] | None = None
        self._single_groups = [group for _word, group in singles]

    @classmethod
    def from_file(cls, path: Path | None = None) -> Synonyms:
        """Load a synonym file (default: the bundled ``resources/synonyms.txt``)."""
        path = resource_dir() / "synonyms.txt" if path is None else path
        try:
            text = Path(path).read_text(encoding="utf-8")
        except FileNotFoundError:
            return cls(())
        return cls(parse_synonyms(text.splitlines()))

    def groups_with_word(self, word: str) -> tuple[SynonymGroup, ...]:
        """The groups that have the folded ``word`` as a one-word member."""
        at = bisect.bisect_left(self._single_words, word)
        found: list[SynonymGroup] = []
        while at < len(self._single_words) and self._single_words[at] == word:
            if self._single_groups[at] not in found:
                found.append(self._single_groups[at])
            at += 1
        return tuple(found)

    def words_starting(self, prefix: str) -> list[str]:
        """One-word members that ``prefix`` (at least :data:`MIN_PREFIX` letters) begins:
        what a word still being typed may become ("hebam" → "hebamme")."""
        if len(prefix) < MIN_PREFIX:
            return []
        start = bisect.bisect_left(self._single_words, prefix)
        found: list[str] = []
        for word in self._single_words[start:]:
            if not word.startswith(prefix):
                break
            if word not in found:
                found.append(word)
        return found

    def members(self) -> list[tuple[Member, SynonymGroup]]:
        """Every (member, group) pair, for spelling suggestions."""
        return [(member, group) for group in self.groups for member in group.members]

    def match(self, words: Sequence[str], prefix_last: bool = True,
              forms: Sequence[Iterable[str]] = ()) -> list[SynonymMatch]:
        """Non-overlapping synonym matches in folded ``words``, left to right.

        A word matches a member it equals; the last word (still being typed) also matches
        members it is a prefix of, from :data:`MIN_PREFIX` letters on. With ``forms`` (the
        stems of each word, :mod:`.word_forms`) a member also matches words that share a
        stem with its words ("language courses" → "language course").
        """
        found: list[SynonymMatch] = []
        i = 0
        last = len(words) - 1
        while i < len(words):
            match = self._match_at(words, i, prefix_last, last)
            if match is None and forms:
                match = self._form_match_at(words, forms, i)
            if match is None:
                i += 1
                continue
            found.append(match)
            i = match.end
        return found

    def _form_match_at(self, words: Sequence[str], forms: Sequence[Iterable[str]], i: int
                       ) -> SynonymMatch | None:
        """The longest member whose words share a form with ``words[i:]``, one by one."""
        keys = [{words[j], *forms[j]} if j < len(forms) else {words[j]}
                for j in range(i, len(words))]
        best: tuple[Member, ...] = ()
        for key in keys[0]:
            for member, _group in self._members_by_form().get(key, ()):
                if len(member) > len(keys) or (best and len(member) <= len(best[0])):
                    continue
                if all(_member_forms(part) & keys[k] for k, part in enumerate(member)):
                    best = (member,)
        if not best:
            return None
        member = best[0]
        return SynonymMatch(i, i + len(member), self._groups_of(member))

    def warm_up(self) -> None:
        """Find every member's word forms now: the first search with a word the lists do
        not hold as typed would otherwise load the lemma dictionaries (≈ 1 s)."""
        self._members_by_form()

    def _members_by_form(self) -> dict[str, list[tuple[Member, SynonymGroup]]]:
        """Members by every form of their first word (built on first use)."""
        if self._by_form is None:
            by_form: dict[str, list[tuple[Member, SynonymGroup]]] = {}
            for group in self.groups:
                for member in group.members:
                    for form in _member_forms(member[0]):
                        by_form.setdefault(form, []).append((member, group))
            self._by_form = by_form
        return self._by_form

    def _match_at(self, words: Sequence[str], i: int, prefix_last: bool, last: int
                  ) -> SynonymMatch | None:
        for member, group in self._by_first.get(words[i], ()):
            end = i + len(member)
            if end > len(words):
                continue
            if tuple(words[i:end]) == member:
                return SynonymMatch(i, end, self._groups_of(words[i:end]))
            # "deutsch lern" while typing: all but the last equal, the last a prefix
            if (prefix_last and end - 1 == last and len(member) > 1
                    and tuple(words[i:end - 1]) == member[:-1]
                    and member[-1].startswith(words[end - 1])):
                return SynonymMatch(i, end, (group,))
        if prefix_last and i == last and len(words[i]) >= MIN_PREFIX:
            groups = self._prefix_groups(words[i])
            if groups:
                return SynonymMatch(i, i + 1, groups)
        return None

    def _groups_of(self, member: Sequence[str]) -> tuple[SynonymGroup, ...]:
        """The groups with this member, and the groups headed by their first members: a
        family's word ("language course") means the German term its line starts with
        ("Sprachkurs") and what a line headed by that term lists."""
        key = tuple(member)
        direct = [g for g in self.groups if key in g.members]
        anchors = {g.members[0] for g in direct}
        return tuple(g for g in self.groups if g in direct or g.members[0] in anchors)

    def _prefix_groups(self, prefix: str) -> tuple[SynonymGroup, ...]:
        """The groups of the one-word members ``prefix`` begins, if it begins at most
        :data:`MAX_PREFIX_GROUPS` different words (a word may be in several groups: the
        German one and those of other languages anchored on it)."""
        groups: list[SynonymGroup] = []
        words: set[str] = set()
        start = bisect.bisect_left(self._single_words, prefix)
        for word, group in zip(self._single_words[start:], self._single_groups[start:],
                               strict=True):
            if not word.startswith(prefix):
                break
            words.add(word)
            if group not in groups:
                groups.append(group)
        return tuple(groups) if len(words) <= MAX_PREFIX_GROUPS else ()


@lru_cache(maxsize=4096)
def _member_forms(word: str) -> frozenset[str]:
    """A member word and its stems (members are folded; the stemmers cope with that)."""
    return frozenset((word, *word_stems(word)))


@lru_cache(maxsize=1)
def default_synonyms() -> Synonyms:
    """The bundled synonym list, loaded once per process."""
    return Synonyms.from_file()
