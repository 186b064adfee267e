"""Done when: a correction travels from a counsellor's click over a real WebDAV server on
127.0.0.1 to the district's list (XLSX and CSV read back); two centres reporting the same
problem count as two; "gemeldet am …" stays on the offer until an export covers it."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from coesfeld_desktop.channel.centre_key import centre_private_key
from coesfeld_desktop.channel.envelope import seal
from coesfeld_desktop.commands.publish import main as publish_main
from coesfeld_desktop.corrections.service import KIND, UnknownOffer
from coesfeld_desktop.i18n import gettext_for
from coesfeld_desktop.paths import AppPaths
from coesfeld_desktop.services import Services, open_services, sync_courier
from coesfeld_desktop.sync.publisher import build_export
from coesfeld_desktop.sync.service import SyncService
from coesfeld_desktop.ui.detail_view import DetailView
from tests.needs.webdav_server import webdav_folder
from tests.sync.factory import make_document, trusted

# the offscreen platform plugin itself warns on show(); not our code (as in tests/ui)
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support ")
KEY = Ed25519PrivateKey.generate()
TODAY = dt.date.today()


def _export(tmp: Path, sequence: int, assured: dict[str, str] | None = None) -> Path:
    document = make_document(12, sequence=sequence)
    for offer in document["offers"]:
        if assured and offer["id"] in assured:
            offer["assured_date"] = assured[offer["id"]]
    path = tmp / f"export-{sequence}.zip"
    build_export(document, KEY, path)
    return path


def _sync(services: Services, export: Path) -> SyncService:
    service = SyncService(services.database, services.paths, trusted(KEY),
                          courier=sync_courier(services.paths, services.preferences))
    outcome = service.sync(str(export))
    assert outcome.applied
    return service


@pytest.fixture
def centre_b(tmp_path: Path, _services_template: Path) -> Iterator[Services]:
    home = tmp_path / "centre-b"
    shutil.copytree(_services_template, home)
    opened = open_services(AppPaths(home))
    yield opened
    opened.close()


def test_a_click_travels_over_webdav_to_the_districts_list(
        qtbot: QtBot, services: Services, centre_b: Services, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    services.preferences.centre = services.preferences.centre.__class__(
        name="Familienbüro Dülmen")
    _sync(services, _export(tmp_path, 1))
    _sync(centre_b, _export(tmp_path, 1))

    view = DetailView(services, "de", gettext_for("de"))
    qtbot.addWidget(view)
    view.show()
    view.show_offer("off-3")
    assert view.report_button.isEnabled() and view.reported_label.isHidden()
    qtbot.mouseClick(view.report_button, Qt.MouseButton.LeftButton)
    dialog = view.correction_dialog
    assert dialog is not None and dialog.isVisible()
    assert not dialog.report_button.isEnabled()  # nothing chosen yet
    dialog.buttons_by_kind["contact"].click()
    qtbot.keyClicks(dialog.text, "Nummer endet jetzt auf -20")
    qtbot.mouseClick(dialog.report_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert view.reported_label.isVisible()
    assert "Gemeldet am" in view.reported_label.text()
    assert "Telefon oder E-Mail falsch" in view.reported_label.text()

    # the other centre reports the same problem, and another one, delivered as files (USB)
    centre_b.corrections.report("off-3", "contact", "Telefon nicht erreichbar")
    centre_b.corrections.report("off-7", "ended")
    with pytest.raises(UnknownOffer):
        centre_b.corrections.report("off-404", "ended")
    usb = tmp_path / "usb"
    usb.mkdir()
    centre_b.preferences.return_destination = str(usb)
    delivered = _sync(centre_b, _export(tmp_path, 2)).deliver()
    assert delivered is not None and delivered.problem == ""
    assert len(list(usb.glob("offer-correction-*.json"))) == 2

    registered = tmp_path / "centre-keys"
    registered.mkdir()
    for centre, name in ((services, "duelmen"), (centre_b, "b")):
        shutil.copy(centre.paths.home / "centre-key" / "centre.pub", registered / f"{name}.pub")
    dav = tmp_path / "dav"
    dav.mkdir()
    xlsx, listing = tmp_path / "korrekturen.xlsx", tmp_path / "korrekturen.csv"
    with webdav_folder(dav, "duelmen", "app-pw") as url:
        services.preferences.return_destination = url
        services.preferences.return_user = "duelmen"
        services.preferences.return_password = "app-pw"
        service = SyncService(services.database, services.paths, trusted(KEY),
                              courier=sync_courier(services.paths, services.preferences))
        outcome = service.sync(str(_export(tmp_path, 2)))  # the sync carries the report
        assert outcome.delivered is not None and outcome.delivered.sent == 1
        assert len(list(dav.glob("offer-correction-*.json"))) == 1
        forged = usb / "offer-correction-forged.json"
        forged.write_bytes(next(usb.glob("offer-correction-*.json")).read_bytes()
                           .replace(b"Telefon nicht", b"Telefon doch"))
        monkeypatch.setenv("ANGEBOTSLOTSE_WEBDAV_PASSWORD", "app-pw")  # the district's login
        status = publish_main(["corrections", "import", url, str(usb), "--keys",
                               str(registered), "--user", "duelmen", "--out", str(xlsx),
                               "--out", str(listing)])
    assert status == 0
    sheet = load_workbook(xlsx).active
    assert sheet is not None
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    header = rows[0]
    assert header[:8] == ["Angebots-ID", "Angebot", "Träger", "Was stimmt nicht?",
                          "zuerst gemeldet", "zuletzt gemeldet", "Beratungsstellen",
                          "Meldungen"]
    by_offer = {(row[0], row[3]): row for row in rows[1:]}
    contact = by_offer[("off-3", "Telefon oder E-Mail falsch")]
    assert contact[6] == 2 and contact[7] == 2  # two centres, one report each
    assert contact[4] == contact[5] == TODAY.isoformat()
    assert "Nummer endet jetzt auf -20" in contact[8] and "Telefon nicht erreichbar" in contact[8]
    assert "Telefon doch" not in contact[8]  # the forged file was skipped
    assert "Familienbüro Dülmen" in contact[9]
    assert contact[1] and contact[2]  # the offer's title and provider
    assert by_offer[("off-7", "Angebot gibt es nicht mehr")][6] == 1
    assert len(rows) == 3 and rows[1][0] == "off-3"  # the most centres first
    with listing.open(encoding="utf-8-sig") as stream:
        lines = list(csv.reader(stream, delimiter=";"))
    assert lines[0][:4] == header[:4] and len(lines) == 3
    assert any(line[0] == "off-3" and line[6] == "2" for line in lines)


def test_gemeldet_am_stays_until_an_export_covers_the_offer(
        qtbot: QtBot, services: Services, tmp_path: Path) -> None:
    _sync(services, _export(tmp_path, 1))
    services.corrections.report("off-2", "opening_hours", "=HYPERLINK(\"x\")")
    services.corrections.report("off-5", "address")
    assert [r.kind for r in services.corrections.open_reports("off-2")] == ["opening_hours"]
    # an export that does not touch the offer: still open
    _sync(services, _export(tmp_path, 2))
    assert services.corrections.open_reports("off-2")
    # the district checked off-2 on the day of the report: covered; off-5 still open
    _sync(services, _export(tmp_path, 3, assured={"off-2": TODAY.isoformat()}))
    assert services.corrections.open_reports("off-2") == []
    assert set(services.corrections.open_by_offer()) == {"off-5"}
    view = DetailView(services, "de", gettext_for("de"))
    qtbot.addWidget(view)
    view.show_offer("off-2")
    assert view.reported_label.isHidden()
    view.show_offer("off-5")
    assert not view.reported_label.isHidden()


def test_a_formula_sent_by_a_centre_is_written_as_text(services: Services,
                                                       tmp_path: Path) -> None:
    """A registered centre's file is trusted to be from that centre, not to be harmless:
    a title that a spreadsheet would run as a formula is written as text."""
    out = tmp_path / "out"
    out.mkdir()
    private = centre_private_key(services.paths, "Zentrum")
    payload = {"offer_id": "off-9", "offer_title": "=HYPERLINK(\"http://x\")",
               "provider": "+49 Träger", "kind": "other", "text": "",
               "reported_on": TODAY.isoformat(), "data_as_of": ""}
    message, data = seal(KIND, "Zentrum", f"{TODAY.isoformat()}-a", payload, private, TODAY)
    (out / message.file_name).write_bytes(data)
    registered = tmp_path / "keys"
    registered.mkdir()
    shutil.copy(services.paths.home / "centre-key" / "centre.pub", registered / "a.pub")
    listing, xlsx = tmp_path / "list.csv", tmp_path / "list.xlsx"
    assert publish_main(["corrections", "import", str(out), "--keys", str(registered),
                         "--out", str(listing), "--out", str(xlsx)]) == 0
    with listing.open(encoding="utf-8-sig") as stream:
        line = list(csv.reader(stream, delimiter=";"))[1]
    assert line[1] == "'=HYPERLINK(\"http://x\")" and line[2] == "'+49 Träger"
    sheet = load_workbook(xlsx).active
    assert sheet is not None
    assert sheet["B2"].data_type == "s" and str(sheet["B2"].value).startswith("'=")
