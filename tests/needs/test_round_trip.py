"""Three centres record needs, send their suppressed tables over WebDAV on 127.0.0.1 and as
files; the district verifies, merges and writes its report (XLSX read back)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from coesfeld_desktop.channel.envelope import MessageRejected, read_message_file
from coesfeld_desktop.channel.transport import Destination
from coesfeld_desktop.commands.publish import main as publish_main
from coesfeld_desktop.needs.categories import Period
from coesfeld_desktop.needs.log import Anliegen
from coesfeld_desktop.needs.service import NeedsService
from coesfeld_desktop.paths import AppPaths
from coesfeld_desktop.store.database import Database
from coesfeld_desktop.sync.signing import load_public_keys
from tests.needs.webdav_server import webdav_folder

DAY = dt.date(2026, 8, 12)  # in 2026-Q3


@pytest.fixture
def centres(tmp_path: Path, _services_template: Path) -> list[tuple[NeedsService, Database]]:
    made = []
    for name in ("Familienbüro Dülmen", "Caritas-Beratung Coesfeld", "Jugendhilfe Olfen"):
        home = tmp_path / name.split()[0]
        shutil.copytree(_services_template, home)
        database = Database(AppPaths(home).database)
        made.append((NeedsService(database, AppPaths(home), name, lambda: DAY), database))
    yield made
    for _service, database in made:
        database.close()


def _record(needs: NeedsService, n: int, town: str, outcome: str, reason: str = "") -> None:
    topic = next(iter(needs.topics()))
    for _ in range(n):
        needs.record(Anliegen((topic,), outcome, town, "kindergarten", "ar", reason))


def test_three_centres_to_the_district_report(centres: list[tuple[NeedsService, Database]],
                                              tmp_path: Path) -> None:
    (a, _), (b, _), (c, _) = centres
    _record(a, 4, "Dülmen", "no_offer")
    _record(a, 2, "Dülmen", "unreachable", "waiting_list")
    _record(b, 5, "Coesfeld", "referred")
    _record(b, 1, "Coesfeld", "no_offer")
    _record(c, 3, "Olfen", "no_offer")
    registered = tmp_path / "centre-keys"
    registered.mkdir()
    for needs, _db in centres:
        shutil.copy(needs.centre_public_key(),
                    registered / f"{needs.centre_name.split()[0]}.pub")

    dav_root = tmp_path / "dav"
    dav_root.mkdir()
    usb = tmp_path / "usb"
    usb.mkdir()
    with webdav_folder(dav_root) as url:
        for needs in (a, b):
            needs.queue(Period.parse("2026-Q3"))
            sent, failed = needs.send(Destination.parse(url))
            assert failed == [] and len(sent) == 1
            assert needs.outbox.pending() == []
        c.queue(Period.parse("2026-Q3"))
        assert c.send(Destination.parse(str(usb)))[0]
        # a centre resubmits the same period: its newer file replaces the older one
        _record(a, 3, "Dülmen", "referred")
        a.queue(Period.parse("2026-Q3"))
        assert a.send(Destination.parse(url))[0]
        assert len(list(dav_root.glob("*.json"))) == 2
        out = tmp_path / "bericht.xlsx"
        status = publish_main(["needs", "import", url, str(usb), "--keys", str(registered),
                               "--period", "2026-Q3", "--out", str(out)])
    assert status == 0
    book = load_workbook(out)
    notes = [row[0].value for row in book["Hinweise"].iter_rows()]
    assert "Zeitraum: 2026-Q3" in notes
    assert any("Werte unter 3" in str(note) for note in notes)
    sheet = book[book.sheetnames[2]]  # town x outcome
    table = {row[0].value: [cell.value for cell in row[1:]] for row in sheet.iter_rows()}
    header = table.pop("Anliegen nach Ort und Ergebnis")
    assert header == ["passendes Angebot weitergegeben",
                      "Angebot vorhanden, aber nicht erreichbar", "kein passendes Angebot",
                      "Summe"]
    # Each centre suppresses before sending: Dülmen's 2 waiting-list cases are hidden, and so
    # is the complement that would give them away (3 referred); Coesfeld's single case too.
    assert table["Dülmen"] == [".", ".", 4, 9]
    assert table["Coesfeld"][2] == "."
    for row in table.values():  # no shown value below the minimum
        assert all(value == "." or value == 0 or value >= 3 for value in row)
    assert table["Summe"][3] == 18  # 9 (the resubmission, not the first 6) + 6 + 3


def test_a_tampered_or_unregistered_file_is_not_counted(
        centres: list[tuple[NeedsService, Database]], tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    (a, _), (b, _), _c = centres
    _record(a, 4, "Dülmen", "no_offer")
    _record(b, 4, "Coesfeld", "no_offer")
    folder = tmp_path / "inbox"
    folder.mkdir()
    registered = tmp_path / "keys"
    registered.mkdir()
    shutil.copy(a.centre_public_key(), registered / "a.pub")  # b is not registered
    for needs in (a, b):
        needs.queue(Period.parse("2026-Q3"))
        needs.send(Destination.parse(str(folder)))
    file_a = folder / next((a.outbox.folder / "sent").glob("*.json")).name
    keys = load_public_keys([registered])
    assert read_message_file(file_a, keys).centre_name == "Familienbüro Dülmen"
    tampered = folder / "tampered.json"
    tampered.write_bytes(file_a.read_bytes().replace(b'\\"total\\": 4', b'\\"total\\": 40'))
    with pytest.raises(MessageRejected, match="signature"):
        read_message_file(tampered, keys)
    out = tmp_path / "bericht.csv"
    assert publish_main(["needs", "import", str(folder), "--keys", str(registered),
                         "--period", "2026-Q3", "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert "unregistered centre key" in err and "signature does not match" in err
    text = out.read_text(encoding="utf-8-sig")
    town_outcome = text.split("Anliegen nach Ort und Ergebnis")[1]
    assert "\nDülmen;0;0;4;4\n" in town_outcome  # only the registered, untampered centre
    assert "\nCoesfeld;0;0;0;0\n" in town_outcome


def test_sending_while_offline_keeps_the_queue(centres: list[tuple[NeedsService, Database]],
                                               tmp_path: Path) -> None:
    (a, _), _b, _c = centres
    _record(a, 3, "Dülmen", "no_offer")
    a.queue(Period.parse("2026-Q3"))
    sent, failed = a.send(Destination.parse("http://127.0.0.1:9/nowhere/"))
    assert sent == [] and failed and len(a.outbox.pending()) == 1
    sent, failed = a.send(Destination.parse(str(tmp_path / "stick-not-plugged-in")))
    assert sent == [] and "folder not found" in failed[0]
    assert len(a.outbox.pending()) == 1


def test_plain_http_is_refused_off_loopback() -> None:
    with pytest.raises(ValueError, match="https"):
        Destination.parse("http://cloud.example.org/dav/")
