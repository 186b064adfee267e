""""Anliegen erfassen": record the end of a conversation in fixed categories, in one click.

Why pre-filled: the counsellor has just searched with a town, an age and a topic and put
offers on the conversation's list; the dialog starts from exactly that, so usually only the
outcome needs a look before "Erfassen". Every field is a choice from a closed list: there is
no text field, so no name can end up in the needs log.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from coesfeld_desktop.domain.formatting import language_name
from coesfeld_desktop.domain.stages import STAGES, stage_of_age
from coesfeld_desktop.domain.towns import TOWN_NAMES
from coesfeld_desktop.i18n import Translate, is_rtl
from coesfeld_desktop.needs.categories import LANGUAGES, OUTCOMES, REASONS, UNREACHABLE
from coesfeld_desktop.needs.log import Anliegen
from coesfeld_desktop.search.query import SearchFilters


@dataclass(frozen=True)
class Prefill:
    """What the conversation so far suggests."""

    topics: tuple[str, ...] = ()
    town: str = ""
    stage: str = ""
    language: str = ""
    outcome: str = "referred"


def prefill_from(filters: SearchFilters, list_topics: list[str], listed: int) -> Prefill:
    """Town, stage and language from the search filters; topics from the filter and from
    the offers on the conversation's list; "passendes Angebot weitergegeben" when the list
    has offers, else "kein passendes Angebot"."""
    stage = ""
    if filters.pregnancy:
        stage = "pregnancy"
    elif filters.age is not None:
        stage = stage_of_age(filters.age) or ""
    elif filters.stage in STAGES:
        stage = str(filters.stage)
    topics = tuple(dict.fromkeys([*([filters.topic] if filters.topic else []), *list_topics]))
    language = filters.language if filters.language in LANGUAGES else ""
    return Prefill(topics, filters.town or "", stage, language or "",
                   "referred" if listed else "no_offer")


def family_languages(language: str) -> list[tuple[str, str]]:
    """The family-language codes with their names in the UI ``language``, sorted by name."""
    return sorted(((code, language_name(code, language)) for code in LANGUAGES),
                  key=lambda pair: pair[1])


class NeedsDialog(QDialog):
    """Choose topics, town, stage, the family's language and the outcome; nothing else."""

    def __init__(self, topics: dict[str, str], prefill: Prefill, language: str, _: Translate,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("needsDialog")
        self.setWindowTitle(_("Anliegen erfassen"))
        if is_rtl(language):  # also when the application was not switched (tests, previews)
            self.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self._ = _
        self.topic_list = QListWidget()
        self.topic_list.setAccessibleName(_("Themen des Anliegens"))
        ordered = [*prefill.topics, *(t for t in topics if t not in prefill.topics)]
        for topic in ordered:
            if topic not in topics:
                continue
            item = QListWidgetItem(topics[topic])
            item.setData(Qt.ItemDataRole.UserRole, topic)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if topic in prefill.topics
                               else Qt.CheckState.Unchecked)
            self.topic_list.addItem(item)
        self.town = self._combo([("", _("nicht angegeben")), *((t, t) for t in TOWN_NAMES)],
                                prefill.town, _("Ort"))
        self.stage = self._combo([("", _("nicht angegeben")),
                                  *((code, _(label)) for code, label in STAGES.items())],
                                 prefill.stage, _("Lebensphase"))
        self.family_language = self._combo(
            [("", _("nicht angegeben")), *family_languages(language)],
            prefill.language, _("Sprache der Familie"))
        self.outcomes = QButtonGroup(self)
        outcome_box = QVBoxLayout()
        for code, label in OUTCOMES.items():
            button = QRadioButton(_(label))
            button.setProperty("code", code)
            button.setChecked(code == prefill.outcome)
            self.outcomes.addButton(button)
            outcome_box.addWidget(button)
        self.reason = self._combo([("", _("Grund wählen…")),
                                   *((code, _(label)) for code, label in REASONS.items())],
                                  "", _("Grund"))
        self.outcomes.buttonToggled.connect(lambda *_args: self._update_reason())
        self.privacy = QLabel(_("Gespeichert werden nur diese Kategorien und die "
                                "Kalenderwoche – keine Namen, kein Freitext."))
        self.privacy.setWordWrap(True)
        self.problem = QLabel()
        self.problem.setObjectName("problemLabel")
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Erfassen"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Abbrechen"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(_("Themen") + ":", self.topic_list)
        form.addRow(_("Ort") + ":", self.town)
        form.addRow(_("Lebensphase") + ":", self.stage)
        form.addRow(_("Sprache der Familie") + ":", self.family_language)
        form.addRow(_("Ergebnis") + ":", outcome_box)
        form.addRow(_("Grund") + ":", self.reason)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.privacy)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self._update_reason()
        self.anliegen: Anliegen | None = None

    def _combo(self, items: list[tuple[str, str]], current: str, name: str) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleName(name)
        for code, label in items:
            combo.addItem(label, code)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        return combo

    def outcome(self) -> str:
        checked = self.outcomes.checkedButton()
        return str(checked.property("code")) if checked is not None else ""

    def _update_reason(self) -> None:
        self.reason.setEnabled(self.outcome() == UNREACHABLE)
        if self.outcome() != UNREACHABLE:
            self.reason.setCurrentIndex(0)

    def chosen_topics(self) -> tuple[str, ...]:
        return tuple(str(self.topic_list.item(row).data(Qt.ItemDataRole.UserRole))
                     for row in range(self.topic_list.count())
                     if self.topic_list.item(row).checkState() == Qt.CheckState.Checked)

    def accept(self) -> None:
        _ = self._
        topics = self.chosen_topics()
        problem = (_("Bitte mindestens ein Thema wählen.") if not topics
                   else _("Bitte das Ergebnis wählen.") if not self.outcome()
                   else _("Bitte einen Grund wählen, warum das Angebot nicht erreichbar war.")
                   if self.outcome() == UNREACHABLE and not self.reason.currentData() else "")
        if problem:
            self.problem.setText("⚠ " + problem)
            self.problem.setAccessibleName(problem)
            self.problem.show()
            return
        self.anliegen = Anliegen(topics, self.outcome(), str(self.town.currentData()),
                                 str(self.stage.currentData()),
                                 str(self.family_language.currentData()),
                                 str(self.reason.currentData() or ""))
        super().accept()
