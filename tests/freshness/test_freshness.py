"""Freshness everywhere: "zuletzt geprüft" in rows, detail and handouts, marked when older
than the configured months; the planner's list per provider; assured_date carried from the
publisher's document through the signed export into the desk."""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from openpyxl import load_workbook

from coesfeld_desktop.commands.publish import main as publish_main
from coesfeld_desktop.domain.freshness import (
    is_stale,
    months_before,
    months_since,
    row_checked_text,
)
from coesfeld_desktop.domain.offer import OfferSummary
from coesfeld_desktop.domain.result_row import row_lines
from coesfeld_desktop.domain.translation_mark import translation_mark
from coesfeld_desktop.handout.compose import render_handout
from coesfeld_desktop.handout.pdf import HandoutOptions
from coesfeld_desktop.i18n import gettext_for
from coesfeld_desktop.paths import AppPaths
from coesfeld_desktop.store.database import Database
from coesfeld_desktop.store.directory_reads import DirectoryReads
from coesfeld_desktop.store.loader import replace_directory
from coesfeld_desktop.sync.publisher import build_export
from coesfeld_desktop.sync.service import SyncService
from coesfeld_desktop.ui.detail_html import detail_html
from coesfeld_desktop.userdata.keys import Key
from coesfeld_desktop.userdata.preferences import Preferences
from coesfeld_desktop.userdata.settings import SettingsService
from tests.handout.pdfread import read_pdf
from tests.sync.factory import make_document, trusted

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "handout"))
from fixture_directory import directory_document

TODAY = dt.date(2026, 12, 3)
_ = gettext_for("de")


@pytest.mark.parametrize(("assured", "months", "stale"), [
    (dt.date(2025, 12, 3), 12, False),  # exactly twelve months: not yet
    (dt.date(2025, 12, 2), 12, True),
    (dt.date(2026, 6, 1), 6, True),
    (dt.date(2026, 6, 3), 6, False),
    (dt.date(2024, 1, 1), 36, False),
    (None, 12, False),  # unknown is not called stale (the planner's list names it)
])
def test_stale_counts_calendar_months(assured: dt.date | None, months: int,
                                      stale: bool) -> None:
    assert is_stale(assured, TODAY, months) is stale


def test_month_arithmetic_at_month_ends() -> None:
    assert months_before(dt.date(2026, 3, 31), 1) == dt.date(2026, 2, 28)
    assert months_before(dt.date(2024, 2, 29), 12) == dt.date(2023, 2, 28)
    assert months_before(dt.date(2026, 1, 15), 13) == dt.date(2024, 12, 15)
    assert months_since(dt.date(2025, 9, 14), TODAY) == 14
    assert months_since(dt.date(2026, 11, 4), TODAY) == 0


def _summary(assured: dt.date | None, machine: bool = False,
             outdated: bool = False) -> OfferSummary:
    return OfferSummary("off-1", "Sprachcafé", "Träger", ("Dülmen",), 0, 6, False, ("de",),
                        (), True, False, assured_date=assured, machine_translated=machine,
                        translation_outdated=outdated)


def test_rows_say_when_checked_and_mark_old_ones() -> None:
    now = dt.datetime(2026, 12, 3, 10, 0)
    fresh = row_lines(_summary(dt.date(2026, 9, 14)), "de", _, now)
    assert fresh.facts.endswith("geprüft 09/2026") and fresh.alerts == ()
    old = row_lines(_summary(dt.date(2025, 3, 1)), "de", _, now)
    assert old.alerts == ("⚠ geprüft 03/2025",) and "geprüft" not in old.facts
    assert "⚠ geprüft 03/2025" in old.one_line()
    assert row_lines(_summary(dt.date(2025, 3, 1)), "de", _, now, 24).alerts == ()
    assert "geprüft" not in row_lines(_summary(None), "de", _, now).facts
    english = row_lines(_summary(dt.date(2025, 3, 1)), "en", gettext_for("en"), now)
    assert english.alerts == ("⚠ checked 03/2025",)
    reported = row_lines(_summary(None), "de", _, now, reported_on=dt.date(2026, 12, 1))
    assert reported.alerts == ("⚑ gemeldet am 01.12.26",)


def test_rows_mark_machine_translation_and_its_age() -> None:
    now = dt.datetime(2026, 12, 3, 10, 0)
    machine = row_lines(_summary(None, machine=True), "de", _, now).facts
    assert machine.startswith("maschinell übersetzt · ")  # first: a narrow row cuts the end
    facts = row_lines(_summary(None, machine=True, outdated=True), "de", _, now).facts
    assert "maschinell übersetzt, älter als der deutsche Text" in facts
    assert translation_mark(False, True, _) == "Übersetzung älter als der deutsche Text"
    assert translation_mark(False, False, _) == ""
    assert row_checked_text(None, TODAY, "de", _) == ""


@pytest.fixture
def handout_db(tmp_path: Path) -> Database:
    document = directory_document()
    offers = {offer["id"]: offer for offer in document["offers"]}
    offers["off-hebamme"]["assured_date"] = "2024-10-01"
    offers["off-sprachcafe"]["assured_date"] = "2026-11-20"
    db = Database(tmp_path / "db.sqlite3")
    with db.engine.begin() as connection:
        replace_directory(connection, document)
    yield db
    db.close()


def test_detail_and_handout_say_when_checked(handout_db: Database) -> None:
    reads = DirectoryReads(handout_db)
    old = reads.detail("off-hebamme", "de")
    assert old is not None and old.assured_date == dt.date(2024, 10, 1)
    html = detail_html(old, "de", _, dt.datetime(2026, 12, 3, 10, 0))
    assert 'class="stale"' in html and "zuletzt geprüft: 1. Oktober 2024" in html
    assert "Älter als 12 Monate" in html
    fresh = reads.detail("off-sprachcafe", "de")
    assert fresh is not None
    assert 'class="stale"' not in detail_html(fresh, "de", _, dt.datetime(2026, 12, 3, 10))
    pdf = render_handout(handout_db, ["off-hebamme", "off-sprachcafe"],
                         HandoutOptions("de"), today=TODAY)
    text = read_pdf(pdf).text
    assert "Zuletzt geprüft" in text
    assert "1. Oktober 2024 – länger nicht geprüft – bitte vorher anrufen" in text
    assert "20. November 2026" in text and text.count("länger nicht geprüft") == 1
    # the setting moves the line: with 36 months nothing is old
    SettingsService(handout_db).set(Key.STALE_MONTHS, "36")
    again = read_pdf(render_handout(handout_db, ["off-hebamme"], HandoutOptions("en"),
                                    today=TODAY)).text
    assert "Last checked" in again and "call" not in again.split("Last checked")[1][:60]


def test_the_planners_list_of_stale_offers_per_provider(tmp_path: Path) -> None:
    document = make_document(6)
    document["organizations"].append({"id": "org-x", "name": "Familienwerk e. V.",
                                      "phones": [], "translations": {}})
    document["offers"][0]["assured_date"] = "2024-05-02"
    document["offers"][1]["assured_date"] = None
    document["offers"][2].update(organization_id="org-x", assured_date="2025-01-10")
    document["offers"][3].update(organization_id="org-x", assured_date="2026-11-01")
    document["offers"][4]["status"] = "inactive"
    document["offers"][4]["assured_date"] = "2020-01-01"
    source = tmp_path / "directory.json"
    source.write_text(json.dumps(document), encoding="utf-8")
    xlsx, listing = tmp_path / "stale.xlsx", tmp_path / "stale.csv"
    assert publish_main(["stale", str(source), "--today", "2026-12-03", "--out", str(xlsx),
                         "--out", str(listing)]) == 0
    sheet = load_workbook(xlsx).active
    assert sheet is not None
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(values_only=False)]
    assert rows[0][:4] == ["Träger", "Angebots-ID", "Angebot", "zuletzt geprüft"]
    listed = {row[1]: row for row in rows[1:]}
    assert set(listed) == {"off-0", "off-1", "off-2"}  # inactive and fresh ones are not
    assert listed["off-1"][3] == "nie geprüft"
    assert listed["off-0"][4] == 31  # months since May 2024
    assert listed["off-2"][0] == "Familienwerk e. V." and listed["off-2"][5:] == [2, 1]
    assert [row[0] for row in rows[1:]] == sorted(row[0] for row in rows[1:])
    with listing.open(encoding="utf-8-sig") as stream:
        assert len(list(csv.reader(stream, delimiter=";"))) == 4
    assert publish_main(["stale", str(source), "--months", "60", "--today", "2026-12-03",
                         "--out", str(listing)]) == 0
    with listing.open(encoding="utf-8-sig") as stream:
        assert [line[1] for line in list(csv.reader(stream, delimiter=";"))[1:]] == ["off-1"]


def test_assured_date_travels_from_the_publisher_to_the_desk(tmp_path: Path) -> None:
    key = Ed25519PrivateKey.generate()
    document = make_document(5)
    document["offers"][2]["assured_date"] = "2025-02-17"
    export = tmp_path / "export.zip"
    build_export(document, key, export)
    home = AppPaths(tmp_path / "home").ensure()
    database = Database(home.database)
    try:
        SyncService(database, home, trusted(key)).sync(str(export))
        reads = DirectoryReads(database)
        detail = reads.detail("off-2", "de")
        assert detail is not None and detail.assured_date == dt.date(2025, 2, 17)
        summary = reads.summaries(["off-2"], "en")[0]
        assert summary.assured_date == dt.date(2025, 2, 17)
        assert summary.machine_translated  # the factory's English title is machine-made
        preferences = Preferences(SettingsService(database))
        assert preferences.stale_months == 12
        preferences.stale_months = 99
        assert preferences.stale_months == 60
    finally:
        database.close()
