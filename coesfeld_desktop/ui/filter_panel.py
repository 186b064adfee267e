"""The filter controls; they only build a :class:`SearchFilters`, the search does the rest.

One row per dimension of :data:`~coesfeld_desktop.domain.dimensions.DIMENSIONS`, in its
order, with the widget the dimension asks for: a new dimension appears here by itself.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from coesfeld_desktop.domain.dimensions import (
    BY_NAME,
    DIMENSIONS,
    Dimension,
    DirectoryLists,
    Widget,
    dimension_label,
)
from coesfeld_desktop.i18n import Translate
from coesfeld_desktop.search.query import SearchFilters

if TYPE_CHECKING:  # the store (SQLAlchemy) loads after the window's first paint
    from coesfeld_desktop.services import Services

NO_AGE = -1  # the spin box's "egal" value
MAX_AGE = 27  # the spin box's last age: the oldest "young adult" of youth welfare


class FilterPanel(QWidget):
    changed = Signal()

    def __init__(self, services: Services, language: str, _: Translate,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ = _
        self._services = services
        self._language = language
        self._updating = False
        # what "Filter zurücksetzen" returns to: no filter, or the default town of the settings
        self.default_filters = SearchFilters()
        self.combos: dict[str, QComboBox] = {}
        self.checks: dict[str, QCheckBox] = {}  # the check boxes, companions included
        self.spins: dict[str, QSpinBox] = {}
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.setVerticalSpacing(6)
        self._controls: list[QWidget] = []  # in the order the rows show them
        for dimension in DIMENSIONS:
            self._add_row(form, dimension)
        self.reset_button = QPushButton(_("Filter zurücksetzen"))
        self.reset_button.setAccessibleName(_("Alle Filter zurücksetzen"))
        self._controls.append(self.reset_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addSpacing(6)
        layout.addWidget(self.reset_button)
        layout.addStretch(1)
        self._connect_signals()

    # --- the controls of the dimensions ---------------------------------------------------
    @property
    def town(self) -> QComboBox:
        return self.combos["town"]

    @property
    def neighbours(self) -> QCheckBox:
        return self.checks["include_neighbours"]

    @property
    def age(self) -> QSpinBox:
        return self.spins["age"]

    @property
    def children_only(self) -> QCheckBox:
        return self.checks["children_only"]

    @property
    def topic(self) -> QComboBox:
        return self.combos["topic"]

    @property
    def offer_language(self) -> QComboBox:
        return self.combos["language"]

    @property
    def weekday(self) -> QComboBox:
        return self.combos["weekday"]

    def controls(self) -> list[QWidget]:
        """Every control in panel order (for the window's tab order)."""
        return list(self._controls)

    def control(self, name: str) -> QWidget:
        """The control of the dimension (or companion option) with this field name."""
        return self.combos.get(name) or self.checks.get(name) or self.spins[name]

    def _add_row(self, form: QFormLayout, dimension: Dimension) -> None:
        _ = self._
        label = _(dimension.label)
        control: QWidget
        if dimension.widget is Widget.CHOICE:
            control = self._combo(label, [(_(dimension.any_label), None)] + [
                (choice.label, choice.value)
                for choice in dimension.choices(None, self._language, _)])
            self.combos[dimension.name] = control
            form.addRow(label, control)
        elif dimension.widget is Widget.AGE:
            control = QSpinBox()
            control.setRange(NO_AGE, MAX_AGE)
            control.setSpecialValueText(_("egal"))
            control.setSuffix(_(" Jahre"))
            control.setValue(NO_AGE)
            control.setToolTip(_("Alter des Kindes in Jahren; „egal“ filtert nicht nach Alter"))
            self.spins[dimension.name] = control
            form.addRow(label, control)
        else:
            control = QCheckBox(label)
            self.checks[dimension.name] = control
            # a filter of its own spans the row: only companions stand under their field, so
            # a long option name does not widen the column
            control.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
            form.addRow(control)
        if dimension.accessible_name:
            control.setAccessibleName(_(dimension.accessible_name))
        self._controls.append(control)
        if dimension.companion is not None:
            companion = QCheckBox(_(dimension.companion.label))
            companion.setAccessibleName(
                _(dimension.companion.accessible_name or dimension.companion.label))
            self.checks[dimension.companion.name] = companion
            form.addRow("", companion)
            self._controls.append(companion)

    def load_lists(self) -> None:
        """Fill the lists that come with the directory (topics, offer languages)."""
        lists: DirectoryLists = self._services.directory
        self._updating = True
        try:
            for dimension in DIMENSIONS:
                if dimension.values is None or not dimension.values.from_directory:
                    continue
                combo = self.combos[dimension.name]
                chosen = combo.currentData()
                while combo.count() > 1:
                    combo.removeItem(1)
                for choice in dimension.choices(lists, self._language, self._):
                    combo.addItem(choice.label, choice.value)
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

    def _connect_signals(self) -> None:
        for combo in self.combos.values():
            combo.currentIndexChanged.connect(self._emit_changed)
        for box in self.checks.values():
            box.toggled.connect(self._emit_changed)
        for spin in self.spins.values():
            spin.valueChanged.connect(self._emit_changed)
        for combo in self.combos.values():
            combo.currentIndexChanged.connect(self._update_companions_enabled)
        for spin in self.spins.values():
            spin.valueChanged.connect(self._update_companions_enabled)
        self.reset_button.clicked.connect(self.reset)
        self._update_companions_enabled()

    def _emit_changed(self) -> None:
        if not self._updating:
            self.changed.emit()

    def _update_companions_enabled(self) -> None:
        """An option that refines a dimension can be ticked only when that one is set."""
        values = self._values()
        for dimension in DIMENSIONS:
            if dimension.companion is not None:
                self.checks[dimension.companion.name].setEnabled(
                    values[dimension.name] is not None)

    # --- reading and writing ---------------------------------------------------------------
    def _values(self) -> dict[str, object]:
        values: dict[str, object] = {}
        for name, combo in self.combos.items():
            values[name] = combo.currentData()
        for name, box in self.checks.items():
            values[name] = box.isChecked()
        for name, spin in self.spins.items():
            values[name] = None if spin.value() == NO_AGE else spin.value()
        return values

    def filters(self) -> SearchFilters:
        values = self._values()
        for dimension in DIMENSIONS:  # an option only counts with its dimension
            if dimension.companion is not None and values[dimension.name] is None:
                values[dimension.companion.name] = False
        return SearchFilters(**values)  # type: ignore[arg-type]

    def set_filters(self, filters: SearchFilters) -> None:
        """Show ``filters`` in the controls; emits :attr:`changed` once."""
        self._updating = True
        try:
            for name, combo in self.combos.items():
                combo.setCurrentIndex(max(combo.findData(getattr(filters, name)), 0))
            for name, box in self.checks.items():
                box.setChecked(bool(getattr(filters, name)))
            for name, spin in self.spins.items():
                value = getattr(filters, name)
                spin.setValue(NO_AGE if value is None else value)
        finally:
            self._updating = False
        self.changed.emit()

    def clear_filter(self, name: str) -> None:
        """Drop one filter by its dimension's name (a :class:`SearchFilters` field)."""
        dimension = BY_NAME.get(name)
        if dimension is None:
            return
        changes: dict[str, object] = {name: getattr(SearchFilters(), name)}
        if dimension.companion is not None:
            changes[dimension.companion.name] = False
        self.set_filters(replace(self.filters(), **changes))  # type: ignore[arg-type]

    def reset(self) -> None:
        """Back to :attr:`default_filters` (the default town, if one is set)."""
        self.set_filters(self.default_filters)

    def town_names(self) -> list[str]:
        """The towns offered in the town list (without "alle Orte")."""
        return [self.town.itemData(i) for i in range(1, self.town.count())]

    def filter_label(self, name: str) -> str:
        return self._(dimension_label(name))
