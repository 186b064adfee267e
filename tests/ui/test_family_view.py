"""The family view (issue 23), driven like a counsellor would: F11, buttons, arrows, Esc,
a language in one click, read aloud on a fake engine; in German, Arabic and Ukrainian."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QAbstractSlider, QApplication, QLabel, QWidget
from sqlalchemy import delete

from coesfeld_desktop.domain.formatting import time_range_text, without_isolates
from coesfeld_desktop.handout.family_card import EASY, NO_VOICE
from coesfeld_desktop.handout.labels import MARK_GERMAN, Labels
from coesfeld_desktop.services import Services
from coesfeld_desktop.speech.engine import Voice
from coesfeld_desktop.speech.reader import IDLE, PAUSED, SPEAKING
from coesfeld_desktop.store import models as m
from coesfeld_desktop.ui.family_style import FAMILY_STYLE, MIN_CONTRAST, PAIRS, contrast_ratio
from coesfeld_desktop.ui.family_view import FamilyView, family_screen
from coesfeld_desktop.ui.main_window import MainWindow
from coesfeld_desktop.ui.zoom import apply_zoom
from tests.speech.test_reader import FakeEngine

KITA = "off-duelmen-0039"
HELPLINE = "off-ascheberg-0001"
THIRD = "off-duelmen-0070"
VOICES = [Voice("de", "Deutsch", ("de",)), Voice("ar", "Arabisch", ("ar",)),
          Voice("uk", "Ukrainisch", ("uk",))]  # no Farsi voice installed
WEDNESDAY_MORNING = dt.datetime(2026, 12, 2, 6, 0)


@pytest.fixture
def engine() -> FakeEngine:
    return FakeEngine(VOICES)


@pytest.fixture
def desk(make_window: Callable[..., MainWindow], services: Services,
         engine: FakeEngine) -> Iterator[MainWindow]:
    """A German window with three offers on the Gesprächsliste and a fake speech engine."""
    window = make_window("de")
    window.family.make_engine = lambda: engine
    services.saved_list.add_offers([KITA, HELPLINE, THIRD])
    yield window
    window.family.shutdown()


def _view(window: MainWindow, qtbot=None) -> FamilyView:
    view = window.family.view
    assert view is not None and view.isVisible()
    if qtbot is not None:  # the keys reach the view's shortcuts once it is the active window
        qtbot.waitUntil(view.isActiveWindow)
    view.clock = lambda: WEDNESDAY_MORNING
    return view


def _title(services: Services, offer_id: str, language: str) -> str:
    detail = services.directory.detail(offer_id, language)
    assert detail is not None
    return detail.title.text


def _texts(view: FamilyView) -> list[str]:
    content = view.page_area.widget()
    assert content is not None
    return [label.text() for label in content.findChildren(QLabel) if label.text()]


def test_f11_shows_the_list_from_the_current_offer_and_esc_returns(
        qtbot, desk: MainWindow, services: Services) -> None:
    desk.show_conversation_list()
    desk.conversation.select_row(1)
    qtbot.keyClick(desk.conversation.list, Qt.Key.Key_F11)
    view = _view(desk, qtbot)
    assert view.isFullScreen()
    assert view.offer_ids == [KITA, HELPLINE, THIRD] and view.current_offer_id() == HELPLINE
    assert view.title_label.text() == _title(services, HELPLINE, "de")
    assert view.position_label.text() == "Angebot 2 von 3"
    qtbot.keyClick(view.read_button, Qt.Key.Key_Right)  # arrows move, whatever has focus
    assert view.current_offer_id() == THIRD and not view.next_button.isEnabled()
    qtbot.keyClick(view.read_button, Qt.Key.Key_Left)
    qtbot.keyClick(view.read_button, Qt.Key.Key_Left)
    assert view.current_offer_id() == KITA and not view.previous_button.isEnabled()
    view.next_button.click()
    assert view.title_label.text() == _title(services, HELPLINE, "de")
    qtbot.keyClick(view.read_button, Qt.Key.Key_Escape)
    assert desk.family.view is None and not view.isVisible()
    assert desk.current_offer_id() == HELPLINE  # the desk shows what the family saw last


def test_the_detail_pane_button_shows_its_offer_alone_when_not_on_the_list(
        qtbot, desk: MainWindow, wait_search, services: Services) -> None:
    desk.search_field.setText("hebamme")
    wait_search(desk)
    desk.results.move_current(1)
    shown = desk.current_offer_id()
    assert shown is not None and shown not in desk.conversation.offer_ids()
    assert desk.detail.family_button.isEnabled()
    desk.detail.family_button.click()
    view = _view(desk)
    assert view.offer_ids == [shown]
    assert view.title_label.text() == _title(services, shown, "de")
    view.close()


def test_the_list_button_and_an_empty_desk(qtbot, desk: MainWindow, services: Services) -> None:
    desk.conversation.family_button.click()
    view = _view(desk)
    assert view.offer_ids == [KITA, HELPLINE, THIRD] and view.current_offer_id() == KITA
    view.close()
    services.saved_list.clear()
    desk.detail.show_offer(None)
    assert not desk.conversation.family_button.isEnabled()
    assert not desk.detail.family_button.isEnabled()
    assert desk.open_family_view() is False and desk.family.view is None
    assert "Familienansicht" in desk.statusBar().currentMessage()


def test_arabic_in_one_click_right_to_left_with_mirrored_arrows(
        qtbot, desk: MainWindow, services: Services) -> None:
    desk.conversation.family_button.click()
    view = _view(desk, qtbot)
    view.language_buttons["ar"].click()
    assert view.language == "ar" and view.language_buttons["ar"].isChecked()
    assert view.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert view.title_label.text() == _title(services, KITA, "ar")
    assert view.position_label.text() == "العرض 1 من 3"
    shown = "\n".join(_texts(view))  # in words, 24 h, the range isolated left to right
    assert "اليوم 07:15–17:00" in without_isolates(shown) and "\u206607:15" not in shown
    assert time_range_text("07:15", "17:00", "ar") in shown
    assert view.read_button.text().endswith(Labels("ar")("Vorlesen"))
    qtbot.keyClick(view.read_button, Qt.Key.Key_Left)  # in Arabic the next offer is left
    assert view.current_offer_id() == HELPLINE and view.language == "ar"
    assert view.title_label.text() == _title(services, HELPLINE, "ar")
    qtbot.keyClick(view.read_button, Qt.Key.Key_Right)
    assert view.current_offer_id() == KITA
    qtbot.keyClick(view.read_button, Qt.Key.Key_End)
    assert view.current_offer_id() == THIRD
    view.close()
    desk.conversation.family_button.click()  # the family's language is kept for the talk ...
    assert _view(desk).language == "ar"
    _view(desk).close()
    desk.services.saved_list.add_offers([KITA])
    assert desk.family.language == "ar"
    desk.conversation.confirm = lambda *_args: True  # ... and forgotten with "Neues Gespräch"
    assert desk.new_conversation()
    assert desk.family.language == "de"


def test_ukrainian_switching_offers_and_languages(qtbot, desk: MainWindow,
                                                  services: Services) -> None:
    desk.conversation.family_button.click()
    view = _view(desk)
    view.language_buttons["uk"].click()
    assert view.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert view.title_label.text() == _title(services, KITA, "uk")
    assert view.windowTitle() == "Вигляд для родини"
    assert view.previous_button.accessibleName() == "Попередня пропозиція"
    view.next_button.click()
    assert view.title_label.text() == _title(services, HELPLINE, "uk")
    view.language_buttons["de"].click()
    assert view.title_label.text() == _title(services, HELPLINE, "de")
    view.language_buttons["uk"].click()
    view.previous_button.click()
    assert view.title_label.text() == _title(services, KITA, "uk")
    assert not view.marks  # everything of this offer is in Ukrainian
    view.close()


def test_a_missing_translation_shows_german_with_a_mark(qtbot, desk: MainWindow,
                                                        services: Services) -> None:
    with services.database.session() as session:
        session.execute(delete(m.Translation).where(
            m.Translation.entity_type == "offer", m.Translation.entity_id == KITA,
            m.Translation.language == "ar", m.Translation.field.in_(("title", "summary"))))
        session.commit()
    desk.conversation.family_button.click()
    view = _view(desk)
    view.language_buttons["ar"].click()
    assert view.title_label.text() == _title(services, KITA, "de")  # never blank
    assert len(view.marks) == 2
    assert {mark.text() for mark in view.marks} == {Labels("ar")(MARK_GERMAN)}
    assert all(mark.isVisibleTo(view) for mark in view.marks)
    view.language_buttons["uk"].click()
    assert view.marks == []
    view.close()


def test_leichte_sprache_is_offered_for_german(qtbot, desk: MainWindow,
                                               services: Services) -> None:
    desk.conversation.family_button.click()
    view = _view(desk)
    easy = view.language_buttons[EASY]
    assert easy.isVisibleTo(view) and easy.text() == "Leichte Sprache"
    easy.click()
    assert view.title_label.text() == _title(services, KITA, EASY)
    assert view.title_label.text() != _title(services, KITA, "de")
    view.close()


def test_read_aloud_play_pause_resume_stop_in_the_family_language(
        qtbot, desk: MainWindow, engine: FakeEngine) -> None:
    engine.hold = True
    desk.conversation.family_button.click()
    view = _view(desk)
    view.language_buttons["uk"].click()
    view.read_button.click()
    assert engine.started.acquire(timeout=10)
    qtbot.waitUntil(lambda: view.reader.status.state == SPEAKING)
    qtbot.waitUntil(lambda: view.read_button.accessibleName() == "Пауза")
    assert engine.spoken[0][0] == view.card.speech_text().split("\n")[0]
    assert {voice for _text, voice, _rate in engine.spoken} == {"uk"}
    view.read_button.click()  # pause
    qtbot.waitUntil(lambda: view.read_button.accessibleName() == "Далі")
    assert view.reader.status.state == PAUSED
    view.speed.setValue(view.speed.maximum())
    view.read_button.click()  # resume: the sentence again, faster
    assert engine.started.acquire(timeout=10)
    assert engine.spoken[-1][2] == pytest.approx(1.5)
    view.stop_button.click()
    qtbot.waitUntil(lambda: view.read_button.accessibleName() == "Читати вголос")
    assert view.reader.status.state == IDLE
    spoken = len(engine.spoken)
    view.next_button.click()  # another offer: silence until asked
    assert len(engine.spoken) == spoken
    view.close()


def test_no_voice_for_the_language_says_so_in_both_languages(
        qtbot, desk: MainWindow) -> None:
    desk.conversation.family_button.click()
    view = _view(desk)
    view.language_buttons["fa"].click()
    view.read_button.click()
    qtbot.waitUntil(lambda: view.speech_status.isVisibleTo(view))
    lines = view.speech_status.text().split("\n")
    assert lines == [Labels("fa")(NO_VOICE, language="فارسی"),
                     Labels("de")(NO_VOICE, language="فارسی")]
    assert lines[0] != lines[1]
    view.close()


def test_every_control_has_a_screen_reader_name(qtbot, desk: MainWindow) -> None:
    desk.conversation.family_button.click()
    view = _view(desk)
    for language in ("de", "ar", "uk"):
        view.language_buttons[language].click()
        controls: list[QWidget] = [*view.findChildren(QAbstractButton),
                                   *view.findChildren(QAbstractSlider)]
        controls = [c for c in controls if c.isVisibleTo(view) and c.parent() is not None
                    and c is not view.page_area.verticalScrollBar()
                    and c is not view.page_area.horizontalScrollBar()]
        assert len(controls) >= 17
        unnamed = [c.objectName() for c in controls if not c.accessibleName().strip()]
        assert unnamed == []
        assert view.qr_label.accessibleName() == Labels(language)("Kontakt fürs Handy")
        assert view.map.accessibleName().endswith("Dülmen")
    assert desk.detail.family_button.accessibleName() == "Familienansicht"
    assert desk.conversation.family_button.text() == "Familienansicht"
    view.close()


def test_colours_meet_wcag_aaa_contrast() -> None:
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    for name, pair in PAIRS.items():
        assert contrast_ratio(pair.text, pair.background) >= MIN_CONTRAST, name
        assert pair.text in FAMILY_STYLE and pair.background in FAMILY_STYLE, name


def test_readable_at_200_percent(qtbot, desk: MainWindow) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    desk.conversation.family_button.click()
    view = _view(desk)
    normal = view.title_label.font().pointSizeF()
    try:
        apply_zoom(app, 200)
        view.language_buttons["ar"].click()  # rebuilt at the new size
        assert view.title_label.font().pointSizeF() == pytest.approx(2 * normal, rel=0.05)
        view.showNormal()
        view.resize(800, 600)
        view._arrange()
        assert view.content_layout.direction().name == "TopToBottom"  # QR and map below
        assert view.page_area.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        content = view.page_area.widget()
        assert content is not None
        texts = [label for label in content.findChildren(QLabel) if label.text()]
        assert texts and all(label.wordWrap() for label in texts)
    finally:
        apply_zoom(app, 100)
    view.close()


def test_the_view_goes_to_a_second_screen_when_there_is_one() -> None:
    laptop, beamer = object(), object()
    assert family_screen(laptop, [laptop, beamer]) is beamer
    assert family_screen(beamer, [laptop, beamer]) is laptop
    assert family_screen(laptop, [laptop]) is laptop


def test_tab_goes_languages_then_page_then_controls_and_f11_closes(
        qtbot, desk: MainWindow) -> None:
    desk.conversation.family_button.click()
    view = _view(desk, qtbot)
    order: list[QWidget] = []  # what Tab reaches, in its order
    widget: QWidget = view.language_buttons["de"]
    while widget not in order:
        order.append(widget)
        widget = widget.nextInFocusChain()
    tabbed = [w for w in order if w.focusPolicy() & Qt.FocusPolicy.TabFocus
              and w.isVisibleTo(view)]
    languages = [b for b in view.language_buttons.values() if b.isVisibleTo(view)]
    assert tabbed[:len(languages)] == languages
    rest = tabbed[len(languages):]
    assert rest.index(view.close_button) < rest.index(view.page_area) \
        < rest.index(view.previous_button) < rest.index(view.next_button) \
        < rest.index(view.read_button) < rest.index(view.stop_button) < rest.index(view.speed)
    qtbot.keyClick(view.read_button, Qt.Key.Key_F11)
    assert desk.family.view is None and not view.isVisible()
