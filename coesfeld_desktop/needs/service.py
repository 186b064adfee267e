"""What a desk does with its needs log: record, report, queue and send to the district.

Why one facade: the command line (and later the window) call these few operations; the
categories, the suppression and the channel stay behind it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import select

from coesfeld_desktop.channel.centre_key import centre_private_key, centre_public_key, key_folder
from coesfeld_desktop.channel.envelope import seal
from coesfeld_desktop.channel.transport import Destination, Outbox
from coesfeld_desktop.i18n import SOURCE_LANGUAGE, Translate
from coesfeld_desktop.needs.analysis import Analysis, analyse
from coesfeld_desktop.needs.categories import Period
from coesfeld_desktop.needs.coverage import DirectoryFacts, coverage, read_population
from coesfeld_desktop.needs.demo import demo_rows
from coesfeld_desktop.needs.exchange import KIND, to_payload
from coesfeld_desktop.needs.log import Anliegen, NeedRow, NeedsLog
from coesfeld_desktop.needs.report import NeedsReport, build_report
from coesfeld_desktop.needs.suppression import DEFAULT_MINIMUM
from coesfeld_desktop.needs.writers import WRITERS
from coesfeld_desktop.paths import AppPaths, resource_dir
from coesfeld_desktop.progress import NO_PROGRESS, Progress
from coesfeld_desktop.store.database import Database
from coesfeld_desktop.store.models import DirectoryInfo, Offer, OfferTopic, Topic
from coesfeld_desktop.store.offers import topic_names

_WORD = re.compile(r"\w+")
POPULATION_FILE = "population.csv"
DEMO_POPULATION = "needs/demo-population.csv"
ANALYSIS_STEPS = 3  # the directory's offers, the needs, the grid


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
        self.outbox = Outbox(paths.outbox)
        self._facts: tuple[tuple[object, ...], DirectoryFacts] | None = None
        self._vocabulary: tuple[str, frozenset[str]] | None = None

    def topics(self, language: str = SOURCE_LANGUAGE) -> dict[str, str]:
        """The directory's topics, id -> name in ``language`` (German where not translated),
        sorted by name."""
        with self._db.session() as session:
            return topic_names(session, language)

    def topics_of(self, offer_ids: list[str]) -> list[str]:
        """The topics of these offers (to pre-fill an Anliegen from the conversation's list)."""
        with self._db.session() as session:
            found = session.execute(select(OfferTopic.topic_id).where(
                OfferTopic.offer_id.in_(offer_ids)).distinct())
            return sorted(str(topic) for topic in found.scalars())

    def offer_titles(self, offer_ids: list[str]) -> dict[str, str]:
        with self._db.session() as session:
            rows = session.execute(select(Offer.id, Offer.title).where(Offer.id.in_(offer_ids)))
            return {str(offer_id): str(title) for offer_id, title in rows}

    def data_as_of(self) -> str:
        with self._db.session() as session:
            published = session.execute(select(DirectoryInfo.published_at)).scalar()
        return published.date().isoformat() if published else ""

    def is_demo(self) -> bool:
        with self._db.session() as session:
            return bool(session.execute(select(DirectoryInfo.is_demo)).scalar())

    def population(self) -> tuple[dict[tuple[str, str], int], bool]:
        """Children per town and stage: the planner's imported figures, or the demo's
        examples while the demo directory is loaded; the flag says "examples"."""
        own = self._paths.home / POPULATION_FILE
        if own.is_file():
            return read_population(own), False
        if self.is_demo():
            return read_population(resource_dir() / DEMO_POPULATION), True
        return {}, False

    def import_population(self, source: Path) -> int:
        """Check and keep a planner's population CSV; returns how many figures it has."""
        figures = read_population(source)  # ValueError names the bad line
        (self._paths.home / POPULATION_FILE).write_bytes(source.read_bytes())
        return len(figures)

    def analysis(self, topic: str | None = None, language: str | None = None,
                 period: Period | None = None, progress: Progress = NO_PROGRESS) -> Analysis:
        """The town × stage grid; the directory's facts are read once per loaded directory.
        Slow the first time at district scale (about a second at 100,000 offers): the
        window runs it off the GUI thread, ``progress`` counts its three steps."""
        progress.step(0, ANALYSIS_STEPS)
        offers = coverage(self._offer_facts(), topic, language)
        progress.step(1, ANALYSIS_STEPS)
        rows = self.rows(period, topic=topic, language=language)
        progress.step(2, ANALYSIS_STEPS)
        population, _examples = self.population()
        grid = analyse(offers, rows, language=language, population=population)
        progress.step(3, ANALYSIS_STEPS)
        return grid

    def _loaded(self) -> tuple[object, ...]:
        """Which directory is loaded, changed by every sync (not only its publishing day)."""
        with self._db.session() as session:
            return tuple(session.execute(select(
                DirectoryInfo.directory_id, DirectoryInfo.sequence,
                DirectoryInfo.imported_at)).first() or ())

    def _offer_facts(self) -> DirectoryFacts:
        """The directory's facts, read once per loaded directory."""
        stand = self._loaded()
        if self._facts is None or self._facts[0] != stand:
            self._facts = (stand, DirectoryFacts(self._db))
        return self._facts[1]

    def known_word(self, word: str) -> bool:
        """True for a word of the directory's own vocabulary (offer titles, topic names,
        the district's synonyms): only such words of a failed search are kept."""
        stand = self.data_as_of()
        if self._vocabulary is None or self._vocabulary[0] != stand:
            self._vocabulary = (stand, self._read_vocabulary())
        return word.casefold() in self._vocabulary[1]

    def _read_vocabulary(self) -> frozenset[str]:
        words: set[str] = set()
        with self._db.session() as session:
            for (text,) in session.execute(select(Offer.title).union(select(Topic.name))):
                words.update(_WORD.findall(str(text).casefold()))
        synonyms = resource_dir() / "synonyms.txt"
        if synonyms.is_file():
            for line in synonyms.read_text(encoding="utf-8").splitlines():
                if not line.lstrip().startswith("#"):
                    words.update(_WORD.findall(line.casefold()))
        return frozenset(words)

    def record(self, anliegen: Anliegen) -> int:
        return self.log.record(anliegen)

    def rows(self, period: Period | None = None, *, topic: str | None = None,
             language: str | None = None, by_topic: bool = False) -> list[NeedRow]:
        """The recorded needs, counted by the database: by week, place and topic for a
        report (``by_topic``), else as the analysis grid reads them
        (:meth:`NeedsLog.for_analysis`); while the demo directory is loaded, plus a synthetic
        year of demo needs (never stored, see ``needs.demo``)."""
        recorded = self.log.grouped(period, topic=topic, language=language,
                                    by_language=language is not None) if by_topic else \
            self.log.for_analysis(period, topic=topic, language=language)
        if not self.is_demo():
            return recorded
        synthetic = [row for row in demo_rows(self.topics(), self._offer_facts().offered(),
                                              self._today())
                     if (period is None or period.contains_week(row.week))
                     and topic in (None, row.topic) and language in (None, row.language)]
        return recorded + synthetic

    def report(self, period: Period) -> NeedsReport:
        return build_report(self.rows(period, by_topic=True), period, topics=self.topics(),
                            data_as_of=self.data_as_of(), minimum=self.minimum,
                            created=self._today(), examples=self.is_demo())

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
        return key_folder(self._paths)

    def centre_public_key(self) -> Path:
        """The centre's public key file, created on first use; the district registers it."""
        return centre_public_key(self._paths, self.centre_name)

    def queue(self, period: Period) -> Path:
        """Seal the period's suppressed tables and put them into the outbox (recorded needs
        only: the demo's synthetic year is never sent)."""
        private = centre_private_key(self._paths, self.centre_name)
        report = build_report(self.log.grouped(period), period, topics=self.topics(),
                              data_as_of=self.data_as_of(), minimum=self.minimum,
                              created=self._today())
        message, data = seal(KIND, self.centre_name, period.label, to_payload(report),
                             private, self._today())
        return self.outbox.put(message.file_name, data)

    def send(self, destination: Destination) -> tuple[list[str], list[str]]:
        return self.outbox.send(destination)
