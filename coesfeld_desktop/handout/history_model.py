"""The handout history table: which offers, which language, when — nothing about the client.

Why its own module: the table belongs to the handout feature; it registers on the shared
``Base`` so one metadata describes the whole database; migration 3
(``store/migrations/v003_handout_history.py``) creates it.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from coesfeld_desktop.store.models import Base


class HandoutRecord(Base):
    """One printed or saved handout. The counsellor's note is deliberately not stored."""

    __tablename__ = "handout_history"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    language: Mapped[str] = mapped_column(String(20))
    layout: Mapped[str] = mapped_column(String(20))
    large_print: Mapped[bool] = mapped_column(Boolean, default=False)
    offer_ids: Mapped[str] = mapped_column(Text)  # JSON list, in printed order
    titles: Mapped[str] = mapped_column(Text)  # JSON list of German titles, for the list view

