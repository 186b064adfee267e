"""``angebotslotse-publish corrections import SOURCE…``: the district's list of corrections.

    angebotslotse-publish corrections import /srv/meldungen --keys centre-keys/ \
        --out korrekturen.xlsx --out korrekturen.csv
    angebotslotse-publish corrections import https://cloud.example.org/remote.php/dav/files/k/m/ \
        --user kreis --keys centre-keys/ --out korrekturen.xlsx

Every file is verified against the registered centre keys (``*.pub`` in ``--keys``); a file
that fails is named and skipped, never listed. Other kinds of message (needs tables) in the
same folder are left alone.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any


def register(commands: Any) -> None:
    corrections = commands.add_parser("corrections",
                                      help="corrections reported by the centres")
    sub = corrections.add_subparsers(title="corrections commands", metavar="COMMAND",
                                     required=True)
    listing = sub.add_parser("import", help="verify the centres' reports and list them")
    listing.add_argument("source", nargs="+",
                         help="folders or WebDAV folder URLs with the centres' files")
    listing.add_argument("--keys", required=True, type=Path,
                         help="folder with the registered centres' public keys (*.pub)")
    listing.add_argument("--out", required=True, type=Path, action="append",
                         help="list to write: .xlsx or .csv (repeat for both)")
    listing.add_argument("--user", default="", help="WebDAV user name (password in "
                                                    "ANGEBOTSLOTSE_WEBDAV_PASSWORD)")
    listing.set_defaults(run=_import)


def _import(args: argparse.Namespace) -> int:
    # start-up time: only this command loads the return channel and openpyxl
    from coesfeld_desktop.channel.inbox import receive_verified  # noqa: PLC0415
    from coesfeld_desktop.channel.transport import DeliveryFailed, Destination  # noqa: PLC0415
    from coesfeld_desktop.corrections.district import collect, write_list  # noqa: PLC0415
    from coesfeld_desktop.sync.signing import load_public_keys  # noqa: PLC0415

    def fail(message: str) -> int:
        print(f"angebotslotse-publish corrections import: {message}", file=sys.stderr)
        return 2

    try:
        sources = [Destination.parse(source, args.user) for source in args.source]
    except ValueError as error:
        return fail(str(error))
    for out in args.out:
        if out.suffix.lower() not in (".xlsx", ".csv"):
            return fail(f"--out {out}: write .xlsx or .csv")
        if not out.parent.is_dir():
            return fail(f"--out {out}: folder not found")
    keys = load_public_keys([args.keys]) if args.keys.is_dir() else {}
    if not keys:
        return fail(f"--keys {args.keys}: no centre keys (*.pub) found")
    try:
        messages = receive_verified(
            sources, keys, lambda error: print(f"skipped: {error}", file=sys.stderr))
    except (DeliveryFailed, OSError) as error:
        print(f"angebotslotse-publish corrections import: {error}", file=sys.stderr)
        return 3
    lines = collect(messages)
    for out in args.out:
        write_list(lines, out)
        print(f"{out}: {len(lines)} correction(s) from "
              f"{len({c for line in lines for c in line.centres})} centre(s)")
    return 0
