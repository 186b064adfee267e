"""The detail pane in the window: marked when its offer leaves the results, contact QR."""

from __future__ import annotations

import datetime as dt

import icalendar
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QLabel

from coesfeld_desktop.domain.contact_card import contact_vcard
from coesfeld_desktop.services import Services
from coesfeld_desktop.store.offers import offer_detail
from coesfeld_desktop.ui.detail_html import offer_link
from coesfeld_desktop.ui.main_window import MainWindow


def test_the_pane_is_marked_when_a_new_search_no_longer_lists_its_offer(
        qtbot, window: MainWindow, wait_search) -> None:
    window.search_field.setText("kita")
    wait_search(window)
    window.results.move_current(1)
    shown = window.current_offer_id()
    assert shown and not window.detail.outside_label.isVisible()
    window.search_field.setText("zzzqqxx")
    wait_search(window)
    assert window.current_offer_id() == shown  # the counsellor may still read it ...
    assert window.detail.outside_label.isVisible()  # ... but it says it is not listed
    assert window.detail.outside_label.text() == "Nicht in den aktuellen Ergebnissen"
    window.search_field.setText("kita")
    wait_search(window)
    assert not window.detail.outside_label.isVisible()


def test_next_opening_in_the_pane_follows_the_clock(window: MainWindow) -> None:
    window.detail.clock = lambda: dt.datetime(2026, 12, 2, 12, 0)  # a Wednesday noon
    window.results.move_current(1)
    html = window.detail.browser.toHtml()
    assert any(word in html for word in ("heute", "morgen", "jetzt geöffnet", "Woche",
                                         "Do ", "Fr ", "Mo ", "Di "))


def test_contact_qr_shows_the_offer_as_a_vcard(qtbot, window: MainWindow,
                                               services: Services) -> None:
    window.results.move_current(1)
    offer_id = window.current_offer_id()
    assert window.detail.qr_button.isEnabled()
    window.detail.qr_button.click()
    dialog = window.detail.qr_dialog
    assert dialog is not None and dialog.isVisible()
    images = [label for label in dialog.findChildren(QLabel) if not label.pixmap().isNull()]
    assert len(images) == 1 and images[0].pixmap().width() >= 200
    with services.database.session() as session:
        detail = offer_detail(session, offer_id)
    assert detail is not None
    card = contact_vcard(detail)
    assert detail.title.text in card and (detail.phones[0] if detail.phones else "") in card
    dialog.close()


def _click_link(qtbot, window: MainWindow, href: str) -> None:
    """Click the link ``href`` where the pane's layout put it (no font metrics assumed)."""
    browser = window.detail.browser
    document = browser.document()
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            if fragment.charFormat().anchorHref() == href:
                cursor = QTextCursor(document)
                cursor.setPosition(fragment.position() + 1)
                browser.ensureCursorVisible()
                browser.setTextCursor(cursor)
                browser.ensureCursorVisible()
                point = browser.cursorRect(cursor).center()
                qtbot.mouseClick(browser.viewport(), Qt.MouseButton.LeftButton, pos=point)
                return
            iterator += 1
        block = block.next()
    raise AssertionError(f"no link {href} in the pane")


def test_a_follow_up_link_selects_that_offer(qtbot, window: MainWindow, wait_search) -> None:
    window.search_field.setText("Geburtsvorbereitungskurs")
    wait_search(window)
    assert "off-duelmen-0070" not in window.results.model.offer_ids()
    window.open_offer("off-duelmen-0071")  # Geburtsvorbereitungskurs -> Hebammenhilfe
    html = window.detail.browser.toHtml()
    assert "Danach" in html and "angebot:off-duelmen-0070" in html
    with qtbot.waitSignal(window.detail.related_chosen) as chosen:
        _click_link(qtbot, window, offer_link("off-duelmen-0070"))
    assert chosen.args == ["off-duelmen-0070"]
    assert window.current_offer_id() == "off-duelmen-0070"
    assert "Hebammenhilfe" in window.detail.browser.toHtml()
    # not among the results for "Geburtsvorbereitung": the pane says so
    assert window.detail.outside_label.isVisible()
    # the next step of the chain: Hebammenhilfe -> Eltern-Kind-Gruppe
    assert "angebot:off-duelmen-0027" in window.detail.browser.toHtml()


def test_a_link_to_a_listed_offer_selects_its_row(qtbot, window: MainWindow,
                                                  wait_search) -> None:
    window.search_field.setText("Familienhebamme")
    wait_search(window)
    ids = window.results.model.offer_ids()
    babylotsen = "off-duelmen-0017"
    window.open_offer(babylotsen)
    partner = next(oid for oid in ids if offer_link(oid) in window.detail.browser.toHtml())
    _click_link(qtbot, window, offer_link(partner))
    assert window.results.current_offer_id() == partner
    assert window.current_offer_id() == partner
    assert not window.detail.outside_label.isVisible()


def test_course_dates_go_to_the_phone_as_qr_and_ics(qtbot, window: MainWindow,
                                                    tmp_path) -> None:
    """'Termine aufs Handy' on the demo's birth preparation course (eight Tuesdays)."""
    detail = window.detail
    detail.clock = lambda: dt.datetime(2027, 1, 20, 9, 0)  # two evenings are over
    detail.show_offer("off-duelmen-9001")
    assert detail.dates_button.isVisibleTo(detail)
    assert "nächster Termin: Di 26. Januar, noch 6 von 8 Terminen" in \
        detail.browser.toPlainText()
    detail.dates_button.click()
    dialog = detail.dates_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.next_label.text() == "nächster Termin: Di 26. Januar, noch 6 von 8 Terminen"
    assert dialog.image.pixmap().width() >= 150
    assert dialog.save(tmp_path / "kurs")  # the suffix is added
    calendar = icalendar.Calendar.from_ical((tmp_path / "kurs.ics").read_bytes())
    starts = [event.decoded("dtstart") for event in calendar.walk("VEVENT")]
    assert len(starts) == 6 and starts[0].date() == dt.date(2027, 1, 26)
    assert all(start.hour == 18 and start.minute == 30 for start in starts)
    dialog.close()
    # after the last evening the button is gone; offers without dates never show it
    detail.clock = lambda: dt.datetime(2027, 3, 10, 9, 0)
    detail.show_offer(None)
    detail.show_offer("off-duelmen-9001")
    assert not detail.dates_button.isVisibleTo(detail)
    window.results.move_current(1)
    assert not detail.dates_button.isVisibleTo(detail)
