"""Paints one result row: bold title; provider, town and Ortsteil; next opening, phone and
cost; ages and languages with badges. The text comes from :func:`domain.result_row.row_lines`.

Badges ("kostenlos", "barrierefrei") are small rounded labels *with text*, so no fact is
carried by colour alone.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from coesfeld_desktop.domain.result_row import RowLines
from coesfeld_desktop.i18n import Translate
from coesfeld_desktop.ui.results_model import MATCH_ROLE, ROW_ROLE

PAD_X, PAD_Y, GAP = 10, 7, 3
BADGE_BG = QColor("#e6f0ea")
BADGE_FG = QColor("#1d5e36")
ALERT_BG = QColor("#fbeccb")  # alerts (old facts, an open report): amber, with a sign
ALERT_FG = QColor("#6b4100")
MUTED = QColor("#5f6b76")


class ResultDelegate(QStyledItemDelegate):
    def __init__(self, _: Translate, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ = _

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont, QFont]:
        title = QFont(option.font)
        title.setBold(True)
        body = QFont(option.font)
        small = QFont(option.font)
        small.setPointSizeF(max(option.font.pointSizeF() * 0.88, 6.0))
        return title, body, small

    def sizeHint(self, option: QStyleOptionViewItem,  # noqa: N802
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        title, body, small = self._fonts(option)
        height = (QFontMetrics(title).height() + 2 * QFontMetrics(body).height()
                  + QFontMetrics(small).height() + 6 + 3 * GAP + 2 * PAD_Y)
        return QSize(320, height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        lines: RowLines | None = index.data(ROW_ROLE)
        painter.save()
        style = option.widget.style() if option.widget else None
        if style is not None:
            opt = QStyleOptionViewItem(option)
            self.initStyleOption(opt, index)
            opt.text = ""
            style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, opt, painter,
                                option.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        text_color = option.palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        muted = text_color if selected else MUTED
        title_font, body_font, small_font = self._fonts(option)
        rect = option.rect.adjusted(PAD_X, PAD_Y, -PAD_X, -PAD_Y)

        if lines is None:
            painter.setPen(muted)
            painter.setFont(body_font)
            painter.drawText(rect, Qt.AlignmentFlag.AlignVCenter, str(index.data()))
            painter.restore()
            return

        y = rect.top()
        painter.setFont(title_font)
        painter.setPen(text_color)
        y = self._line(painter, rect, y, lines.title, title_font)
        painter.setFont(body_font)
        painter.setPen(muted)
        y = self._line(painter, rect, y, lines.where, body_font)
        painter.setPen(text_color)  # when, phone, cost: what the family asks first
        y = self._line(painter, rect, y, lines.reach, body_font)
        painter.setFont(small_font)
        facts = " · ".join(p for p in (
            index.data(MATCH_ROLE) or "",  # "verwandter Begriff": not the typed word itself
            lines.facts) if p)
        self._badges_line(painter, rect, y + 1, facts, list(lines.badges), small_font, muted,
                          list(lines.alerts))
        painter.restore()

    @staticmethod
    def _line(painter: QPainter, rect: QRect, y: int, text: str, font: QFont) -> int:
        metrics = QFontMetrics(font)
        elided = metrics.elidedText(text, Qt.TextElideMode.ElideRight, rect.width())
        rtl = painter.layoutDirection() == Qt.LayoutDirection.RightToLeft
        side = Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft
        painter.drawText(QRect(rect.left(), y, rect.width(), metrics.height()),
                         side | Qt.AlignmentFlag.AlignVCenter, elided)
        return y + metrics.height() + GAP

    @staticmethod
    def _badges_line(painter: QPainter, rect: QRect, y: int, facts: str, badges: list[str],
                     font: QFont, muted: QColor, alerts: list[str] | None = None) -> None:
        metrics = QFontMetrics(font)
        height = metrics.height() + 4
        alerts = alerts or []
        colours = [(ALERT_BG, ALERT_FG)] * len(alerts) + [(BADGE_BG, BADGE_FG)] * len(badges)
        badges = alerts + badges  # alerts first: nearest the text they qualify
        widths = [metrics.horizontalAdvance(b) + 12 for b in badges]
        # a narrow row drops plain badges from the end, never an alert
        while len(badges) > len(alerts) and sum(widths) + 6 * len(widths) > rect.width():
            badges, widths, colours = badges[:-1], widths[:-1], colours[:-1]
        badge_space = sum(widths) + 6 * len(widths)
        rtl = painter.layoutDirection() == Qt.LayoutDirection.RightToLeft
        text_width = max(rect.width() - badge_space, 0)
        elided = metrics.elidedText(facts, Qt.TextElideMode.ElideRight, text_width)
        text_rect = QRect(rect.right() - text_width + 1 if rtl else rect.left(), y,
                          text_width, height)
        painter.setPen(muted)
        painter.drawText(text_rect, Qt.AlignmentFlag.AlignVCenter
                         | (Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft),
                         elided)
        x = rect.left() if rtl else rect.right() - badge_space + 6
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        drawn = list(zip(badges, widths, colours, strict=True))
        for badge, width, (background, foreground) in (drawn[::-1] if rtl else drawn):
            box = QRect(x, y, width, height)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(background)
            painter.drawRoundedRect(box, height / 2, height / 2)
            painter.setPen(foreground)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, badge)
            x += width + 6
