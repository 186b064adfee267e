"""The filter controls; they only build a :class:`SearchFilters`, the search does the rest."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from coesfeld_desktop.domain.formatting import language_name, weekday_names
from coesfeld_desktop.domain.towns import TOWN_NAMES
from coesfeld_desktop.domain.vocabulary import (
    FILTER_LABELS,
    LIFE_PHASES,
    TARGET_GROUPS,
    WEEKDAYS,
)
from coesfeld_desktop.search.query import SearchFilters

if TYPE_CHECKING:  # the store (SQLAlchemy) loads after the window's first paint
    from coesfeld_desktop.services import Services

Translate = Callable[[str], str]
NO_AGE = -1  # the spin box's "egal" value


class FilterPanel(QWidget):
    changed = Signal()

    def __init__(self, services: Services, language: str, _: Translate,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ = _
        self._services = services
        self._language = language
        self._updating = False
        self.town = self._combo(_("Stadt"), [(_("alle Orte"), None)]
                                + [(name, name) for name in TOWN_NAMES])
        self.neighbours = QCheckBox(_("mit Nachbarorten"))
        self.age = QSpinBox()
        self.age.setRange(NO_AGE, 27)
        self.age.setSpecialValueText(_("egal"))
        self.age.setSuffix(_(" Jahre"))
        self.age.setValue(NO_AGE)
        self.pregnancy = QCheckBox(_("Schwangerschaft"))
        self.target_group = self._combo(_("Zielgruppe"), [(_("alle"), None)] + [
            (_(label), code) for code, label in TARGET_GROUPS.items()])
        self.life_phase = self._combo(_("Lebensphase"), [(_("alle"), None)] + [
            (_(label), code) for code, label in LIFE_PHASES.items()])
        self.topic = self._combo(_("Thema"), [(_("alle"), None)])  # filled by load_lists()
        self.offer_language = self._combo(_("Sprache"), [(_("alle"), None)])
        days = weekday_names(language)
        self.weekday = self._combo(_("Wochentag"), [(_("egal"), None)]
                                   + [(days[code], code) for code in WEEKDAYS])
        self.free_only = QCheckBox(_("nur kostenlos"))
        self.barrier_free_only = QCheckBox(_("nur barrierefrei"))
        self.reset_button = QPushButton(_("Filter zurücksetzen"))
        self._name_controls()
        self._lay_out()
        self._connect_signals()

    def load_lists(self) -> None:
        """Fill the lists that come with the directory: topics and offer languages."""
        from coesfeld_desktop.store.offers import offer_languages, topic_names

        with self._services.database.session() as session:
            topics = topic_names(session, self._language)
            languages = offer_languages(session)
        named = sorted(((language_name(code, self._language), code) for code in languages),
                       key=lambda item: item[0].casefold())
        self._updating = True
        try:
            for combo, items in ((self.topic, [(name, tid) for tid, name in topics.items()]),
                                 (self.offer_language, named)):
                chosen = combo.currentData()
                while combo.count() > 1:
                    combo.removeItem(1)
                for label, value in items:
                    combo.addItem(label, value)
                combo.setCurrentIndex(max(combo.findData(chosen), 0))
        finally:
            self._updating = False

    def _combo(self, name: str, items: list[tuple[str, str | None]]) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(name)
        # Long topic names must not widen the panel: the combo shrinks, the popup does not.
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(8)
        for label, value in items:
            combo.addItem(label, value)
        return combo

    def _name_controls(self) -> None:
        _ = self._
        self.neighbours.setAccessibleName(_("Nachbarorte einbeziehen"))
        self.age.setAccessibleName(_("Alter des Kindes"))
        self.age.setToolTip(_("Alter des Kindes in Jahren; „egal“ filtert nicht nach Alter"))
        self.pregnancy.setAccessibleName(_("Angebote in der Schwangerschaft"))
        self.free_only.setAccessibleName(_("nur kostenlose Angebote"))
        self.barrier_free_only.setAccessibleName(_("nur barrierefreie Angebote"))
        self.reset_button.setAccessibleName(_("Alle Filter zurücksetzen"))

    def _lay_out(self) -> None:
        _ = self._
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.setVerticalSpacing(6)
        form.addRow(_("Stadt"), self.town)
        form.addRow("", self.neighbours)
        form.addRow(_("Alter"), self.age)
        form.addRow("", self.pregnancy)
        form.addRow(_("Zielgruppe"), self.target_group)
        form.addRow(_("Lebensphase"), self.life_phase)
        form.addRow(_("Thema"), self.topic)
        form.addRow(_("Sprache"), self.offer_language)
        form.addRow(_("Wochentag"), self.weekday)
        form.addRow("", self.free_only)
        form.addRow("", self.barrier_free_only)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addSpacing(6)
        layout.addWidget(self.reset_button)
        layout.addStretch(1)

    def _connect_signals(self) -> None:
        for combo in (self.town, self.target_group, self.life_phase, self.topic,
                      self.offer_language, self.weekday):
            combo.currentIndexChanged.connect(self._emit_changed)
        for box in (self.neighbours, self.pregnancy, self.free_only, self.barrier_free_only):
            box.toggled.connect(self._emit_changed)
        self.age.valueChanged.connect(self._emit_changed)
        self.town.currentIndexChanged.connect(self._update_neighbours_enabled)
        self.reset_button.clicked.connect(self.reset)
        self._update_neighbours_enabled()

    def _emit_changed(self) -> None:
        if not self._updating:
            self.changed.emit()

    def _update_neighbours_enabled(self) -> None:
        self.neighbours.setEnabled(self.town.currentData() is not None)

    # --- reading and writing ---------------------------------------------------------------
    def filters(self) -> SearchFilters:
        age = self.age.value()
        return SearchFilters(
            town=self.town.currentData(),
            include_neighbours=self.neighbours.isChecked() and self.town.currentData() is not None,
            age=None if age == NO_AGE else age,
            pregnancy=self.pregnancy.isChecked(),
            target_group=self.target_group.currentData(),
            life_phase=self.life_phase.currentData(),
            topic=self.topic.currentData(),
            language=self.offer_language.currentData(),
            free_only=self.free_only.isChecked(),
            barrier_free_only=self.barrier_free_only.isChecked(),
            weekday=self.weekday.currentData(),
        )

    def set_filters(self, filters: SearchFilters) -> None:
        """Show ``filters`` in the controls; emits :attr:`changed` once."""
        self._updating = True
        try:
            for combo, value in ((self.town, filters.town),
                                 (self.target_group, filters.target_group),
                                 (self.life_phase, filters.life_phase),
                                 (self.topic, filters.topic),
                                 (self.offer_language, filters.language),
                                 (self.weekday, filters.weekday)):
                found = combo.findData(value)
                combo.setCurrentIndex(max(found, 0))
            self.neighbours.setChecked(filters.include_neighbours)
            self.age.setValue(NO_AGE if filters.age is None else filters.age)
            self.pregnancy.setChecked(filters.pregnancy)
            self.free_only.setChecked(filters.free_only)
            self.barrier_free_only.setChecked(filters.barrier_free_only)
        finally:
            self._updating = False
        self.changed.emit()

    def clear_filter(self, name: str) -> None:
        """Drop one filter by its :class:`SearchFilters` field name."""
        if name in SearchFilters.__dataclass_fields__:
            default = getattr(SearchFilters(), name)
            self.set_filters(replace(self.filters(), **{name: default}))  # type: ignore[arg-type]

    def reset(self) -> None:
        self.set_filters(SearchFilters())

    def town_names(self) -> list[str]:
        """The towns offered in the town list (without "alle Orte")."""
        return [self.town.itemData(i) for i in range(1, self.town.count())]

    def filter_label(self, name: str) -> str:
        return self._(FILTER_LABELS.get(name, name))
