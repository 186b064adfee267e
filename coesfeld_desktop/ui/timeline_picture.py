"""The next twelve months as a picture: one lane per child (and the baby on the way), the
stage of each month as a coloured band, each milestone as a numbered mark in its month.

Why painted: a family sees at a glance what comes when and for whom; the list beside it
says the details. Sizes come from the font (the picture grows with the zoom); in a
right-to-left UI the months run from the right. A click on a mark, or arrow keys and Enter,
chooses that milestone (``markerChosen``).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

# One pale colour per stage, along the path (text on them is dark: WCAG AA).
STAGE_COLOURS: dict[str, QColor] = {
    "pregnancy": QColor("#fde2e4"),
    "age_0_3": QColor("#fff1c1"),
    "kindergarten": QColor("#dff3d8"),
    "primary_school": QColor("#d7ecf7"),
    "secondary_school": QColor("#e4defa"),
    "school_to_job": QColor("#fbe3cf"),
    "young_adults": QColor("#e2e8ec"),
}
MARK = QColor("#1d4f91")
MARK_TO_CONFIRM = QColor("#8a5a00")  # a date the district has yet to confirm


@dataclass(frozen=True)
class Lane:
    label: str  # "Kind 1 · 5 Jahre"
    stages: tuple[str, ...]  # the stage code of each month ("" = outside the path)


@dataclass(frozen=True)
class Marker:
    lane: int
    month: int  # 0 = this month
    number: int  # shown in the mark; the list beside the picture uses the same numbers
    tooltip: str
    to_confirm: bool = False


class TimelinePicture(QWidget):
    markerChosen = Signal(int)  # noqa: N815 - Qt signal naming; the marker's index

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timelinePicture")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.months: list[str] = []
        self.lanes: list[Lane] = []
        self.markers: list[Marker] = []
        self.stage_labels: dict[str, str] = {}
        self.current = -1

    def set_data(self, months: list[str], lanes: list[Lane], markers: list[Marker],
                 stage_labels: dict[str, str]) -> None:
        self.months, self.lanes, self.markers = months, lanes, markers
        self.stage_labels = stage_labels
        self.current = 0 if markers else -1
        self.updateGeometry()
        self.update()

    # --- geometry ------------------------------------------------------------------------
    def _row_height(self) -> int:
        return self.fontMetrics().height() * 3

    def _label_width(self) -> int:
        metrics = self.fontMetrics()
        return max([metrics.horizontalAdvance(lane.label) for lane in self.lanes] + [40]) + 16

    def _header_height(self) -> int:
        return self.fontMetrics().height() * 2 + 8

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        width = self._label_width() + max(1, len(self.months)) * self.fontMetrics().height() * 4
        return QSize(width, self._header_height() + max(1, len(self.lanes)) * self._row_height()
                     + 8)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(self._label_width() + max(1, len(self.months)) * 24, self.sizeHint().height())

    def _column_width(self) -> float:
        return (self.width() - self._label_width() - 8) / max(1, len(self.months))

    def month_rect(self, lane: int, month: int) -> QRect:
        """The cell of ``month`` in ``lane`` (mirrored in a right-to-left UI)."""
        column = self._column_width()
        left = self._label_width() + month * column
        rect = QRect(round(left), self._header_height() + lane * self._row_height(),
                     round(column), self._row_height() - 6)
        return self._mirrored(rect)

    def marker_rect(self, index: int) -> QRect:
        marker = self.markers[index]
        cell = self.month_rect(marker.lane, marker.month)
        same = [i for i, other in enumerate(self.markers)
                if (other.lane, other.month) == (marker.lane, marker.month)]
        size = self.fontMetrics().height() + 6
        slot = same.index(index)
        per_row = max(1, cell.width() // (size + 2))
        x = cell.left() + 3 + (slot % per_row) * (size + 2)
        if self.isRightToLeft():
            x = cell.right() - 3 - size - (slot % per_row) * (size + 2)
        y = cell.bottom() - size - 3 - (slot // per_row) * (size + 2)
        return QRect(x, max(cell.top(), y), size, size)

    def marker_at(self, point: QPoint) -> int | None:
        for index in range(len(self.markers)):
            if self.marker_rect(index).adjusted(-2, -2, 2, 2).contains(point):
                return index
        return None

    def _mirrored(self, rect: QRect) -> QRect:
        if not self.isRightToLeft():
            return rect
        return QRect(self.width() - rect.right() - 1, rect.top(), rect.width(), rect.height())

    # --- painting ------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        muted = palette.color(QPalette.ColorRole.PlaceholderText)
        align = Qt.AlignmentFlag.AlignVCenter | (
            Qt.AlignmentFlag.AlignRight if self.isRightToLeft() else Qt.AlignmentFlag.AlignLeft)
        for month, label in enumerate(self.months):
            cell = self.month_rect(0, month)
            header = QRect(cell.left(), 2, cell.width(), self._header_height() - 4)
            painter.setPen(text if month == 0 else muted)
            painter.drawText(header, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                             label)
        for lane_index, lane in enumerate(self.lanes):
            first = self.month_rect(lane_index, 0)
            label_rect = self._mirrored(QRect(4, first.top(), self._label_width() - 8,
                                              first.height()))
            painter.setPen(text)
            painter.drawText(label_rect, align, lane.label)
            self._paint_bands(painter, lane_index, lane)
        for index, marker in enumerate(self.markers):
            self._paint_marker(painter, index, marker)

    def _paint_bands(self, painter: QPainter, lane_index: int, lane: Lane) -> None:
        start = 0
        for month in range(1, len(lane.stages) + 1):
            if month < len(lane.stages) and lane.stages[month] == lane.stages[start]:
                continue
            stage = lane.stages[start]
            left, right = self.month_rect(lane_index, start), self.month_rect(lane_index,
                                                                              month - 1)
            band = left.united(right).adjusted(1, 0, -1, 0)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(STAGE_COLOURS.get(stage, QColor("#f4f4f4")))
            painter.drawRoundedRect(band, 6, 6)
            painter.setPen(QColor("#1f2933"))
            label = self.fontMetrics().elidedText(self.stage_labels.get(stage, ""),
                                                  Qt.TextElideMode.ElideRight, band.width() - 8)
            painter.drawText(band.adjusted(4, 2, -4, 0), Qt.AlignmentFlag.AlignTop | (
                Qt.AlignmentFlag.AlignRight if self.isRightToLeft()
                else Qt.AlignmentFlag.AlignLeft), label)
            start = month

    def _paint_marker(self, painter: QPainter, index: int, marker: Marker) -> None:
        rect = self.marker_rect(index)
        colour = MARK_TO_CONFIRM if marker.to_confirm else MARK
        painter.setBrush(colour)
        focused = index == self.current and self.hasFocus()
        painter.setPen(QPen(QColor("#000000"), 2) if focused else Qt.PenStyle.NoPen)
        painter.drawEllipse(rect)
        painter.setPen(QColor("#ffffff"))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(marker.number))

    # --- input ---------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        index = self.marker_at(event.position().toPoint())
        if index is not None:
            self.current = index
            self.update()
            self.markerChosen.emit(index)
        super().mousePressEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        key = event.key()
        forward = Qt.Key.Key_Left if self.isRightToLeft() else Qt.Key.Key_Right
        backward = Qt.Key.Key_Right if self.isRightToLeft() else Qt.Key.Key_Left
        if self.markers and key in (forward, backward):
            step = 1 if key == forward else -1
            self.current = max(0, min(len(self.markers) - 1, self.current + step))
            self.update()
        elif self.markers and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.markerChosen.emit(self.current)
        else:
            super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt API
        self.update()
        super().focusInEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            index = self.marker_at(event.pos())
            if index is not None:
                QToolTip.showText(event.globalPos(), self.markers[index].tooltip, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)
