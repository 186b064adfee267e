"""The milestones of growing up in NRW, read from the district-editable
``resources/milestones.toml``: what happens when, what to do, which topics' offers help.

Why a file and not code: the district keeps deadlines, sources and translations up to date
without a release, and marks what it has not confirmed yet (``confirm = true``). Why TOML:
comments for the editors, no indentation traps, and :mod:`tomllib` reads it without a
dependency. When a milestone falls for a family is computed in :mod:`.timeline`.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, cast

from coesfeld_desktop.domain.stages import STAGE_AGES
from coesfeld_desktop.i18n import N_, SOURCE_LANGUAGE, TranslatableError

FORMAT_VERSION = 1
FILE_NAME = "milestones.toml"
Anchor = Literal["birth", "school_start", "stage"]
ANCHORS: tuple[Anchor, ...] = ("birth", "school_start", "stage")
STAGE_CODES = ("pregnancy", *STAGE_AGES)
_ID = re.compile(r"[a-z0-9_]{1,40}")
_LANGUAGE = re.compile(r"[a-z]{2,3}(-[a-z0-9]+)*")


class MilestoneFileError(TranslatableError):
    """The milestones file cannot be used; :meth:`text` says why, in the UI language."""


@dataclass(frozen=True)
class Texts:
    """One text in several languages; German is the fallback."""

    by_language: tuple[tuple[str, str], ...]

    def get(self, language: str) -> str:
        texts = dict(self.by_language)
        base = language.split("-x-")[0]
        return texts.get(language) or texts.get(base) or texts[SOURCE_LANGUAGE]

    def languages(self) -> set[str]:
        return {language for language, _text in self.by_language}


@dataclass(frozen=True)
class TownNote:
    """A hint that holds only in some towns (the Kita-Navigator)."""

    towns: tuple[str, ...]
    text: Texts


@dataclass(frozen=True)
class Milestone:
    """What happens when (relative to the anchor), what to do, and what helps."""

    id: str
    anchor: Anchor
    offset_months: int  # after the anchor month; negative: before
    open_months: int  # still possible this many months after it ("jetzt")
    stages: tuple[str, ...]  # anchor "stage": while the child is in one of these
    topics: tuple[str, ...]  # topic ids whose offers help
    search: str  # German words for the best-fitting offers ("" = the topics alone)
    confirm: bool  # the district has yet to confirm the date or deadline
    source: str
    title: Texts
    todo: Texts
    town_note: TownNote | None = None

    def note_for(self, towns: tuple[str, ...]) -> Texts | None:
        """The town note if one of ``towns`` (the family's town first) uses it."""
        note = self.town_note
        if note is not None and any(town in note.towns for town in towns):
            return note.text
        return None


def _texts(raw: object, where: str, field: str) -> Texts:
    if not isinstance(raw, Mapping) or not all(isinstance(v, str) for v in raw.values()):
        raise MilestoneFileError(N_("{where}: „{field}“ fehlt oder ist kein Text je Sprache."),
                                 where=where, field=field)
    texts = cast("Mapping[str, str]", raw)
    if not texts.get(SOURCE_LANGUAGE, "").strip():
        raise MilestoneFileError(N_("{where}: „{field}“ braucht einen deutschen Text (de)."),
                                 where=where, field=field)
    for language in texts:
        if not _LANGUAGE.fullmatch(language):
            raise MilestoneFileError(N_("{where}: unbekannter Sprachcode „{code}“."),
                                     where=where, code=language)
    return Texts(tuple((language, text.strip()) for language, text in texts.items()
                       if text.strip()))


def _words(raw: object, where: str, field: str) -> tuple[str, ...]:
    if not isinstance(raw, list) or not all(isinstance(item, str) for item in raw):
        raise MilestoneFileError(N_("{where}: „{field}“ muss eine Liste von Wörtern sein."),
                                 where=where, field=field)
    return tuple(raw)


def _number(raw: Mapping[str, object], field: str, where: str, default: int | None) -> int:
    value = raw.get(field, default)
    if isinstance(value, bool) or not isinstance(value, int) or not -400 <= value <= 400:
        raise MilestoneFileError(N_("{where}: „{field}“ muss eine ganze Zahl von Monaten sein."),
                                 where=where, field=field)
    return value


def _milestone(raw: object, number: int) -> Milestone:
    where = f"[[milestone]] {number}"
    if not isinstance(raw, Mapping):
        raise MilestoneFileError(N_("{where}: kein Meilenstein."), where=where)
    ident = raw.get("id")
    if not isinstance(ident, str) or not _ID.fullmatch(ident):
        raise MilestoneFileError(N_("{where}: „id“ fehlt oder ist ungültig (a-z, 0-9, _)."),
                                 where=where)
    where = f"{where} ({ident})"
    anchor = raw.get("anchor")
    if anchor not in ANCHORS:
        raise MilestoneFileError(N_("{where}: „anchor“ muss birth, school_start oder stage "
                                    "sein."), where=where)
    stages: tuple[str, ...] = ()
    offset = open_months = 0
    if anchor == "stage":
        stages = _words(raw.get("stages"), where, "stages")
        unknown = [stage for stage in stages if stage not in STAGE_CODES]
        if not stages or unknown:
            raise MilestoneFileError(N_("{where}: unbekannte Lebensphase in „stages“: "
                                        "{values}."), where=where, values=", ".join(unknown))
    else:
        offset = _number(raw, "offset_months", where, None)
        open_months = _number(raw, "open_months", where, 0)
        if open_months < 0:
            raise MilestoneFileError(N_("{where}: „open_months“ darf nicht negativ sein."),
                                     where=where)
    note = raw.get("town_note")
    town_note = None
    if isinstance(note, Mapping):
        town_note = TownNote(_words(note.get("towns", []), where, "town_note.towns"),
                             _texts(note.get("text"), where, "town_note.text"))
    search, source, confirm = raw.get("search", ""), raw.get("source", ""), raw.get("confirm")
    if not isinstance(search, str) or not isinstance(source, str) or not source.strip():
        raise MilestoneFileError(N_("{where}: „source“ (die Quelle) fehlt."), where=where)
    if not isinstance(confirm, bool):
        raise MilestoneFileError(N_("{where}: „confirm“ muss true oder false sein."),
                                 where=where)
    return Milestone(ident, cast("Anchor", anchor), offset, open_months, stages,
                     _words(raw.get("topics"), where, "topics"), search.strip(), confirm,
                     source.strip(), _texts(raw.get("title"), where, "title"),
                     _texts(raw.get("todo"), where, "todo"), town_note)


def parse_milestones(text: str) -> tuple[Milestone, ...]:
    """The milestones of a file's text; :class:`MilestoneFileError` says what is wrong."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise MilestoneFileError(N_("Die Datei ist kein gültiges TOML: {error}"),
                                 error=str(error)) from error
    if data.get("format_version") != FORMAT_VERSION:
        raise MilestoneFileError(N_("Unbekannte format_version (erwartet: {version})."),
                                 version=FORMAT_VERSION)
    raw = data.get("milestone")
    if not isinstance(raw, list) or not raw:
        raise MilestoneFileError(N_("Die Datei enthält keine Meilensteine ([[milestone]])."))
    milestones = tuple(_milestone(item, number) for number, item in enumerate(raw, 1))
    seen: set[str] = set()
    for milestone in milestones:
        if milestone.id in seen:
            raise MilestoneFileError(N_("Die id „{id}“ kommt zweimal vor."), id=milestone.id)
        seen.add(milestone.id)
    return milestones


def load_milestones(path: Path) -> tuple[Milestone, ...]:
    """The milestones in the file ``path`` (the bundled one: ``resources/`` + FILE_NAME)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise MilestoneFileError(N_("Die Meilenstein-Datei {path} kann nicht gelesen werden: "
                                    "{error}"), path=str(path), error=str(error)) from error
    return parse_milestones(text)
