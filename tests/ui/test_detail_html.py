"""The detail pane's HTML (Qt-free): every fact shown, every datum escaped, safe links."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from coesfeld_desktop.domain.course_dates import ScheduleRule
from coesfeld_desktop.domain.offer import (
    ContactPerson,
    LocalizedText,
    OfferDetail,
    OpeningHours,
    Place,
    RelatedOffer,
    ServiceFacts,
)
from coesfeld_desktop.i18n import gettext_for
from coesfeld_desktop.ui.detail_html import detail_html, linked_offer_id, offer_link


def _(text: str) -> str:
    return text


def _de(text: str) -> LocalizedText:
    return LocalizedText(text, "de")


DETAIL = OfferDetail(
    id="off-1", title=_de("Hebammensprechstunde <Lette>"), summary=_de("Beratung & Hilfe"),
    description=_de("Zeile 1\nZeile 2"), provider="Familienwerk e. V.",
    provider_id="org-1", provider_website="https://example.org/fw",
    places=(Place("Familienzentrum", "Kirchstraße 1", "48653", "Coesfeld", "Lette", None, None,
                  True, (_de("Stufenloser Zugang, Aufzug"),)),),
    contacts=(ContactPerson("Frau Beispiel", _de("Familienhebamme"), "hebamme@example.org",
                            ("02541 000-123",)),),
    phones=("02541 000-100",), email="info@example.org", url="javascript:alert(1)",
    opening_hours=(OpeningHours(("MO", "WE"), dt.time(9), dt.time(12),
                                _de("offene Sprechstunde")),),
    min_age=None, max_age=1, pregnancy=True, free=True, cost=None,
    application_process=_de("Anmeldung telefonisch"), languages=("de", "tr"),
    topics=("Frühe Hilfen",), topic_ids=("early_help",), target_groups=("pregnant", "parents"),
    life_phases=("pregnancy",), assured_date=dt.date(2026, 9, 14), last_modified=None,
    barrier_free=True, towns=("Coesfeld",),
)


def test_every_fact_is_shown() -> None:
    html = detail_html(DETAIL, "de", _)
    for text in ("Hebammensprechstunde &lt;Lette&gt;", "Beratung &amp; Hilfe",
                 "Zeile 1<br>Zeile 2", "Familienwerk e. V.", "Kirchstraße 1, 48653 Coesfeld-Lette",
                 "Stufenloser Zugang, Aufzug", "Frau Beispiel", "Familienhebamme",
                 "Mo, Mi 09:00–12:00 · offene Sprechstunde", "kostenlos", "barrierefrei",
                 "Anmeldung telefonisch", "Schwangerschaft · 0–1 Jahre", "Deutsch und Türkisch",
                 "Frühe Hilfen", "Schwangere und Eltern", "zuletzt geprüft: 14. September 2026"):
        assert text in html, text


def test_phones_and_mail_are_links_and_unsafe_urls_are_not() -> None:
    html = detail_html(DETAIL, "de", _)
    assert '<a href="tel:02541000100">02541 000-100</a>' in html
    assert '<a href="tel:02541000123">02541 000-123</a>' in html
    assert '<a href="mailto:hebamme@example.org">' in html
    assert '<a href="https://example.org/fw">example.org/fw</a>' in html
    assert 'href="javascript' not in html


def test_translation_notes_flag_german_fallback_machine_and_outdated_texts() -> None:
    detail = replace(
        DETAIL,
        title=LocalizedText("Hebammensprechstunde", "de", is_fallback=True),
        summary=LocalizedText("Advice", "en", machine_translated=True),
        description=LocalizedText("Old text", "en", outdated=True),
    )
    html = detail_html(detail, "en", _)
    assert "nur auf Deutsch verfügbar" in html
    assert "maschinell übersetzt" in html
    assert "Übersetzung älter als der deutsche Text" in html


def test_script_in_data_is_escaped() -> None:
    detail = replace(DETAIL, provider="<script>alert(1)</script>")
    html = detail_html(detail, "de", _)
    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_an_offer_wholly_in_german_is_flagged_once_not_at_every_field() -> None:
    def fallback(text: LocalizedText) -> LocalizedText:
        return LocalizedText(text.text, "de", is_fallback=True)

    detail = replace(DETAIL, title=fallback(DETAIL.title), summary=fallback(DETAIL.summary),
                     description=fallback(DETAIL.description))
    html = detail_html(detail, "en", _)
    assert html.count("nur auf Deutsch verfügbar") == 1
    assert "Dieses Angebot ist nur auf Deutsch verfügbar." in html


WEDNESDAY_NOON = dt.datetime(2026, 12, 2, 12, 0)


def test_facts_come_in_the_order_of_the_conversation() -> None:
    located = replace(DETAIL, places=(replace(DETAIL.places[0], latitude=51.9, longitude=7.1),),
                      cost=_de("2 € pro Treffen"))
    html = detail_html(located, "de", _, WEDNESDAY_NOON)
    order = ["Familienwerk e. V.", "Kirchstraße 1, 48653 Coesfeld-Lette", "openstreetmap.org",
             "Mo, Mi 09:00–12:00", "02541 000-100", "Frau Beispiel", "2 € pro Treffen",
             "Deutsch und Türkisch", "Beratung &amp; Hilfe", "Anmeldung telefonisch",
             "zuletzt geprüft"]
    positions = [html.index(text) for text in order]
    assert positions == sorted(positions)
    assert "nächste Woche Mo 09:00–12:00" in html or "Mo 09:00–12:00" in html


def test_sizes_are_relative_so_the_pane_follows_the_zoom() -> None:
    html = detail_html(DETAIL, "de", _, WEDNESDAY_NOON)
    sizes = re.findall(r"font-size:\s*([^;}]+)", html)
    assert sizes and all(size.strip() in ("small", "x-large") for size in sizes)


def test_right_to_left_puts_the_label_on_the_right_and_keeps_numbers_in_order() -> None:
    html = detail_html(DETAIL, "ar", _, WEDNESDAY_NOON)
    row = html[html.index("tel:02541000100") - 200:]
    value_at, label_at = row.index("tel:02541000100"), row.index(">Telefon<")
    assert value_at < label_at  # written in visual order: value left, label right
    assert "\u206602541 000-100\u2069" in html
    assert html.startswith('<div dir="rtl"')
    assert "\u2066" not in detail_html(DETAIL, "de", _, WEDNESDAY_NOON)


def test_arabic_pane_says_everything_in_arabic_in_reading_order() -> None:
    fallback = replace(DETAIL, title=LocalizedText("Hebammensprechstunde", "de",
                                                   is_fallback=True))
    html = detail_html(fallback, "ar", gettext_for("ar"), WEDNESDAY_NOON)
    assert "Dieses Angebot ist nur auf Deutsch" not in html and "zuletzt geprüft" not in html
    assert "هذا العرض متوفر باللغة الألمانية فقط." in html
    # one translated sentence: label and date stay in order inside the right-to-left block
    assert "آخر تحقق: 14 سبتمبر 2026" in html
    assert html.startswith('<div dir="rtl"')


def test_related_offers_are_links_that_select_them_and_lotsen_have_a_badge() -> None:
    detail = replace(DETAIL, accompanies=True, related=(
        RelatedOffer("follow_up", "off-2 <x>", "Eltern-Kind-Gruppe <Lette>", "Familienwerk",
                     ("Coesfeld",)),
        RelatedOffer("partner", "off-3", "Babylotsen", "Klinik", ())))
    html = detail_html(detail, "de", _)
    assert "begleitet persönlich" in html
    follow = html.index("Danach")
    partner = html.index("Gemeinsam mit")
    assert follow < partner  # "Danach" first, each with its own links
    link = offer_link("off-2 <x>")
    assert link == "angebot:off-2%20%3Cx%3E"  # any id, encoded: no markup gets through
    assert f'<a href="{link}">Eltern-Kind-Gruppe &lt;Lette&gt;</a>' in html[follow:partner]
    assert '<a href="angebot:off-3">Babylotsen</a>' in html[partner:]
    assert linked_offer_id("angebot", "off-2%20%3Cx%3E") == "off-2 <x>"
    assert linked_offer_id("https", "/angebot") is None
    assert "Danach" not in detail_html(DETAIL, "de", _)  # no relations, no section
    arabic = detail_html(detail, "ar", gettext_for("ar"))
    assert "بعد ذلك" in arabic and "مرافقة شخصية" in arabic


COURSE = replace(
    DETAIL,
    opening_hours=(OpeningHours(
        ("TU",), dt.time(18), dt.time(20), _de("Kursabende"),
        rule=ScheduleRule(freq="WEEKLY", count=8, dtstart=dt.date(2027, 3, 2), weekdays=("TU",)),
        link="https://example.org/anmeldung", attending=_de("vor Ort"),
        notes=_de("Bitte ein Kissen <mitbringen>")),),
    service=ServiceFacts(eligibility=_de("Schwangere ab der 25. Woche"),
                         required_documents=("Mutterpass", "Versichertenkarte"),
                         service_areas=("Dülmen",), interpretation=_de("Arabisch auf Anfrage"),
                         alert=_de("Im August keine Kurse"), wait_time=_de("zwei Wochen")),
)


def test_a_course_shows_its_coming_dates_and_what_to_bring() -> None:
    html = detail_html(COURSE, "de", _, now=dt.datetime(2027, 3, 20, 9, 0))
    # two of eight Tuesdays are over: the next one, how many are left, each coming date
    assert "nächster Termin: Di 23. März, noch 5 von 8 Terminen" in html
    for date in ("Di 23. März 18:00–20:00", "Di 20. April 18:00–20:00"):
        assert date in html, date
    assert "Di 16. März" not in html  # over
    assert "Bitte ein Kissen &lt;mitbringen&gt;" in html and "vor Ort" in html
    assert '<a href="https://example.org/anmeldung">' in html
    for text in ("Wer kann kommen", "Schwangere ab der 25. Woche", "Mitbringen",
                 "Mutterpass und Versichertenkarte", "Einzugsgebiet", "Dülmen",
                 "Dolmetschen", "Arabisch auf Anfrage", "Wartezeit", "zwei Wochen",
                 "Im August keine Kurse"):
        assert text in html, text
    # after the last date the pane says so (an offer kept on the Gesprächsliste)
    over = detail_html(COURSE, "de", _, now=dt.datetime(2027, 5, 1, 9, 0))
    assert "vorbei (letzter Termin: Di 20. April)" in over


def test_course_dates_are_worded_in_the_ui_language() -> None:
    html = detail_html(COURSE, "ar", gettext_for("ar"), now=dt.datetime(2027, 2, 1, 9, 0))
    assert "الموعد القادم:" in html and "مارس" in html and "{count}" not in html
    plain = detail_html(DETAIL, "de", _)
    assert "Vor dem Besuch" not in plain and "Termine" not in plain  # nothing to say
