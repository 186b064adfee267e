"""What a counsellor reads after a sync: one clear, translated sentence per case (no Qt).

Why apart from the sync package: the sync raises precise errors with technical details for
the log; the window must tell apart a missing file on the USB stick, being offline, a
server error and a rejected export, in the UI language and without raw system text such as
"[Errno -2] Name or service not known". The details go to the log file instead.
"""

from __future__ import annotations

import datetime as dt
import errno
import logging
from pathlib import Path
from urllib.parse import urlsplit

from coesfeld_desktop.domain.formatting import Plural, date_text, offer_count_text
from coesfeld_desktop.i18n import Translate
from coesfeld_desktop.sync.apply import Delivered, SyncOutcome
from coesfeld_desktop.sync.errors import (
    UNCHANGED_NOTE,
    ExportRejected,
    SourceUnavailable,
    SyncError,
)

log = logging.getLogger(__name__)
RAW = "\x00"  # stands in for the system's own error text, which is cut out

# The sync's templates for an unreachable source (sync/fetch.py, sync/service.py)
FILE_UNREADABLE = "Die Datei {path} ist nicht lesbar ({error})."
SERVER_UNREACHABLE = "Der Server {host} ist nicht erreichbar ({error})."
NO_EXPORT_THERE = "Unter {url} liegt kein Export (HTTP {code})."
TRANSFER_BROKEN = "Die Übertragung wurde unterbrochen ({error})."


def _without_raw(text: str) -> str:
    """Drop the placeholder of the system's error text with its brackets or colon."""
    for form in (f" ({RAW})", f"({RAW})", f": {RAW}", f":{RAW}", RAW):
        text = text.replace(form, "")
    text = text.strip()
    return text if text.endswith((".", "!", "?", "。", "؟")) else text + "."


def _file_missing(error: SourceUnavailable) -> bool:
    cause = error.__cause__
    if isinstance(cause, OSError):
        return cause.errno in (errno.ENOENT, errno.ENODEV, errno.ENXIO)
    path = error.params.get("path")
    return isinstance(path, str) and not Path(path).exists()


def _host(error: SyncError) -> str:
    host = error.params.get("host") or urlsplit(str(error.params.get("url", ""))).hostname
    return str(host or "")


def unavailable_message(error: SourceUnavailable, _: Translate) -> str:
    """Missing file, unreadable file, offline, server error, no export, broken transfer."""
    template, raw = error.template, str(error.params.get("error", ""))
    name = Path(str(error.params.get("path", ""))).name
    if template == FILE_UNREADABLE and _file_missing(error):
        text = _("Die Datei „{name}“ wurde nicht gefunden. Ist der USB-Stick oder das "
                 "Netzlaufwerk verbunden?").format(name=name)
    elif template == FILE_UNREADABLE:
        text = _("Die Datei „{name}“ kann nicht gelesen werden. Bitte prüfen, ob Sie "
                 "darauf zugreifen dürfen.").format(name=name)
    elif template == SERVER_UNREACHABLE and raw.startswith("HTTP 5"):
        text = _("Der Server {host} hat einen Fehler gemeldet. Bitte später noch einmal "
                 "versuchen.").format(host=_host(error))
    elif template == SERVER_UNREACHABLE and raw.startswith("HTTP"):
        text = _("Der Server {host} hat die Anfrage abgelehnt. Bitte die Adresse "
                 "prüfen.").format(host=_host(error))
    elif template == SERVER_UNREACHABLE:
        text = _("Keine Verbindung zu {host}: Der Rechner ist offline oder die Adresse ist "
                 "falsch. Sie arbeiten mit dem vorhandenen Datenstand weiter.").format(
            host=_host(error))
    elif template == NO_EXPORT_THERE:
        text = _("Unter dieser Adresse liegt kein Export. Bitte die Adresse prüfen.")
    elif template == TRANSFER_BROKEN:
        text = _("Die Übertragung wurde unterbrochen. Bitte noch einmal versuchen.")
    else:
        text = _without_raw(_(template).format(**{**error.params, "error": RAW}))
    return f"{text} {_(UNCHANGED_NOTE)}"


def error_message(error: BaseException, _: Translate) -> str:
    """The sentence for any sync failure; the technical details are written to the log."""
    log.warning("sync failed: %r", error, exc_info=error)
    if isinstance(error, SourceUnavailable):
        return unavailable_message(error, _)
    if isinstance(error, ExportRejected):
        reason = _without_raw(_(error.template).format(**{**error.params, "error": RAW}))
        return _("Der Export wurde abgelehnt: {reason}").format(reason=reason) + " " + _(
            UNCHANGED_NOTE)
    if isinstance(error, SyncError):
        return _without_raw(_(error.template).format(**{**error.params, "error": RAW})
                            ) + " " + _(UNCHANGED_NOTE)
    return _("Der Abgleich ist fehlgeschlagen. Die lokalen Daten sind unverändert. "
             "Einzelheiten stehen in der Protokolldatei.")


def published_date(outcome: SyncOutcome, language: str) -> str:
    """The export's publication date (the "Stand"), or its sequence if none is readable."""
    try:
        when = dt.datetime.fromisoformat(outcome.published_at.replace("Z", "+00:00"))
    except ValueError:
        return str(outcome.sequence)
    return date_text(when.date(), language)


def outcome_message(outcome: SyncOutcome, replaced_demo: bool, offer_count: int,
                    language: str, _: Translate, n_: Plural) -> str:
    """What the sync did, in one sentence (and what went to the district with it)."""
    when = published_date(outcome, language)
    if not outcome.applied:
        text = _("Keine neuen Daten – das Verzeichnis ist aktuell (Stand {date}).").format(
            date=when)
    elif replaced_demo:
        text = _("Demodaten ersetzt: {offers} des Kreises, Stand {date}.").format(
            offers=offer_count_text(offer_count, n_, language), date=when)
    else:
        text = _("Abgeglichen: Stand {date}. {new} neu, {changed} geändert, {removed} nicht "
                 "mehr im Verzeichnis.").format(date=when, new=len(outcome.new),
                                                changed=len(outcome.changed),
                                                removed=len(outcome.removed))
    delivered = delivery_message(outcome.delivered, _, n_)
    return f"{text} {delivered}" if delivered else text


def delivery_message(delivered: Delivered | None, _: Translate, ngettext: Plural) -> str:
    """What went to the district with the sync; "" when nothing was to be sent."""
    if delivered is None or (not delivered.sent and not delivered.problem):
        return ""
    if delivered.problem:
        return ngettext("An den Kreis: nicht erreichbar, {count} Meldung wartet auf den nächsten "
                        "Abgleich.", "An den Kreis: nicht erreichbar, {count} Meldungen "
                        "warten auf den nächsten Abgleich.",
                        delivered.waiting).format(count=delivered.waiting)
    return ngettext("An den Kreis gesendet: {count} Meldung.", "An den Kreis gesendet: "
                    "{count} Meldungen.", delivered.sent).format(count=delivered.sent)
