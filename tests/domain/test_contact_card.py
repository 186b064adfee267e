"""The contact card a family scans into the phone book (vCard in a QR code, no network)."""

from __future__ import annotations

import datetime as dt

import segno

from coesfeld_desktop.domain.contact_card import (
    contact_vcard,
    has_contact,
    map_link,
    qr_matrix,
    qr_png,
)
from coesfeld_desktop.domain.offer import ContactPerson, LocalizedText, OfferDetail, Place


def _offer(**changes: object) -> OfferDetail:
    base: dict[str, object] = dict(
        id="off-1", title=LocalizedText("Familienhebamme", "de"), summary=None,
        description=None, provider="Familienwerk e. V.", provider_id="org-1",
        provider_website=None,
        places=(Place(None, "Kirchstraße 1", "48653", "Coesfeld", "Lette", 51.9, 7.1, True),),
        contacts=(ContactPerson("Anna Beispiel", None, "anna@example.org", ("02541 000-2",)),),
        phones=("02541 000-1",), email=None, url="https://example.org/hebamme",
        opening_hours=(), min_age=None, max_age=None, pregnancy=False, free=True, cost=None,
        application_process=None, languages=(), topics=(), topic_ids=(), target_groups=(),
        life_phases=(), assured_date=dt.date(2026, 1, 1), last_modified=None)
    base.update(changes)
    return OfferDetail(**base)  # type: ignore[arg-type]


def test_vcard_holds_name_provider_phones_mail_and_address() -> None:
    card = contact_vcard(_offer())
    lines = card.splitlines()
    assert lines[0] == "BEGIN:VCARD" and lines[-1] == "END:VCARD"
    assert "FN:Familienhebamme" in lines and "ORG:Familienwerk e. V." in lines
    assert "TEL:02541 000-1" in lines and "TEL:02541 000-2" in lines
    assert "EMAIL:anna@example.org" in lines  # the contact person's, the offer has none
    assert "ADR:;;Kirchstraße 1;Coesfeld-Lette;;48653;" in lines
    assert "N:" in lines and not any(line.startswith("URL") for line in lines)  # kept short


def test_special_characters_are_escaped_for_the_phone_book() -> None:
    card = contact_vcard(_offer(provider="Caritas; Beratung, Coesfeld"))
    assert "ORG:Caritas\\; Beratung\\, Coesfeld" in card.splitlines()


def test_no_phone_and_no_mail_means_no_card() -> None:
    bare = _offer(phones=(), contacts=(), email=None)
    assert not has_contact(bare) and has_contact(_offer())


def test_the_code_encodes_the_card() -> None:
    card = contact_vcard(_offer())
    reference = segno.make_qr(card, error="m", boost_error=False)
    assert [list(row) for row in qr_matrix(card)] == [
        [bool(cell) for cell in row] for row in reference.matrix]
    assert qr_png(card).startswith(b"\x89PNG")
    assert map_link(51.9445, 7.1675).startswith(
        "https://www.openstreetmap.org/?mlat=51.94450&mlon=7.16750")
