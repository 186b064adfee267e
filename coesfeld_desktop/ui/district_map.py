"""A small map picture of Kreis Coesfeld: the eleven towns, the offer's place marked.

Why drawn and not a map tile: it works offline and shows what a family needs — where the
place is among the towns they know — without street detail. Geography is not mirrored in
right-to-left languages: west stays left.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from coesfeld_desktop.domain.towns import TOWNS
from coesfeld_desktop.ui.family_style import HEADING, PAGE

_LAT = (min(t.latitude for t in TOWNS), max(t.latitude for t in TOWNS))
_LON = (min(t.longitude for t in TOWNS), max(t.longitude for t in TOWNS))
_LAT_SCALE = 0.62  # a degree of longitude is ~0.62 of a degree of latitude here (52° N)


class DistrictMap(QWidget):
    """The towns as dots with their names; the offer's place as a large dot."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("districtMap")
        self.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.town: str | None = None
        self.position: tuple[float, float] | None = None

    def show_place(self, town: str | None, position: tuple[float, float] | None) -> None:
        self.town, self.position = town, position
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        em = self.fontMetrics().height()
        return QSize(em * 16, em * 13)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return self.sizeHint()

    def _point(self, latitude: float, longitude: float, area: QRectF) -> QPointF:
        width = (_LON[1] - _LON[0]) * _LAT_SCALE
        height = _LAT[1] - _LAT[0]
        scale = min(area.width() / width, area.height() / height)
        left = area.left() + (area.width() - width * scale) / 2
        top = area.top() + (area.height() - height * scale) / 2
        return QPointF(left + (longitude - _LON[0]) * _LAT_SCALE * scale,
                       top + (_LAT[1] - latitude) * scale)

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        em = self.fontMetrics().height()
        painter.setPen(QPen(QColor(HEADING.text), 2))
        painter.setBrush(QColor("#f3f6f9"))
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(1, 1, -1, -1), 12, 12)
        area = QRectF(self.rect()).adjusted(em * 3.5, em * 1.2, -em * 3.5, -em * 1.5)
        small = self.font()
        small.setPointSizeF(max(1.0, self.font().pointSizeF() * 0.7))
        marked = self.font()
        marked.setBold(True)
        for town in TOWNS:
            point = self._point(town.latitude, town.longitude, area)
            chosen = town.name == self.town
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(HEADING.text if chosen else "#8795a3"))
            radius = em * (0.3 if chosen else 0.2)
            painter.drawEllipse(point, radius, radius)
            painter.setFont(marked if chosen else small)
            painter.setPen(QColor(PAGE.text if chosen else "#3d4853"))
            label = QRectF(point.x() - em * 5, point.y() + radius, em * 10, em * 1.2)
            painter.drawText(label, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                             town.name)
        if self.position is not None:
            point = self._point(*self.position, area)
            painter.setPen(QPen(QColor("#ffffff"), 3))
            painter.setBrush(QColor("#c0392b"))
            painter.drawEllipse(point, em * 0.55, em * 0.55)
        painter.end()
