"""„Was kommt als Nächstes?“: a family's next twelve months, for the counsellor to look ahead
with the family.

The counsellor enters the children's ages (birth month if known) and a pregnancy, and the
family's town; the view shows each child's stage, the timeline picture, and per milestone
what to do, the offers that help (the town's first, then its neighbours') and the Lotse who
can go along. One click puts a step's offers, or all of them, on the Gesprächsliste. The
plan is computed by :class:`~coesfeld_desktop.search.next_steps.NextStepsService` off the
GUI thread; nothing typed here is stored.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from html import escape

from babel.dates import get_month_names
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from coesfeld_desktop.domain.formatting import Plural, month_text
from coesfeld_desktop.domain.offer import OfferSummary
from coesfeld_desktop.domain.result_row import ltr
from coesfeld_desktop.domain.stages import STAGES
from coesfeld_desktop.domain.timeline import Child, Family, Month, NextStepsPlan, Person, Step
from coesfeld_desktop.domain.towns import TOWN_NAMES
from coesfeld_desktop.i18n import TranslatableError, Translate, babel_locale, is_rtl
from coesfeld_desktop.progress import Progress
from coesfeld_desktop.search.next_steps import NextStepsService
from coesfeld_desktop.services import Services
from coesfeld_desktop.ui.language import latin_digits
from coesfeld_desktop.ui.tasks import LatestWins, TaskRunner
from coesfeld_desktop.ui.timeline_picture import Lane, Marker, TimelinePicture

MAX_CHILDREN = 8
OLDEST_ENTERED = 30  # ages up to here can be typed; from 27 on the path has ended
DEBOUNCE_MS = 250
# a hint in the step's text: coloured like a mark to confirm, not italic (Arabic and
# Tigrinya fonts often have no italic)
NOTE = '<p style="color:#8a5a00">{}</p>'


@dataclass(frozen=True)
class PlanWithRows:
    plan: NextStepsPlan
    rows: dict[str, OfferSummary]  # the offers' rows in the UI language


def _month_key(month: Month) -> str:
    """A month as a combo box's data (a plain string: Qt compares those)."""
    return f"{month.year:04d}-{month.month:02d}"


def _month_of(key: str) -> Month:
    year, month = key.split("-")
    return Month(int(year), int(month))


def person_label(person: Person, _: Translate, ngettext: Plural) -> str:
    """``Kind 1 · 5 Jahre``; ``Baby (erwartet)``."""
    if person.expected or person.age is None:
        return _("Baby (erwartet)")
    years = ngettext("{count} Jahr", "{count} Jahre", person.age)
    return _("Kind {number} · {age}").format(number=person.index + 1,
                                              age=years.format(count=person.age))


class ChildRow(QWidget):
    """Age and (optional) birth month of one child, with a button to remove the row."""

    changed = Signal()
    removed = Signal(object)

    def __init__(self, number: int, language: str, _: Translate,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel()
        self.age = QSpinBox()
        self.age.setRange(0, OLDEST_ENTERED)
        self.age.setSuffix(" " + _("Jahre"))
        self.birth_month = QComboBox()
        self.birth_month.addItem(_("Geburtsmonat unbekannt"), None)
        names = get_month_names("wide", context="stand-alone", locale=babel_locale(language))
        for month in range(1, 13):
            self.birth_month.addItem(str(names[month]), month)
        self.remove = QPushButton(_("Entfernen"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.label, self.age, self.birth_month, self.remove):
            layout.addWidget(widget)
        layout.addStretch(1)
        self._ = _
        self.set_number(number)
        self.age.valueChanged.connect(self.changed)
        self.birth_month.currentIndexChanged.connect(self.changed)
        self.remove.clicked.connect(lambda: self.removed.emit(self))

    def set_number(self, number: int) -> None:
        text = self._("Kind {number}").format(number=number)
        self.label.setText(text + ":")
        self.age.setAccessibleName(self._("Alter von {child}").format(child=text))
        self.birth_month.setAccessibleName(self._("Geburtsmonat von {child}").format(
            child=text))
        self.remove.setAccessibleName(self._("{child} entfernen").format(child=text))

    def child(self) -> Child:
        return Child(self.age.value(), self.birth_month.currentData())


class NextStepsView(QDialog):
    """The view; ``add_offers(list of ids)`` and ``open_offer(id)`` go to the window."""

    add_offers = Signal(list)
    open_offer = Signal(str)
    handout_requested = Signal()

    def __init__(self, services: Services, runner: TaskRunner, language: str, _: Translate,
                 ngettext: Plural, town: str | None = None, parent: QWidget | None = None,
                 today: dt.date | None = None, service: NextStepsService | None = None
                 ) -> None:
        super().__init__(parent)
        self.setObjectName("nextStepsView")
        self.setWindowTitle(_("Was kommt als Nächstes?"))
        if is_rtl(language):
            self.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self._ = _
        self._n = ngettext
        self.language = language
        self.services = services
        self.service = service or NextStepsService(services.search)
        self.today = today or dt.date.today()
        self.plan: NextStepsPlan | None = None
        self.rows: dict[str, OfferSummary] = {}
        self.worker = LatestWins(runner, DEBOUNCE_MS, self)
        self.children_rows: list[ChildRow] = []

        self.children_box = QVBoxLayout()
        self.add_child_button = QPushButton(_("Kind hinzufügen"))
        self.pregnancy = QCheckBox(_("Schwangerschaft, Geburt erwartet im"))
        self.due = QComboBox()
        self.due.setAccessibleName(_("Erwarteter Geburtsmonat"))
        start = Month.of(self.today)
        for ahead in range(0, 11):
            month = start.plus(ahead)
            self.due.addItem(month_text(month.year, month.month, language), _month_key(month))
        self.due.setCurrentIndex(6)
        self.due.setEnabled(False)
        self.town = QComboBox()
        self.town.setAccessibleName(_("Wohnort der Familie"))
        self.town.addItem(_("alle Orte"), None)
        for name in TOWN_NAMES:
            self.town.addItem(name, name)
        if town in TOWN_NAMES:
            self.town.setCurrentIndex(self.town.findData(town))
        self.stages_label = QLabel()
        self.stages_label.setObjectName("stagesNow")
        self.stages_label.setWordWrap(True)
        self.status = QLabel()
        self.status.setObjectName("nextStepsStatus")
        self.status.setWordWrap(True)
        self.picture = TimelinePicture()
        self.picture.setAccessibleName(_("Zeitleiste der nächsten 12 Monate"))
        self.steps = QListWidget()
        self.steps.setObjectName("nextStepsList")
        self.steps.setAccessibleName(_("Meilensteine der nächsten 12 Monate"))
        self.steps.setWordWrap(True)
        self.detail = QTextBrowser()
        self.detail.setObjectName("nextStepsDetail")
        self.detail.setOpenLinks(False)
        self.detail.setAccessibleName(_("Was zu tun ist und passende Angebote"))
        self.add_step_button = QPushButton(_("Angebote dieses Schritts auf die Gesprächsliste"))
        self.add_all_button = QPushButton(_("Alle Angebote auf die Gesprächsliste"))
        self.handout_button = QPushButton(_("Handzettel „Nächste Schritte“ …"))
        self._lay_out()
        latin_digits(self)
        self._connect()
        self.add_child()
        self.resize(1100, 760)

    # --- layout --------------------------------------------------------------------------
    def _lay_out(self) -> None:
        _ = self._
        family = QFormLayout()
        children = QWidget()
        children_layout = QVBoxLayout(children)
        children_layout.setContentsMargins(0, 0, 0, 0)
        children_layout.addLayout(self.children_box)
        children_layout.addWidget(self.add_child_button, 0, Qt.AlignmentFlag.AlignLeading)
        family.addRow(_("Kinder"), children)
        pregnancy = QHBoxLayout()
        pregnancy.addWidget(self.pregnancy)
        pregnancy.addWidget(self.due)
        pregnancy.addStretch(1)
        family.addRow("", pregnancy)
        family.addRow(_("Wohnort (mit Nachbarorten)"), self.town)
        family.addRow(_("Jetzt"), self.stages_label)

        lower = QSplitter(Qt.Orientation.Horizontal)
        lower.addWidget(self.steps)
        detail_box = QWidget()
        detail_layout = QVBoxLayout(detail_box)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addWidget(self.detail, 1)
        detail_layout.addWidget(self.add_step_button, 0, Qt.AlignmentFlag.AlignTrailing)
        lower.addWidget(detail_box)
        lower.setSizes([380, 620])
        lower.setChildrenCollapsible(False)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.add_all_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.handout_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Schließen"))

        layout = QVBoxLayout(self)
        layout.addLayout(family)
        layout.addWidget(self.picture)
        layout.addWidget(self.status)
        layout.addWidget(lower, 1)
        layout.addWidget(buttons)

    def _connect(self) -> None:
        self.add_child_button.clicked.connect(self.add_child)
        self.pregnancy.toggled.connect(self.due.setEnabled)
        self.pregnancy.toggled.connect(self.recompute)
        self.due.currentIndexChanged.connect(self.recompute)
        self.town.currentIndexChanged.connect(self.recompute)
        self.picture.markerChosen.connect(self.steps.setCurrentRow)
        self.steps.currentRowChanged.connect(self._show_step)
        self.detail.anchorClicked.connect(lambda url: self.open_offer.emit(url.path()))
        self.add_step_button.clicked.connect(self.add_current_step)
        self.add_all_button.clicked.connect(self.add_everything)
        self.handout_button.clicked.connect(self.handout_requested)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.add_current_step)

    # --- the family ----------------------------------------------------------------------
    def add_child(self) -> ChildRow | None:
        if len(self.children_rows) >= MAX_CHILDREN:
            return None
        row = ChildRow(len(self.children_rows) + 1, self.language, self._)
        latin_digits(row)
        row.changed.connect(self.recompute)
        row.removed.connect(self._remove_child)
        self.children_rows.append(row)
        self.children_box.addWidget(row)
        self.add_child_button.setEnabled(len(self.children_rows) < MAX_CHILDREN)
        self.recompute()
        return row

    def _remove_child(self, row: ChildRow) -> None:
        self.children_rows.remove(row)
        self._drop_row(row)
        for number, other in enumerate(self.children_rows, 1):
            other.set_number(number)
        self.add_child_button.setEnabled(True)
        self.recompute()

    def _drop_row(self, row: ChildRow) -> None:
        self.children_box.removeWidget(row)
        row.hide()
        row.deleteLater()

    def family(self) -> Family:
        key = self.due.currentData()
        due = _month_of(key) if self.pregnancy.isChecked() and key else None
        return Family(tuple(row.child() for row in self.children_rows), due)

    def set_family(self, family: Family) -> None:
        """Fill the form (tests, and a family carried over from the handout)."""
        while self.children_rows:
            self._drop_row(self.children_rows.pop())
        for child in family.children:
            added = self.add_child()
            if added is not None:
                added.age.setValue(child.age)
                added.birth_month.setCurrentIndex(max(0, added.birth_month.findData(
                    child.birth_month)))
        self.pregnancy.setChecked(family.due is not None)
        if family.due is not None:
            self.due.setCurrentIndex(max(0, self.due.findData(_month_key(family.due))))
        self.recompute()

    def town_name(self) -> str | None:
        data = self.town.currentData()
        return str(data) if data else None

    # --- computing -----------------------------------------------------------------------
    def recompute(self) -> None:
        family, town, today = self.family(), self.town_name(), self.today
        service, directory, language = self.service, self.services.directory, self.language

        def work(progress: Progress) -> PlanWithRows:
            plan = service.plan(family, town, today, progress)
            rows = {row.id: row for row in directory.summaries(plan.offer_ids(), language)}
            return PlanWithRows(plan, rows)

        self.status.setText(self._("Wird berechnet …"))
        self.worker.request(work, self._show_plan, self._show_error)

    @property
    def idle(self) -> bool:
        return self.worker.idle

    def _show_error(self, error: BaseException) -> None:
        self.plan = None
        self.handout_button.setEnabled(False)
        self.steps.clear()
        self.detail.clear()
        self.picture.set_data([], [], [], {})
        if isinstance(error, TranslatableError):
            self.status.setText(error.text(self._))
        else:
            self.status.setText(self._("Die Vorschau ist fehlgeschlagen: {error}").format(
                error=error))

    def _show_plan(self, result: PlanWithRows) -> None:
        _ = self._
        self.plan, self.rows = result.plan, result.rows
        timeline = result.plan.timeline
        self.stages_label.setText("; ".join(
            f"{person_label(person, _, self._n)}: "
            + (_(STAGES[person.stage]) if person.stage else _("über 27: Ende der Präventionskette"))
            for person in timeline.persons) or _("Bitte ein Kind oder eine Schwangerschaft "
                                                  "angeben."))
        months = [timeline.start.plus(i) for i in range(timeline.months)]
        labels = [month_text(month.year, month.month, self.language, short=True)
                  for month in months]
        lanes = [Lane(person_label(person, _, self._n),
                      tuple(person.stage_in(month) or "" for month in months))
                 for person in timeline.persons]
        markers = [Marker(timeline.persons.index(step.person), step.month.minus(timeline.start),
                          number, self._step_title(step), step.milestone.confirm)
                   for number, step in enumerate(timeline.steps, 1)]
        self.picture.set_data(labels, lanes, markers, {code: _(label) for code, label
                                                       in STAGES.items()})
        self.steps.clear()
        for number, step in enumerate(timeline.steps, 1):
            item = QListWidgetItem(f"{number}. {self._step_title(step)}")
            item.setToolTip(step.milestone.todo.get(self.language))
            self.steps.addItem(item)
        count = len(timeline.steps)
        self.status.setText(self._n("{count} Meilenstein in den nächsten 12 Monaten.",
                                    "{count} Meilensteine in den nächsten 12 Monaten.",
                                    count).format(count=count) if timeline.persons else "")
        self.add_all_button.setEnabled(bool(result.plan.offer_ids()))
        self.handout_button.setEnabled(bool(timeline.steps))
        if count:
            self.steps.setCurrentRow(0)
        else:
            self.detail.clear()
            self.add_step_button.setEnabled(False)

    def _step_title(self, step: Step) -> str:
        when = month_text(step.month.year, step.month.month, self.language)
        if step.month > step.due:
            when = self._("jetzt")
        elif step.approximate:
            when = self._("etwa {month}").format(month=when)
        person = person_label(step.person, self._, self._n)
        return f"{when} · {person}: {step.milestone.title.get(self.language)}"

    # --- a step's detail -----------------------------------------------------------------
    def current_step(self) -> Step | None:
        row = self.steps.currentRow()
        if self.plan is None or not 0 <= row < len(self.plan.timeline.steps):
            return None
        return self.plan.timeline.steps[row]

    def _show_step(self, row: int) -> None:
        step = self.current_step()
        if step is None or self.plan is None:
            self.detail.clear()
            self.add_step_button.setEnabled(False)
            return
        if 0 <= row < len(self.picture.markers):
            self.picture.current = row
            self.picture.update()
        self.detail.setHtml(self.step_html(step))
        help_ = self.plan.help_for(step)
        self.add_step_button.setEnabled(bool(help_.offers or help_.guide))

    def step_html(self, step: Step) -> str:
        _ = self._
        assert self.plan is not None
        milestone = step.milestone
        parts = [f"<h3>{escape(self._step_title(step))}</h3>",
                 f"<p>{escape(milestone.todo.get(self.language))}</p>"]
        towns = tuple(town for town in (self.town_name(),) if town)
        note = milestone.note_for(towns)
        if note is not None:
            parts.append(f"<p>{escape(note.get(self.language))}</p>")
        if milestone.confirm:
            parts.append(NOTE.format(escape(_(
                "Vom Kreis noch zu bestätigen: Frist, Termin oder zuständige Stelle."))))
        if step.approximate:
            parts.append(NOTE.format(escape(_(
                "Ungefähr: Der Geburtsmonat ist nicht angegeben."))))
        help_ = self.plan.help_for(step)
        if help_.offers:
            heading = escape(_("Passende Angebote"))
            parts.append(f"<p><b>{heading}</b></p><ul>")
            parts += [self._offer_item(oid) for oid in help_.offers]
            parts.append("</ul>")
        else:
            parts.append("<p>{}</p>".format(escape(_("Keine passenden Angebote in der Nähe."))))
        if help_.guide:
            heading = escape(_("Begleitet persönlich (Lotse)"))
            parts.append(f"<p><b>{heading}</b></p><ul>")
            parts.append(self._offer_item(help_.guide))
            parts.append("</ul>")
        parts.append('<p style="color:#5f6b76">{}</p>'.format(escape(
            _("Quelle: {source}").format(source=milestone.source))))
        return "".join(parts)

    def _offer_item(self, offer_id: str) -> str:
        row = self.rows.get(offer_id)
        if row is None:
            return ""
        where = ", ".join(row.where()[:2])
        number = ltr(row.phone.replace(" ", "\xa0"), self.language) if row.phone else ""
        phone = f" · {escape(number)}" if number else ""  # one piece, left to right
        return (f'<li><a href="offer:{escape(offer_id)}">{escape(row.title)}</a>'
                f" – {escape(where)}{phone}</li>")

    # --- one click onto the Gesprächsliste ------------------------------------------------
    def add_current_step(self) -> None:
        step = self.current_step()
        if step is None or self.plan is None:
            return
        help_ = self.plan.help_for(step)
        ids = [*help_.offers, *([help_.guide] if help_.guide else [])]
        if ids:
            self.add_offers.emit(ids)

    def add_everything(self) -> None:
        if self.plan is not None and self.plan.offer_ids():
            self.add_offers.emit(self.plan.offer_ids())

    def done(self, result: int) -> None:
        self.worker.shutdown()
        super().done(result)
