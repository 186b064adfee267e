"""The detail pane in the window: marked when its offer leaves the results, contact QR."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QLabel

from coesfeld_desktop.domain.contact_card import contact_vcard
from coesfeld_desktop.services import Services
from coesfeld_desktop.store.offers import offer_detail
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
