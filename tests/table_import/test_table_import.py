"""Done when: an XLSX list with a mapping and broken rows imports with a clear report (every
unusable row with its line and reason, nothing published); the repaired list becomes a
signed export that a desk syncs. CSV lists from German Excel (cp1252, ';') work the same."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook

from coesfeld_desktop.commands.publish import main as publish_main
from coesfeld_desktop.paths import AppPaths
from coesfeld_desktop.store.database import Database
from coesfeld_desktop.store.directory_reads import DirectoryReads
from coesfeld_desktop.sync.service import SyncService
from coesfeld_desktop.sync.signing import generate_key_pair, load_public_keys

MAPPING = """
[list]
sheet = "Angebote"
header_row = 3
directory_id = "kreis-coesfeld-liste"
title = "Angebote aus der Excel-Liste"

[columns]
id = "Nr."
title = "Angebot"
provider = "Träger"
town = "Ort"
street = "Straße"
postcode = "PLZ"
phone = "Telefon"
email = "E-Mail"
min_age = "Alter von"
max_age = "Alter bis"
free = "kostenlos?"
languages = "Sprachen"
topics = "Themen"
assured_date = "geprüft am"

[topics]
"Frühe Hilfen" = "early_help"
"Sprache" = "language"
"""
HEADER = ["Nr.", "Angebot", "Träger", "Straße", "PLZ", "Ort", "Telefon", "E-Mail",
          "Alter von", "Alter bis", "kostenlos?", "Sprachen", "Themen", "geprüft am"]
GOOD = [
    ["A-1", "Babytreff", "Familienzentrum Lette e. V.", "Kirchplatz 2", "48653", "Coesfeld",
     "02546 1234", "treff@example.org", 0, 1, "ja", "Deutsch, Türkisch", "Frühe Hilfen",
     dt.datetime(2026, 10, 5)],
    ["A-2", "Sprachcafé", "Familienzentrum Lette e. V.", "Kirchplatz 2", "48653", "Coesfeld",
     "02546 1235", None, None, None, "nein", "de; ar", "Sprache", "12.03.2025"],
    ["A-3", "Elternkurs", "Caritas Dülmen", "Marktstr. 1", 48249, "Dülmen", None, None, 3, 6,
     "x", None, "Frühe Hilfen/Sprache", None],
]


def _workbook(path: Path, rows: list[list[object]]) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Angebote"
    sheet.append(["Angebotsliste Kreis Coesfeld, Stand November"])
    sheet.append([])
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    book.save(path)


def _keys(tmp_path: Path) -> Path:
    key = tmp_path / "kreis.key"
    generate_key_pair(key, tmp_path / "kreis.pub")
    return key


def test_broken_rows_are_reported_with_line_and_reason_and_nothing_is_published(
        tmp_path: Path, capsys) -> None:
    broken = [
        *GOOD,
        ["A-4", "", "Träger X", None, None, "Coesfeld", None, None, None, None, "ja", None,
         None, None],  # line 7: no title
        ["A-5", "Hebammensprechstunde", "Träger X", None, "4865", "Münster", None, "kein-mail",
         None, None, "ja", None, None, None],  # line 8: town, postcode, e-mail
        ["A-1", "Doppelt", "Träger X", None, None, "Olfen", None, None, 6, 3, "vielleicht",
         "Blubberisch", "Sport", "31.02.2026"],  # line 9: everything wrong
        [None] * 14,  # an empty row is no problem
    ]
    listing, mapping = tmp_path / "liste.xlsx", tmp_path / "mapping.toml"
    _workbook(listing, broken)
    mapping.write_text(MAPPING, encoding="utf-8")
    out = tmp_path / "export.zip"
    status = publish_main(["import-table", str(listing), "--mapping", str(mapping),
                           "--key", str(_keys(tmp_path)), "--out", str(out)])
    assert status == 1
    assert not out.exists()  # never half a list
    report = (tmp_path / "export.import-report.txt").read_text(encoding="utf-8")
    assert "nothing was published" in report
    lines = report.splitlines()[1:]
    assert "Zeile 7: 'Angebot' ist leer" in lines
    assert any(line.startswith("Zeile 8: Ort 'Münster'") for line in lines)
    assert "Zeile 8: PLZ '4865' hat nicht fünf Ziffern" in lines
    assert "Zeile 8: E-Mail 'kein-mail' ist keine E-Mail-Adresse" in lines
    nine = [line for line in lines if line.startswith("Zeile 9:")]
    for expected in ("Nr. 'A-1' steht schon in Zeile 4", "'31.02.2026' ist kein Datum",
                     "'vielleicht' ist weder ja noch nein", "Sprache 'Blubberisch'",
                     "Thema 'Sport' steht nicht in der Zuordnung",
                     "Alter von 6 ist größer als Alter bis 3"):
        assert any(expected in line for line in nine), expected
    assert not any(line.startswith(("Zeile 4:", "Zeile 5:", "Zeile 6:", "Zeile 10:"))
                   for line in lines)
    assert "Zeile 7" in capsys.readouterr().err


def test_the_repaired_list_becomes_an_export_a_desk_syncs(tmp_path: Path) -> None:
    listing, mapping = tmp_path / "liste.xlsx", tmp_path / "mapping.toml"
    _workbook(listing, GOOD)
    mapping.write_text(MAPPING, encoding="utf-8")
    out = tmp_path / "export.zip"
    key = _keys(tmp_path)
    assert publish_main(["import-table", str(listing), "--mapping", str(mapping),
                         "--key", str(key), "--out", str(out)]) == 0
    home = AppPaths(tmp_path / "desk").ensure()
    database = Database(home.database)
    try:
        outcome = SyncService(database, home, load_public_keys([tmp_path])).sync(str(out))
        assert outcome.applied and len(outcome.new) == 3
        reads = DirectoryReads(database)
        baby = reads.detail("A-1", "de")
        assert baby is not None
        assert baby.provider == "Familienzentrum Lette e. V."
        assert baby.assured_date == dt.date(2026, 10, 5)
        assert baby.languages == ("de", "tr") and baby.free and baby.max_age == 1
        assert baby.places[0].town == "Coesfeld" and baby.places[0].postcode == "48653"
        cafe = reads.detail("A-2", "de")
        assert cafe is not None and cafe.assured_date == dt.date(2025, 3, 12)
        course = reads.detail("A-3", "de")
        assert course is not None and set(course.topics) == {"Frühe Hilfen", "Sprache"}
        assert course.min_age == 3 and course.free  # "x" means yes
    finally:
        database.close()


def test_a_csv_from_german_excel_and_a_mapping_that_names_a_missing_column(
        tmp_path: Path) -> None:
    listing, mapping = tmp_path / "liste.csv", tmp_path / "mapping.toml"
    text = "Nr.;Angebot;Träger;Ort\r\nB-1;Krabbelgruppe;Familienbüro Dülmen;Dülmen\r\n"
    listing.write_bytes(text.encode("cp1252"))
    mapping.write_text('[list]\ndirectory_id = "liste"\n[columns]\nid = "Nr."\n'
                       'title = "Angebot"\nprovider = "Träger"\ntown = "Ort"\n',
                       encoding="utf-8")
    out = tmp_path / "export.zip"
    key = _keys(tmp_path)
    assert publish_main(["import-table", str(listing), "--mapping", str(mapping),
                         "--key", str(key), "--out", str(out),
                         "--document-out", str(tmp_path / "doc.json")]) == 0
    assert "Familienbüro Dülmen" in (tmp_path / "doc.json").read_text(encoding="utf-8")
    mapping.write_text('[columns]\nid = "Nummer"\ntitle = "Angebot"\nprovider = "Träger"\n'
                       'town = "Ort"\n', encoding="utf-8")
    assert publish_main(["import-table", str(listing), "--mapping", str(mapping),
                         "--key", str(key), "--out", str(tmp_path / "b.zip")]) == 2
    assert not (tmp_path / "b.zip").exists()
