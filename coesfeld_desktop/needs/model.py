"""The needs log's tables: codes and calendar weeks, nothing else (migration 5).

Why no id of a person, no date and no free text: the columns *are* the privacy rule. A
record says "in week 2026-W49 a need for topic X at stage Y in town Z, family language L,
had outcome O (reason R)". Failed searches are counted the same way.
"""

from __future__ import annotations

from sqlalchemy import Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from coesfeld_desktop.store.models import Base


class NeedRecord(Base):
    """One need of one Anliegen (an Anliegen with three topics is three records)."""

    __tablename__ = "need_record"
    __table_args__ = (Index("ix_need_record_week", "week"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    week: Mapped[str] = mapped_column(String(8))  # ISO calendar week, "2026-W49"
    town: Mapped[str] = mapped_column(String(40))  # "" = not given
    stage: Mapped[str] = mapped_column(String(20))  # needs.categories.STAGES or ""
    topic: Mapped[str] = mapped_column(String(100))  # a directory topic id
    language: Mapped[str] = mapped_column(String(10))  # the family's language or ""
    outcome: Mapped[str] = mapped_column(String(20))  # needs.categories.OUTCOMES
    reason: Mapped[str] = mapped_column(String(20))  # needs.categories.REASONS or ""


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
