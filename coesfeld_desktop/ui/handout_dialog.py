"""The handout dialog: basket, language and layout, live preview, print, save, history.

A view: it lays out, reads the counsellor's choices and shows what happened. Building,
saving, printing and the history are :class:`~.handout_controller.HandoutController`'s.
"""

from __future__ import annotations

from pathlib import Path

from babel.numbers import format_decimal
from PySide6.QtCore import Qt, Signal
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from coesfeld_desktop.domain.formatting import datetime_text, language_name, offer_count_text
from coesfeld_desktop.domain.notices import unprintable_text
from coesfeld_desktop.handout.basket import HandoutBasket
from coesfeld_desktop.handout.history import HistoryEntry
from coesfeld_desktop.handout.labels import HANDOUT_LANGUAGES, Labels
from coesfeld_desktop.handout.pdf import HandoutOptions, Layout
from coesfeld_desktop.i18n import Translate, babel_locale, translations
from coesfeld_desktop.search.crisis import default_crisis_list
from coesfeld_desktop.services import Services
from coesfeld_desktop.ui.file_dialogs import documents_folder, save_file_name
from coesfeld_desktop.ui.handout_controller import BuiltHandout, HandoutController, Preview
from coesfeld_desktop.ui.handout_pages import PagePreview
from coesfeld_desktop.ui.tasks import TaskRunner
from coesfeld_desktop.userdata.preferences import MAX_RETENTION_DAYS


def language_choices(ui_language: str = "de") -> list[tuple[str, str]]:
    """(code, "Arabisch – العربية") for the language box: the name in the UI language for
    the counsellor, then the language's own name for the family to point at."""
    choices = []
    for code in HANDOUT_LANGUAGES:
        name = language_name(code, ui_language)
        name = name[:1].upper() + name[1:]  # an item of a list, not a word in a sentence
        native = name if code == "de-x-easy" else Labels(code).language_name(code)
        choices.append((code, name if native == name else f"{name} – {native}"))
    return choices


class HandoutDialog(QDialog):
    """Non-modal: the counsellor keeps adding offers from the main window while it is open."""

    generated = Signal(bytes)  # a fresh preview PDF (tests wait on it)
    saved = Signal(str)
    failed = Signal(str)

    def __init__(self, services: Services, basket: HandoutBasket, runner: TaskRunner,
                 gettext: Translate = lambda s: s,
                 parent: QWidget | None = None, language: str = "de") -> None:
        super().__init__(parent)
        self.ui_language = language  # (self.language is the handout's language box)
        self._n = translations(language).ngettext
        self.services = services
        self.basket = basket
        self._save_folder: Path | None = None  # where this dialog saved last
        self.controller = HandoutController(services, basket, runner, self)
        self.history = self.controller.history
        self._ = _ = gettext
        self.setWindowTitle(_("Handzettel"))
        self.setObjectName("handoutDialog")
        self.resize(1100, 760)

        self.offers = QListWidget()
        self.offers.setObjectName("handoutOffers")
        self.offers.setAccessibleName(_("Angebote auf dem Handzettel"))
        self.up_button = QPushButton(_("Nach oben"))
        self.down_button = QPushButton(_("Nach unten"))
        self.remove_button = QPushButton(_("Entfernen"))
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText(_("Persönlicher Hinweis für die Familie (optional). Er "
                                       "steht nur auf dem Handzettel, wenn „Notiz drucken“ "
                                       "angehakt ist, und wird nicht im Verlauf gespeichert."))
        self.print_note = QCheckBox(_("Notiz drucken"))
        self.print_note.setObjectName("printNote")
        self.print_note.setToolTip(_("Nur angehakt kommt der Hinweis auf den Handzettel – auf "
                                     "Papier und in eine gespeicherte PDF-Datei."))
        self.print_note.setChecked(False)
        # what the printed note would lose (characters no bundled font has), as the command
        # line warns: shown with the preview that left them out
        self.note_warning = QLabel()
        self.note_warning.setObjectName("noteWarning")
        self.note_warning.setWordWrap(True)
        self.note_warning.setStyleSheet("color: #8a5a00;")
        self.note_warning.hide()
        self.note.setAccessibleName(_("Hinweis"))
        self.note.setTabChangesFocus(True)  # Tab leaves the note: keyboard users get out
        self.note.setFixedHeight(80)
        self.language = QComboBox()
        self.language.setAccessibleName(_("Sprache des Handzettels"))
        for code, name in language_choices(language):
            self.language.addItem(name, code)
        self.layout_box = QComboBox()
        self.layout_box.setAccessibleName(_("Aufbau"))
        self.layout_box.addItem(_("Nur in der Sprache der Familie"), Layout.SINGLE.value)
        self.layout_box.addItem(_("Zweisprachig: Deutsch darunter"), Layout.BENEATH.value)
        self.layout_box.addItem(_("Zweisprachig: Deutsch daneben"), Layout.SIDE_BY_SIDE.value)
        self.large_print = QCheckBox(_("Große Schrift"))
        self.print_crisis = QCheckBox(_("Notrufnummern drucken („Hilfe in Notlagen“)"))
        self.print_crisis.setObjectName("printCrisis")
        self.print_crisis.setToolTip(_(
            "Druckt die Hilfetelefone und Notrufnummern oben auf den Handzettel. Vorgeschlagen, "
            "wenn eine Suche im Gespräch eine Notlage betraf oder ein Angebot auf der Liste "
            "davon handelt. Abwählen, wenn der Zettel in falsche Hände geraten könnte."))
        self._crisis_chosen = False  # the counsellor ticked or unticked it: no more proposals
        self.preview = PagePreview()
        self.status = QLabel()
        self.status.setObjectName("handoutStatus")
        self.print_button = QPushButton(_("Drucken…"))
        self.save_button = QPushButton(_("Als PDF speichern…"))
        self.close_button = QPushButton(_("Schließen"))
        self.history_list = QListWidget()
        self.history_list.setAccessibleName(_("Verlauf der Handzettel"))
        self.reuse_button = QPushButton(_("Wieder verwenden"))
        self.clear_history_button = QPushButton(_("Verlauf löschen"))
        self.clear_history_button.setObjectName("clearHistory")
        self.retention = QSpinBox()
        self.retention.setObjectName("historyRetention")
        self.retention.setRange(1, MAX_RETENTION_DAYS)
        self.retention.setSuffix(_(" Tage"))
        self.retention.setAccessibleName(_("Einträge im Verlauf automatisch löschen nach"))
        self.retention.setValue(services.preferences.handout_history_days)

        self._lay_out()
        self._connect()
        self.refresh_basket()
        self.refresh_history()
        self._update_layout_choice()

    # --- layout ---------------------------------------------------------------------------
    def _lay_out(self) -> None:
        _ = self._
        basket = QWidget()
        basket_layout = QVBoxLayout(basket)
        basket_layout.addWidget(self.offers, 1)
        row = QHBoxLayout()
        for button in (self.up_button, self.down_button, self.remove_button):
            row.addWidget(button)
        basket_layout.addLayout(row)
        form = QFormLayout()
        form.addRow(_("Sprache"), self.language)
        form.addRow(_("Aufbau"), self.layout_box)
        form.addRow("", self.large_print)
        form.addRow("", self.print_crisis)
        basket_layout.addLayout(form)
        basket_layout.addWidget(QLabel(_("Hinweis für die Familie")))
        basket_layout.addWidget(self.note)
        basket_layout.addWidget(self.print_note)
        basket_layout.addWidget(self.note_warning)

        history = QWidget()
        history_layout = QVBoxLayout(history)
        history_layout.addWidget(self.history_list, 1)
        history_layout.addWidget(self.reuse_button)
        keep = QFormLayout()
        keep.addRow(_("Automatisch löschen nach"), self.retention)
        history_layout.addLayout(keep)
        history_layout.addWidget(self.clear_history_button)

        tabs = QTabWidget()
        tabs.addTab(basket, _("Handzettel"))
        tabs.addTab(history, _("Verlauf"))
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(tabs)
        splitter.addWidget(self.preview)
        splitter.setSizes([380, 720])

        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)

    def _connect(self) -> None:
        self.controller.building.connect(
            lambda: self.status.setText(self._("Handzettel wird erstellt …")))
        self.controller.built.connect(self._show_built)
        self.controller.failed.connect(self._show_error)
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(+1))
        self.remove_button.clicked.connect(self._remove)
        self.note.textChanged.connect(self._note_changed)
        self.language.currentIndexChanged.connect(self._update_layout_choice)
        self.language.currentIndexChanged.connect(self.schedule)
        self.layout_box.currentIndexChanged.connect(self.schedule)
        self.large_print.toggled.connect(self.schedule)
        self.print_button.clicked.connect(self.print_handout)
        self.save_button.clicked.connect(self.save_with_dialog)
        self.close_button.clicked.connect(self.close)
        self.reuse_button.clicked.connect(self._reuse_selected)
        self.print_note.toggled.connect(self.schedule)
        self.print_crisis.toggled.connect(self.schedule)
        self.print_crisis.clicked.connect(self._crisis_clicked)
        self.clear_history_button.clicked.connect(self.ask_clear_history)
        self.retention.valueChanged.connect(self._retention_changed)
        self.history_list.itemActivated.connect(lambda _item: self._reuse_selected())
        self.finished.connect(self._cancel)

    # --- state ------------------------------------------------------------------------------
    def options(self) -> HandoutOptions:
        language = str(self.language.currentData())
        layout = Layout(str(self.layout_box.currentData()))
        if language == "de":
            layout = Layout.SINGLE
        note = self.basket.note if self.print_note.isChecked() else ""
        crisis = default_crisis_list().helplines if self.print_crisis.isChecked() else ()
        return HandoutOptions(language, layout, self.large_print.isChecked(), note, crisis)

    def set_options(self, language: str, layout: Layout, large_print: bool) -> None:
        self.language.setCurrentIndex(max(0, self.language.findData(language)))
        self.layout_box.setCurrentIndex(max(0, self.layout_box.findData(layout.value)))
        self.large_print.setChecked(large_print)

    def _update_layout_choice(self) -> None:
        self.layout_box.setEnabled(self.language.currentData() != "de")

    def refresh_basket(self) -> None:
        """Show the Gesprächsliste's offers (German titles) and rebuild the preview."""
        titles = self.controller.titles()
        current = self.offers.currentRow()
        self.offers.clear()
        for offer_id in self.basket.offer_ids:
            item = QListWidgetItem(titles.get(offer_id, self._("(nicht mehr im Verzeichnis)")))
            item.setData(Qt.ItemDataRole.UserRole, offer_id)
            self.offers.addItem(item)
        if self.offers.count():
            self.offers.setCurrentRow(min(max(current, 0), self.offers.count() - 1))
        if self.note.toPlainText() != self.basket.note:
            self.note.setPlainText(self.basket.note)
        if not self.basket.offer_ids and not self.basket.crisis_seen:
            self._crisis_chosen = False  # a new conversation: propose afresh
        if not self._crisis_chosen:
            self.print_crisis.blockSignals(True)
            self.print_crisis.setChecked(self.controller.touches_crisis())
            self.print_crisis.blockSignals(False)
        self.schedule()

    def _crisis_clicked(self) -> None:
        self._crisis_chosen = True

    def _selected_id(self) -> str | None:
        item = self.offers.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item else None

    def _move(self, step: int) -> None:
        offer_id = self._selected_id()
        if offer_id is None:
            return
        index = self.basket.offer_ids.index(offer_id) + step
        self.basket.move(offer_id, index)
        self.refresh_basket()
        self.offers.setCurrentRow(self.basket.offer_ids.index(offer_id))

    def _remove(self) -> None:
        offer_id = self._selected_id()
        if offer_id is not None:
            self.basket.remove(offer_id)
            self.refresh_basket()

    def _note_changed(self) -> None:
        self.basket.note = self.note.toPlainText()
        self.schedule()

    # --- generating -------------------------------------------------------------------------
    def schedule(self) -> None:
        """Rebuild the preview shortly (typing in the note does not start a build per key)."""
        self._set_ready(False)
        if self.basket.offer_ids:
            self.controller.schedule(self.options())
        else:
            self.controller.cancel()
            self.controller.current = None
            self._show_empty()

    def generate_now(self) -> None:
        self._set_ready(False)
        if not self.controller.build_now(self.options()):
            self._show_empty()

    def _show_empty(self) -> None:
        self.preview.show_pages([])
        self.status.setText(self._("Der Handzettel ist leer: Angebote mit Strg+H "
                                   "hinzufügen."))

    def _show_built(self, preview: Preview) -> None:
        warning = unprintable_text(preview.unprintable, self._)
        self.note_warning.setText(warning)
        self.note_warning.setVisible(bool(warning))
        self.preview.show_pages(preview.pages)
        pages = len(preview.pages)
        self.status.setText(self._n("{count} Seite", "{count} Seiten", pages).format(
            count=format_decimal(pages, locale=babel_locale(self.ui_language))))
        self._set_ready(True)
        self.generated.emit(preview.handout.pdf)

    def _show_error(self, error: BaseException) -> None:
        message = self._("Der Handzettel konnte nicht erstellt werden: {error}").format(
            error=error)
        self.status.setText(message)
        self.failed.emit(message)

    def _set_ready(self, ready: bool) -> None:
        self.print_button.setEnabled(ready)
        self.save_button.setEnabled(ready)

    @property
    def _current(self) -> BuiltHandout | None:
        """The handout in the preview (ids, options, PDF), None while one is being built."""
        return self.controller.current

    @property
    def current_pdf(self) -> bytes | None:
        return self._current.pdf if self._current else None

    def _cancel(self) -> None:
        self.controller.cancel()

    # --- output -----------------------------------------------------------------------------
    def save_to(self, path: Path) -> Path:
        """Write the previewed handout to ``path`` and remember it in the history."""
        path = self.controller.save(path)
        self.refresh_history()
        self.status.setText(self._("Gespeichert: {path}").format(path=path))
        self.saved.emit(str(path))
        return path

    def save_with_dialog(self) -> None:
        if self._current is None:
            return
        folder = self._save_folder or documents_folder()
        suggestion = folder / f"Handzettel-{self._current.options.language}.pdf"
        path = save_file_name(self, self._("Handzettel speichern"), suggestion, "PDF (*.pdf)")
        if path:
            if not path.lower().endswith(".pdf"):
                path += ".pdf"
            self._save_folder = Path(path).parent  # for this dialog only, never stored
            self.save_to(Path(path))

    def print_handout(self, printer: QPrinter | None = None) -> None:
        """Ask for a printer (unless given) and print the previewed handout at 300 dpi."""
        if self._current is None:
            return
        if printer is None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            dialog = QPrintDialog(printer, self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
        self.status.setText(self._("Wird gedruckt …"))

        def printed() -> None:
            self.refresh_history()
            self.status.setText(self._("An den Drucker geschickt."))

        self.controller.print_to(printer, printed)

    # --- history ----------------------------------------------------------------------------
    def refresh_history(self) -> None:
        self.history_list.clear()
        names = dict(language_choices(self.ui_language))
        for entry in self.history.entries():
            count = len(entry.offer_ids)
            language = names.get(entry.language, entry.language)
            # created_at is the computer's local time (naive)
            when = datetime_text(entry.created_at.astimezone(), self.ui_language)
            offers = offer_count_text(count, self._n, self.ui_language)
            text = f"{when} · {language} · {offers}"
            item = QListWidgetItem(text)
            item.setToolTip("\n".join(entry.titles))
            item.setData(Qt.ItemDataRole.UserRole, entry.id)
            self.history_list.addItem(item)

    def ask_clear_history(self) -> None:
        _ = self._
        answer = QMessageBox.question(
            self, _("Verlauf löschen"),
            _("Alle Einträge im Verlauf der Handzettel löschen? Das lässt sich nicht rückgängig "
              "machen."))
        if answer == QMessageBox.StandardButton.Yes:
            self.clear_history()

    def clear_history(self) -> None:
        self.history.clear()
        self.refresh_history()
        self.status.setText(self._("Der Verlauf wurde gelöscht."))

    def _retention_changed(self, days: int) -> None:
        self.controller.keep_history_for(days)
        self.refresh_history()

    def reuse(self, entry: HistoryEntry) -> None:
        """Put a remembered handout's offers and settings back into the basket."""
        self.controller.reuse(entry)
        self.set_options(entry.language, entry.layout, entry.large_print)
        self.refresh_basket()

    def _reuse_selected(self) -> None:
        item = self.history_list.currentItem()
        if item is None:
            return
        entry = self.history.get(int(item.data(Qt.ItemDataRole.UserRole)))
        if entry is not None:
            self.reuse(entry)
