"""What a desk does with its needs log: record, report, queue and send to the district.

Why one facade: the command line (and later the window) call these few operations; the
categories, the suppression and the channel stay behind it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import select

from coesfeld_desktop.channel.envelope import seal
from coesfeld_desktop.channel.transport import Destination, Outbox
from coesfeld_desktop.needs.categories import Period
from coesfeld_desktop.needs.exchange import KIND, to_payload
from coesfeld_desktop.needs.log import Anliegen, NeedsLog
from coesfeld_desktop.needs.report import WRITERS, NeedsReport, Translate, build_report
from coesfeld_desktop.needs.suppression import DEFAULT_MINIMUM
from coesfeld_desktop.paths import AppPaths
from coesfeld_desktop.store.database import Database
from coesfeld_desktop.store.models import DirectoryInfo, Topic
from coesfeld_desktop.sync.signing import generate_key_pair, load_private_key

CENTRE_KEY = "centre.key"
CENTRE_PUB = "centre.pub"


class UnsupportedFormat(ValueError):
    """The report file's suffix is none of ``WRITERS``."""


class NeedsService:
    def __init__(self, database: Database, paths: AppPaths, centre_name: str = "",
                 today: Callable[[], dt.date] = dt.date.today,
                 minimum: int = DEFAULT_MINIMUM) -> None:
        self._db = database
        self._paths = paths
        self.centre_name = centre_name
        self._today = today
        self.minimum = minimum
        self.log = NeedsLog(database, lambda: self.topics(), today)
        self.outbox = Outbox(paths.home / "outbox")

    def topics(self) -> dict[str, str]:
        """The directory's topics, id -> German name."""
        with self._db.session() as session:
            rows = session.execute(select(Topic.id, Topic.name).order_by(Topic.name))
            return {str(topic_id): str(name) for topic_id, name in rows}

    def data_as_of(self) -> str:
        with self._db.session() as session:
            published = session.execute(select(DirectoryInfo.published_at)).scalar()
        return published.date().isoformat() if published else ""

    def record(self, anliegen: Anliegen) -> int:
        return self.log.record(anliegen)

    def report(self, period: Period) -> NeedsReport:
        return build_report(self.log.rows(period), period, topics=self.topics(),
                            data_as_of=self.data_as_of(), minimum=self.minimum,
                            created=self._today())

    def write_report(self, period: Period, out: Path, _: Translate) -> NeedsReport:
        writer = WRITERS.get(out.suffix.lower())
        if writer is None:
            raise UnsupportedFormat(out.suffix)
        report = self.report(period)
        writer(report, out, _)
        return report

    @property
    def key_folder(self) -> Path:
        """The centre's own signing key (not a trusted export key: kept apart from keys/)."""
        return self._paths.home / "centre-key"

    def centre_public_key(self) -> Path:
        """The centre's public key file, created on first use; the district registers it."""
        private, public = self.key_folder / CENTRE_KEY, self.key_folder / CENTRE_PUB
        if not private.exists():
            generate_key_pair(private, public, self.centre_name or "Beratungsstelle")
        return public

    def queue(self, period: Period) -> Path:
        """Seal the period's suppressed tables and put them into the outbox."""
        self.centre_public_key()
        private = load_private_key(self.key_folder / CENTRE_KEY)
        message, data = seal(KIND, self.centre_name, period.label,
                             to_payload(self.report(period)), private, self._today())
        return self.outbox.put(message.file_name, data)

    def send(self, destination: Destination) -> tuple[list[str], list[str]]:
        return self.outbox.send(destination)
