"""A town × stage heat map: one coloured cell per town and stage, gaps marked.

Why painted and not a table widget: planners read the picture first (where is it dark, where
is the red mark); the numbers are in each cell and in the detail beside it. Sizes come from
the font, so the map grows with the zoom; in a right-to-left UI the columns run from the
right. Keyboard: arrow keys move the current cell, Enter/Space choose it.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPointF, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPolygonF,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

LOW, HIGH = QColor("#f1f6fb"), QColor("#1d4f91")  # pale to deep blue (WCAG-checked text)
GAP = QColor("#c0392b")


@dataclass(frozen=True)
class HeatCell:
    value: float  # what the colour shows
    text: str  # what the cell prints
    marked: bool  # a gap: a red corner and a bold frame
    tooltip: str


class HeatMap(QWidget):
    """Rows × columns of :class:`HeatCell`; ``cellChosen(row, column)`` on click or Enter."""

    cellChosen = Signal(int, int)  # noqa: N815 - Qt signal naming

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("heatMap")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.rows: list[str] = []
        self.columns: list[str] = []
        self.cells: list[list[HeatCell]] = []
        self.current = (0, 0)

    def set_data(self, rows: list[str], columns: list[str], cells: list[list[HeatCell]]) -> None:
        self.rows, self.columns, self.cells = rows, columns, cells
        self.current = (min(self.current[0], max(0, len(rows) - 1)),
                        min(self.current[1], max(0, len(columns) - 1)))
        self.updateGeometry()
        self.update()

    # --- geometry ----------------------------------------------------------------------------
    def _metrics(self) -> tuple[int, int, int, int]:
        """Row-label width, header height, cell width, cell height - all from the font."""
        metrics = self.fontMetrics()
        label = max((metrics.horizontalAdvance(text) for text in self.rows), default=0) + 12
        cell_w = max(metrics.horizontalAdvance("0000") + 16,
                     max((metrics.horizontalAdvance(word) for text in self.columns
                          for word in text.split()), default=0) + 8)
        lines = max((len(text.split()) for text in self.columns), default=1)
        return label, metrics.height() * min(lines, 4) + 8, cell_w, metrics.height() * 2

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        label, header, cell_w, cell_h = self._metrics()
        return QSize(label + cell_w * len(self.columns) + 2,
                     header + cell_h * len(self.rows) + 2)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return self.sizeHint()

    def cell_rect(self, row: int, column: int) -> QRect:
        label, header, cell_w, cell_h = self._metrics()
        left = (self.width() - label - cell_w * (column + 1) if self.isRightToLeft()
                else label + cell_w * column)
        return QRect(left, header + cell_h * row, cell_w, cell_h)

    def cell_at(self, x: float, y: float) -> tuple[int, int] | None:
        for row in range(len(self.rows)):
            for column in range(len(self.columns)):
                if self.cell_rect(row, column).contains(int(x), int(y)):
                    return row, column
        return None

    # --- painting ------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        label, header, cell_w, _cell_h = self._metrics()
        top = max((max((c.value for c in line), default=0) for line in self.cells), default=0)
        rtl = self.isRightToLeft()
        text_flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
        ink = self.palette().color(QPalette.ColorRole.WindowText)
        painter.setPen(ink)
        for column, title in enumerate(self.columns):
            rect = self.cell_rect(0, column)
            painter.drawText(QRect(rect.left(), 0, cell_w, header - 4),
                             int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom
                                 | Qt.TextFlag.TextWordWrap), title)
        for row, title in enumerate(self.rows):
            painter.setPen(ink)
            rect = self.cell_rect(row, 0)
            label_rect = (QRect(self.width() - label, rect.top(), label - 6, rect.height())
                          if rtl else QRect(0, rect.top(), label - 6, rect.height()))
            painter.drawText(label_rect, int((Qt.AlignmentFlag.AlignLeft if rtl
                                              else Qt.AlignmentFlag.AlignRight)
                                             | Qt.AlignmentFlag.AlignVCenter), title)
            for column, cell in enumerate(self.cells[row]):
                rect = self.cell_rect(row, column).adjusted(1, 1, -1, -1)
                share = cell.value / top if top else 0.0
                colour = QColor.fromRgbF(
                    LOW.redF() + (HIGH.redF() - LOW.redF()) * share,
                    LOW.greenF() + (HIGH.greenF() - LOW.greenF()) * share,
                    LOW.blueF() + (HIGH.blueF() - LOW.blueF()) * share)
                painter.fillRect(rect, colour)
                painter.setPen(QColor("white") if share > 0.55 else QColor("#1a1a1a"))
                painter.drawText(rect, int(text_flags), cell.text)
                if cell.marked:
                    painter.setPen(GAP)
                    painter.drawRect(rect.adjusted(0, 0, -1, -1))
                    corner = rect.topLeft() if rtl else rect.topRight()
                    step = max(6, rect.height() // 3)
                    sign = 1 if rtl else -1
                    painter.setBrush(GAP)
                    painter.drawPolygon(QPolygonF([
                        QPointF(corner), QPointF(corner.x() + sign * step, corner.y()),
                        QPointF(corner.x(), corner.y() + step)]))
                    painter.setBrush(Qt.BrushStyle.NoBrush)
                if (row, column) == self.current and self.hasFocus():
                    painter.setPen(QColor("#000000"))
                    painter.drawRect(rect.adjusted(1, 1, -2, -2))
        painter.end()

    # --- interaction ---------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt API
        found = self.cell_at(event.position().x(), event.position().y())
        if found is not None:
            self.current = found
            self.update()
            self.cellChosen.emit(*found)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        row, column = self.current
        forward = -1 if self.isRightToLeft() else 1
        moves = {Qt.Key.Key_Up: (-1, 0), Qt.Key.Key_Down: (1, 0),
                 Qt.Key.Key_Left: (0, -forward), Qt.Key.Key_Right: (0, forward)}
        key = Qt.Key(event.key())
        if key in moves and self.rows and self.columns:
            d_row, d_col = moves[key]
            self.current = (max(0, min(len(self.rows) - 1, row + d_row)),
                            max(0, min(len(self.columns) - 1, column + d_col)))
            self.update()
            self.cellChosen.emit(*self.current)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.cellChosen.emit(*self.current)
        else:
            super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802 - Qt API
        super().focusInEvent(event)
        self.update()

    def event(self, event: QEvent) -> bool:
        if isinstance(event, QHelpEvent) and event.type() == QEvent.Type.ToolTip:
            found = self.cell_at(event.pos().x(), event.pos().y())
            if found is not None:
                QToolTip.showText(event.globalPos(), self.cells[found[0]][found[1]].tooltip,
                                  self)
                return True
        return super().event(event)
