"""„Was kommt als Nächstes?“ driven with real widgets on the demo directory."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QPoint, Qt

from coesfeld_desktop.domain.timeline import Child, Family
from coesfeld_desktop.services import Services
from coesfeld_desktop.ui.main_window import MainWindow
from coesfeld_desktop.ui.next_steps_actions import NextStepsActions
from coesfeld_desktop.ui.next_steps_view import NextStepsView

Make = Callable[..., MainWindow]
TODAY = dt.date(2026, 10, 5)  # scenario 1: Schulanmeldung is this autumn


def _open(qtbot, window: MainWindow, services: Services) -> tuple[NextStepsActions,
                                                                   NextStepsView]:
    actions = NextStepsActions(window, services, today=TODAY)
    view = actions.open_view()
    qtbot.waitExposed(view)
    qtbot.waitUntil(lambda: view.idle, timeout=60000)
    return actions, view


def _wait(qtbot, view: NextStepsView) -> None:
    qtbot.waitUntil(lambda: view.idle, timeout=60000)


def test_scenario_one_shows_stages_timeline_offers_and_adds_them_in_one_click(
        qtbot, make_window: Make, services: Services) -> None:
    window = make_window()
    window.filters.set_filters(window.filters.filters().__class__(town="Dülmen"))
    actions, view = _open(qtbot, window, services)
    assert view.town_name() == "Dülmen"  # taken from the window's filter
    row = view.children_rows[0]
    row.age.setValue(5)
    row.birth_month.setCurrentIndex(row.birth_month.findData(4))  # six in April
    qtbot.mouseClick(view.pregnancy, Qt.MouseButton.LeftButton)
    view.due.setCurrentIndex(view.due.findData("2027-03"))
    _wait(qtbot, view)
    assert view.plan is not None
    assert "3–6 Jahre (Kita)" in view.stages_label.text()
    assert "Schwangerschaft und Geburt" in view.stages_label.text()
    titles = [view.steps.item(i).text() for i in range(view.steps.count())]
    assert any("Schulanmeldung" in t and "Oktober 2026" in t for t in titles)
    assert any("Hebamme" in t for t in titles)
    assert any("Einschulung" in t and "August 2027" in t for t in titles)
    # the picture: two lanes, the baby's band turns from pregnancy to 0-3 in March
    assert [lane.label for lane in view.picture.lanes] == ["Kind 1 · 5 Jahre",
                                                           "Baby (erwartet)"]
    assert view.picture.lanes[1].stages[4] == "pregnancy"
    assert view.picture.lanes[1].stages[5] == "age_0_3"
    # clicking a mark in the picture chooses that milestone in the list
    registration = next(i for i, t in enumerate(titles) if "Schulanmeldung" in t)
    target = view.picture.marker_rect(registration).center()
    qtbot.mouseClick(view.picture, Qt.MouseButton.LeftButton, pos=target)
    assert view.steps.currentRow() == registration
    html = view.detail.toPlainText()
    assert "Vom Kreis noch zu bestätigen" in html and "Quelle:" in html
    # the Hebamme step: offers in Dülmen first, and a Lotse
    midwife = next(i for i, t in enumerate(titles) if "Hebamme" in t)
    view.steps.setCurrentRow(midwife)
    step = view.current_step()
    assert step is not None
    help_ = view.plan.help_for(step)
    assert help_.offers and view.rows[help_.offers[0]].towns[0] == "Dülmen"
    assert help_.guide is not None and "Lotse" in view.detail.toPlainText()
    qtbot.mouseClick(view.add_step_button, Qt.MouseButton.LeftButton)
    listed = services.saved_list.offer_ids()
    assert listed == [*help_.offers, help_.guide]
    assert window.conversation.list.count() == len(listed)
    qtbot.mouseClick(view.add_all_button, Qt.MouseButton.LeftButton)
    assert set(services.saved_list.offer_ids()) == set(view.plan.offer_ids())
    # "Neues Gespräch" forgets the family
    services.saved_list.clear()
    window.conversation_cleared.emit()
    assert actions.view is None


def test_several_children_each_with_a_lane_and_removing_one(qtbot, make_window: Make,
                                                            services: Services) -> None:
    window = make_window()
    _actions, view = _open(qtbot, window, services)
    view.set_family(Family((Child(16, 6), Child(2, 1), Child(27, 1))))
    _wait(qtbot, view)
    assert len(view.picture.lanes) == 3
    assert "über 27" in view.stages_label.text()
    titles = [view.steps.item(i).text() for i in range(view.steps.count())]
    assert any("Kind 1" in t and "Ausbildungsplatz" in t for t in titles)
    assert any("Kind 2" in t and "Kita-Platz ab 3" in t for t in titles)
    assert not any("Kind 3" in t for t in titles)  # 27: the path has ended
    qtbot.mouseClick(view.children_rows[0].remove, Qt.MouseButton.LeftButton)
    _wait(qtbot, view)
    assert len(view.picture.lanes) == 2 and view.children_rows[0].age.value() == 2
    assert view.children_rows[0].label.text() == "Kind 1:"


def test_an_impossible_family_says_why_and_keeps_the_input(qtbot, make_window: Make,
                                                           services: Services) -> None:
    window = make_window()
    _actions, view = _open(qtbot, window, services)
    view.today = dt.date(2027, 8, 1)  # the expected months were listed from October 2026
    view.pregnancy.setChecked(True)
    view.due.setCurrentIndex(0)
    _wait(qtbot, view)
    assert "Vergangenheit" in view.status.text() and view.steps.count() == 0
    assert view.children_rows[0].age.value() == 0  # nothing typed was lost


def test_the_view_runs_right_to_left_in_arabic(qtbot, make_window: Make,
                                               services: Services) -> None:
    window = make_window("ar")
    _actions, view = _open(qtbot, window, services)
    view.set_family(Family((Child(5, 4),)))
    _wait(qtbot, view)
    assert view.isRightToLeft() and view.picture.isRightToLeft()
    first, last = view.picture.month_rect(0, 0), view.picture.month_rect(0, 11)
    assert first.left() > last.left()  # this month stands on the right
    assert "أكتوبر" in view.picture.months[0]
    assert view.steps.count() and "Kind" not in view.steps.item(0).text()
    qtbot.mouseClick(view.picture, Qt.MouseButton.LeftButton,
                     pos=QPoint(view.picture.marker_rect(0).center()))
    assert view.steps.currentRow() == 0


def test_the_next_steps_sheet_in_the_familys_language_from_the_view(
        qtbot, make_window: Make, services: Services, tmp_path) -> None:
    window = make_window()
    window.filters.set_filters(window.filters.filters().__class__(town="Dülmen",
                                                                  language="ar"))
    actions, view = _open(qtbot, window, services)
    view.set_family(Family((Child(5, 4),)))
    _wait(qtbot, view)
    assert view.handout_button.isEnabled()
    qtbot.mouseClick(view.handout_button, Qt.MouseButton.LeftButton)
    sheet = actions.sheet
    assert sheet is not None and sheet.chosen_language() == "ar"  # the family's language
    qtbot.waitUntil(lambda: sheet.pdf is not None, timeout=60000)
    assert sheet.preview.page_count == 1 and sheet.save_button.isEnabled()
    path = sheet.save_to(tmp_path / "schritte.pdf")
    data = path.read_bytes()
    assert data.startswith(b"%PDF") and b"/Lang (ar)" in data
    sheet.language.setCurrentIndex(sheet.language.findData("uk"))
    qtbot.waitUntil(lambda: sheet.pdf is not None and b"/Lang (uk)" in sheet.pdf,
                    timeout=60000)
