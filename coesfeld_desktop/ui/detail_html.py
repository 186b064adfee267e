"""Every fact about one offer as HTML for the detail pane (Qt-free, so it is tested plainly).

All directory data is escaped with :func:`html.escape`; links are only built for
``tel:``, ``mailto:`` and ``http(s):`` so a crafted URL cannot become a ``javascript:`` link,
and for ``angebot:<id>`` (:data:`OFFER_LINK_SCHEME`): a related offer the pane selects itself.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from html import escape
from urllib.parse import quote, unquote

from coesfeld_desktop.domain.contact_card import map_link
from coesfeld_desktop.domain.course_dates import course_dates
from coesfeld_desktop.domain.course_text import next_date_text, session_label
from coesfeld_desktop.domain.dimensions import row_badges
from coesfeld_desktop.domain.formatting import (
    LTR_ISOLATE,
    POP_ISOLATE,
    age_text,
    date_text,
    language_names,
    list_text,
    opening_hours_lines,
)
from coesfeld_desktop.domain.freshness import DEFAULT_STALE_MONTHS, is_stale, stale_warning
from coesfeld_desktop.domain.offer import LocalizedText, OfferDetail, Place, RelatedOffer
from coesfeld_desktop.domain.opening import local_now, next_opening_text
from coesfeld_desktop.domain.translation_mark import translation_mark
from coesfeld_desktop.domain.vocabulary import (
    LIFE_PHASES,
    OFFER_RELATION_LABELS,
    TARGET_GROUPS,
)
from coesfeld_desktop.i18n import Translate, is_rtl, translations

# Sizes are relative (keywords, em-free): the pane follows the app's zoom and font size.
STYLE = """
<style>
  body { margin: 0; }
  p { margin: 0 0 5px 0; }
  p.title { font-size: x-large; font-weight: 600; margin: 0 0 2px 0; }
  p.section { font-weight: 600; margin: 12px 0 3px 0; color: #3b4a5a; }
  p.summary { font-weight: 500; }
  .muted { color: #5f6b76; }
  .note { color: #8a5a00; font-size: small; }
  .stale { color: #8a5a00; font-weight: 600; }
  .badge { background-color: #e6f0ea; color: #1d5e36; }
  .next { font-weight: 600; }
  .alert { color: #8a2b00; }
  td.k { color: #5f6b76; padding: 1px 12px 1px 12px; white-space: nowrap; }
  td.v { padding: 1px 0; }
</style>
"""
OFFER_LINK_SCHEME = "angebot"  # angebot:<offer id>: the pane shows that offer


def offer_link(offer_id: str) -> str:
    """The link that selects ``offer_id`` (any id, percent-encoded)."""
    return f"{OFFER_LINK_SCHEME}:{quote(offer_id, safe='')}"


def linked_offer_id(scheme: str, path: str) -> str | None:
    """The offer id of a link made by :func:`offer_link` (its URL's scheme and path), or
    None for any other link."""
    return (unquote(path) or None) if scheme == OFFER_LINK_SCHEME else None


def _tel(number: str, rtl: bool = False) -> str:
    dial = re.sub(r"[^0-9+]", "", number)
    shown = escape(number)
    if rtl:  # "02596 000-106" must not turn into "000-106 02596" in right-to-left text
        shown = f"{LTR_ISOLATE}{shown}{POP_ISOLATE}"
    return f'<a href="tel:{escape(dial)}">{shown}</a>'


def _mail(address: str) -> str:
    return f'<a href="mailto:{escape(address)}">{escape(address)}</a>'


def _web(url: str) -> str:
    if not url.lower().startswith(("http://", "https://")):
        return escape(url)
    label = re.sub(r"^https?://(www\.)?", "", url).rstrip("/")
    if len(label) > 45:  # long paths wrap badly; the link itself stays complete
        label = label[:44] + "…"
    return f'<a href="{escape(url)}">{escape(label)}</a>'


def _note(text: LocalizedText | None, _: Translate, fallback_said: bool = False) -> str:
    """A small hint when a text is not a current, human translation.

    ``fallback_said``: the whole offer is already flagged as German-only under the title,
    so single German fields need no hint of their own.
    """
    if text is None:
        return ""
    if text.is_fallback:
        if fallback_said:
            return ""
        hint = _("nur auf Deutsch verfügbar")
    else:
        hint = translation_mark(text.machine_translated, text.outdated, _)
        if not hint:
            return ""
    return f' <span class="note">({escape(hint)})</span>'


def _text_block(text: LocalizedText | None, _: Translate, css: str = "",
                quiet: bool = False) -> str:
    if text is None:
        return ""
    body = escape(text.text).replace("\n", "<br>")
    klass = f' class="{css}"' if css else ""
    return f"<p{klass}>{body}{_note(text, _, quiet)}</p>"


def _cells(key: str, value: str, rtl: bool) -> str:
    """One label/value row; in a right-to-left UI the label stands on the right.

    Qt's rich text lays table columns out left to right whatever the direction, so the
    cells are written in visual order.
    """
    label = f'<td class="k" align="{"right" if rtl else "left"}">{escape(key)}</td>'
    value_cell = f'<td class="v" align="{"right" if rtl else "left"}">{value}</td>'
    return f"<tr>{value_cell}{label}</tr>" if rtl else f"<tr>{label}{value_cell}</tr>"


def _table(rows: Iterable[tuple[str, str]], rtl: bool) -> str:
    cells = "".join(_cells(key, value, rtl) for key, value in rows if value)
    return _wrap_table(cells, rtl) if cells else ""


def _wrap_table(cells: str, rtl: bool) -> str:
    align = ' align="right"' if rtl else ""
    return f'<table cellspacing="0"{align}>{cells}</table>'


def _section(title: str, body: str) -> str:
    return f'<p class="section">{escape(title)}</p>{body}' if body else ""


def _place(place: Place, _: Translate, quiet: bool) -> str:
    """Name, address with Ortsteil, a map link, accessibility."""
    lines = [f"<b>{escape(place.name)}</b>"] if place.name else []
    address = escape(place.one_line())
    if place.latitude is not None and place.longitude is not None:
        link, label = map_link(place.latitude, place.longitude), _("Karte")
        address += f' · <a href="{escape(link)}">{escape(label)}</a>'
    lines.append(address)
    access = _("barrierefrei") if place.barrier_free else _("nicht barrierefrei")
    access_line = escape(access)
    if place.accessibility:
        access_line += " – " + "; ".join(
            escape(item.text) + _note(item, _, quiet) for item in place.accessibility)
    lines.append(f'<span class="muted">{access_line}</span>')
    return "<p>" + "<br>".join(lines) + "</p>"


def _reach(detail: OfferDetail, _: Translate, quiet: bool, rtl: bool) -> str:
    """One table: the offer's own phone, e-mail and web link, then each contact person."""
    rows = [(_("Telefon"), _tel(number, rtl)) for number in detail.phones]
    if detail.email:
        rows.append((_("E-Mail"), _mail(detail.email)))
    if detail.url:
        rows.append((_("Internet"), _web(detail.url)))
    cells = [_cells(key, value, rtl) for key, value in rows]
    align = "right" if rtl else "left"
    for contact in detail.contacts:
        head = f"<b>{escape(contact.name)}</b>"
        if contact.role:
            head += f", {escape(contact.role.text)}{_note(contact.role, _, quiet)}"
        cells.append(f'<tr><td colspan="2" align="{align}" style="padding-top: 6px">'
                     f"{head}</td></tr>")
        person = [(_("Telefon"), _tel(number, rtl)) for number in contact.phones]
        if contact.email:
            person.append((_("E-Mail"), _mail(contact.email)))
        cells += [_cells(key, value, rtl) for key, value in person]
    return _wrap_table("".join(cells), rtl) if cells else ""


def _when(detail: OfferDetail, language: str, _: Translate, now: dt.datetime) -> str:
    lines = [escape(line) for line in opening_hours_lines(detail.opening_hours, language)]
    coming = next_opening_text(detail.opening_hours, now, language, _)
    if coming:
        lines.insert(0, f'<span class="next">{escape(coming)}</span>')
    return f"<p>{'<br>'.join(lines)}</p>" if lines else ""


def _related(offers: Iterable[RelatedOffer], language: str) -> str:
    """Links to offers this one names: the title (it selects the offer), provider and towns."""
    lines = []
    for other in offers:
        link = f'<a href="{escape(offer_link(other.id))}">{escape(other.title)}</a>'
        where = ", ".join(other.towns)
        facts = " · ".join(part for part in (other.provider, where) if part)
        lines.append(link + (f' <span class="muted">– {escape(facts)}</span>' if facts else ""))
    return f"<p>{'<br>'.join(lines)}</p>" if lines else ""


def _network(detail: OfferDetail, language: str, _: Translate) -> str:
    """Vernetzte Angebote: "Danach" and "Gemeinsam mit", each a list of links."""
    return "".join(_section(_(label), _related(detail.related_of(kind), language))
                   for kind, label in OFFER_RELATION_LABELS.items())


MAX_LISTED_DATES = 12  # more dates: "und 20 weitere Termine"


def _schedule_extras(detail: OfferDetail, _: Translate, quiet: bool) -> str:
    """Per schedule line: how it is attended, its notes, where to sign up."""
    lines = []
    for item in detail.opening_hours:
        parts = [escape(text.text) + _note(text, _, quiet)
                 for text in (item.attending, item.notes) if text is not None]
        if item.link:
            parts.append(escape(_("Anmeldung und Infos:")) + " " + _web(item.link))
        if parts:
            lines.append(" · ".join(parts))
    return f'<p class="muted">{"<br>".join(lines)}</p>' if lines else ""


def _dates(detail: OfferDetail, language: str, _: Translate, now: dt.datetime) -> str:
    """The next date of a course and its coming dates."""
    dates = course_dates(detail.opening_hours, now.date())
    if dates is None:
        return ""
    lines = [f'<span class="next">{escape(next_date_text(dates, language, _))}</span>']
    upcoming = dates.upcoming
    lines += [escape(session_label(session, language, dates.today))
              for session in upcoming[:MAX_LISTED_DATES]]
    more = len(upcoming) - MAX_LISTED_DATES
    if more > 0:
        lines.append(escape(translations(language).ngettext(
            "und {count} weiterer Termin", "und {count} weitere Termine", more).format(
            count=more)))
    return f"<p>{'<br>'.join(lines)}</p>"


def _before_visit(detail: OfferDetail, language: str, _: Translate, quiet: bool,
                  rtl: bool) -> str:
    """What to know before sending a family: who may come, what to bring, from where."""
    service = detail.service

    def text(value: LocalizedText | None) -> str:
        return escape(value.text) + _note(value, _, quiet) if value else ""

    return _table([
        (_("Wer kann kommen"), text(service.eligibility)),
        (_("Mitbringen"), escape(list_text(service.required_documents, language))),
        (_("Einzugsgebiet"), escape(list_text(service.service_areas, language))),
        (_("Dolmetschen"), text(service.interpretation)),
        (_("Wartezeit"), text(service.wait_time)),
    ], rtl)


def _alert(detail: OfferDetail, _: Translate, quiet: bool) -> str:
    alert = detail.service.alert
    if alert is None:
        return ""
    label = escape(_("Hinweis:"))
    return f'<p class="alert"><b>{label}</b> {escape(alert.text)}{_note(alert, _, quiet)}</p>'


def _head(detail: OfferDetail, _: Translate, quiet: bool) -> str:
    """Title, the German-only hint, who offers it, the badges."""
    provider = escape(detail.provider)
    if detail.provider_website:
        provider += " · " + _web(detail.provider_website)
    badge_html = " ".join(f'<span class="badge">&nbsp;{escape(b)}&nbsp;</span>'
                          for b in row_badges(detail, _))
    german_only = ""
    if quiet:
        hint = escape(_("Dieses Angebot ist nur auf Deutsch verfügbar."))
        german_only = f'<p class="note">{hint}</p>'
    return (f'<p class="title">{escape(detail.title.text)}{_note(detail.title, _, quiet)}</p>'
            + german_only
            + f"<p>{provider}</p>"
            + (f"<p>{badge_html}</p>" if badge_html else ""))


def _checked(detail: OfferDetail, language: str, _: Translate, today: dt.date,
             stale_months: int) -> str:
    """"zuletzt geprüft: 14. September 2026"; older than ``stale_months``: marked with a
    sign and a sentence (not colour alone)."""
    if not detail.assured_date:
        return ""
    label = _("zuletzt geprüft: {date}").format(date=date_text(detail.assured_date, language))
    if not is_stale(detail.assured_date, today, stale_months):
        return f'<p class="muted">{escape(label)}</p>'
    warning = stale_warning(stale_months, translations(language).ngettext)
    return f'<p class="stale">⚠ {escape(label)} – {escape(warning)}</p>'


def detail_html(detail: OfferDetail, language: str, _: Translate,
                now: dt.datetime | None = None,
                stale_months: int = DEFAULT_STALE_MONTHS) -> str:
    """The whole detail pane for ``detail`` in the UI ``language``.

    Ordered by the conversation: who, where, when, how to reach, cost, languages; then what
    it is about and the rest. ``now`` (the desk's time) places the next opening.
    """
    rtl = is_rtl(language)
    now = now or local_now()
    quiet = detail.title.is_fallback  # said once under the title instead of at every field
    cost = escape(detail.cost.text) + _note(detail.cost, _, quiet) if detail.cost else ""
    if not cost and detail.free:
        cost = escape(_("kostenlos"))
    essentials = _table([
        (_("Kosten"), cost),
        (_("Sprachen"), escape(list_text(language_names(detail.languages, language),
                                          language))),
        (_("Alter"), escape(age_text(detail.min_age, detail.max_age, detail.pregnancy, _))),
    ], rtl)
    more = _table([
        (_("Anmeldung"), (escape(detail.application_process.text)
                          + _note(detail.application_process, _, quiet))
         if detail.application_process else ""),
        (_("Themen"), escape(list_text(detail.topics, language))),
        (_("Zielgruppen"), escape(list_text((_(TARGET_GROUPS.get(code, code))
                                             for code in detail.target_groups), language))),
        (_("Lebensphasen"), escape(list_text((_(LIFE_PHASES.get(code, code))
                                              for code in detail.life_phases), language))),
    ], rtl)
    checked = _checked(detail, language, _, (now or local_now()).date(), stale_months)
    stale = 'class="stale"' in checked  # said at the top, where it is read before the facts
    where = "".join(_place(place, _, quiet) for place in detail.places)
    body = "".join([
        STYLE,
        _head(detail, _, quiet),
        checked if stale else "",
        _alert(detail, _, quiet),
        _section(_("Adresse") if len(detail.places) == 1 else _("Adressen"), where),
        _section(_("Termine"), _dates(detail, language, _, now)),
        _section(_("Öffnungszeiten"), _when(detail, language, _, now)
                 + _schedule_extras(detail, _, quiet)),
        _section(_("Kontakt"), _reach(detail, _, quiet, rtl)),
        _section(_("Auf einen Blick"), essentials),
        _section(_("Vor dem Besuch"), _before_visit(detail, language, _, quiet, rtl)),
        _section(_("Worum es geht"), _text_block(detail.summary, _, "summary", quiet)
                 + _text_block(detail.description, _, quiet=quiet)),
        _network(detail, language, _),
        _section(_("Weitere Angaben"), more),
        "" if stale else checked,
    ])
    return f'<div dir="rtl" align="right">{body}</div>' if rtl else body
