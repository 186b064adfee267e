"""The analysis view ("Bedarfsanalyse") for team leads and planners: a town × stage heat map
per topic and per family language, the gaps marked, the trend per quarter, a click on a cell
lists its offers and its counts; the report as PDF, XLSX or CSV; sending to the district.

Thin: the numbers come from :class:`~coesfeld_desktop.needs.service.NeedsService`; this
module only chooses, paints and lays out. The numbers are worked out off the GUI thread
(about a second the first time at district scale): the view opens at once with its axes and
a progress bar, and only the newest choice's numbers are shown.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from pathlib import Path

import shiboken6
from babel.numbers import format_decimal
from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent, QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from coesfeld_desktop.channel.transport import Destination
from coesfeld_desktop.domain.stages import STAGES
from coesfeld_desktop.domain.towns import TOWN_NAMES
from coesfeld_desktop.i18n import Translate, babel_locale, is_rtl, translations
from coesfeld_desktop.needs.analysis import Analysis, Cell
from coesfeld_desktop.needs.categories import REASONS, CategoryError, Period
from coesfeld_desktop.needs.service import ANALYSIS_STEPS, NeedsService
from coesfeld_desktop.progress import Progress
from coesfeld_desktop.ui.heat_map import HeatCell, HeatMap
from coesfeld_desktop.ui.needs_dialog import family_languages
from coesfeld_desktop.ui.tasks import LatestWins, TaskRunner

SHOW_OFFERS, SHOW_NEEDS, SHOW_RATE = "offers", "needs", "rate"
MAX_LISTED = 40  # offers listed for a cell; the rest are counted


class TrendChart(QWidget):
    """Needs per quarter as bars, oldest on the reading side's start."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trendChart")
        self.quarters: dict[str, int] = {}

    def set_quarters(self, quarters: dict[str, int]) -> None:
        self.quarters = quarters
        self.setAccessibleDescription(", ".join(f"{q}: {n}" for q, n in quarters.items()))
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(self.fontMetrics().height() * 16, self.fontMetrics().height() * 6)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        metrics = self.fontMetrics()
        items = list(self.quarters.items())
        if self.isRightToLeft():
            items.reverse()
        if not items:
            painter.end()
            return
        top = max(n for _q, n in items) or 1
        width = self.width() / len(items)
        base = self.height() - metrics.height() - 4
        for index, (quarter, count) in enumerate(items):
            height = (base - metrics.height()) * count / top
            left = int(index * width + width * 0.2)
            painter.fillRect(left, int(base - height), int(width * 0.6), int(height),
                             QColor("#1d4f91"))
            painter.drawText(int(index * width), int(base - height - metrics.height()),
                             int(width), metrics.height(), int(Qt.AlignmentFlag.AlignCenter),
                             str(count))
            # "2026-Q3" stays in that order inside a right-to-left UI (an isolate)
            painter.drawText(int(index * width), base + 2, int(width), metrics.height(),
                             int(Qt.AlignmentFlag.AlignCenter), f"\u2066{quarter}\u2069")
        painter.end()


class NeedsView(QDialog):
    """``runner``: where the numbers are worked out; without one (a preview, a script) they
    are worked out at once on this thread."""

    loaded = Signal()  # new numbers are shown

    def __init__(self, needs: NeedsService, language: str, _: Translate,
                 parent: QWidget | None = None,
                 destination: Callable[[], Destination | None] | None = None,
                 runner: TaskRunner | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("needsView")
        self.destination = destination or (lambda: None)  # the one set in the settings
        self.setWindowTitle(_("Bedarfsanalyse"))
        if is_rtl(language):  # also when the application was not switched (tests, previews)
            self.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.needs = needs
        self.language = language
        self._ = _
        self._n = translations(language).ngettext
        self.analysis: Analysis | None = None
        self.topic = QComboBox()
        self.topic.setAccessibleName(_("Thema"))
        self.topic.addItem(_("Alle Themen"), None)
        for code, name in needs.topics(language).items():
            self.topic.addItem(name, code)
        self.family_language = QComboBox()
        self.family_language.setAccessibleName(_("Sprache der Familie"))
        self.family_language.addItem(_("Alle Sprachen"), None)
        for code, name in family_languages(language):
            self.family_language.addItem(name, code)
        self.period = QComboBox()
        self.period.setAccessibleName(_("Zeitraum"))
        self.period.addItem(_("Gesamter Zeitraum"), None)  # the quarters: with the numbers
        self.show_what = QComboBox()
        self.show_what.setAccessibleName(_("Farbe zeigt"))
        self.show_what.addItem(_("Angebote"), SHOW_OFFERS)
        self.show_what.addItem(_("Anliegen"), SHOW_NEEDS)
        self.show_what.addItem(_("Angebote je 1.000 Kinder"), SHOW_RATE)
        self.map = HeatMap()
        self.map.setAccessibleName(_("Karte nach Ort und Lebensphase"))
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        self.trend = TrendChart()
        self.trend.setAccessibleName(_("Anliegen je Quartal"))
        self.detail = QTextBrowser()
        self.detail.setObjectName("needsCellDetail")
        self.detail.setAccessibleName(_("Angebote und Anliegen der gewählten Zelle"))
        # the heat map never shrinks below its cells: without a minimum the splitter gave
        # the detail a column a word wide in a window of 1100 pixels
        self.detail.setMinimumWidth(self.fontMetrics().horizontalAdvance("x") * 34)
        self.report_button = QPushButton(_("Bericht speichern…"))
        self.send_button = QPushButton(_("An den Kreis senden…"))
        self.population_button = QPushButton(_("Bevölkerungszahlen importieren…"))
        self.status = QLabel()
        self.status.setObjectName("needsStatus")
        self.progress = QProgressBar()
        self.progress.setRange(0, ANALYSIS_STEPS)
        self.progress.setAccessibleName(_("Zahlen werden berechnet…"))
        self.progress.hide()
        self._loads = LatestWins(runner, 0, self) if runner is not None else None
        self._runner = runner  # sending waits on the network: never on the GUI thread
        self._lay_out()
        for combo in (self.topic, self.family_language, self.period):
            combo.currentIndexChanged.connect(self.refresh)
        self.show_what.currentIndexChanged.connect(self._paint)
        self.finished.connect(self._stop)
        self.map.cellChosen.connect(self.show_cell)
        self.report_button.clicked.connect(self.save_report)
        self.send_button.clicked.connect(self.send)
        self.population_button.clicked.connect(self.import_population)
        self._paint()
        self.refresh()

    def _lay_out(self) -> None:
        _ = self._
        choose = QHBoxLayout()
        for label, combo in ((_("Thema"), self.topic), (_("Sprache der Familie"),
                                                          self.family_language),
                             (_("Zeitraum"), self.period), (_("Farbe zeigt"), self.show_what)):
            caption = QLabel(label + ":")
            caption.setBuddy(combo)
            choose.addWidget(caption)
            choose.addWidget(combo, 1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self.map, 1)
        left_layout.addWidget(self.legend)
        left_layout.addWidget(QLabel(_("Anliegen je Quartal") + ":"))
        left_layout.addWidget(self.trend)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(self.detail)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([self.map.sizeHint().width(), self.fontMetrics().height() * 24])
        buttons = QHBoxLayout()
        buttons.addWidget(self.population_button)
        buttons.addWidget(self.status)
        buttons.addWidget(self.progress)
        buttons.addStretch(1)
        buttons.addWidget(self.report_button)
        buttons.addWidget(self.send_button)
        layout = QVBoxLayout(self)
        layout.addLayout(choose)
        layout.addWidget(split, 1)
        layout.addLayout(buttons)

    # --- numbers -------------------------------------------------------------------------------
    def _period(self) -> Period | None:
        quarter = self.period.currentData()
        return Period.parse(quarter) if quarter else None

    def _number(self, value: float, digits: int = 0) -> str:
        pattern = "#,##0" if digits == 0 else "#,##0.0"
        return format_decimal(value, format=pattern, locale=babel_locale(self.language))

    def _heat(self, cell: Cell) -> HeatCell:
        _ = self._
        what = self.show_what.currentData()
        if what == SHOW_NEEDS:
            value, text = float(cell.needs), self._number(cell.needs)
        elif what == SHOW_RATE:
            rate = cell.offers_per_thousand
            value = rate or 0.0
            text = "–" if rate is None else self._number(rate, 1)
        else:
            value, text = float(cell.offers.offers), self._number(cell.offers.offers)
        gaps = ", ".join(_(gap.value) for gap in cell.gaps)
        tooltip = _("{town}, {stage}: {offers} Angebote, {needs} Anliegen").format(
            town=cell.town, stage=_(STAGES[cell.stage]), offers=cell.offers.offers,
            needs=cell.needs) + (f" – {gaps}" if gaps else "")
        return HeatCell(value, text, bool(cell.gaps), tooltip)

    def refresh(self) -> None:
        """Work out the numbers for the chosen topic, language and period (off the GUI
        thread when the view has a runner; the map keeps the last numbers meanwhile)."""
        topic, language, period = (self.topic.currentData(), self.family_language.currentData(),
                                   self._period())

        def work(progress: Progress) -> Analysis:
            return self.needs.analysis(topic, language, period, progress)

        if self._loads is None:
            self._show(self.needs.analysis(topic, language, period))
            return
        self._busy(True)
        self._loads.request_now(work, on_done=self._show, on_error=self._failed,
                                on_progress=self._step)

    def _busy(self, busy: bool) -> None:
        if not shiboken6.isValid(self.status):  # the numbers came after the window went
            return
        self.status.setText(self._("Zahlen werden berechnet…") if busy else "")
        self.progress.setValue(0)
        self.progress.setVisible(busy)

    def _step(self, done: int, _total: int, _message: str) -> None:
        if shiboken6.isValid(self.progress):
            self.progress.setValue(done)

    def _failed(self, error: BaseException) -> None:
        if not shiboken6.isValid(self.status):
            return
        self._busy(False)
        self.status.setText(self._("Die Zahlen konnten nicht berechnet werden ({reason}).")
                            .format(reason=type(error).__name__))

    def _show(self, analysis: Analysis) -> None:
        if not shiboken6.isValid(self.map):  # the numbers came after the window went
            return
        self._busy(False)
        self.analysis = analysis
        if self.period.count() == 1 and analysis.quarters:  # the first numbers: all quarters
            self.period.blockSignals(True)
            for quarter in sorted(analysis.quarters, reverse=True):
                self.period.addItem(quarter, quarter)
            self.period.blockSignals(False)
        self._paint()
        self.loaded.emit()

    def _paint(self) -> None:
        _ = self._
        analysis = self.analysis
        if analysis is None:  # before the first numbers: the axes, empty
            self.map.set_data(list(TOWN_NAMES), [_(label) for label in STAGES.values()],
                              [[HeatCell(0.0, "", False, "") for _stage in STAGES]
                               for _town in TOWN_NAMES])
            return
        self.map.set_data(list(analysis.towns), [_(STAGES[s]) for s in analysis.stages],
                          [[self._heat(analysis.cell(t, s)) for s in analysis.stages]
                           for t in analysis.towns])
        _population, examples = self.needs.population()
        legend = _("Dunkler: mehr. Rote Ecke: eine Lücke – kein Angebot, Angebote oft nicht "
                   "erreichbar oder Bedarf ohne passendes Angebot.")
        if examples:
            legend += " " + _("Bevölkerungszahlen: Beispielwerte der Demodaten.")
        self.legend.setText(legend)
        self.trend.set_quarters(analysis.quarters)
        self.show_cell(*self.map.current)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        self._stop()
        super().closeEvent(event)

    def _stop(self) -> None:
        if self._loads is not None:
            self._loads.cancel()  # its numbers would go to a closed window

    def show_cell(self, row: int, column: int) -> None:
        if self.analysis is None:
            return
        _ = self._
        cell = self.analysis.cell(self.analysis.towns[row], self.analysis.stages[column])
        offers = cell.offers
        lines = [f"<h3>{escape(cell.town)} – \u2068{escape(_(STAGES[cell.stage]))}\u2069</h3>"]
        facts = [
            (_("Angebote"), self._number(offers.offers)),
            (_("davon kostenlos"), self._number(offers.free)),
            (_("davon barrierefrei"), self._number(offers.barrier_free)),
        ]
        if self.family_language.currentData():
            facts.append((_("davon in der Sprache der Familie"),
                          self._number(offers.in_language)))
        if cell.offers_per_thousand is not None:
            facts.append((_("Angebote je 1.000 Kinder"),
                          self._number(cell.offers_per_thousand, 1)))
        facts += [(_("Anliegen"), self._number(cell.needs)),
                  (_("kein passendes Angebot"), self._number(cell.no_offer)),
                  (_("Angebot vorhanden, aber nicht erreichbar"),
                   self._number(cell.unreachable))]
        facts += [(f"– {_(REASONS[reason])}", self._number(count))
                  for reason, count in cell.reasons.most_common() if reason in REASONS]
        lines.append("<table>" + "".join(
            f"<tr><td>{escape(label)}</td><td>{escape(value)}</td></tr>"
            for label, value in facts) + "</table>")
        if cell.gaps:
            lines.append("<p><b>" + escape(_("Lücken")) + ":</b> "
                         + escape(", ".join(_(gap.value) for gap in cell.gaps)) + "</p>")
        listed = offers.members.offer_ids(MAX_LISTED)
        titles = self.needs.offer_titles(listed)
        if titles:
            lines.append("<p><b>" + escape(_("Angebote")) + ":</b></p><ul>" + "".join(
                f"<li>{escape(titles[i])}</li>" for i in listed if i in titles) + "</ul>")
            if offers.offers > MAX_LISTED:
                lines.append("<p>" + escape(_("… und {count} weitere").format(
                    count=self._number(offers.offers - MAX_LISTED))) + "</p>")
        direction = "rtl" if self.isRightToLeft() else "ltr"
        self.detail.setHtml(f'<div dir="{direction}">' + "".join(lines).replace(
            "<table>", f'<table dir="{direction}">') + "</div>")

    # --- actions -------------------------------------------------------------------------------
    def _ask_period(self) -> Period | None:
        _ = self._
        default = self.period.currentData() or ""
        text, ok = QInputDialog.getText(self, _("Zeitraum"), _(
            "Zeitraum des Berichts (z. B. 2026, 2026-Q3 oder 2026-07):"), text=default)
        if not ok:
            return None
        try:
            return Period.parse(text)
        except CategoryError:
            QMessageBox.warning(self, _("Zeitraum"), _(
                "„{text}“ ist kein Zeitraum. Bitte z. B. 2026, 2026-Q3 oder 2026-07 "
                "eingeben.").format(text=text))
            return None

    def save_report(self) -> Path | None:
        _ = self._
        period = self._ask_period()
        if period is None:
            return None
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Bericht speichern"), str(Path.home() / f"bedarfsanalyse-{period.label}.pdf"),
            _("PDF (*.pdf);;Excel (*.xlsx);;CSV (*.csv)"))
        if not path:
            return None
        return self.write_report(period, Path(path))

    def write_report(self, period: Period, path: Path) -> Path | None:
        _ = self._
        if path.suffix.lower() not in (".pdf", ".xlsx", ".csv"):
            path = path.with_suffix(".pdf")
        try:
            self.needs.write_report(period, path, _)
        except OSError as error:
            QMessageBox.warning(self, _("Bericht speichern"), _(
                "Der Bericht konnte nicht gespeichert werden ({reason}).").format(
                    reason=error.strerror or type(error).__name__))
            return None
        return path

    def send(self) -> None:
        _ = self._
        period = self._ask_period()
        if period is None:
            return
        destination = self.destination()
        if destination is None:
            target, ok = QInputDialog.getText(self, _("An den Kreis senden"), _(
                "Ordner (z. B. USB-Stick) oder WebDAV-Adresse des Kreises:"))
            if not ok or not target.strip():
                return
            try:
                destination = Destination.parse(target)
            except ValueError:
                QMessageBox.warning(self, _("An den Kreis senden"), _(
                    "Bitte einen Ordner oder eine https-Adresse angeben."))
                return
        self.needs.queue(period)
        if self._runner is None:  # a preview or a script: nothing to keep responsive
            self._tell_sent(self.needs.send(destination))
            return
        self.send_button.setEnabled(False)
        self.status.setText(_("Wird an den Kreis gesendet …"))
        self._runner.run(lambda _progress: self.needs.send(destination),
                         on_done=self._tell_sent, on_error=self._tell_send_failed,
                         on_finished=self._sending_over)

    def _sending_over(self) -> None:
        self.send_button.setEnabled(True)
        self.status.clear()

    def _tell_send_failed(self, _error: BaseException) -> None:
        self._tell_sent(([], ["?"]))

    def _tell_sent(self, outcome: tuple[list[str], list[str]]) -> None:
        _ = self._
        sent, failed = outcome
        if failed:
            QMessageBox.information(self, _("An den Kreis senden"), _(
                "Nicht erreichbar. Die Tabellen bleiben gespeichert und werden beim nächsten "
                "Senden übertragen."))
        else:
            QMessageBox.information(self, _("An den Kreis senden"), self._n(
                "Gesendet: {count} Datei, nur zusammengefasste Zahlen (Werte unter "
                "{minimum} unterdrückt).", "Gesendet: {count} Dateien, nur zusammengefasste "
                "Zahlen (Werte unter {minimum} unterdrückt).", len(sent)).format(
                    count=len(sent), minimum=self.needs.minimum))

    def import_population(self) -> None:
        _ = self._
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Bevölkerungszahlen importieren"), str(Path.home()),
            _("CSV (*.csv);;Alle Dateien (*)"))
        if not path:
            return
        try:
            count = self.needs.import_population(Path(path))
        except (ValueError, OSError) as error:
            QMessageBox.warning(self, _("Bevölkerungszahlen importieren"), _(
                "Die Datei wurde nicht übernommen: {reason}").format(reason=str(error)))
            return
        QMessageBox.information(self, _("Bevölkerungszahlen importieren"), self._n(
            "{count} Wert übernommen.", "{count} Werte übernommen.", count).format(
                count=self._number(count)))
        self.refresh()
