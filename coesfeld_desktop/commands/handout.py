"""``angebotslotse handout``: print a handout PDF from the command line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from coesfeld_desktop.handout.labels import HANDOUT_LANGUAGES


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "handout", help="write a handout (Handzettel) PDF of chosen offers",
        description="Write a handout PDF of the given offers in the family's language.",
    )
    parser.add_argument("--offer", action="append", required=True, metavar="ID",
                        help="offer id; repeat for more offers (printed in this order)")
    parser.add_argument("--lang", default="de", choices=HANDOUT_LANGUAGES, metavar="CODE",
                        help="handout language: " + ", ".join(HANDOUT_LANGUAGES))
    parser.add_argument("--with-german", action="store_true",
                        help="bilingual: German beneath each offer")
    parser.add_argument("--side-by-side", action="store_true",
                        help="bilingual: German beside each offer (implies --with-german)")
    parser.add_argument("--large-print", action="store_true", help="larger type")
    parser.add_argument("--note", default="", help="a short note from the counsellor")
    parser.add_argument("--out", required=True, type=Path, metavar="FILE.pdf",
                        help="where to write the PDF")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from coesfeld_desktop.handout.compose import load_content
    from coesfeld_desktop.handout.pdf import CentreHeader, HandoutOptions, Layout, write_pdf
    from coesfeld_desktop.services import open_services
    from coesfeld_desktop.userdata.preferences import Preferences

    layout = (Layout.SIDE_BY_SIDE if args.side_by_side
              else Layout.BENEATH if args.with_german else Layout.SINGLE)
    options = HandoutOptions(args.lang, layout, args.large_print, args.note)
    offer_ids = list(dict.fromkeys(args.offer))
    services = open_services()
    try:
        centre = CentreHeader.from_settings(Preferences(services.settings).value)
        with services.database.session() as session:
            content = load_content(session, offer_ids, options)
    finally:
        services.close()
    found = {offer.id for offer in content.offers}
    unknown = [offer_id for offer_id in offer_ids if offer_id not in found]
    if unknown:
        print(f"unknown offer id(s): {', '.join(unknown)}", file=sys.stderr)
        if not found:
            return 1
    path = write_pdf(args.out, content, options, centre)
    print(f"{path} ({len(content.offers)} offers, {args.lang})", file=sys.stderr)
    return 0
