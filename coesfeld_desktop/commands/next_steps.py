"""``angebotslotse next-steps``: a family's next twelve months, as text or as the sheet.

    angebotslotse next-steps --child 5:4 --due 2027-03 --town Dülmen
    angebotslotse next-steps --child 5:4 --child 16 --lang ar --out schritte.pdf
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from coesfeld_desktop.handout.labels import HANDOUT_LANGUAGES
from coesfeld_desktop.i18n import N_, TranslatableError

BAD_CHILD = N_("--child erwartet ALTER oder ALTER:GEBURTSMONAT, z. B. 5:4 – nicht „{value}“.")
BAD_DUE = N_("--due erwartet JAHR-MONAT, z. B. 2027-03 – nicht „{value}“.")
BAD_TOWN = N_("Unbekannte Stadt: {town}")
NOTHING = N_("Bitte mindestens ein --child oder --due angeben.")
WRITTEN = N_("{path} geschrieben (Sprache: {language})")


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "next-steps", help="a family's next twelve months (Was kommt als Nächstes?)",
        description="The milestones of the next twelve months for a family's children and "
                    "a pregnancy, with the offers that help; optionally the family's sheet.")
    parser.add_argument("--child", action="append", default=[], metavar="AGE[:MONTH]",
                        help="a child's age in years, and its birth month if known; repeat")
    parser.add_argument("--due", metavar="YYYY-MM", help="a pregnancy's expected month")
    parser.add_argument("--town", help="the family's town (its neighbours are included)")
    parser.add_argument("--lang", default="de", choices=HANDOUT_LANGUAGES, metavar="CODE",
                        help="language of the sheet: " + ", ".join(HANDOUT_LANGUAGES))
    parser.add_argument("--large-print", action="store_true", help="larger type")
    parser.add_argument("--out", metavar="FILE.pdf", help="write the family's sheet here")
    parser.set_defaults(run=run)


def _family(args: argparse.Namespace) -> Any:
    from coesfeld_desktop.domain.timeline import Child, Family, Month  # noqa: PLC0415 - start-up time: only this command loads its stack

    children = []
    for value in args.child:
        age, _sep, month = value.partition(":")
        try:
            children.append(Child(int(age), int(month) if month else None))
        except ValueError:
            raise TranslatableError(BAD_CHILD, value=value) from None
    due = None
    if args.due:
        try:
            year, month = args.due.split("-")
            due = Month(int(year), int(month))
        except ValueError:
            raise TranslatableError(BAD_DUE, value=args.due) from None
        if not 1 <= due.month <= 12:
            raise TranslatableError(BAD_DUE, value=args.due)
    if not children and due is None:
        raise TranslatableError(NOTHING)
    return Family(tuple(children), due)


def run(args: argparse.Namespace) -> int:
    from coesfeld_desktop.commands.vocabulary import cli_language  # noqa: PLC0415 - start-up time: only this command loads its stack
    from coesfeld_desktop.domain.formatting import month_text  # noqa: PLC0415 - start-up time: only this command loads its stack
    from coesfeld_desktop.domain.towns import town_by_name  # noqa: PLC0415 - start-up time: only this command loads its stack
    from coesfeld_desktop.handout.next_steps_sheet import render_next_steps  # noqa: PLC0415 - start-up time: only this command loads its stack
    from coesfeld_desktop.handout.pdf import CentreHeader  # noqa: PLC0415 - start-up time: only this command loads its stack
    from coesfeld_desktop.i18n import gettext_for  # noqa: PLC0415 - start-up time: only this command loads its stack
    from coesfeld_desktop.paths import app_paths  # noqa: PLC0415 - start-up time: only this command loads its stack
    from coesfeld_desktop.search.next_steps import NextStepsService  # noqa: PLC0415 - start-up time: only this command loads its stack
    from coesfeld_desktop.services import open_services  # noqa: PLC0415 - start-up time: only this command loads its stack

    language = cli_language(app_paths())
    _ = gettext_for(language)
    town = None
    if args.town:
        found = town_by_name(args.town)
        if found is None:
            print(_(BAD_TOWN).format(town=args.town), file=sys.stderr)
            return 2
        town = found.name
    today = dt.date.today()
    try:
        family = _family(args)
        services = open_services()
    except TranslatableError as error:
        print(error.text(_), file=sys.stderr)
        return 2
    try:
        plan = NextStepsService(services.search).plan(family, town, today)
        rows = {row.id: row for row in services.directory.summaries(plan.offer_ids(),
                                                                     language)}
        for number, step in enumerate(plan.timeline.steps, 1):
            when = month_text(step.month.year, step.month.month, language)
            who = (_("Baby (erwartet)") if step.person.expected
                   else _("Kind {number}").format(number=step.person.index + 1))
            print(f"{number}. {when}\t{who}\t{step.milestone.title.get(language)}")
            help_ = plan.help_for(step)
            for offer_id in (*help_.offers, *([help_.guide] if help_.guide else [])):
                if offer_id in rows:
                    print(f"\t{offer_id}\t{rows[offer_id].title}")
        if args.out:
            path = Path(args.out)
            data = render_next_steps(services.database, plan, args.lang,
                                     CentreHeader.from_settings(services.preferences.value),
                                     today, args.large_print)
            path.write_bytes(data)
            print(_(WRITTEN).format(path=path, language=args.lang), file=sys.stderr)
    except TranslatableError as error:
        print(error.text(_), file=sys.stderr)
        return 2
    except OSError as error:
        print(str(error), file=sys.stderr)
        return 1
    finally:
        services.close()
    return 0
