"""In a non-German UI no German source string is left on screen.

Renders the main window (with its menus, a shown offer, the Gesprächsliste), the handout
dialog, the sync dialog and the needs dialogs in every UI language and compares every
visible text with the German msgids of the catalog: a text that *is* a German msgid (or one
filled in), or that contains a German sentence, was never translated.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QTabWidget,
    QWidget,
)

from coesfeld_desktop.i18n import translations
from coesfeld_desktop.services import Services
from coesfeld_desktop.ui.app import install_features
from coesfeld_desktop.ui.main_window import MainWindow

CATALOG = Path(__file__).resolve().parents[2] / "translations" / "angebotslotse.pot"
UI_LANGUAGES = ("en", "tr", "ar", "uk")
PLACEHOLDER = re.compile(r"\{[^}]*\}")
SECTION_TEXT = re.compile(r'<(?:p class="section"|td class="k"[^>]*|span class="note")>'
                          r"([^<]+)<")


def _german_patterns(language: str) -> list[tuple[str, re.Pattern[str]]]:
    """A pattern per msgid that the language translates differently (and that has words)."""
    with CATALOG.open("rb") as stream:
        catalog = read_po(stream)
    gettext = translations(language).gettext
    patterns = []
    for message in catalog:
        if not message.id or not isinstance(message.id, str):
            continue
        literal = PLACEHOLDER.sub("", message.id)
        if len(re.findall(r"[A-Za-zÄÖÜäöüß]{3,}", literal)) == 0:
            continue
        if gettext(message.id) == message.id:
            continue  # the same word in both (Internet, E-Mail …)
        pieces = [re.escape(piece) for piece in PLACEHOLDER.split(message.id.strip())]
        patterns.append((message.id, re.compile(r"\s*" + ".+?".join(pieces) + r"\s*")))
    return patterns


def _clean(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").strip()


def _texts(root: QWidget) -> Iterator[str]:
    yield root.windowTitle()
    for widget in [root, *root.findChildren(QWidget)]:
        yield widget.toolTip()
        yield widget.accessibleName()
        if isinstance(widget, QLabel | QAbstractButton):
            yield widget.text()
        elif isinstance(widget, QLineEdit | QPlainTextEdit):
            yield widget.placeholderText()
        elif isinstance(widget, QComboBox):
            yield from (widget.itemText(i) for i in range(widget.count()))
        elif isinstance(widget, QGroupBox):
            yield widget.title()
        elif isinstance(widget, QTabWidget):
            yield from (widget.tabText(i) for i in range(widget.count()))
        elif isinstance(widget, QListWidget):
            yield from (widget.item(i).text() for i in range(widget.count()))
        for action in widget.actions():
            yield action.text()
            yield action.toolTip() if action.toolTip() != action.text().replace("&", "") else ""
            menu = action.menu()
            if menu is not None:
                yield from (a.text() for a in menu.actions())


def _leftovers(texts: Iterator[str], patterns: list[tuple[str, re.Pattern[str]]]
               ) -> set[str]:
    found = set()
    for raw in texts:
        for line in _clean(raw or "").splitlines():
            line = line.strip().rstrip(":").strip()
            if not line:
                continue
            for message_id, pattern in patterns:
                words = len(message_id.split())
                if pattern.fullmatch(line) or (words >= 4 and pattern.search(line)):
                    found.add(f"{message_id!r} in {line!r}")
    return found


@pytest.fixture
def shown(make_window: Callable[..., MainWindow], services: Services, qtbot
          ) -> Callable[[str], MainWindow]:
    def build(language: str) -> MainWindow:
        window = make_window(language)
        install_features(window, services)
        services.saved_list.add_offers(window.results_model.offer_ids()[:2])
        services.saved_list.add("off-gone", "Weggefallenes Angebot")
        window.results.move_current(1)
        return window

    return build


@pytest.mark.parametrize("language", UI_LANGUAGES)
def test_no_german_msgid_is_left_in_the_windows(qtbot, shown: Callable[[str], MainWindow],
                                                language: str) -> None:
    window = shown(language)
    patterns = _german_patterns(language)
    handout = window.handout_actions.open_dialog()
    sync = window.sync_actions.open_dialog()
    needs = window.needs_actions.open_record_dialog()
    analysis = window.needs_actions.open_view()
    qtbot.waitUntil(lambda: analysis.analysis is not None, timeout=30000)  # off-thread
    texts = [*_texts(window), *_texts(handout), *_texts(sync), *_texts(needs),
             *_texts(analysis), *analysis.detail.toPlainText().splitlines(),
             *(cell for line in analysis.map.columns for cell in [line])]
    # the detail pane: its labels, section titles and notes (the offer's own text is data)
    texts += SECTION_TEXT.findall(window.detail.browser.toHtml())
    texts += window.detail.browser.toPlainText().splitlines()
    rows = window.results_model
    texts += [str(rows.data(rows.index(row, 0))) for row in range(min(5, rows.rowCount()))]
    assert len([text for text in texts if text]) > 150  # the walk saw the windows
    left = _leftovers(iter(texts), patterns)
    for dialog in (handout, sync, needs, analysis):
        dialog.close()
    assert sorted(left) == []


def test_the_check_finds_a_german_leftover() -> None:
    patterns = _german_patterns("ar")
    assert _leftovers(iter(["Ortsteil: Schapdetten", "zuletzt geprüft: 29. Oktober 2026"]),
                      patterns)
    assert not _leftovers(iter(["حضانة", "Familienwerk e. V."]), patterns)
