"""Recording Anliegen and failed searches: the only writer of the needs log.

Why a service with checks rather than plain inserts: every value is checked against the fixed
categories before it reaches the database, so the log cannot hold anything else - whatever a
caller passes. The log keeps counts per combination of categories and calendar week
(``need_count``): recording adds one, and reading a million needs means reading the
combinations, grouped by the database in the table's key order. Retention: weeks older than
:data:`RETENTION_MONTHS` are deleted on every write (and by ``purge``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import NamedTuple

from sqlalchemy import delete, func, literal, select
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.orm import Session

from coesfeld_desktop.needs.categories import (
    LANGUAGES,
    OUTCOMES,
    REASONS,
    STAGES,
    UNKNOWN,
    UNREACHABLE,
    CategoryError,
    Period,
    check,
    check_town,
    iso_week,
)
from coesfeld_desktop.needs.model import (
    NEED_KEY,
    FailedSearch,
    NeedCount,
    NeedPlaceWeek,
)
from coesfeld_desktop.store.database import Database

RETENTION_MONTHS = 24
MAX_WORDS = 3  # a failed search keeps at most this many (known) words


@dataclass(frozen=True)
class Anliegen:
    """What a counsellor records at the end of a conversation: categories only."""

    topics: tuple[str, ...]
    outcome: str
    town: str = UNKNOWN
    stage: str = UNKNOWN
    language: str = UNKNOWN
    reason: str = UNKNOWN


class NeedRow(NamedTuple):
    """``count`` needs of one combination of categories (a tuple: the analysis builds tens
    of thousands of them)."""

    week: str
    town: str
    stage: str
    topic: str
    language: str
    outcome: str
    reason: str
    count: int = 1  # type: ignore[assignment]  # hides tuple.count(), which nobody calls


class NeedsLog:
    """Write and read the needs log of this desk.

    ``topics`` returns the directory's topic ids (a record names one of them or is refused);
    ``today`` is injectable so tests can record in any week.
    """

    def __init__(self, database: Database, topics: Callable[[], Iterable[str]],
                 today: Callable[[], dt.date] = dt.date.today,
                 retention_months: int = RETENTION_MONTHS) -> None:
        self._db = database
        self._topics = topics
        self._today = today
        self.retention_months = retention_months

    def _checked(self, anliegen: Anliegen) -> list[NeedRow]:
        if not anliegen.topics:
            raise CategoryError("topic", "", ["mindestens ein Thema"])
        known = set(self._topics())
        week = iso_week(self._today())
        town = check_town(anliegen.town) if anliegen.town else UNKNOWN
        stage = check("stage", anliegen.stage, [UNKNOWN, *STAGES])
        language = check("language", anliegen.language, [UNKNOWN, *LANGUAGES])
        outcome = check("outcome", anliegen.outcome, list(OUTCOMES))
        reason = check("reason", anliegen.reason, [UNKNOWN, *REASONS])
        if reason and outcome != UNREACHABLE:
            raise CategoryError("reason", reason, [UNKNOWN])
        rows = []
        for topic in dict.fromkeys(anliegen.topics):
            rows.append(NeedRow(week, town, stage, check("topic", topic, sorted(known)),
                                language, outcome, reason))
        return rows

    def record(self, anliegen: Anliegen) -> int:
        """Count one Anliegen (one need per topic); returns how many needs were counted."""
        rows = self._checked(anliegen)
        add_one = insert(NeedCount).on_conflict_do_update(
            index_elements=list(NEED_KEY), set_={"count": NeedCount.count + 1})
        with self._db.session() as session, session.begin():
            session.execute(add_one, [row._asdict() for row in rows])
            self._purge(session)
        return len(rows)

    def count_failed_search(self, *, town: str = UNKNOWN, stage: str = UNKNOWN,
                            topic: str = UNKNOWN, language: str = UNKNOWN,
                            words: Iterable[str] = (),
                            known_word: Callable[[str], bool] = lambda _word: False) -> None:
        """Count a search that found nothing, by its filters.

        The typed words are kept only when *every* word is ``known_word`` (the directory's
        vocabulary, the synonyms, the crisis list) - never text that could be a name.
        """
        town = check_town(town) if town else UNKNOWN
        stage = check("stage", stage, [UNKNOWN, *STAGES])
        language = check("language", language, [UNKNOWN, *LANGUAGES])
        topic = check("topic", topic, [UNKNOWN, *self._topics()]) if topic else UNKNOWN
        typed = [word.casefold() for word in words if word.strip()]
        kept = " ".join(typed) if typed and len(typed) <= MAX_WORDS and all(
            known_word(word) for word in typed) else ""
        key = (iso_week(self._today()), town, stage, topic, language, kept)
        with self._db.session() as session, session.begin():
            row = session.get(FailedSearch, key)
            if row is None:
                session.add(FailedSearch(week=key[0], town=town, stage=stage, topic=topic,
                                         language=language, words=kept, count=1))
            else:
                row.count += 1
            self._purge(session)

    def rows(self, period: Period | None = None) -> list[NeedRow]:
        """Every stored combination of ``period`` with its count."""
        return self.grouped(period, by_language=True)

    def grouped(self, period: Period | None = None, *, topic: str | None = None,
                language: str | None = None, by_week: bool = True, by_place: bool = True,
                by_topic: bool = True, by_language: bool = False) -> list[NeedRow]:
        """The needs counted by the database: one row per distinct combination of the kept
        columns, with its ``count`` - what the analysis and the reports read. ``topic``/
        ``language`` filter; the ``by_*`` flags keep those columns (a dropped column comes
        back as ``""``; ``by_place`` keeps town, stage, outcome and reason). The analysis
        and the reports keep a prefix of the table's key, so SQLite streams the groups in
        key order instead of sorting a million rows; without topic and language they are
        read from ``need_place_week``, the same counts over all topics and languages."""
        kept = {"week": by_week, "town": by_place, "stage": by_place, "topic": by_topic,
                "language": by_language, "outcome": by_place, "reason": by_place}
        every_topic_and_language = not (by_topic or by_language) and topic is None \
            and language is None
        table = (NeedPlaceWeek if every_topic_and_language else NeedCount).__table__
        columns = [table.c[name] if keep else literal(UNKNOWN).label(name)
                   for name, keep in kept.items()]
        query = select(*columns, func.sum(table.c.count)).group_by(
            *(table.c[name] for name in NEED_KEY if kept[name]))
        if period is not None:
            first, last = period.weeks()
            query = query.where(table.c.week >= first, table.c.week <= last)
        if topic is not None:
            query = query.where(table.c.topic == topic)
        if language is not None:
            query = query.where(table.c.language == language)
        with self._db.engine.connect() as connection:  # Core: no ORM rows to build
            found = connection.execute(query).all()
        return [NeedRow._make(row) for row in found]

    def for_analysis(self, period: Period | None = None, *, topic: str | None = None,
                     language: str | None = None) -> list[NeedRow]:
        """What the analysis grid reads: the needs per place (week ``""``) and per week
        (place ``""``), or per place and week, for ``topic`` and ``language`` (all when
        ``None``); whichever the database reads fastest. Over all topics and languages two
        small groupings of ``need_place_week`` (a few hundred rows come back); for one topic
        or language one streaming grouping of ``need_count`` (sorting its matches would
        cost more than handing over one row per place and week)."""
        if topic is None and language is None:
            return self.grouped(period, by_week=False, by_topic=False) + \
                self.grouped(period, by_place=False, by_topic=False)
        return self.grouped(period, topic=topic, language=language,
                            by_topic=topic is not None, by_language=language is not None)

    def failed_searches(self) -> list[tuple[str, str, str, str, str, str, int]]:
        with self._db.session() as session:
            return [tuple(row) for row in session.execute(select(  # type: ignore[misc]
                FailedSearch.week, FailedSearch.town, FailedSearch.stage, FailedSearch.topic,
                FailedSearch.language, FailedSearch.words, FailedSearch.count))]

    def count(self) -> int:
        """How many needs the log holds."""
        with self._db.session() as session:
            return int(session.execute(
                select(func.coalesce(func.sum(NeedCount.count), 0))).scalar_one())

    def oldest_kept_week(self) -> str:
        today = self._today()
        months = today.year * 12 + today.month - 1 - self.retention_months
        return iso_week(dt.date(months // 12, months % 12 + 1, 1))

    def _purge(self, session: Session) -> None:
        oldest = self.oldest_kept_week()
        session.execute(delete(NeedCount).where(NeedCount.week < oldest))
        session.execute(delete(FailedSearch).where(FailedSearch.week < oldest))

    def purge(self) -> None:
        """Delete everything older than the retention period (also done on every write)."""
        with self._db.session() as session, session.begin():
            self._purge(session)

    def clear(self) -> None:
        """Delete the whole needs log of this desk."""
        with self._db.session() as session, session.begin():
            session.execute(delete(NeedCount))
            session.execute(delete(FailedSearch))
