"""Download an export over HTTPS: conditional, proxy-aware, bounded, cancellable.

Why urllib: it honours the system proxy settings (environment variables everywhere, the
registry on Windows, System Configuration on macOS) through ``ProxyHandler`` without another
dependency. An unchanged export costs one small request: we send ``If-None-Match`` and
``If-Modified-Since`` and a 304 answer ends the sync. Plain ``http://`` is refused except
for loopback test servers with ``allow_http``; a redirect may not leave HTTPS either.
"""

from __future__ import annotations

import http.client
import ipaddress
import os
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from coesfeld_desktop import __version__
from coesfeld_desktop.i18n import N_
from coesfeld_desktop.progress import NO_PROGRESS, Progress
from coesfeld_desktop.sync.errors import ExportRejected, SourceUnavailable
from coesfeld_desktop.sync.export_format import DEFAULT_LIMITS

TIMEOUT_SECONDS = 30.0  # per connect and per read, not for the whole download
_CHUNK = 256 * 1024


@dataclass(frozen=True)
class FetchResult:
    not_modified: bool
    path: Path | None = None
    etag: str | None = None
    last_modified: str | None = None


def is_url(source: str) -> bool:
    return source.lower().startswith(("https://", "http://"))


def _is_loopback(host: str | None) -> bool:
    if not host:
        return False
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_url(url: str, allow_http: bool) -> None:
    parts = urlsplit(url)
    if parts.scheme == "https":
        return
    if parts.scheme == "http" and allow_http and _is_loopback(parts.hostname):
        return
    raise ExportRejected("insecure_url", N_("Nur https-Adressen sind erlaubt: {url}"),
                         url=url[:300])


class _SafeRedirects(urllib.request.HTTPRedirectHandler):
    def __init__(self, allow_http: bool) -> None:
        self.allow_http = allow_http

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        check_url(newurl, self.allow_http)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _opener(allow_http: bool) -> urllib.request.OpenerDirector:
    return urllib.request.build_opener(urllib.request.ProxyHandler(), _SafeRedirects(allow_http))


def _unavailable(url: str, error: object) -> SourceUnavailable:
    return SourceUnavailable(N_("Der Server {host} ist nicht erreichbar ({error})."),
                             host=urlsplit(url).hostname or url, error=str(error)[:200])


def fetch(url: str, dest: Path, etag: str | None = None, last_modified: str | None = None,
          progress: Progress = NO_PROGRESS, allow_http: bool = False,
          timeout: float = TIMEOUT_SECONDS,
          max_bytes: int = DEFAULT_LIMITS.archive_bytes) -> FetchResult:
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
        response = _opener(allow_http).open(request, timeout=timeout)
    except urllib.error.HTTPError as error:
        if error.code == 304:
            return FetchResult(True, etag=etag, last_modified=last_modified)
        if error.code in (404, 410):
            raise SourceUnavailable(N_("Unter {url} liegt kein Export (HTTP {code})."),
                                    url=url[:300], code=error.code) from error
        raise _unavailable(url, f"HTTP {error.code}") from error
    except ExportRejected:
        raise
    except (urllib.error.URLError, OSError, http.client.HTTPException) as error:
        raise _unavailable(url, getattr(error, "reason", error)) from error
    with response:
        if response.status == 304:
            return FetchResult(True, etag=etag, last_modified=last_modified)
        declared = response.headers.get("Content-Length")
        total = int(declared) if declared and declared.isdigit() else 0
        if total > max_bytes:
            raise ExportRejected("too_large", N_("Die Exportdatei ist zu groß ({size} Bytes)."),
                                 size=total)
        received = 0
        dest.parent.mkdir(parents=True, exist_ok=True)
        try:
            with dest.open("wb") as handle:
                while True:
                    chunk = response.read(_CHUNK)
                    if not chunk:
                        break
                    received += len(chunk)
                    if received > max_bytes:
                        raise ExportRejected("too_large", N_(
                            "Die Exportdatei ist zu groß ({size} Bytes)."), size=received)
                    handle.write(chunk)
                    progress.step(received, total, N_("Export wird geladen"))
                handle.flush()
                os.fsync(handle.fileno())
        except (OSError, http.client.HTTPException) as error:  # incl. IncompleteRead, timeout
            dest.unlink(missing_ok=True)
            raise SourceUnavailable(N_("Die Übertragung wurde unterbrochen ({error})."),
                                    error=str(error)[:200]) from error
        except BaseException:
            dest.unlink(missing_ok=True)
            raise
        if total and received != total:
            dest.unlink(missing_ok=True)
            raise SourceUnavailable(N_("Die Übertragung wurde unterbrochen ({error})."),
                                    error=f"{received} of {total} bytes")
        return FetchResult(False, dest, response.headers.get("ETag"),
                           response.headers.get("Last-Modified"))
