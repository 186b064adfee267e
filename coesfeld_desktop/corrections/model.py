"""The desk's own reports (migration 8): kept to show "gemeldet am …" on the offer until the
district's export covers it; the signed message itself waits in the outbox.

Why the title and provider are copied: the report must still read sensibly when the offer
has left the directory. No person is named: the centre is the sender.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from coesfeld_desktop.store.models import Base


class CorrectionReport(Base):
    __tablename__ = "correction_report"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    offer_id: Mapped[str] = mapped_column(String(100), index=True)  # no FK: offers go
    offer_title: Mapped[str] = mapped_column(String(300))
    provider: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(20))  # corrections.kinds.KINDS
    text: Mapped[str] = mapped_column(String(200))  # optional short hint, "" when none
    reported_on: Mapped[dt.date] = mapped_column(Date)
    message: Mapped[str] = mapped_column(String(200))  # the outbox file that carries it
