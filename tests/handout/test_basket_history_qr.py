from __future__ import annotations

import datetime as dt
from dataclasses import replace

from pdfread import as_printed, read_pdf

from coesfeld_desktop.domain.offer import OfferDetail
from coesfeld_desktop.handout import labels as L  # noqa: N812 - L.KEY reads like the label table
from coesfeld_desktop.handout.compose import render_handout
from coesfeld_desktop.handout.history import HandoutHistory
from coesfeld_desktop.handout.labels import Labels
from coesfeld_desktop.handout.pdf import CentreHeader, HandoutOptions, Layout
from coesfeld_desktop.handout.qr import map_link, qr_modules, qr_target
from coesfeld_desktop.store.offers import offer_details


def test_history_records_without_the_note(database):
    history = HandoutHistory(database)
    options = HandoutOptions("ar", Layout.BENEATH, True, note="Familie Beispiel, Tel …")
    entry = history.record(["off-hebamme"], ["Familienhebammen"], options,
                           when=dt.datetime(2026, 11, 27, 10, 0))
    assert history.entries() == [entry]
    assert entry.options() == HandoutOptions("ar", Layout.BENEATH, True, "")
    with database.engine.connect() as connection:
        rows = connection.exec_driver_sql("SELECT * FROM handout_history").fetchall()
    assert "Beispiel, Tel" not in repr(rows)
    history.clear()
    assert history.entries() == []


def _offer(database, offer_id) -> OfferDetail:
    with database.session() as session:
        return offer_details(session, [offer_id])[0]


def test_qr_holds_the_contact_else_the_website_or_the_map(database):
    hebamme = _offer(database, "off-hebamme")
    kind, card = qr_target(hebamme)
    assert kind == "contact" and card.startswith("BEGIN:VCARD")
    assert f"FN:{hebamme.title.text}" in card.splitlines()
    unreachable = replace(hebamme, phones=(), email=None, contacts=())
    assert qr_target(unreachable) == ("web", "https://www.kreis-coesfeld.de/hebammen")
    beratung = replace(_offer(database, "off-beratung"), phones=(), email=None, contacts=())
    kind, link = qr_target(beratung)
    assert kind == "map" and link.startswith("https://www.openstreetmap.org/?mlat=51.97810")
    assert map_link(51.9445, 7.1675).startswith(
        "https://www.openstreetmap.org/?mlat=51.94450&mlon=7.16750")
    modules = qr_modules("https://example.org")
    assert len(modules) == len(modules[0]) >= 21


def test_qr_matrix_matches_a_reference_encoder():
    qrcode = __import__("pytest").importorskip("qrcode")
    for data in ("https://www.kreis-coesfeld.de/hebammen", map_link(51.9781, 7.2946)):
        reference = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M,
                                  mask_pattern=2, border=0)
        reference.add_data(data)
        reference.make(fit=True)
        assert [list(row) for row in qr_modules(data)] == reference.get_matrix()


def test_the_sheet_labels_the_contact_code_in_the_family_language(database):
    centre = CentreHeader("Familienberatungsstelle Coesfeld", "Kupferstraße 1", "02541 12345")
    for language in ("de", "ar"):
        data = render_handout(database, ["off-hebamme"], HandoutOptions(language, Layout.SINGLE),
                              centre, today=dt.date(2026, 11, 27))
        text = read_pdf(data).squashed()
        caption = Labels(language)(L.QR_CONTACT)
        assert all(as_printed(word, language) in text for word in caption.split())
