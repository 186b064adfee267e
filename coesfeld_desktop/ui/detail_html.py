"""Every fact about one offer as HTML for the detail pane (Qt-free, so it is tested plainly).

All directory data is escaped with :func:`html.escape`; links are only built for
``tel:``, ``mailto:`` and ``http(s):`` so a crafted URL cannot become a ``javascript:`` link.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from html import escape

from coesfeld_desktop.domain.formatting import (
    age_text,
    date_text,
    language_names,
    opening_hours_lines,
)
from coesfeld_desktop.domain.offer import LocalizedText, OfferDetail
from coesfeld_desktop.domain.vocabulary import LIFE_PHASES, TARGET_GROUPS
from coesfeld_desktop.i18n import Translate

STYLE = """
<style>
  body { margin: 0; }
  p { margin: 0 0 5px 0; }
  p.title { font-size: 14pt; font-weight: 600; margin: 0 0 2px 0; }
  p.section { font-weight: 600; margin: 14px 0 4px 0; color: #3b4a5a; }
  p.summary { font-weight: 500; }
  .muted { color: #5f6b76; }
  .note { color: #8a5a00; font-size: 9pt; }
  .badge { background-color: #e6f0ea; color: #1d5e36; }
  td.k { color: #5f6b76; padding: 1px 12px 1px 0; white-space: nowrap; }
  td.v { padding: 1px 0; }
</style>
"""


def _tel(number: str) -> str:
    dial = re.sub(r"[^0-9+]", "", number)
    return f'<a href="tel:{escape(dial)}">{escape(number)}</a>'


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
    elif text.machine_translated:
        hint = _("maschinell übersetzt")
    elif text.outdated:
        hint = _("Übersetzung möglicherweise veraltet")
    else:
        return ""
    return f' <span class="note">({escape(hint)})</span>'


def _text_block(text: LocalizedText | None, _: Translate, css: str = "",
                quiet: bool = False) -> str:
    if text is None:
        return ""
    body = escape(text.text).replace("\n", "<br>")
    klass = f' class="{css}"' if css else ""
    return f"<p{klass}>{body}{_note(text, _, quiet)}</p>"


def _rows(rows: Iterable[tuple[str, str]]) -> str:
    cells = "".join(
        f'<tr><td class="k">{escape(key)}</td><td class="v">{value}</td></tr>'
        for key, value in rows if value
    )
    return f'<table cellspacing="0">{cells}</table>' if cells else ""


def _section(title: str, body: str) -> str:
    return f'<p class="section">{escape(title)}</p>{body}' if body else ""


def _places(detail: OfferDetail, _: Translate, quiet: bool) -> str:
    parts = []
    for place in detail.places:
        lines = [f"<b>{escape(place.name)}</b>"] if place.name else []
        lines.append(escape(place.one_line()))
        if place.district and place.district != place.town:
            lines.append(f'<span class="muted">{escape(_("Ortsteil"))}: '
                         f"{escape(place.district)}</span>")
        access = _("barrierefrei") if place.barrier_free else _("nicht barrierefrei")
        access_line = escape(access)
        if place.accessibility:
            access_line += " – " + "; ".join(
                escape(item.text) + _note(item, _, quiet) for item in place.accessibility)
        lines.append(f'<span class="muted">{access_line}</span>')
        parts.append("<p>" + "<br>".join(lines) + "</p>")
    return "".join(parts)


def _contacts(detail: OfferDetail, _: Translate, quiet: bool) -> str:
    """One table: the offer's own phone, e-mail and web link, then each contact person."""
    rows = [(_("Telefon"), _tel(number)) for number in detail.phones]
    if detail.email:
        rows.append((_("E-Mail"), _mail(detail.email)))
    if detail.url:
        rows.append((_("Internet"), _web(detail.url)))
    cells = [f'<tr><td class="k">{escape(key)}</td><td class="v">{value}</td></tr>'
             for key, value in rows]
    for contact in detail.contacts:
        head = f"<b>{escape(contact.name)}</b>"
        if contact.role:
            head += f", {escape(contact.role.text)}{_note(contact.role, _, quiet)}"
        cells.append(f'<tr><td colspan="2" style="padding-top: 6px">{head}</td></tr>')
        person = [(_("Telefon"), _tel(number)) for number in contact.phones]
        if contact.email:
            person.append((_("E-Mail"), _mail(contact.email)))
        cells += [f'<tr><td class="k">{escape(key)}</td><td class="v">{value}</td></tr>'
                  for key, value in person]
    return f'<table cellspacing="0">{"".join(cells)}</table>' if cells else ""


def detail_html(detail: OfferDetail, language: str, _: Translate) -> str:
    """The whole detail pane for ``detail`` in the UI ``language``."""
    provider = escape(detail.provider)
    if detail.provider_website:
        provider += " · " + _web(detail.provider_website)
    badges = [label for label, on in ((_("kostenlos"), detail.free),
                                      (_("barrierefrei"), detail.barrier_free)) if on]
    badge_html = " ".join(f'<span class="badge">&nbsp;{escape(b)}&nbsp;</span>' for b in badges)
    quiet = detail.title.is_fallback  # said once under the title instead of at every field
    german_only = (f'<p class="note">{escape(_("Dieses Angebot ist nur auf Deutsch verfügbar."))}'
                   "</p>" if quiet else "")
    head = (f'<p class="title">{escape(detail.title.text)}{_note(detail.title, _, quiet)}</p>'
            + german_only
            + f'<p class="muted">{provider}</p>'
            + (f"<p>{badge_html}</p>" if badge_html else ""))

    cost = escape(detail.cost.text) + _note(detail.cost, _, quiet) if detail.cost else ""
    if not cost and detail.free:
        cost = escape(_("kostenlos"))
    facts = _rows([
        (_("Alter"), escape(age_text(detail.min_age, detail.max_age, detail.pregnancy, _))),
        (_("Sprachen"), escape(", ".join(language_names(detail.languages, language)))),
        (_("Kosten"), cost),
        (_("Anmeldung"), (escape(detail.application_process.text)
                          + _note(detail.application_process, _, quiet))
         if detail.application_process else ""),
        (_("Themen"), escape(", ".join(detail.topics))),
        (_("Zielgruppen"), escape(", ".join(_(TARGET_GROUPS.get(code, code))
                                            for code in detail.target_groups))),
        (_("Lebensphasen"), escape(", ".join(_(LIFE_PHASES.get(code, code))
                                             for code in detail.life_phases))),
    ])
    hours = "<br>".join(escape(line) for line in opening_hours_lines(detail.opening_hours,
                                                                       language))
    checked = ""
    if detail.assured_date:
        checked = (f'<p class="muted">{escape(_("zuletzt geprüft"))}: '
                   f"{escape(date_text(detail.assured_date, language))}</p>")
    return "".join([
        STYLE,
        head,
        _text_block(detail.summary, _, "summary", quiet),
        _text_block(detail.description, _, quiet=quiet),
        _section(_("Auf einen Blick"), facts),
        _section(_("Öffnungszeiten"), f"<p>{hours}</p>" if hours else ""),
        _section(_("Kontakt"), _contacts(detail, _, quiet)),
        _section(_("Adresse") if len(detail.places) == 1 else _("Adressen"),
                 _places(detail, _, quiet)),
        checked,
    ])
