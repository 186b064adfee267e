"""The result list model: holds only offer ids, fetches display rows lazily in batches.

Why: a search may match hundreds of offers, but only the visible rows are painted. Like
Anki's browser table, the model keeps ids and asks the store for rows when a view needs them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from coesfeld_desktop.domain.offer import OfferSummary
from coesfeld_desktop.domain.opening import local_now
from coesfeld_desktop.domain.result_row import RowLines, row_lines
from coesfeld_desktop.i18n import Translate

if TYPE_CHECKING:  # the store (SQLAlchemy) loads after the window's first paint
    from coesfeld_desktop.services import Services

SUMMARY_ROLE = Qt.ItemDataRole.UserRole + 1  # the OfferSummary (or None if not found)
OFFER_ID_ROLE = Qt.ItemDataRole.UserRole + 2
ROW_ROLE = Qt.ItemDataRole.UserRole + 3  # the RowLines to paint (or None if not found)
MATCH_ROLE = Qt.ItemDataRole.UserRole + 4  # "verwandter Begriff" ... or "" (match_mark)
BATCH_SIZE = 40

Clock = Callable[[], dt.datetime]
_Index = QModelIndex | QPersistentModelIndex


class ResultsModel(QAbstractListModel):
    def __init__(self, services: Services, language: str, _: Translate,
                 parent: Any = None, clock: Clock = local_now) -> None:
        super().__init__(parent)
        self.clock = clock  # "heute 15–17 Uhr" is relative to the desk's time
        self._services = services
        self._language = language
        self.language = language
        self._ = _
        self._ids: list[str] = []
        self._rows: dict[str, OfferSummary | None] = {}
        self._marks: dict[str, str] = {}
        self._stale_months: int | None = None  # read once per list (a setting may change)
        self._reported: dict[str, dt.date] = {}  # the desk's open reports ("gemeldet am")

    # --- content -------------------------------------------------------------------------
    def set_offer_ids(self, offer_ids: Sequence[str],
                      marks: Mapping[str, str] | None = None) -> None:
        """Show these offers; ``marks``: how some of them matched (see MATCH_ROLE)."""
        self.beginResetModel()
        self._ids = list(offer_ids)
        self._rows = {}
        self._marks = dict(marks or {})
        self._stale_months = None
        self._reported = {}
        self.endResetModel()

    def offer_ids(self) -> list[str]:
        return list(self._ids)

    def offer_id(self, row: int) -> str | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_lines(self, row: int) -> RowLines | None:
        """The text of ``row`` as painted (next opening relative to :attr:`clock`)."""
        summary = self.summary(row)
        if summary is None:
            return None
        if self._stale_months is None:
            self._stale_months = self._services.preferences.stale_months
        return row_lines(summary, self.language, self._, self.clock(), self._stale_months,
                         self._reported.get(summary.id))

    def summary(self, row: int) -> OfferSummary | None:
        offer_id = self.offer_id(row)
        if offer_id is None:
            return None
        if offer_id not in self._rows:
            self._fetch_around(row)
        return self._rows.get(offer_id)

    def _fetch_around(self, row: int) -> None:
        start = row - row % BATCH_SIZE
        wanted = [oid for oid in self._ids[start:start + BATCH_SIZE] if oid not in self._rows]
        found = {s.id: s for s in self._services.directory.summaries(wanted, self._language)}
        for offer_id in wanted:
            self._rows[offer_id] = found.get(offer_id)
        for offer_id, reports in self._services.corrections.open_by_offer(wanted).items():
            self._reported[offer_id] = reports[0].reported_on

    def forget_reports(self, offer_id: str) -> None:
        """Read the offer's row again (a report was just made on it)."""
        self._rows.pop(offer_id, None)
        if offer_id in self._ids:
            index = self.index(self._ids.index(offer_id))
            self.dataChanged.emit(index, index)

    @property
    def fetched_count(self) -> int:
        """How many rows were read from the store so far (tests check laziness)."""
        return len(self._rows)

    # --- Qt model ------------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._ids)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == OFFER_ID_ROLE:
            return self.offer_id(index.row())
        if role == MATCH_ROLE:
            return self._marks.get(self.offer_id(index.row()) or "", "")
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                        Qt.ItemDataRole.AccessibleTextRole, SUMMARY_ROLE, ROW_ROLE):
            return None
        if role == SUMMARY_ROLE:
            return self.summary(index.row())
        lines = self.row_lines(index.row())
        if role == ROW_ROLE:
            return lines
        if lines is None:
            return self._("(nicht mehr im Verzeichnis)")
        mark = self._marks.get(self.offer_id(index.row()) or "", "")
        return lines.one_line() + (f" — {mark}" if mark else "")

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
