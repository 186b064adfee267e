"""What the window and the commands read from the loaded directory, each call on its own.

Why a module of its own: the result rows are read with plain SQL (:mod:`.summaries`) and
must not import the ORM, which an offer's details, the Datenstand and the filter lists
read through (:mod:`.offers`, loaded when one of them is first asked for).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from coesfeld_desktop.store.summaries import SOURCE_LANGUAGE, read_summaries

if TYPE_CHECKING:
    from coesfeld_desktop.domain.offer import DirectoryStatus, OfferDetail, OfferSummary
    from coesfeld_desktop.store.database import Database


class DirectoryReads:
    """Read-only access to the loaded directory, each call in its own connection or session.

    What the window and the commands read (result rows, an offer's details, the Datenstand,
    the filter lists); also the :class:`~coesfeld_desktop.domain.dimensions.DirectoryLists`
    of the filter dimensions. Safe from any thread: connections and sessions are not shared.
    """

    def __init__(self, database: Database) -> None:
        self._database = database

    def summaries(self, offer_ids: Sequence[str], language: str = SOURCE_LANGUAGE
                  ) -> list[OfferSummary]:
        """Result rows in the order asked (unknown ids skipped), read without the ORM."""
        with self._database.connection() as connection:
            return read_summaries(connection, offer_ids, language)

    def detail(self, offer_id: str, language: str = SOURCE_LANGUAGE) -> OfferDetail | None:
        from coesfeld_desktop.store.offers import offer_detail  # noqa: PLC0415 - start-up time: the ORM loads after the first list

        with self._database.session() as session:
            return offer_detail(session, offer_id, language)

    def status(self) -> DirectoryStatus | None:
        from coesfeld_desktop.store.offers import directory_status  # noqa: PLC0415 - start-up time: the ORM loads after the first list

        with self._database.session() as session:
            return directory_status(session)

    def topic_names(self, language: str) -> dict[str, str]:
        from coesfeld_desktop.store.offers import topic_names  # noqa: PLC0415 - start-up time: the ORM loads after the first list

        with self._database.session() as session:
            return topic_names(session, language)

    def offer_languages(self) -> list[str]:
        from coesfeld_desktop.store.offers import offer_languages  # noqa: PLC0415 - start-up time: the ORM loads after the first list

        with self._database.session() as session:
            return offer_languages(session)
