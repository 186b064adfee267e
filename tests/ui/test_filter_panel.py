"""The filter panel is built from the dimension registry: one row per dimension, in its
order, and each control sets exactly its own field of the search filters."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QLabel, QSpinBox

from coesfeld_desktop.domain.dimensions import DIMENSIONS, Widget
from coesfeld_desktop.search.query import SearchFilters
from coesfeld_desktop.services import Services
from coesfeld_desktop.ui.main_window import MainWindow

KINDS = {Widget.CHOICE: QComboBox, Widget.CHECK: QCheckBox, Widget.AGE: QSpinBox}


def _row_label(panel_form: QFormLayout, control: object) -> str:
    label = panel_form.labelForField(control)  # type: ignore[arg-type]
    return label.text() if isinstance(label, QLabel) else ""


def test_every_dimension_has_its_row_in_registry_order(window: MainWindow) -> None:
    panel = window.filters
    form = panel.findChild(QFormLayout)
    assert form is not None
    expected = []
    for dimension in DIMENSIONS:
        control = panel.control(dimension.name)
        assert isinstance(control, KINDS[dimension.widget]), dimension.name
        assert control.accessibleName()
        if dimension.widget is Widget.CHECK:
            assert control.text() == dimension.label  # German window: the source strings
        else:
            assert _row_label(form, control) == dimension.label
        expected.append(control)
        if dimension.companion is not None:
            expected.append(panel.control(dimension.companion.name))
    assert panel.controls() == [*expected, panel.reset_button]


def test_each_control_sets_its_own_filter_and_reset_clears_all(qtbot, window: MainWindow
                                                               ) -> None:
    panel = window.filters
    for dimension in DIMENSIONS:
        control = panel.control(dimension.name)
        if isinstance(control, QComboBox):
            assert control.count() > 1, dimension.name  # topics and languages: loaded
            control.setCurrentIndex(control.count() - 1)
            value: object = control.itemData(control.count() - 1)
        elif isinstance(control, QCheckBox):
            qtbot.mouseClick(control, Qt.MouseButton.LeftButton)
            value = True
        else:
            control.setValue(5)
            value = 5
        assert getattr(panel.filters(), dimension.name) == value, dimension.name
    chosen = panel.filters()
    assert chosen.active().keys() == {dimension.name for dimension in DIMENSIONS}
    panel.clear_filter("topic")
    assert panel.filters() == SearchFilters(**{**chosen.__dict__, "topic": None})
    qtbot.mouseClick(panel.reset_button, Qt.MouseButton.LeftButton)
    assert panel.filters() == SearchFilters()


def test_the_neighbours_option_counts_only_with_a_town(qtbot, window: MainWindow
                                                       ) -> None:
    panel = window.filters
    assert not panel.neighbours.isEnabled()
    panel.set_filters(SearchFilters(town="Olfen", include_neighbours=True))
    assert panel.neighbours.isEnabled() and panel.neighbours.isChecked()
    assert panel.filters().include_neighbours
    panel.clear_filter("town")
    assert panel.filters() == SearchFilters()


def test_labels_follow_the_ui_language(make_window) -> None:
    window = make_window(language="en", show=False)
    form = window.filters.findChild(QFormLayout)
    assert _row_label(form, window.filters.control("target_group")) == "Target group"
    combo = window.filters.control("target_group")
    assert isinstance(combo, QComboBox)
    assert combo.itemData(1) == "parents" and combo.itemText(1) == "Parents"


def test_the_window_opens_on_the_default_town_and_reset_returns_to_it(
        make_window: Callable[..., MainWindow], services: Services) -> None:
    services.preferences.default_town = "Olfen"  # as the first-run wizard stores it
    window = make_window()
    assert window.filters.filters().town == "Olfen"
    assert window.controller.last_request is not None
    assert window.controller.last_request.filters.town == "Olfen"
    window.filters.set_filters(SearchFilters(town="Dülmen", age=4))
    window.filters.reset_button.click()
    assert window.filters.filters() == SearchFilters(town="Olfen")
    services.preferences.default_town = ""
    again = make_window()
    assert again.filters.filters().town is None


def test_the_children_only_option_counts_only_with_an_age(qtbot, window: MainWindow
                                                           ) -> None:
    panel = window.filters
    assert not panel.children_only.isEnabled()
    panel.age.setValue(3)
    assert panel.children_only.isEnabled()
    assert not panel.filters().children_only  # the parents' offers stay by default
    qtbot.mouseClick(panel.children_only, Qt.MouseButton.LeftButton)
    assert panel.filters() == SearchFilters(age=3, children_only=True)
    panel.clear_filter("age")
    assert panel.filters() == SearchFilters()
    assert not panel.children_only.isEnabled()
