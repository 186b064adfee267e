"""What the family view shows and reads aloud about one offer, in the family's language.

Why in ``handout``: the family view speaks to the family like the printed sheet does, in the
same twelve languages, so its words live in the same ``handout`` gettext domain and reuse its
labels and babel formatting (:class:`~.labels.Labels`). No Qt: the view lays this out, the
reader speaks :meth:`FamilyCard.speech_text`, tests read it directly.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from coesfeld_desktop.domain.contact_card import contact_vcard, has_contact
from coesfeld_desktop.domain.formatting import opening_hours_lines, without_isolates
from coesfeld_desktop.domain.offer import LocalizedText, OfferDetail, OpeningHours
from coesfeld_desktop.domain.opening import next_opening_text
from coesfeld_desktop.domain.towns import town_by_name
from coesfeld_desktop.handout.labels import (
    BY_APPOINTMENT,
    COST,
    FREE,
    HANDOUT_LANGUAGES,
    LANGUAGES,
    MARK_GERMAN,
    QR_CONTACT,
    Labels,
)
from coesfeld_desktop.i18n import N_

EASY = "de-x-easy"  # Leichte Sprache: offered beside German where an offer has it
FAMILY_LANGUAGES: tuple[str, ...] = HANDOUT_LANGUAGES

WINDOW_TITLE = N_("Familienansicht")
WHAT = N_("Was ist das?")
WHERE = N_("Wo?")
WHEN = N_("Wann?")
MAP = N_("Lage im Kreis Coesfeld")
SCAN = N_("Mit der Handykamera scannen")
READ = N_("Vorlesen")
PAUSE = N_("Pause")
RESUME = N_("Weiter")
STOP = N_("Stopp")
SPEED = N_("Tempo")
PREVIOUS = N_("Voriges Angebot")
NEXT = N_("Nächstes Angebot")
CLOSE = N_("Schließen")
CHOOSE_LANGUAGE = N_("Sprache wählen")
POSITION = N_("Angebot {number} von {count}")
NO_VOICE = N_("Keine Stimme für {language} installiert.")
NO_SPEECH = N_("Vorlesen geht auf diesem Computer nicht.")
# The next opening in words (domain.opening), in the family's language
OPENING_WORDS = (N_("heute {times}"), N_("morgen {times}"), N_("jetzt geöffnet bis {time}"),
                 N_("{day} {times}"), N_("nächste Woche {day} {times}"))
CONTROL_WORDS: tuple[str, ...] = (READ, PAUSE, RESUME, STOP, SPEED, PREVIOUS, NEXT, CLOSE,
                                  CHOOSE_LANGUAGE, WHAT, WHERE, WHEN, COST, LANGUAGES, MAP,
                                  SCAN, QR_CONTACT, MARK_GERMAN, WINDOW_TITLE)
"""Short words on buttons and headings: a test keeps each within a button's width."""
FAMILY_WORDS: tuple[str, ...] = (WINDOW_TITLE, WHAT, WHERE, WHEN, MAP, SCAN, READ, PAUSE,
                                 RESUME, STOP, SPEED, PREVIOUS, NEXT, CLOSE, CHOOSE_LANGUAGE,
                                 POSITION, NO_VOICE, NO_SPEECH, *OPENING_WORDS)
"""Every string this module adds to the ``handout`` domain (the catalog test checks them)."""

_SENTENCE = re.compile(r"(?<=[.!?؟።])\s+")


@dataclass(frozen=True)
class FamilyText:
    """A text as shown, and whether it is the German original standing in for a missing one."""

    text: str
    german: bool = False


@dataclass(frozen=True)
class FamilyCard:
    """One offer for the family: what, where, when, cost, languages, contact."""

    offer_id: str
    language: str
    title: FamilyText
    what: FamilyText | None
    where: tuple[str, ...]  # place name, street, postcode and town with Ortsteil
    town: str | None  # the town for the district map
    position: tuple[float, float] | None  # latitude, longitude of the place (or town)
    when: str  # "heute 15:00–17:00", "nach Vereinbarung" or ""
    hours: tuple[str, ...]  # the weekly lines: "Mo–Fr 09:00–12:00"
    cost: FamilyText | None
    languages: str  # the languages spoken there, named in the family's language
    phones: tuple[str, ...]
    vcard: str | None  # the contact for the phone (QR code), when there is one

    @property
    def has_german_text(self) -> bool:
        """Whether any text is shown in German because the family's language lacks it."""
        return any(part is not None and part.german for part in (self.title, self.what,
                                                                  self.cost))

    def speech_text(self) -> str:
        """The card as sentences to read aloud: only texts in the family's language.

        A German stand-in is not read with a voice of another language; the reader says
        that it is only in German instead.
        """
        labels = Labels(self.language)
        missing = labels(MARK_GERMAN)
        lines = [_spoken(self.title, missing)]
        if self.what is not None:
            lines.append(_spoken(self.what, missing))
        if self.where:
            lines.append(f"{_question(labels(WHERE))} {', '.join(self.where)}.")
        if self.when:
            lines.append(f"{_question(labels(WHEN))} {self.when}.")
        if self.cost is not None:
            lines.append(f"{_question(labels(COST))} {_spoken(self.cost, missing)}")
        if self.languages:
            lines.append(f"{labels(LANGUAGES)}: {self.languages}.")
        return without_isolates("\n".join(lines))  # the voice reads words, not layout marks


def _question(heading: str) -> str:
    return heading if heading.endswith(("?", "؟")) else heading + ":"


def _spoken(text: FamilyText, missing: str) -> str:
    body = f"({missing})" if text.german else text.text
    return body if body.endswith((".", "!", "?", "؟", "።")) else body + "."


def _family_text(text: LocalizedText | None) -> FamilyText | None:
    if text is None or not text.text.strip():
        return None
    return FamilyText(text.text.strip(), german=text.is_fallback)


def _what(detail: OfferDetail) -> FamilyText | None:
    """The summary, else the description's first two sentences: what it is, briefly."""
    if detail.summary is not None and detail.summary.text.strip():
        return _family_text(detail.summary)
    found = _family_text(detail.description)
    if found is None:
        return None
    return FamilyText(" ".join(_SENTENCE.split(found.text)[:2]), found.german)


def family_card(detail: OfferDetail, language: str, now: dt.datetime) -> FamilyCard:
    """The card for ``detail`` (read from the store in ``language``) at the desk's ``now``."""
    labels = Labels(language)
    place = detail.places[0] if detail.places else None
    where: list[str] = []
    position: tuple[float, float] | None = None
    town = None
    if place is not None:
        where = [part for part in (place.name, place.street,
                                   " ".join(p for p in (place.postcode,
                                                        place.town_and_district()) if p))
                 if part]
        town = place.town
        if place.latitude is not None and place.longitude is not None:
            position = (place.latitude, place.longitude)
    if position is None and town and (found := town_by_name(town)) is not None:
        position = (found.latitude, found.longitude)
    # time ranges come left to right in right-to-left languages (formatting.time_range_text)
    when = next_opening_text(detail.opening_hours, now, language, labels, labels.time)
    if not when and not any(h.opens_at for h in detail.opening_hours):
        when = labels(BY_APPOINTMENT)
    cost = (FamilyText(labels(FREE)) if detail.free
            else _family_text(detail.cost))
    return FamilyCard(
        offer_id=detail.id, language=language,
        title=FamilyText(detail.title.text, detail.title.is_fallback),
        what=_what(detail), where=tuple(where), town=town, position=position, when=when,
        hours=tuple(opening_hours_lines(_marked_notes(detail.opening_hours, labels), language,
                                        labels.time)),
        cost=cost,
        languages=labels.join([labels.language_name(code) for code in detail.languages]),
        phones=tuple(dict.fromkeys([*detail.phones,
                                    *(p for c in detail.contacts for p in c.phones)]))[:2],
        vcard=contact_vcard(detail) if has_contact(detail) else None,
    )


def _marked_notes(hours: tuple[OpeningHours, ...], labels: Labels
                  ) -> tuple[OpeningHours, ...]:
    """A note of the hours that is only in German says so ("Betreuungszeiten (nur auf
    Deutsch)"), like every other German stand-in of the card."""
    mark = labels(MARK_GERMAN)
    return tuple(
        replace(item, note=replace(item.note, text=f"{item.note.text} ({mark})"))
        if item.note is not None and item.note.is_fallback else item
        for item in hours)
