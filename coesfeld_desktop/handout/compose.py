"""Gather what a handout prints from the store: offers in the handout language (and German).

Why separate from ``pdf``: the builder takes plain domain objects and never touches the
database; this is the one place that reads them, in a session the caller owns (a worker
thread opens its own).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy.orm import Session

from coesfeld_desktop.domain.freshness import parse_stale_months
from coesfeld_desktop.handout.pdf import (
    SOURCE_LANGUAGE,
    CentreHeader,
    HandoutContent,
    HandoutOptions,
    build_pdf,
)
from coesfeld_desktop.progress import NO_PROGRESS, Progress
from coesfeld_desktop.store.database import Database
from coesfeld_desktop.store.models import Setting
from coesfeld_desktop.store.offers import directory_status, offer_details
from coesfeld_desktop.userdata.keys import Key
from coesfeld_desktop.userdata.preset import load_preset


def load_content(session: Session, offer_ids: Sequence[str], options: HandoutOptions,
                 today: dt.date | None = None) -> HandoutContent:
    """The offers (in the order given; unknown ids skipped) and the Datenstand."""
    # a sheet names no related offers: not read (a third of the queries of a 10-offer sheet)
    offers = offer_details(session, list(offer_ids), options.language, with_related=False)
    german = (offer_details(session, list(offer_ids), SOURCE_LANGUAGE, with_related=False)
              if options.bilingual else [])
    status = directory_status(session)
    fixed = load_preset().get(Key.STALE_MONTHS)
    stored = session.get(Setting, Key.STALE_MONTHS)
    return HandoutContent(offers=offers, german=german,
                          data_as_of=status.published_at.date() if status else None,
                          created=today or dt.date.today(),
                          stale_months=parse_stale_months(
                              fixed if fixed is not None else stored.value if stored else None))


def render_handout(database: Database, offer_ids: Sequence[str], options: HandoutOptions,
                   centre: CentreHeader | None = None, progress: Progress = NO_PROGRESS,
                   today: dt.date | None = None) -> bytes:
    """Read the offers in a fresh session and build the PDF (safe on a worker thread)."""
    with database.session() as session:
        content = load_content(session, offer_ids, options, today)
    return build_pdf(content, options, centre, progress)
