"""``angebotslotse handout``: print a handout PDF from the command line."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coesfeld_desktop.domain.notices import unprintable_text
from coesfeld_desktop.handout.labels import HANDOUT_LANGUAGES
from coesfeld_desktop.i18n import N_, Translate

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from coesfeld_desktop.handout.pdf import HandoutContent, HandoutOptions
    from coesfeld_desktop.store.database import Database


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
    parser.add_argument("--crisis-help", action=argparse.BooleanOptionalAction, default=None,
                        help="print the helplines ('Hilfe in Notlagen') at the top; by "
                             "default only when an offer is about a crisis (violence, child "
                             "protection, ...)")
    parser.add_argument("--out", required=True, metavar="FILE.pdf",
                        help="where to write the PDF")
    parser.set_defaults(run=run)


# What the command says, in the UI language (domain ``angebotslotse``).
MISSING_OFFER = N_("--offer braucht eine Angebots-ID; angegeben war ein leerer Text.")
UNKNOWN_OFFERS = N_("Unbekannte Angebots-ID(s): {ids}")
OUT_EMPTY = N_("--out braucht einen Dateinamen für die PDF-Datei, z. B. handzettel.pdf.")
OUT_DIRECTORY = N_("„{path}“ ist ein Ordner. Bitte einen Dateinamen angeben, "
                   "z. B. {example}.")
OUT_NOT_WRITABLE = N_("Die PDF-Datei kann nicht nach „{path}“ geschrieben werden: {reason}")
WRITTEN = N_("{path} geschrieben (Angebote: {count}, Sprache: {language})")


def run(args: argparse.Namespace) -> int:
    from coesfeld_desktop.i18n import gettext_for  # noqa: PLC0415 - start-up time: only this command loads its stack
    from coesfeld_desktop.paths import app_paths  # noqa: PLC0415 - start-up time: only this command loads its stack
    from coesfeld_desktop.userdata.peek import peek_setting  # noqa: PLC0415 - start-up time: only this command loads its stack

    # the UI language, read without the store's imports (as ``cli_language`` does)
    _ = gettext_for(peek_setting(app_paths().database, "ui.language", "de"))
    offer_ids = list(dict.fromkeys(offer.strip() for offer in args.offer))
    if "" in offer_ids:
        print(_(MISSING_OFFER), file=sys.stderr)
        return 2
    if not args.out.strip():
        print(_(OUT_EMPTY), file=sys.stderr)
        return 2
    args.out = Path(args.out)
    if args.out.is_dir():
        print(_(OUT_DIRECTORY).format(path=args.out, example=args.out / "handzettel.pdf"),
              file=sys.stderr)
        return 2
    return _write(args, offer_ids, _)


def _ensure_directory(database: Database) -> None:
    """A first start loads the demo directory; otherwise the search stack stays unloaded."""
    from coesfeld_desktop.store.offers import directory_status  # noqa: PLC0415 - start-up time: only this command loads its stack

    with database.session() as session:
        if directory_status(session) is not None:
            return
    from coesfeld_desktop.startup.directory import ensure_directory  # noqa: PLC0415 - start-up time: only this command loads its stack

    ensure_directory(database)


def _with_crisis_help(session: Session, content: HandoutContent, options: HandoutOptions,
                      wanted: bool | None) -> HandoutOptions:
    """``options`` with the helplines when asked for (``wanted``) or, not said, when an
    offer on the sheet is about a crisis (judged by its German title and topics)."""
    from coesfeld_desktop.search.crisis import (  # noqa: PLC0415 - start-up time: only this command loads its stack
        default_crisis_list,
        sheet_crisis_help,
    )

    if wanted is None:
        german = content.german or (content.offers if options.language == "de" else None)
        if german is None:  # a sheet in one other language: its German texts, once
            from coesfeld_desktop.store.offers import offer_details  # noqa: PLC0415 - start-up time: only this command loads its stack

            german = offer_details(session, [offer.id for offer in content.offers], "de",
                                   with_related=False)
        if sheet_crisis_help((offer.title.text, offer.topics) for offer in german) is None:
            return options
    return replace(options, crisis=default_crisis_list().helplines)


def _write(args: argparse.Namespace, offer_ids: list[str], _: Translate) -> int:
    from coesfeld_desktop.handout.compose import load_content  # noqa: PLC0415 - start-up time: only this command loads its stack
    from coesfeld_desktop.handout.fonts import unprintable  # noqa: PLC0415 - start-up time: only this command loads its stack
    from coesfeld_desktop.handout.pdf import (  # noqa: PLC0415 - start-up time: only this command loads its stack
        CentreHeader,
        HandoutOptions,
        Layout,
        OutputError,
        OutputProblem,
        write_pdf,
    )
    from coesfeld_desktop.paths import app_paths  # noqa: PLC0415 - start-up time: only this command loads its stack
    from coesfeld_desktop.store.database import Database  # noqa: PLC0415 - start-up time: only this command loads its stack
    from coesfeld_desktop.userdata.settings import SettingsService  # noqa: PLC0415 - start-up time: only this command loads its stack

    layout = (Layout.SIDE_BY_SIDE if args.side_by_side
              else Layout.BENEATH if args.with_german else Layout.SINGLE)
    options = HandoutOptions(args.lang, layout, args.large_print, args.note)
    # the store alone: the search service (and its imports) is not needed for a handout
    database = Database(app_paths().ensure().database)
    try:
        _ensure_directory(database)
        centre = CentreHeader.from_settings(SettingsService(database).get)
        with database.session() as session:
            content = load_content(session, offer_ids, options)
            if args.crisis_help is not False:
                options = _with_crisis_help(session, content, options, args.crisis_help)
    finally:
        database.close()
    found = {offer.id for offer in content.offers}
    unknown = [offer_id for offer_id in offer_ids if offer_id not in found]
    if unknown:
        print(_(UNKNOWN_OFFERS).format(ids=", ".join(unknown)), file=sys.stderr)
        if not found:
            return 1
    missing = unprintable(args.note)
    if missing:
        print(unprintable_text(missing, _), file=sys.stderr)
    try:
        path = write_pdf(args.out, content, options, centre)
    except OutputError as error:
        message = {
            OutputProblem.EMPTY: _(OUT_EMPTY),
            OutputProblem.DIRECTORY: _(OUT_DIRECTORY).format(
                path=error.path, example=error.path / "handzettel.pdf"),
            OutputProblem.NOT_WRITABLE: _(OUT_NOT_WRITABLE).format(path=error.path,
                                                                   reason=error.reason),
        }[error.problem]
        print(message, file=sys.stderr)
        return 2
    print(_(WRITTEN).format(path=path, count=len(content.offers), language=args.lang),
          file=sys.stderr)
    return 0
