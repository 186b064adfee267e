"""The main window: search field on top; filters, results over the Gesprächsliste, details.

The window only lays out and wires: searching happens in :class:`SearchController`, rows
come from the store through :class:`ResultsModel`, user data through ``services``.
Other features plug in through :meth:`MainWindow.add_menu_action`,
:meth:`MainWindow.current_offer_id` and :meth:`MainWindow.selected_offer_ids`.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from coesfeld_desktop import APP_NAME, __version__
from coesfeld_desktop.domain.formatting import datetime_text, offer_count_text
from coesfeld_desktop.i18n import gettext_for, is_rtl, translations
from coesfeld_desktop.search.query import SearchFilters, SearchRequest, SearchResult, Suggestion
from coesfeld_desktop.sync.notices import stale_notice
from coesfeld_desktop.ui import window_state
from coesfeld_desktop.ui.conversation_list import ConversationListView
from coesfeld_desktop.ui.detail_view import DetailView
from coesfeld_desktop.ui.family_launch import FamilyLauncher
from coesfeld_desktop.ui.filter_panel import FilterPanel
from coesfeld_desktop.ui.help_dialog import HelpDialog
from coesfeld_desktop.ui.language import latin_digits
from coesfeld_desktop.ui.results_model import ResultsModel
from coesfeld_desktop.ui.search_controller import SearchController
from coesfeld_desktop.ui.search_panel import ResultsPanel, SearchField
from coesfeld_desktop.ui.style import WINDOW_STYLE
from coesfeld_desktop.ui.tasks import TaskRunner

if TYPE_CHECKING:  # the store (SQLAlchemy) loads in load(), after the first paint if wanted
    from coesfeld_desktop.services import Services
    from coesfeld_desktop.ui.handout_actions import HandoutActions
    from coesfeld_desktop.ui.handover_actions import HandoverActions
    from coesfeld_desktop.ui.needs_actions import NeedsActions
    from coesfeld_desktop.ui.next_steps_actions import NextStepsActions
    from coesfeld_desktop.ui.settings_actions import SettingsActions
    from coesfeld_desktop.ui.sync_actions import SyncActions

@dataclass(frozen=True)
class ViewState:
    """What the counsellor was looking at: carried into a window rebuilt in another language.

    The Gesprächsliste needs no carrying: it is stored. Nothing here is written to disk.
    """

    text: str
    filters: SearchFilters
    offer_id: str | None


class MainWindow(QMainWindow):
    """The window; features plug in through :class:`~.window_hooks.WindowHooks`."""

    handout_requested = Signal()  # the handout button under the Gesprächsliste
    handover_requested = Signal()  # "Vermittlung…" under the Gesprächsliste
    conversation_cleared = Signal()  # "Neues Gespräch" emptied the list
    search_finished = Signal(object, object)  # SearchRequest, SearchResult of every search

    def __init__(self, services: Services, language: str = "de",
                 parent: QWidget | None = None, *, load: bool = True,
                 runner: TaskRunner | None = None) -> None:
        """``load=False``: build without touching the store; call :meth:`load` later
        (``ui.app`` does so right after the first paint, so the window shows at once).
        ``runner``: where slow work runs; by default the window's own, which the search and
        every installed feature share."""
        super().__init__(parent)
        self.services = services
        self.runner = runner or TaskRunner(self)
        self.language = language
        self._ = _ = gettext_for(language)
        self._n = translations(language).ngettext
        self.setWindowTitle(APP_NAME)
        self.setObjectName("mainWindow")
        self.setStyleSheet(WINDOW_STYLE)
        if is_rtl(language):
            self.setLayoutDirection(Qt.LayoutDirection.RightToLeft)

        self.search_field = SearchField()
        self.search_field.setObjectName("searchField")
        self.search_field.setPlaceholderText(
            _("Suchen: Thema, Angebot, Träger oder Ort – z. B. Hebamme, Kita, Sprachkurs"))
        self.search_field.setAccessibleName(_("Suche"))
        self.search_field.setClearButtonEnabled(True)
        self.filters = FilterPanel(services, language, _)
        self.results_model = ResultsModel(services, language, _, self)
        self.results = ResultsPanel(self.results_model, self.filters.filter_label, _, self._n)
        self.conversation = ConversationListView(services, language, _)
        self.detail = DetailView(services, language, _)
        self.list_splitter = QSplitter(Qt.Orientation.Vertical)  # results over the list
        self.list_splitter.setObjectName("listSplitter")
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.controller = SearchController(services, self.runner, self)
        self.family = FamilyLauncher(services, self)  # the family view (F11)
        self._menus: dict[str, QMenu] = {}
        self.features_installed = False  # ui.app sets it once plug-in features added menus
        # the features ui.app installed (through the WindowHooks they were handed)
        self.settings_actions: SettingsActions | None = None
        self.handout_actions: HandoutActions | None = None
        self.handover_actions: HandoverActions | None = None
        self.sync_actions: SyncActions | None = None
        self.needs_actions: NeedsActions | None = None
        self.next_steps_actions: NextStepsActions | None = None
        self._status_label = QLabel()
        self._demo_label = QLabel(_("Demodaten"))
        self._count_label = QLabel()

        self._lay_out()
        latin_digits(self)
        self._build_menus()
        self._build_status_bar()
        self._set_tab_order()
        self._connect_signals()
        self._settings = window_state.settings_for(services.paths.home)
        if not window_state.restore(self._settings, self, self._splitters()):
            self.resize(1280, 800)
            self.splitter.setSizes([250, 450, 580])
            self.list_splitter.setSizes([480, 220])
        self.loaded = False
        self._rest_loaded = False
        self._carried: ViewState | None = None
        self.search_field.setFocus()
        self._status_label.setText(_("Angebote werden geladen …"))
        if load:
            self.load()

    def load(self, first_list_first: bool = False) -> None:
        """Read what comes from the store: filter lists, Datenstand, Gesprächsliste, offers.

        ``first_list_first``: start the first search with no more than it needs (the
        default town) and leave the filter lists, the Datenstand and the Gesprächsliste to
        :meth:`load_rest`, which ``ui.app`` calls once the result list is on screen (the
        start-up time to the first list). A window carrying another's state reads all first.
        """
        if self.loaded:
            return
        self.loaded = True
        carried = self._carried
        if carried is not None or not first_list_first:
            self.load_rest()
        town = self.services.preferences.default_town  # from the wizard or the settings
        self.filters.default_filters = SearchFilters(town=town or None)
        if carried is not None:
            self.search_field.setText(carried.text)
            self.filters.set_filters(carried.filters)
        elif town:  # a town is no list from the directory: its choice is there already
            self.filters.set_filters(self.filters.default_filters)
        self.controller.request_now(self._request())

    def load_rest(self) -> None:
        """The filter lists, the Datenstand and the Gesprächsliste (once; see :meth:`load`)."""
        if self._rest_loaded:
            return
        self._rest_loaded = True
        self.filters.load_lists()
        self.refresh_status()
        self.conversation.follow()

    def view_state(self) -> ViewState:
        """Search text, filters and the offer shown (for a language switch)."""
        return ViewState(self.search_field.text(), self.filters.filters(),
                         self.current_offer_id())

    def carry_over(self, state: ViewState) -> None:
        """Take over ``state`` from the window this one replaces (before :meth:`load`)."""
        self._carried = state
        self.search_field.blockSignals(True)
        self.search_field.setText(state.text)
        self.search_field.setCursorPosition(len(state.text))
        self.search_field.blockSignals(False)
        if self.loaded:
            self.filters.set_filters(state.filters)
            self.controller.request_now(self._request())

    # --- layout -----------------------------------------------------------------------------
    def _lay_out(self) -> None:
        filter_box = QWidget()
        filter_box.setObjectName("filterBox")
        filter_layout = QVBoxLayout(filter_box)
        filter_layout.setContentsMargins(12, 8, 12, 12)
        heading = QLabel(self._("Filter"))
        heading.setObjectName("heading")
        filter_layout.addWidget(heading)
        filter_layout.addWidget(self.filters, 1)
        scroll = QScrollArea()
        scroll.setWidget(filter_box)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(220)
        self._filter_scroll = scroll

        detail_box = QWidget()
        detail_layout = QVBoxLayout(detail_box)
        detail_layout.setContentsMargins(8, 8, 12, 8)
        detail_layout.addWidget(self.detail)
        list_box = QWidget()
        list_layout = QVBoxLayout(list_box)
        list_layout.setContentsMargins(4, 8, 4, 8)
        self.list_splitter.addWidget(self.results)
        self.list_splitter.addWidget(self.conversation)
        self.list_splitter.setChildrenCollapsible(False)
        self.list_splitter.setStretchFactor(0, 2)
        self.list_splitter.setStretchFactor(1, 1)
        list_layout.addWidget(self.list_splitter)

        self.splitter.addWidget(scroll)
        self.splitter.addWidget(list_box)
        self.splitter.addWidget(detail_box)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 1)

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(12, 12, 12, 0)
        layout.setSpacing(6)
        layout.addWidget(self.search_field)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

    def _build_menus(self) -> None:
        _ = self._
        quit_action = QAction(_("Beenden"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        quit_action.triggered.connect(self.close)
        self.new_conversation_action = QAction(_("Neues Gespräch …"), self)
        self.new_conversation_action.setShortcut(QKeySequence.StandardKey.New)
        self.new_conversation_action.triggered.connect(self.new_conversation)
        self.add_menu_action(_("Datei"), self.new_conversation_action)
        self.add_menu_action(_("Datei"), quit_action)
        self.show_list_action = QAction(_("Gesprächsliste anzeigen"), self)
        self.show_list_action.setShortcut(QKeySequence("Ctrl+M"))
        self.show_list_action.triggered.connect(self.show_conversation_list)
        self.add_menu_action(_("Daten"), self.show_list_action)
        self.family_action = QAction(_("Familienansicht"), self)
        self.family_action.setShortcut(QKeySequence(Qt.Key.Key_F11))
        self.family_action.triggered.connect(self.open_family_view)
        self.add_menu_action(_("Ansicht"), self.family_action)
        self.find_action = QAction(_("Suchen"), self)
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.find_action.triggered.connect(self.focus_search)
        self.addAction(self.find_action)
        manual = QAction(_("Kurzanleitung"), self)
        manual.setShortcut(QKeySequence.StandardKey.HelpContents)
        manual.triggered.connect(self.show_manual)
        self.add_menu_action(_("Hilfe"), manual)
        self.manual_action = manual
        about = QAction(_("Über Angebotslotse"), self)
        about.setMenuRole(QAction.MenuRole.AboutRole)
        about.triggered.connect(self._show_about)
        self.add_menu_action(_("Hilfe"), about)

    def _build_status_bar(self) -> None:
        _ = self._
        self._demo_label.setObjectName("demoMarker")
        self._demo_label.setToolTip(_("Dies sind erfundene Beispieldaten, kein echtes "
                                      "Angebotsverzeichnis."))
        bar = self.statusBar()
        bar.setSizeGripEnabled(False)
        bar.addWidget(self._status_label)
        bar.addWidget(self._demo_label)
        bar.addPermanentWidget(self._count_label)
        self._demo_label.hide()

    def _set_tab_order(self) -> None:
        chain: list[QWidget] = [
            self.search_field, *self.filters.controls(), self.results.view,
            self.conversation.list, self.conversation.handout_button,
            self.conversation.new_button, self.conversation.handover_button,
            self.conversation.family_button, self.detail.star,
            self.detail.family_button, self.detail.browser, self.detail.note,
        ]
        for first, second in itertools.pairwise(chain):
            self.setTabOrder(first, second)

    def _connect_signals(self) -> None:
        self.search_field.textChanged.connect(self._search_later)
        self.search_field.navigate.connect(self._navigate_results)
        self.search_field.accepted.connect(self._open_from_search_field)
        self.search_field.escaped.connect(self.search_field.clear)
        self.filters.changed.connect(self._search_later)
        self.controller.result_ready.connect(self._show_result)
        self.controller.failed.connect(self._show_search_error)
        self.results.offer_current.connect(self.detail.show_offer)
        self.results.offer_activated.connect(self.open_offer)
        self.results.suggestion_chosen.connect(self.apply_suggestion)
        self.results.escaped.connect(self.focus_search)
        self.conversation.offer_current.connect(self.detail.show_offer)
        self.detail.related_chosen.connect(self._related_chosen)
        self.detail.reported.connect(self.results_model.forget_reports)
        self.conversation.offer_activated.connect(self.open_offer)
        self.conversation.escaped.connect(self.focus_search)
        self.conversation.count_changed.connect(self._update_list_count)
        self.conversation.new_conversation_requested.connect(self.new_conversation)
        self.conversation.handout_requested.connect(self.handout_requested)
        self.conversation.family_view_requested.connect(
            lambda: self.open_family_view(from_list=True))
        self.detail.family_view_requested.connect(self.open_family_view)
        self.family.returned.connect(self._family_returned)
        self.conversation.handover_requested.connect(self.handover_requested)
        self.controller.result_ready.connect(self.search_finished)
        back = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.detail)
        back.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        back.activated.connect(self.focus_search)

    # --- public hooks -------------------------------------------------------------------------
    def add_menu_action(self, menu_title: str, action: QAction) -> None:
        """Add ``action`` to the menu titled ``menu_title`` (created before "Hilfe" if new)."""
        menu = self._menus.get(menu_title)
        if menu is None:
            menu = QMenu(menu_title, self)
            help_menu = self._menus.get(self._("Hilfe"))
            if help_menu is not None:
                self.menuBar().insertMenu(help_menu.menuAction(), menu)
            else:
                self.menuBar().addMenu(menu)
            self._menus[menu_title] = menu
        menu.addAction(action)

    def menu(self, menu_title: str) -> QMenu | None:
        return self._menus.get(menu_title)

    def current_offer_id(self) -> str | None:
        """The offer shown in the detail pane."""
        return self.detail.current_offer_id()

    def selected_offer_ids(self) -> list[str]:
        """Offers selected in the list that has the focus (else the results), in list order."""
        if self.conversation.list.hasFocus():
            return self.conversation.selected_offer_ids()
        return self.results.selected_offer_ids()

    def focus_search(self) -> None:
        self.search_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_field.selectAll()

    def open_offer(self, offer_id: str) -> None:
        """Show ``offer_id`` in the detail pane and move the focus there."""
        self.detail.show_offer(offer_id)
        self.detail.browser.setFocus(Qt.FocusReason.OtherFocusReason)

    def open_family_view(self, from_list: bool = False) -> bool:
        """F11 / "Familienansicht": the offers the counsellor means, full-screen.

        From the Gesprächsliste (its button, or F11 while it has the focus): the whole list
        from its current entry. Several results selected: those. Otherwise the offer in the
        detail pane - with the rest of the list when it is on it. Nothing chosen: the list.
        """
        listed = self.conversation.offer_ids()
        focus_in_list = self.conversation.list.hasFocus()
        selected = [] if from_list else self.selected_offer_ids()
        current = (self.conversation.current_offer_id() if from_list or focus_in_list
                   else self.current_offer_id())
        if not (from_list or focus_in_list) and len(selected) > 1:
            offers = selected
        elif current is not None and current not in listed:
            offers = [current]
        else:
            offers = listed
        start = offers.index(current) if current in offers else 0
        if self.family.open(offers, start) is None:
            self.statusBar().showMessage(self._(
                "Für die Familienansicht zuerst ein Angebot wählen oder auf die "
                "Gesprächsliste setzen."), 6000)
            return False
        return True

    def _family_returned(self, offer_id: str) -> None:
        """Esc in the family view: back at the desk, on the offer the family saw last."""
        self.activateWindow()
        if offer_id:
            self.detail.show_offer(offer_id)
        self.detail.browser.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_conversation_list(self) -> None:
        self.conversation.list.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if self.conversation.list.currentRow() < 0 and self.conversation.list.count():
            self.conversation.list.setCurrentRow(0)

    def new_conversation(self) -> bool:
        """"Neues Gespräch": after asking, empty the list and start a fresh search."""
        _ = self._
        if not self.conversation.confirm(
                _("Neues Gespräch"),
                _("Die Gesprächsliste leeren und Suche und Filter zurücksetzen? Ihre Notizen "
                  "zu den Angeboten bleiben erhalten.")):
            return False
        self.services.saved_list.clear()
        self.family.forget_family()
        self.conversation_cleared.emit()
        self.filters.reset()
        self.search_field.clear()
        self.detail.show_offer(None)
        self.controller.request_now(self._request())
        self.focus_search()
        return True

    def apply_suggestion(self, suggestion: Suggestion) -> None:
        if suggestion.kind == "drop_filter":
            self.filters.clear_filter(suggestion.value)
        else:
            self.search_field.setText(suggestion.value)
        self.controller.request_now(self._request())

    def current_filters(self) -> SearchFilters:
        return self.filters.filters()

    def conversation_offer_ids(self) -> list[str]:
        return self.conversation.offer_ids()

    def reload_directory(self) -> None:
        """After a sync or import changed the offers: lists, status, Gesprächsliste, results,
        detail."""
        self.filters.load_lists()
        self.refresh_status()
        self.conversation.refresh()
        self.detail.reload()
        self.results_model.set_offer_ids([])
        self.controller.request_now(self._request())

    def refresh_status(self) -> None:
        """Re-read the Datenstand (after a sync or import)."""
        _ = self._
        status = self.services.directory.status()
        if status is None:
            self._status_label.setText(_("Kein Verzeichnis geladen"))
            self._demo_label.hide()
            self._count_label.clear()
            return
        text = _("Datenstand: {when}").format(
            when=datetime_text(status.published_at, self.language))
        days = self.services.sync.stale_days()  # past the export's signed expiry: say so calmly
        if days is not None:
            text += " – " + _(stale_notice(days)).format(days=days)
        self._status_label.setText(text)
        self._demo_label.setVisible(status.is_demo)
        self._count_label.setText(_("{count} im Verzeichnis").format(
            count=offer_count_text(status.offer_count, self._n, self.language)))

    # --- private --------------------------------------------------------------------------------
    def _splitters(self) -> dict[str, QSplitter]:
        return {"main": self.splitter, "lists": self.list_splitter}

    def _request(self) -> SearchRequest:
        return SearchRequest(text=self.search_field.text(), filters=self.filters.filters())

    def _search_later(self) -> None:
        self.controller.request(self._request())

    def _show_result(self, _request: SearchRequest, result: SearchResult) -> None:
        self.results.show_result(result)
        carried, self._carried = self._carried, None
        if carried is not None and carried.offer_id:
            self.results.select_offer(carried.offer_id)
            self.detail.show_offer(carried.offer_id)
        shown = self.detail.current_offer_id()
        self.detail.mark_outside_results(
            shown is not None and shown not in result.offer_ids
            and not self.conversation.list.hasFocus())

    def _related_chosen(self, offer_id: str) -> None:
        """A "Danach" / "Gemeinsam mit" link: the detail pane shows that offer; select it
        among the results when it is there, else say it is not."""
        listed = self.results.select_offer(offer_id)
        self.detail.mark_outside_results(not listed)

    def _show_search_error(self, message: str) -> None:
        self.statusBar().showMessage(self._("Die Suche ist fehlgeschlagen: {error}").format(
            error=message), 8000)

    def _navigate_results(self, step: int) -> None:
        self.results.move_current(step)  # arrows in the search field mean the results

    def _open_from_search_field(self) -> None:
        self.results.activate_current()

    def _update_list_count(self, count: int) -> None:
        label = self._("Gesprächsliste")
        self.conversation.heading.setText(
            self._("{label} ({count})").format(label=label, count=count) if count else label)
        self.detail.refresh_star()

    def show_manual(self) -> HelpDialog:
        """Hilfe → Kurzanleitung (F1): the offline manual with the window's shortcuts."""
        dialog = HelpDialog(self, self.language, self._)
        dialog.show()
        self.help_dialog = dialog
        return dialog

    def _show_about(self) -> None:
        _ = self._
        QMessageBox.about(self, _("Über Angebotslotse"), "<p><b>{name}</b> {version}</p><p>{text}"
                          "</p>".format(name=APP_NAME, version=__version__, text=_(
                              "Angebote für Familien im Kreis Coesfeld – offline, schnell, "
                              "für das Beratungsgespräch.")))

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        # a layout saved at a smaller text size may be too narrow for the filter labels
        QTimer.singleShot(0, self, self.fit_filter_column)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt API
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # zoomed: after the layouts have updated
            QTimer.singleShot(0, self, self.fit_filter_column)  # not after the window is gone

    def fit_filter_column(self) -> None:
        """Widen the filter column so that no label is cut, taking the room from the
        widest other column (larger text after a zoom, or a narrow saved layout)."""
        scroll = self._filter_scroll
        content = scroll.widget()
        if content is None:
            return
        needed = content.minimumSizeHint().width()
        if scroll.verticalScrollBar().isVisible():
            needed += scroll.verticalScrollBar().width()
        sizes = self.splitter.sizes()
        if not self.isVisible() or len(sizes) != 3 or sizes[0] >= needed:
            return
        widest = 1 if sizes[1] >= sizes[2] else 2
        taken = min(needed - sizes[0], max(0, sizes[widest] - 200))
        sizes[0] += taken
        sizes[widest] -= taken
        self.splitter.setSizes(sizes)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.family.shutdown()
        self.detail.flush_note()
        self.conversation.stop_following()
        window_state.save(self._settings, self, self._splitters())
        self.controller.shutdown()
        super().closeEvent(event)
