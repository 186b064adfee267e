"""``angebotslotse needs record|report|send``: the needs analysis from the command line.

    angebotslotse needs record --topic kita --town Dülmen --stage kindergarten --language ar \
        --outcome no_offer
    angebotslotse needs report --period 2026-Q3 --out bedarf.xlsx     # or .csv
    angebotslotse needs send --to /media/usb/bedarf    # or a WebDAV folder URL
    angebotslotse needs categories                     # the codes each option accepts

Only fixed categories are accepted (exit 2 names the valid values); nothing else is stored.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from coesfeld_desktop.needs.categories import (
    LANGUAGES,
    OUTCOMES,
    REASONS,
    STAGES,
    CategoryError,
    Period,
)


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("needs", help="record needs, write the needs report, send it",
                                   description="The needs analysis (Bedarfsanalyse): fixed "
                                               "categories only, no client data.")
    commands = parser.add_subparsers(title="needs commands", metavar="COMMAND", required=True)
    record = commands.add_parser("record", help="record one Anliegen")
    record.add_argument("--topic", action="append", required=True,
                        help="topic id (repeat for several; see 'angebotslotse needs categories')")
    record.add_argument("--outcome", required=True, choices=list(OUTCOMES))
    record.add_argument("--reason", default="", choices=["", *REASONS],
                        help="why an offer was not reachable (with --outcome unreachable)")
    record.add_argument("--town", default="")
    record.add_argument("--stage", default="", choices=["", *STAGES])
    record.add_argument("--language", default="", choices=["", *LANGUAGES],
                        help="the family's language")
    record.set_defaults(run=_record)
    report = commands.add_parser("report", help="write the suppressed tables (.csv, .xlsx)")
    report.add_argument("--period", required=True, help="2026, 2026-Q3 or 2026-07")
    report.add_argument("--out", required=True, help="file to write: .pdf, .csv or .xlsx")
    report.add_argument("--queue", action="store_true",
                        help="also put the tables into the outbox for the district")
    report.set_defaults(run=_report)
    send = commands.add_parser("send", help="deliver queued tables to the district")
    send.add_argument("--period", help="queue this period's tables first (e.g. 2026-Q3)")
    send.add_argument("--to", default="",
                      help="a folder or a WebDAV folder URL (password in "
                           "ANGEBOTSLOTSE_WEBDAV_PASSWORD); default: the destination set "
                           "in the settings")
    send.add_argument("--user", default="", help="WebDAV user name")
    send.set_defaults(run=_send)
    categories = commands.add_parser("categories", help="list the codes every option accepts")
    categories.set_defaults(run=_categories)


def _services() -> Any:
    from coesfeld_desktop.needs.service import NeedsService  # noqa: PLC0415 - start-up time
    from coesfeld_desktop.services import open_services  # noqa: PLC0415
    from coesfeld_desktop.userdata.preferences import Preferences  # noqa: PLC0415

    services = open_services()
    name = Preferences(services.settings).centre.name
    return services, NeedsService(services.database, services.paths, name)


def _fail(message: str) -> int:
    print(f"angebotslotse needs: {message}", file=sys.stderr)
    return 2


def _record(args: argparse.Namespace) -> int:
    from coesfeld_desktop.needs.log import Anliegen  # noqa: PLC0415 - start-up time: only this command loads it

    services, needs = _services()
    try:
        written = needs.record(Anliegen(tuple(args.topic), args.outcome, args.town, args.stage,
                                        args.language, args.reason))
    except CategoryError as error:
        return _fail(f"{error.field}: {error.value!r} is not a valid value; valid: "
                     f"{', '.join(v for v in error.allowed if v)}")
    finally:
        services.close()
    print(f"recorded: {written} need(s)")
    return 0


def _period(text: str) -> Any:
    return Period.parse(text)


def _report(args: argparse.Namespace) -> int:
    from coesfeld_desktop.needs.service import UnsupportedFormat  # noqa: PLC0415 - start-up time: only this command loads it

    try:
        period = _period(args.period)
    except CategoryError:
        return _fail(f"--period {args.period!r}: use 2026, 2026-Q3 or 2026-07")
    out = Path(args.out)
    if not out.parent.is_dir():
        return _fail(f"--out: folder not found: {out.parent}")
    services, needs = _services()
    try:
        report = needs.write_report(period, out, lambda text: text)
        if args.queue:
            needs.queue(period)
    except UnsupportedFormat:
        return _fail(f"--out {args.out!r}: write .pdf, .csv or .xlsx")
    except OSError as error:
        return _fail(f"--out {args.out!r}: cannot write ({error.strerror or error})")
    finally:
        services.close()
    hidden = sum(table.table.hidden() for table in report.tables)
    print(f"{out}: {report.records} need(s) in {period.label}, {len(report.tables)} tables, "
          f"{hidden} value(s) hidden (minimum {report.minimum})")
    return 0


def _send(args: argparse.Namespace) -> int:
    from coesfeld_desktop.channel.transport import Destination  # noqa: PLC0415 - start-up time: only this command loads it
    from coesfeld_desktop.services import return_destination  # noqa: PLC0415 - start-up time

    try:
        destination = Destination.parse(args.to, args.user) if args.to else None
        period = _period(args.period) if args.period else None
    except (ValueError, CategoryError) as error:
        return _fail(str(error))
    services, needs = _services()
    try:
        destination = destination or return_destination(services.preferences)
        if destination is None:
            return _fail("no destination: give --to FOLDER|URL or set one in the settings "
                         "(Einstellungen, tab Abgleich)")
        if period is not None:
            needs.queue(period)
        sent, failed = needs.send(destination)
    finally:
        services.close()
    for name in sent:
        print(f"sent: {name}")
    if failed:
        print(f"not sent, still queued ({len(needs.outbox.pending())}): {failed[0]}",
              file=sys.stderr)
        return 3
    if not sent:
        print("nothing queued")
    return 0


def _categories(args: argparse.Namespace) -> int:
    services, needs = _services()
    try:
        topics = needs.topics()
    finally:
        services.close()
    for title, values in (("outcome", OUTCOMES), ("reason", REASONS), ("stage", STAGES),
                          ("topic", topics)):
        print(f"{title}:")
        for code, label in values.items():
            print(f"  {code}\t{label}")
    print("language:\n  " + " ".join(LANGUAGES))
    return 0
