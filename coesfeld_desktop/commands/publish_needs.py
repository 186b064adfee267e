"""``angebotslotse-publish needs import SOURCE``: the district merges the centres' needs tables.

    angebotslotse-publish needs import /srv/bedarf --keys centre-keys/ --period 2026-Q3 \
        --out bericht-2026-Q3.xlsx
    angebotslotse-publish needs import https://cloud.example.org/remote.php/dav/files/k/bedarf/ \
        --user kreis --keys centre-keys/ --period 2026-Q3 --out bericht.csv

Every file is verified against the registered centre keys (``*.pub`` in ``--keys``); a file
that fails is named and skipped, never counted. The newest file per centre and period
counts; the suppression rule is applied again to the merged tables.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from coesfeld_desktop.commands.arguments import bounded_int


def register(commands: Any) -> None:
    needs = commands.add_parser("needs", help="the needs analysis: merge the centres' tables")
    sub = needs.add_subparsers(title="needs commands", metavar="COMMAND", required=True)
    merge = sub.add_parser("import", help="verify and merge the centres' needs files")
    merge.add_argument("source", nargs="+",
                       help="folders or WebDAV folder URLs with the centres' files")
    merge.add_argument("--keys", required=True, type=Path,
                       help="folder with the registered centres' public keys (*.pub)")
    merge.add_argument("--period", required=True, help="2026, 2026-Q3 or 2026-07")
    merge.add_argument("--out", required=True, type=Path,
                       help="report to write: .pdf, .csv or .xlsx")
    merge.add_argument("--minimum", type=bounded_int(1, 1_000_000, "minimum"), default=3,
                       help="minimum cell size (default 3)")
    merge.add_argument("--topics", type=Path,
                       help="directory.json whose topic names label the topic table")
    merge.add_argument("--user", default="", help="WebDAV user name")
    merge.set_defaults(run=_import)


def _topics(path: Path | None) -> dict[str, str]:
    if path is None:
        return {}
    document = json.loads(path.read_text(encoding="utf-8-sig"))
    return {str(topic["id"]): str(topic.get("name", topic["id"]))
            for topic in document.get("topics", [])}


def _import(args: argparse.Namespace) -> int:
    # start-up time: only the import command loads the return channel and the merge
    from coesfeld_desktop.channel.inbox import receive_verified  # noqa: PLC0415
    from coesfeld_desktop.channel.transport import DeliveryFailed, Destination  # noqa: PLC0415
    from coesfeld_desktop.needs.categories import CategoryError, Period  # noqa: PLC0415
    from coesfeld_desktop.needs.exchange import merge  # noqa: PLC0415
    from coesfeld_desktop.needs.writers import WRITERS  # noqa: PLC0415
    from coesfeld_desktop.sync.signing import load_public_keys  # noqa: PLC0415

    def fail(message: str) -> int:
        print(f"angebotslotse-publish needs import: {message}", file=sys.stderr)
        return 2

    try:
        period = Period.parse(args.period)
        sources = [Destination.parse(source, args.user) for source in args.source]
    except (CategoryError, ValueError) as error:
        return fail(str(error))
    writer = WRITERS.get(args.out.suffix.lower())
    if writer is None:
        return fail(f"--out {args.out}: write .pdf, .csv or .xlsx")
    if not 1 <= args.minimum <= 100:
        return fail("--minimum must be between 1 and 100")
    keys = load_public_keys([args.keys]) if args.keys.is_dir() else {}
    if not keys:
        return fail(f"--keys {args.keys}: no centre keys (*.pub) found")
    try:
        messages = receive_verified(
            sources, keys, lambda error: print(f"skipped: {error}", file=sys.stderr))
    except (DeliveryFailed, OSError) as error:
        print(f"angebotslotse-publish needs import: {error}", file=sys.stderr)
        return 3
    report = merge(messages, period, topics=_topics(args.topics), minimum=args.minimum)
    writer(report, args.out, lambda text: text)
    print(f"{args.out}: {report.records} centre(s) for {period.label}, "
          f"{len(report.tables)} tables, minimum cell size {report.minimum}")
    return 0
