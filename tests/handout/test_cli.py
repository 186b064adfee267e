"""``angebotslotse handout`` end to end on a temporary ANGEBOTSLOTSE_HOME."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from fixture_directory import FULL_TITLE, GERMAN_TITLE, directory_document
from pdfread import as_printed, embedded_fonts, read_pdf, squash

from coesfeld_desktop.cli import main
from coesfeld_desktop.paths import HOME_ENV, AppPaths
from coesfeld_desktop.search.index import rebuild_index
from coesfeld_desktop.store.database import Database
from coesfeld_desktop.store.loader import replace_directory
from coesfeld_desktop.userdata.settings import SettingsService


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    paths = AppPaths(tmp_path / "home").ensure()
    database = Database(paths.database)
    with database.engine.begin() as connection:
        replace_directory(connection, directory_document())
        rebuild_index(connection)
    settings = SettingsService(database)
    settings.set("centre.name", "Beratungsstelle Dülmen")
    settings.set("centre.phone", "02594 0000")
    database.close()
    monkeypatch.setenv(HOME_ENV, str(paths.home))
    return paths.home


def test_handout_command_writes_a_bilingual_arabic_pdf(home, tmp_path, capsys):
    out = tmp_path / "sheet.pdf"
    code = main(["handout", "--offer", "off-hebamme", "--offer", "off-sprachcafe",
                 "--lang", "ar", "--with-german", "--out", str(out)])
    assert code == 0
    data = out.read_bytes()
    read = read_pdf(data)
    assert as_printed(FULL_TITLE["ar"], "ar") in read.squashed()
    assert squash(GERMAN_TITLE) in read.squashed()
    assert "Beratungsstelle Dülmen" in read.text
    assert all(embedded_fonts(data).values())
    assert str(out) in capsys.readouterr().err


def test_handout_command_large_print_side_by_side(home, tmp_path):
    out = tmp_path / "sheet.pdf"
    assert main(["handout", "--offer", "off-hebamme", "--lang", "uk", "--side-by-side",
                 "--large-print", "--out", str(out)]) == 0
    text = read_pdf(out.read_bytes()).squashed()
    assert all(word in text for word in FULL_TITLE["uk"].split())  # wraps in its column


def test_unknown_offer_ids_are_reported(home, tmp_path, capsys):
    out = tmp_path / "sheet.pdf"
    assert main(["handout", "--offer", "nope", "--lang", "de", "--out", str(out)]) == 1
    assert "nope" in capsys.readouterr().err and not out.exists()
    assert main(["handout", "--offer", "nope", "--offer", "off-beratung", "--lang", "de",
                 "--out", str(out)]) == 0
    assert out.exists()


def test_bad_language_is_a_usage_error(home, tmp_path, capsys):
    with pytest.raises(SystemExit) as stop:
        main(["handout", "--offer", "x", "--lang", "xx", "--out", str(tmp_path / "a.pdf")])
    assert stop.value.code == 2


def test_handout_command_as_a_process(home, tmp_path):
    out = tmp_path / "proc.pdf"
    env = {**os.environ, HOME_ENV: str(home), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-m", "coesfeld_desktop", "handout", "--offer", "off-hebamme",
         "--lang", "ti", "--out", str(out)],
        env=env, capture_output=True, text=True, timeout=120,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert result.returncode == 0, result.stderr
    assert as_printed(FULL_TITLE["ti"], "ti") in read_pdf(out.read_bytes()).squashed()


@pytest.mark.parametrize("target", ["folder", "readonly", "empty", "proc"])
def test_bad_out_gives_a_clear_message_and_leaves_nothing(home, tmp_path, capsys, target):
    folder = tmp_path / "target"
    folder.mkdir()
    if target == "folder":
        out, words = str(folder), ["Ordner", str(folder)]
    elif target == "readonly":
        locked = folder / "locked"
        locked.mkdir()
        locked.chmod(0o500)
        if os.access(locked, os.W_OK):  # root may write anywhere: a file in the way instead
            (folder / "file").write_text("x")
            out = str(folder / "file" / "sheet.pdf")
        else:
            out = str(locked / "sheet.pdf")
        words = ["kann nicht", "sheet.pdf"]
    elif target == "empty":
        out, words = "", ["--out", "Dateinamen"]
    else:
        out, words = "/proc/x.pdf", ["kann nicht", "/proc/x.pdf"]
    code = main(["handout", "--offer", "off-hebamme", "--lang", "ar", "--out", out])
    err = capsys.readouterr().err
    assert code == 2
    assert "Traceback" not in err and all(word in err for word in words), err
    leftovers = [p for p in folder.rglob("*") if p.name.endswith(".part")]
    assert leftovers == []


def test_empty_offer_id_is_named(home, tmp_path, capsys):
    code = main(["handout", "--offer", "", "--lang", "de", "--out", str(tmp_path / "a.pdf")])
    err = capsys.readouterr().err
    assert code == 2 and "--offer" in err and "leer" in err
    assert not (tmp_path / "a.pdf").exists()


def test_messages_speak_the_ui_language(home, tmp_path, capsys):
    database = Database(AppPaths(home).database)
    SettingsService(database).set("ui.language", "en")
    database.close()
    main(["handout", "--offer", "off-hebamme", "--lang", "de", "--out", str(tmp_path)])
    err = capsys.readouterr().err
    assert "folder" in err and "Ordner" not in err


def test_an_offer_about_a_crisis_brings_the_helplines(tmp_path, monkeypatch):
    """On the demo directory: the women's advice "bei häuslicher Gewalt" prints "Hilfe in
    Notlagen" by itself, the debt advice does not; the flags decide either way."""
    monkeypatch.setenv(HOME_ENV, str(tmp_path / "demo-home"))

    def sheet(*args: str) -> str:
        out = tmp_path / "sheet.pdf"
        assert main(["handout", *args, "--out", str(out)]) == 0
        return read_pdf(out.read_bytes()).text

    assert "Hilfe in Notlagen" in sheet("--offer", "off-coesfeld-0039")
    assert "116 016" in sheet("--offer", "off-coesfeld-0039")
    assert "Hilfe in Notlagen" not in sheet("--offer", "off-duelmen-0015")
    assert "Hilfe in Notlagen" in sheet("--offer", "off-duelmen-0015", "--crisis-help")
    assert "Hilfe in Notlagen" not in sheet("--offer", "off-coesfeld-0039",
                                            "--no-crisis-help")
