"""``angebotslotse sync SOURCE``: apply the district's export from an https address or a file.

Exit status: 0 applied or unchanged; 1 rejected (the reason is printed, local data
unchanged; also an expired export); 2 the sync failed otherwise; 3 the source was not
reachable; 4 an older export needs ``--restore``; 5 the connection was not secure (TLS: a
security problem, not offline); 130 cancelled (Ctrl+C).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from coesfeld_desktop.paths import app_paths
from coesfeld_desktop.progress import Cancelled
from coesfeld_desktop.services import sync_courier
from coesfeld_desktop.store.database import Database
from coesfeld_desktop.sync.apply import SyncOutcome
from coesfeld_desktop.sync.errors import (
    ExportRejected,
    InsecureConnection,
    RestoreNeeded,
    SourceUnavailable,
    SyncError,
)
from coesfeld_desktop.sync.notices import stale_notice
from coesfeld_desktop.sync.service import SyncService
from coesfeld_desktop.userdata.preferences import Preferences
from coesfeld_desktop.userdata.secret_file import SecretFile
from coesfeld_desktop.userdata.settings import SettingsService

EXIT_REJECTED = 1
EXIT_FAILED = 2
EXIT_UNAVAILABLE = 3
EXIT_RESTORE = 4
EXIT_INSECURE = 5


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "sync", help="apply the district's signed directory export (https address or file)",
        description="Fetch, verify and apply a signed directory export. Nothing is changed "
                    "unless every check passes.")
    parser.add_argument("source", help="https address or path of an export file")
    parser.add_argument("--allow-http", action="store_true",
                        help="allow plain http, only to a loopback address (test servers)")
    parser.add_argument("--restore", action="store_true",
                        help="accept an export older than (or another directory than) the "
                             "local data")
    parser.add_argument("--json", action="store_true", help="print the outcome as JSON")
    parser.set_defaults(run=run)


def _print_outcome(outcome: SyncOutcome, as_json: bool) -> None:
    if as_json:
        json.dump({"status": outcome.status, "directory_id": outcome.directory_id,
                   "sequence": outcome.sequence, "published_at": outcome.published_at,
                   "full": outcome.full, "from_prebuilt": outcome.from_prebuilt,
                   "new": [i for i, _ in outcome.new],
                   "changed": [i for i, _ in outcome.changed],
                   "removed": [i for i, _ in outcome.removed]}, sys.stdout, indent=2)
        sys.stdout.write("\n")
        return
    if not outcome.applied:
        print(f"unchanged: Datenstand {outcome.sequence} ({outcome.published_at})")
        return
    print(f"applied: {outcome.title} Stand {outcome.sequence} ({outcome.published_at}): "
          f"{len(outcome.new)} new, {len(outcome.changed)} changed, "
          f"{len(outcome.removed)} removed")


def _print_delivery(outcome: SyncOutcome) -> None:
    """What went to the district with this sync (standard error: the outcome stays clean)."""
    delivered = outcome.delivered
    if delivered is None or (not delivered.sent and not delivered.problem):
        return
    if delivered.sent:
        print(f"sent to the district: {delivered.sent} message(s)", file=sys.stderr)
    if delivered.problem:
        print(f"not sent, {delivered.waiting} message(s) still queued: {delivered.problem}",
              file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    paths = app_paths().ensure()
    database = Database(paths.database)
    preferences = Preferences(SettingsService(database),
                              password_file=SecretFile(paths.channel_password))
    service = SyncService(database, paths, courier=sync_courier(paths, preferences))
    try:
        outcome = service.sync(args.source, allow_http=args.allow_http,
                               allow_restore=args.restore)
        days = service.stale_days()
    except RestoreNeeded as error:
        print(f"rejected ({error.reason}): {error} Use --restore to apply it anyway.",
              file=sys.stderr)
        return EXIT_RESTORE
    except ExportRejected as error:
        print(f"rejected ({error.reason}): {error}", file=sys.stderr)
        return EXIT_REJECTED
    except SourceUnavailable as error:
        print(f"unavailable ({error.kind}): {error}", file=sys.stderr)
        return EXIT_UNAVAILABLE
    except InsecureConnection as error:
        print(f"insecure ({error.kind}): {error}", file=sys.stderr)
        return EXIT_INSECURE
    except SyncError as error:  # e.g. the worker process was killed from outside
        print(f"failed ({error.kind}): {error}", file=sys.stderr)
        return EXIT_FAILED
    except (Cancelled, KeyboardInterrupt):
        print("cancelled: local data unchanged", file=sys.stderr)
        return 130
    finally:
        database.close()
    _print_outcome(outcome, args.json)
    _print_delivery(outcome)
    if days is not None:
        print(stale_notice(days).format(days=days), file=sys.stderr)
    return 0
