"""What the desk does with a correction: record it, seal it into the outbox, and say on the
offer "gemeldet am …" until the district's export covers it.

**Covers** means: the offer in the local directory was checked or changed by the district on
or after the day of the report (its ``assured_date`` or ``last_modified`` is that day or
later), or the offer has left the directory. An export that does not touch the offer leaves
the report shown: the district has not handled it yet.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from coesfeld_desktop.channel.transport import Outbox
from coesfeld_desktop.corrections.kinds import KINDS, MAX_TEXT
from coesfeld_desktop.paths import AppPaths
from coesfeld_desktop.store.id_lists import in_list
from coesfeld_desktop.store.rows import stored_date

if TYPE_CHECKING:  # the ORM loads when a report is made, not for the first result list
    from coesfeld_desktop.corrections.model import CorrectionReport
    from coesfeld_desktop.store.database import Database

KIND = "offer-correction"  # the message kind on the return channel
RETENTION_DAYS = 365  # a report is forgotten on the desk after a year (the district has it)


class UnknownOffer(LookupError):
    """The offer is not (or no longer) in the directory."""


@dataclass(frozen=True)
class OpenReport:
    """A report the district's export does not cover yet."""

    kind: str
    reported_on: dt.date


def clean_text(text: str) -> str:
    """One line, at most :data:`MAX_TEXT` characters."""
    return " ".join(text.split())[:MAX_TEXT]


def to_payload(report: CorrectionReport, data_as_of: str) -> dict[str, Any]:
    return {"offer_id": report.offer_id, "offer_title": report.offer_title,
            "provider": report.provider, "kind": report.kind, "text": report.text,
            "reported_on": report.reported_on.isoformat(), "data_as_of": data_as_of}


class CorrectionService:
    def __init__(self, database: Database, paths: AppPaths,
                 centre_name: Callable[[], str] = lambda: "",
                 today: Callable[[], dt.date] = dt.date.today) -> None:
        self._db = database
        self._paths = paths
        self._centre_name = centre_name
        self._today = today
        self.outbox = Outbox(paths.outbox)

    def report(self, offer_id: str, kind: str, text: str = "") -> OpenReport:
        """Record a report and seal it into the outbox (it goes with the next sync)."""
        if kind not in KINDS:
            raise ValueError(f"unknown kind of correction: {kind!r}")
        # start-up time: the signing stack (cryptography) loads when a report is made, not
        # when the store opens for the first result list
        from sqlalchemy import delete, select  # noqa: PLC0415

        from coesfeld_desktop.channel.centre_key import centre_private_key  # noqa: PLC0415
        from coesfeld_desktop.channel.envelope import seal  # noqa: PLC0415
        from coesfeld_desktop.corrections.model import CorrectionReport  # noqa: PLC0415
        from coesfeld_desktop.store.models import DirectoryInfo, Offer, Organization  # noqa: PLC0415

        today = self._today()
        with self._db.session() as session, session.begin():
            found = session.execute(
                select(Offer.title, Organization.name)
                .join(Organization, Organization.id == Offer.organization_id)
                .where(Offer.id == offer_id)).first()
            if found is None:
                raise UnknownOffer(offer_id)
            title, provider = found
            published = session.execute(select(DirectoryInfo.published_at)).scalar()
            row = CorrectionReport(offer_id=offer_id, offer_title=str(title),
                                   provider=str(provider or ""), kind=kind,
                                   text=clean_text(text), reported_on=today, message="")
            name = self._centre_name()
            message, data = seal(KIND, name, f"{today.isoformat()}-{uuid.uuid4().hex[:12]}",
                                 to_payload(row, published.date().isoformat()
                                            if published else ""),
                                 centre_private_key(self._paths, name), today)
            row.message = message.file_name
            session.execute(delete(CorrectionReport).where(
                CorrectionReport.reported_on < today - dt.timedelta(days=RETENTION_DAYS)))
            session.add(row)
            self.outbox.put(message.file_name, data)  # before the commit: never a row alone
        return OpenReport(kind, today)

    def open_reports(self, offer_id: str) -> list[OpenReport]:
        """This offer's reports the district's export does not cover yet, newest first."""
        return self.open_by_offer([offer_id]).get(offer_id, [])

    def open_by_offer(self, offer_ids: list[str] | None = None) -> dict[str, list[OpenReport]]:
        """Open reports per offer (all offers when ``offer_ids`` is None).

        Plain SQL: the result rows show the marks, and the first result list is read
        before the ORM loads (see :mod:`coesfeld_desktop.store.database`)."""
        where = ""
        params: tuple[str, ...] = ()
        if offer_ids is not None:
            if not offer_ids:
                return {}
            where = f"WHERE {in_list('r.offer_id', offer_ids)}"
            params = tuple(offer_ids)
        found: dict[str, list[OpenReport]] = {}
        with self._db.connection() as connection:
            rows = connection.execute(
                "SELECT r.offer_id, r.kind, r.reported_on, o.assured_date, o.last_modified "
                "FROM correction_report r JOIN offer o ON o.id = r.offer_id "
                f"{where} ORDER BY r.reported_on DESC, r.id DESC", params).fetchall()
        for offer_id, kind, reported_on, assured, modified in rows:
            reported = stored_date(reported_on)
            if reported is None or _covered(reported, stored_date(assured),
                                            stored_date(modified)):
                continue
            found.setdefault(str(offer_id), []).append(OpenReport(str(kind), reported))
        return found


def _covered(reported_on: dt.date, assured: dt.date | None, modified: dt.date | None) -> bool:
    """The district checked or changed the offer on or after the day of the report."""
    return ((assured is not None and assured >= reported_on)
            or (modified is not None and modified >= reported_on))
