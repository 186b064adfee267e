"""The needs log's tables: codes, calendar weeks and counts, nothing else (migrations 5, 7, 10).

Why no id of a person, no date and no free text: the columns *are* the privacy rule. A row
says "in week 2026-W49, ``count`` needs for topic X at stage Y in town Z, family language L,
had outcome O (reason R)"; not even the order of the needs within a week is kept. Failed
searches are counted the same way.
"""

from __future__ import annotations

from sqlalchemy import Integer, PrimaryKeyConstraint, String
from sqlalchemy.orm import Mapped, mapped_column

from coesfeld_desktop.store.models import Base

# The key, in the order the analysis groups by (see migration 7 for why this order).
NEED_KEY = ("week", "town", "stage", "outcome", "reason", "topic", "language")
PLACE_WEEK_KEY = NEED_KEY[:5]


class NeedCount(Base):
    """How many needs of one combination of categories were recorded in one week (an
    Anliegen with three topics adds one to three rows)."""

    __tablename__ = "need_count"
    __table_args__ = (PrimaryKeyConstraint(*NEED_KEY), {"sqlite_with_rowid": False})

    week: Mapped[str] = mapped_column(String(8))  # ISO calendar week, "2026-W49"
    town: Mapped[str] = mapped_column(String(40))  # "" = not given
    stage: Mapped[str] = mapped_column(String(20))  # needs.categories.STAGES or ""
    topic: Mapped[str] = mapped_column(String(100))  # a directory topic id
    language: Mapped[str] = mapped_column(String(10))  # the family's language or ""
    outcome: Mapped[str] = mapped_column(String(20))  # needs.categories.OUTCOMES
    reason: Mapped[str] = mapped_column(String(20))  # needs.categories.REASONS or ""
    count: Mapped[int] = mapped_column(Integer)


class NeedPlaceWeek(Base):
    """``need_count`` over all topics and languages: what the first view reads (derived data,
    kept by the triggers of migration 10 whoever writes ``need_count``)."""

    __tablename__ = "need_place_week"
    __table_args__ = (PrimaryKeyConstraint(*PLACE_WEEK_KEY), {"sqlite_with_rowid": False})

    week: Mapped[str] = mapped_column(String(8))
    town: Mapped[str] = mapped_column(String(40))
    stage: Mapped[str] = mapped_column(String(20))
    outcome: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(String(20))
    count: Mapped[int] = mapped_column(Integer)


class FailedSearch(Base):
    """How often a search with these filters found nothing, per calendar week."""

    __tablename__ = "failed_search"

    week: Mapped[str] = mapped_column(String(8), primary_key=True)
    town: Mapped[str] = mapped_column(String(40), primary_key=True)
    stage: Mapped[str] = mapped_column(String(20), primary_key=True)
    topic: Mapped[str] = mapped_column(String(100), primary_key=True)
    language: Mapped[str] = mapped_column(String(10), primary_key=True)
    # the searched words, only when every word is known to the directory's vocabulary
    words: Mapped[str] = mapped_column(String(200), primary_key=True)
    count: Mapped[int] = mapped_column(Integer)
