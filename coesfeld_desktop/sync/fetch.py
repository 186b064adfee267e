"""Download an export over HTTPS: conditional, proxy-aware, bounded, cancellable.

Why urllib: it honours the system proxy settings (environment variables everywhere, the
registry on Windows, System Configuration on macOS) through ``ProxyHandler`` without another
dependency. An unchanged export costs one small request: we send ``If-None-Match`` and
``If-Modified-Since`` and a 304 answer ends the sync. Plain ``http://`` is refused except
for loopback test servers with ``allow_http``; a redirect may not leave HTTPS either.

A hostile or dead server must not hold a desk: the download has a total deadline, a minimum
rate over a sliding window, and stops within a fraction of a second when the user cancels.
A watchdog thread enforces all three by shutting the socket down, so even a read that is
blocked waiting for the next byte returns. The size limit starts at a sane default and, as
soon as the signed manifest at the start of the archive is read (``size_limit``), becomes
what that manifest declares.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import socket
import ssl
import threading
import time
import urllib.error
import urllib.request
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from coesfeld_desktop import __version__
from coesfeld_desktop.i18n import N_
from coesfeld_desktop.progress import NO_PROGRESS, Cancelled, Progress
from coesfeld_desktop.sync.errors import (
    ExportRejected,
    InsecureConnection,
    ServerError,
    SourceUnavailable,
    TransferStalled,
)
from coesfeld_desktop.sync.export_format import DEFAULT_LIMITS, Limits
from coesfeld_desktop.userdata.sync_source import BadSource, SourceProblem, parse_source

_CHUNK = 64 * 1024
_WATCH_SECONDS = 0.1  # how often the watchdog looks at cancel, deadline and rate

SizeLimit = Callable[[bytes], int | None]
"""Given the first bytes of the body: the size limit they declare (signed), or None yet."""


@dataclass(frozen=True)
class FetchResult:
    not_modified: bool
    path: Path | None = None
    etag: str | None = None
    last_modified: str | None = None


def check_url(url: str, allow_http: bool) -> None:
    try:
        parse_source(url, allow_http)
    except BadSource as error:
        if error.problem is SourceProblem.INSECURE or url.lower().startswith("http"):
            raise ExportRejected("insecure_url", N_("Nur https-Adressen sind erlaubt: {url}"),
                                 url=url[:300]) from None
        raise ExportRejected("bad_url", N_("Die Adresse {url} ist ungültig."),
                             url=url[:300]) from None


class _SafeRedirects(urllib.request.HTTPRedirectHandler):
    def __init__(self, allow_http: bool) -> None:
        self.allow_http = allow_http

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        check_url(newurl, self.allow_http)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _opener(allow_http: bool) -> urllib.request.OpenerDirector:
    return urllib.request.build_opener(urllib.request.ProxyHandler(), _SafeRedirects(allow_http))


def _host(url: str) -> str:
    return urlsplit(url).hostname or url[:200]


def _tls_problem(error: BaseException) -> ssl.SSLError | None:
    """The TLS error inside ``error`` (urllib wraps it in a URLError), if any."""
    for candidate in (error, getattr(error, "reason", None), error.__cause__,
                      error.__context__):
        if isinstance(candidate, ssl.SSLError):
            return candidate
    return None


def _insecure(url: str, error: ssl.SSLError) -> InsecureConnection:
    detail = getattr(error, "verify_message", None) or getattr(error, "reason", None) or error
    return InsecureConnection(N_(
        "Die Verbindung zu {host} ist nicht sicher ({error}). Das ist ein Sicherheitsproblem, "
        "kein fehlendes Netz: bitte die IT-Betreuung fragen."), host=_host(url),
        error=str(detail)[:200])


def _unavailable(url: str, error: object) -> SourceUnavailable:
    return SourceUnavailable(N_("Der Server {host} ist nicht erreichbar ({error})."),
                             host=_host(url), error=str(error)[:200])


def _too_large(size: int) -> ExportRejected:
    return ExportRejected("too_large", N_("Die Exportdatei ist zu groß ({size} Bytes)."),
                          size=size)


def _socket_of(response: Any) -> socket.socket | None:
    """The socket under a urllib response (to shut it down from the watchdog)."""
    raw = getattr(getattr(response, "fp", None), "raw", None)
    sock = getattr(raw, "_sock", None)
    return sock if isinstance(sock, socket.socket) else None


class _Watchdog:
    """Stops a download that is cancelled, past its deadline or slower than the minimum."""

    def __init__(self, response: Any, progress: Progress, limits: Limits) -> None:
        self.progress, self.limits = progress, limits
        self.started = time.monotonic()
        self.received = 0
        self.reason: str | None = None  # "cancelled", "deadline" or "rate"
        self._samples: deque[tuple[float, int]] = deque([(self.started, 0)])
        self._sock = _socket_of(response)
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="sync-download-watchdog",
                                        daemon=True)
        self._thread.start()

    def _verdict(self) -> str | None:
        now = time.monotonic()
        if self.progress.cancelled:
            return "cancelled"
        if now - self.started > self.limits.download_seconds:
            return "deadline"
        window = self.limits.rate_window_seconds
        self._samples.append((now, self.received))
        while len(self._samples) > 1 and self._samples[1][0] <= now - window:
            self._samples.popleft()
        oldest_time, oldest_bytes = self._samples[0]
        if now - self.started >= window and now - oldest_time >= window * 0.9 and \
                self.received - oldest_bytes < self.limits.min_rate_bytes * window:
            return "rate"
        return None

    def _watch(self) -> None:
        while not self._done.wait(_WATCH_SECONDS):
            self.reason = self._verdict()
            if self.reason is not None:
                if self._sock is not None:
                    with contextlib.suppress(OSError):  # already closed: nothing to stop
                        self._sock.shutdown(socket.SHUT_RDWR)
                return

    def stop(self) -> None:
        self._done.set()
        self._thread.join()

    def raise_if_stopped(self, url: str) -> None:
        if self.reason == "cancelled" or self.progress.cancelled:
            raise Cancelled()
        if self.reason == "deadline":
            raise TransferStalled(N_("Der Server {host} hat den Export nicht in {seconds} "
                                     "Sekunden geliefert."), host=_host(url),
                                  seconds=int(self.limits.download_seconds))
        if self.reason == "rate":
            raise TransferStalled(N_("Der Server {host} liefert den Export zu langsam."),
                                  host=_host(url))


def fetch(url: str, dest: Path, etag: str | None = None, last_modified: str | None = None,
          progress: Progress = NO_PROGRESS, allow_http: bool = False,
          limits: Limits = DEFAULT_LIMITS, size_limit: SizeLimit | None = None) -> FetchResult:
    """Download ``url`` to ``dest`` unless the server says it is unchanged."""
    check_url(url, allow_http)
    request = urllib.request.Request(url, headers={
        "User-Agent": f"Angebotslotse/{__version__}", "Accept": "application/zip"})
    if etag:
        request.add_header("If-None-Match", etag)
    if last_modified:
        request.add_header("If-Modified-Since", last_modified)
    progress.step(0, 0, N_("Verbindung wird aufgebaut"))
    try:
        response = _opener(allow_http).open(
            request, timeout=min(limits.read_timeout_seconds, limits.download_seconds))
    except urllib.error.HTTPError as error:
        error.close()  # it holds the connection
        if error.code == 304:
            return FetchResult(True, etag=etag, last_modified=last_modified)
        if error.code in (404, 410):
            raise ServerError(N_("Unter {url} liegt kein Export (HTTP {code})."),
                              url=url[:300], code=error.code) from error
        # the template of an unreachable server, with the status as its error: the window
        # words 5xx ("a server error") and 4xx ("refused") from it (ui/sync_messages.py)
        raise ServerError(N_("Der Server {host} ist nicht erreichbar ({error})."),
                          host=_host(url), error=f"HTTP {error.code}") from error
    except ExportRejected:
        raise
    except (urllib.error.URLError, OSError, http.client.HTTPException) as error:
        tls = _tls_problem(error)
        if tls is not None:
            raise _insecure(url, tls) from error
        raise _unavailable(url, getattr(error, "reason", error)) from error
    with response:
        if response.status == 304:
            return FetchResult(True, etag=etag, last_modified=last_modified)
        declared = response.headers.get("Content-Length")
        total = int(declared) if declared and declared.isdigit() else 0
        if total > limits.archive_bytes:
            raise _too_large(total)
        _download(response, url, dest, total, progress, limits, size_limit)
        return FetchResult(False, dest, response.headers.get("ETag"),
                           response.headers.get("Last-Modified"))


def _download(response: Any, url: str, dest: Path, total: int, progress: Progress,
              limits: Limits, size_limit: SizeLimit | None) -> None:
    maximum = limits.archive_bytes
    head = b""  # the first bytes, until size_limit has found the signed limit in them
    received = 0
    dest.parent.mkdir(parents=True, exist_ok=True)
    watchdog = _Watchdog(response, progress, limits)
    try:
        with dest.open("wb") as handle:
            while True:
                chunk = response.read1(_CHUNK)
                watchdog.raise_if_stopped(url)
                if not chunk:
                    break
                received += len(chunk)
                watchdog.received = received
                if size_limit is not None and len(head) < limits.manifest_bytes * 2:
                    head += chunk
                    declared = size_limit(head)
                    if declared is not None:
                        maximum, size_limit = declared, None
                        if total > maximum:
                            raise _too_large(total)
                if received > maximum:
                    raise _too_large(received)
                handle.write(chunk)
                progress.step(received, total, N_("Export wird geladen"))
            handle.flush()
            os.fsync(handle.fileno())
    except (OSError, http.client.HTTPException) as error:  # incl. IncompleteRead, timeout
        dest.unlink(missing_ok=True)
        watchdog.raise_if_stopped(url)
        tls = _tls_problem(error)
        if tls is not None:
            raise _insecure(url, tls) from error
        raise SourceUnavailable(N_("Die Übertragung wurde unterbrochen ({error})."),
                                error=str(error)[:200]) from error
    except BaseException:
        dest.unlink(missing_ok=True)
        raise
    finally:
        watchdog.stop()
    if total and received != total:
        dest.unlink(missing_ok=True)
        raise SourceUnavailable(N_("Die Übertragung wurde unterbrochen ({error})."),
                                error=f"{received} of {total} bytes")
