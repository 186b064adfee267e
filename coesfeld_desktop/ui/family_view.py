"""The family view: the chosen offers full-screen, in the family's language, large, read aloud.

The counsellor turns the laptop round (or the view opens on a second screen): one offer at a
time with what it is, where, when, cost, languages and the contact as a QR code for the
phone. The language changes in one click (right-to-left for Arabic and Farsi), the arrow
keys move between the offers, Esc returns. What the family reads comes from
:func:`~coesfeld_desktop.handout.family_card.family_card`; speech from
:class:`~coesfeld_desktop.speech.reader.ReadAloud`. Nothing here is stored.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QFont,
    QFontDatabase,
    QFontMetrics,
    QGuiApplication,
    QKeySequence,
    QPixmap,
    QResizeEvent,
    QShortcut,
)
from PySide6.QtWidgets import (
    QApplication,
    QBoxLayout,
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from coesfeld_desktop.domain.contact_card import qr_png
from coesfeld_desktop.domain.opening import local_now
from coesfeld_desktop.handout import family_card as words
from coesfeld_desktop.handout.family_card import (
    EASY,
    FAMILY_LANGUAGES,
    FamilyCard,
    FamilyText,
    family_card,
)
from coesfeld_desktop.handout.fonts import fonts_dir
from coesfeld_desktop.handout.labels import (
    COST,
    LANGUAGES,
    MARK_GERMAN,
    NO_OFFERS,
    QR_CONTACT,
    Labels,
)
from coesfeld_desktop.i18n import is_rtl
from coesfeld_desktop.speech.engine import MAX_RATE, MIN_RATE
from coesfeld_desktop.speech.reader import NO_VOICE, PAUSED, SPEAKING, ReadAloud, SpeechStatus
from coesfeld_desktop.ui.district_map import DistrictMap
from coesfeld_desktop.ui.family_style import BODY_SCALE, FAMILY_STYLE, HEADING_SCALE, TITLE_SCALE

if TYPE_CHECKING:
    from coesfeld_desktop.services import Services

# Fonts for the scripts a computer may lack (Tigrinya, Arabic): the handouts' own, bundled.
_SCRIPT_FONTS = ("NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf",
                 "NotoSansEthiopic-Regular.ttf", "NotoSansEthiopic-Bold.ttf")
_fonts_added = False
RATE_STEPS = 10  # the speed slider: tenths of the base pace
STACK_BELOW_EMS = 44  # narrower than this (in body ems): the QR code and map go below
Screen = TypeVar("Screen")


def family_screen(window_screen: Screen | None, screens: Sequence[Screen]) -> Screen | None:
    """A second screen when one is attached (the family's), else the window's own."""
    others = [screen for screen in screens if screen is not window_screen]
    if window_screen is not None and others:
        return others[0]
    return window_screen


def autonym(code: str) -> str:
    """Each language in itself (``العربية``), Leichte Sprache in German."""
    labels = Labels(code)
    return "Leichte Sprache" if code == EASY else labels.language_name(code).capitalize()


def _add_script_fonts() -> None:
    global _fonts_added
    if not _fonts_added:
        for name in _SCRIPT_FONTS:
            QFontDatabase.addApplicationFont(str(fonts_dir() / name))
        _fonts_added = True


def _scaled(factor: float, bold: bool = False) -> QFont:
    font = QFont(QApplication.font())
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * factor)
    else:
        font.setPixelSize(max(1, round(font.pixelSize() * factor)))
    font.setBold(bold)
    return font


def _label(text: str, name: str = "", factor: float = BODY_SCALE, bold: bool = False
           ) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)  # directory texts are never markup
    label.setWordWrap(True)
    label.setFont(_scaled(factor, bold))
    if name:
        label.setObjectName(name)
    label.setAccessibleName(text)
    return label


class FamilyView(QWidget):
    """One offer at a time for the family; ``closed`` gives the offer shown last."""

    closed = Signal(str)
    _speech_changed = Signal(object)  # SpeechStatus, from the reader's thread

    def __init__(self, services: Services, offer_ids: Sequence[str], start: int,
                 language: str, reader: ReadAloud,
                 clock: Callable[[], dt.datetime] = local_now,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        _add_script_fonts()
        self.setObjectName("familyView")
        self.setStyleSheet(FAMILY_STYLE)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._services = services
        self.offer_ids = list(offer_ids)
        self.index = min(max(start, 0), max(len(self.offer_ids) - 1, 0))
        self.language = language if language in FAMILY_LANGUAGES else "de"
        self.reader = reader
        self.clock = clock
        self.card: FamilyCard | None = None
        self.has_easy = False
        self.marks: list[QLabel] = []
        self.language_buttons: dict[str, QPushButton] = {}
        self._languages = QButtonGroup(self)
        self._languages.setExclusive(True)
        self.language_bar = QWidget()
        self.language_bar.setObjectName("languageBar")
        self.close_button = QPushButton()
        self.close_button.setObjectName("closeButton")
        self.previous_button = QPushButton()
        self.previous_button.setObjectName("previousButton")
        self.next_button = QPushButton()
        self.next_button.setObjectName("nextButton")
        self.position_label = QLabel()
        self.position_label.setObjectName("position")
        self.read_button = QPushButton()
        self.read_button.setObjectName("readButton")
        self.stop_button = QPushButton()
        self.stop_button.setObjectName("stopButton")
        self.speed_label = QLabel()
        self.speed = QSlider(Qt.Orientation.Horizontal)
        self.speed.setObjectName("speed")
        self.speed.setRange(round(MIN_RATE * RATE_STEPS), round(MAX_RATE * RATE_STEPS))
        self.speed.setValue(round(reader.rate * RATE_STEPS))
        self.speed.setPageStep(1)
        self.speed_label.setBuddy(self.speed)
        self.speech_status = QLabel()
        self.speech_status.setObjectName("speechStatus")
        self.speech_status.setWordWrap(True)
        self.speech_status.hide()
        self.page_area = QScrollArea()
        self.page_area.setObjectName("familyScroll")
        self.page_area.setWidgetResizable(True)
        self.page_area.setFrameShape(QFrame.Shape.NoFrame)
        self.page_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.content_layout = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.map = DistrictMap()
        self.qr_label = QLabel()
        self.qr_label.setObjectName("contactQr")
        self.qr_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._build_language_bar()
        self._lay_out()
        self._connect()
        self._speech_status = SpeechStatus("idle")
        self._status_slot = self._speech_changed.emit
        reader.on_status = self._status_slot
        reader.start()  # the voices load while the family looks at the first offer
        self._show()
        self._set_tab_order()

    def _set_tab_order(self) -> None:
        """Languages, close, the page, then the controls: the order one reads them."""
        chain: list[QWidget] = [*self.language_buttons.values(), self.close_button,
                                self.page_area, self.previous_button, self.next_button,
                                self.read_button, self.stop_button, self.speed]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    # --- building ---------------------------------------------------------------------------
    def _build_language_bar(self) -> None:
        self._language_grid = QGridLayout(self.language_bar)
        self._language_grid.setContentsMargins(0, 0, 0, 0)
        self._language_columns = 0
        for code in FAMILY_LANGUAGES:
            button = QPushButton(autonym(code))
            button.setObjectName("languageButton")
            button.setCheckable(True)
            button.setAccessibleName(autonym(code))
            button.setLayoutDirection(Qt.LayoutDirection.RightToLeft if is_rtl(code)
                                      else Qt.LayoutDirection.LeftToRight)
            self._languages.addButton(button)
            self.language_buttons[code] = button
            button.clicked.connect(lambda _checked=False, chosen=code: self.set_language(chosen))

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.language_bar, 1)
        top.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        navigation = QHBoxLayout()
        navigation.addWidget(self.previous_button)
        navigation.addWidget(self.position_label)
        navigation.addWidget(self.next_button)
        navigation.addStretch(1)
        speech = QHBoxLayout()
        speech.addStretch(1)
        speech.addWidget(self.read_button)
        speech.addWidget(self.stop_button)
        speech.addWidget(self.speed_label)
        speech.addWidget(self.speed)
        self.controls_layout = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.controls_layout.addLayout(navigation)
        self.controls_layout.addLayout(speech)
        self._navigation, self._speech = navigation, speech
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.setSpacing(12)
        layout.addLayout(top)
        layout.addWidget(self.page_area, 1)
        layout.addWidget(self.speech_status)
        layout.addLayout(self.controls_layout)

    def _connect(self) -> None:
        self.close_button.clicked.connect(self.close)
        self.previous_button.clicked.connect(lambda: self.turn(-1))
        self.next_button.clicked.connect(lambda: self.turn(+1))
        self.read_button.clicked.connect(self.toggle_reading)
        self.stop_button.clicked.connect(self.stop_reading)
        self.speed.valueChanged.connect(lambda value: self.reader.set_rate(value / RATE_STEPS))
        self._speech_changed.connect(self._show_speech)
        keys: list[tuple[Qt.Key, Callable[[], object]]] = [
            (Qt.Key.Key_Right, lambda: self.turn(-1 if self._rtl() else +1)),
            (Qt.Key.Key_Left, lambda: self.turn(+1 if self._rtl() else -1)),
            (Qt.Key.Key_Home, lambda: self.go_to(0)),
            (Qt.Key.Key_End, lambda: self.go_to(len(self.offer_ids) - 1)),
            (Qt.Key.Key_Escape, self.close),
            (Qt.Key.Key_F11, self.close),  # the key that opened it closes it too
        ]
        for key, slot in keys:  # shortcuts: the buttons would take the arrows for focus
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(slot)

    # --- public -----------------------------------------------------------------------------
    def current_offer_id(self) -> str:
        return self.offer_ids[self.index] if self.offer_ids else ""

    def open_full_screen(self) -> None:
        """Full-screen on a second screen when one is attached, else over the window."""
        parent = self.parentWidget()
        screen = family_screen(parent.screen() if parent is not None else None,
                               QGuiApplication.screens())
        if screen is not None:
            self.setScreen(screen)
            self.setGeometry(screen.geometry())
        self.showFullScreen()
        self.activateWindow()
        self.read_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def turn(self, step: int) -> None:
        """Go ``step`` offers on (negative: back)."""
        self.go_to(self.index + step)

    def go_to(self, index: int) -> None:
        if not self.offer_ids or not 0 <= index < len(self.offer_ids) or index == self.index:
            return
        self.index = index
        self.stop_reading()
        self._show()

    def set_language(self, language: str) -> None:
        """Show everything in ``language`` (one click on its button)."""
        if language not in FAMILY_LANGUAGES:
            return
        self.stop_reading()
        self.language = language
        self._show()

    def toggle_reading(self) -> None:
        """Read the offer aloud; pause while reading; go on when paused."""
        state = self._speech_status.state
        if state == SPEAKING:
            self.reader.pause()
        elif state == PAUSED:
            self.reader.resume()
        elif self.card is not None:
            self.speech_status.hide()
            self.reader.play(self.card.speech_text(), self.language)

    def stop_reading(self) -> None:
        self.reader.stop()

    # --- showing ----------------------------------------------------------------------------
    def _rtl(self) -> bool:
        return is_rtl(self.language)

    def _show(self) -> None:
        """Read the current offer in the chosen language and lay the view out for it."""
        labels = Labels(self.language)
        direction = (Qt.LayoutDirection.RightToLeft if self._rtl()
                     else Qt.LayoutDirection.LeftToRight)
        self.setLayoutDirection(direction)
        self.map.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # west stays left
        offer_id = self.current_offer_id()
        detail = self._services.directory.detail(offer_id, self.language) if offer_id else None
        self.card = family_card(detail, self.language, self.clock()) if detail else None
        self.has_easy = self._offer_has_easy(offer_id)
        self.setWindowTitle(labels(words.WINDOW_TITLE))
        self._label_controls(labels)
        self._fill(labels)

    def _offer_has_easy(self, offer_id: str) -> bool:
        if self.language == EASY:
            return True
        if not offer_id:
            return False
        easy = self._services.directory.detail(offer_id, EASY)
        return easy is not None and not (easy.title.is_fallback and (
            easy.summary is None or easy.summary.is_fallback))

    def _label_controls(self, labels: Labels) -> None:
        arrows = ("→", "←") if self._rtl() else ("←", "→")
        control_font = _scaled(1.2, bold=True)
        for button, text in ((self.previous_button, f"{arrows[0]} {labels(words.PREVIOUS)}"),
                             (self.next_button, f"{labels(words.NEXT)} {arrows[1]}"),
                             (self.close_button, f"✕ {labels(words.CLOSE)}"),
                             (self.stop_button, f"■ {labels(words.STOP)}")):
            button.setText(text)
            button.setAccessibleName(text.strip("←→✕■ "))
            button.setFont(control_font)
        self._label_read_button(labels)
        self.read_button.setFont(control_font)
        self.speed_label.setText(labels(words.SPEED))
        self.speed_label.setFont(_scaled(1.2))
        self.speed.setAccessibleName(labels(words.SPEED))
        self.speed.setMinimumWidth(self.fontMetrics().height() * 8)
        self.language_bar.setAccessibleName(labels(words.CHOOSE_LANGUAGE))
        for code, button in self.language_buttons.items():
            button.setFont(_scaled(1.15, bold=code == self.language))
            button.setChecked(code == self.language)
        # Leichte Sprache where this offer has it (and while it is chosen)
        self.language_buttons[EASY].setVisible(self.has_easy)
        count = len(self.offer_ids)
        self.position_label.setText(labels(words.POSITION, number=labels.digits(
            str(self.index + 1)), count=labels.digits(str(count))))
        self.position_label.setFont(_scaled(1.2))
        self.previous_button.setEnabled(self.index > 0)
        self.next_button.setEnabled(self.index < count - 1)
        self.read_button.setEnabled(self.card is not None)

    def _label_read_button(self, labels: Labels) -> None:
        state = self._speech_status.state
        symbol, word = (("❚❚", words.PAUSE) if state == SPEAKING
                        else ("▶", words.RESUME) if state == PAUSED else ("▶", words.READ))
        self.read_button.setText(f"{symbol} {labels(word)}")
        self.read_button.setAccessibleName(labels(word))

    def _fill(self, labels: Labels) -> None:
        """Build the offer's page anew (texts, marks, QR code, map)."""
        old = self.page_area.takeWidget()
        if old is not None:
            old.deleteLater()
        self.marks = []
        content = QWidget()
        content.setObjectName("familyContent")
        text_column = QVBoxLayout()
        text_column.setSpacing(6)
        side_column = QVBoxLayout()
        side_column.setSpacing(6)
        card = self.card
        if card is None:
            text_column.addWidget(_label(labels(NO_OFFERS), "familyTitle",
                                         TITLE_SCALE, bold=True))
        else:
            self.title_label = _label(card.title.text, "familyTitle", TITLE_SCALE, bold=True)
            text_column.addWidget(self.title_label)
            self._add_mark(text_column, card.title, labels)
            self._add_section(text_column, labels(words.WHAT), card.what, labels)
            self._add_section(text_column, labels(words.WHERE), FamilyText(
                "\n".join(card.where)) if card.where else None, labels)
            when = "\n".join([card.when, *card.hours]) if card.when else "\n".join(card.hours)
            self._add_section(text_column, labels(words.WHEN),
                              FamilyText(when) if when else None, labels)
            self._add_section(text_column, labels(COST), card.cost, labels)
            self._add_section(text_column, labels(LANGUAGES),
                              FamilyText(card.languages) if card.languages else None, labels)
            self._add_contact(side_column, card, labels)
            side_column.addWidget(_label(labels(words.MAP), "familyHeading",
                                         BODY_SCALE * HEADING_SCALE, bold=True))
            self.map = DistrictMap()
            self.map.show_place(card.town, card.position)
            self.map.setAccessibleName(f"{labels(words.MAP)}: {card.town or ''}")
            side_column.addWidget(self.map)
        text_column.addStretch(1)
        side_column.addStretch(1)
        self.content_layout = QBoxLayout(QBoxLayout.Direction.LeftToRight, content)
        self.content_layout.setSpacing(32)
        self.content_layout.addLayout(text_column, 3)
        self.content_layout.addLayout(side_column, 2)
        self.page_area.setWidget(content)
        self._align(content)
        self._arrange()

    def _align(self, content: QWidget) -> None:
        """Every text starts on the language's side, a German stand-in too (like the sheet)."""
        side = Qt.AlignmentFlag.AlignRight if self._rtl() else Qt.AlignmentFlag.AlignLeft
        for label in content.findChildren(QLabel):
            if label is not self.qr_label and label.objectName() != "phones":
                label.setAlignment(side | Qt.AlignmentFlag.AlignAbsolute)

    def _add_section(self, column: QVBoxLayout, heading: str, text: FamilyText | None,
                     labels: Labels) -> None:
        if text is None or not text.text:
            return
        column.addSpacing(8)
        column.addWidget(_label(heading, "familyHeading", BODY_SCALE * HEADING_SCALE,
                                bold=True))
        body = _label(text.text)
        if text.german:  # German standing in: it reads left to right, marked
            body.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        column.addWidget(body)
        self._add_mark(column, text, labels)

    def _add_mark(self, column: QVBoxLayout, text: FamilyText, labels: Labels) -> None:
        if not text.german:
            return
        mark = _label(labels(MARK_GERMAN), "germanMark", 1.2, bold=True)
        mark.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)
        self.marks.append(mark)
        column.addWidget(mark)

    def _add_contact(self, column: QVBoxLayout, card: FamilyCard, labels: Labels) -> None:
        if card.vcard is None:
            return
        column.addWidget(_label(labels(QR_CONTACT), "familyHeading",
                                BODY_SCALE * HEADING_SCALE, bold=True))
        pixmap = QPixmap()
        module = max(3, round(QFontMetrics(QApplication.font()).height() / 4))
        pixmap.loadFromData(qr_png(card.vcard, scale=module))
        self.qr_label = QLabel()
        self.qr_label.setObjectName("contactQr")
        self.qr_label.setPixmap(pixmap)
        self.qr_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.qr_label.setAccessibleName(labels(QR_CONTACT))
        column.addWidget(self.qr_label)
        column.addWidget(_label(labels(words.SCAN), factor=1.2))
        if card.phones:
            phones = _label("\n".join(card.phones), "phones")
            phones.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
            phones.setAlignment(Qt.AlignmentFlag.AlignCenter)
            column.addWidget(phones)

    def _arrange(self) -> None:
        """Side by side on a wide screen; the QR code and map below the text when narrow
        (large zoom, a small laptop), the controls in two rows, the languages in as many
        rows as they need: nothing is cut and nothing scrolls sideways."""
        em = _scaled(BODY_SCALE).pointSizeF() * 96 / 72  # the body em in pixels (96 dpi)
        narrow = self.page_area.viewport().width() < em * STACK_BELOW_EMS
        self.content_layout.setDirection(QBoxLayout.Direction.TopToBottom if narrow
                                         else QBoxLayout.Direction.LeftToRight)
        width = self.width() - 60
        controls = (self._navigation.sizeHint().width() + self._speech.sizeHint().width()
                    + self.controls_layout.spacing())
        self.controls_layout.setDirection(QBoxLayout.Direction.TopToBottom if controls > width
                                          else QBoxLayout.Direction.LeftToRight)
        widest = max(button.sizeHint().width() for button in self.language_buttons.values())
        close = self.close_button.sizeHint().width() + 24
        self._place_languages(max(2, min(len(FAMILY_LANGUAGES) // 2,
                                          (width - close) // (widest + 8))))

    def _place_languages(self, columns: int) -> None:
        if columns == self._language_columns:
            return
        self._language_columns = columns
        for button in self.language_buttons.values():
            self._language_grid.removeWidget(button)
        for position, code in enumerate(FAMILY_LANGUAGES):
            self._language_grid.addWidget(self.language_buttons[code], position // columns,
                                          position % columns)

    def _show_speech(self, status: SpeechStatus) -> None:
        self._speech_status = status
        labels = Labels(self.language)
        self._label_read_button(labels)
        if status.problem is None:
            return
        own = (labels(words.NO_VOICE, language=autonym(status.language))
               if status.problem == NO_VOICE else labels(words.NO_SPEECH))
        german = Labels("de")
        counsellor = (german(words.NO_VOICE, language=autonym(status.language))
                      if status.problem == NO_VOICE else german(words.NO_SPEECH))
        # the counsellor reads German: said twice when the family's language is another one
        text = own if own == counsellor else f"{own}\n{counsellor}"
        self.speech_status.setText(text)
        self.speech_status.setAccessibleName(text)
        self.speech_status.show()

    # --- Qt ---------------------------------------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        QTimer.singleShot(0, self, self._arrange)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        self.stop_reading()
        if self.reader.on_status is self._status_slot:
            self.reader.on_status = None
        super().closeEvent(event)
        self.closed.emit(self.current_offer_id())
