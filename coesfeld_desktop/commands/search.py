"""``angebotslotse search``: the window's search, for scripting and support."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any, TextIO

from coesfeld_desktop.commands.arguments import bounded_int
from coesfeld_desktop.commands.vocabulary import UnknownValue, check_value, cli_language
from coesfeld_desktop.domain.dimensions import (
    DIMENSIONS,
    DirectoryLists,
    Widget,
    dimension_label,
    row_badges,
)
from coesfeld_desktop.domain.formatting import age_text, match_mark, offer_count_text
from coesfeld_desktop.domain.offer import OfferSummary
from coesfeld_desktop.domain.stages import stages_of
from coesfeld_desktop.i18n import Translate, gettext_for, translations
from coesfeld_desktop.paths import app_paths
from coesfeld_desktop.search.crisis import CrisisHelp
from coesfeld_desktop.search.query import (
    MAX_AGE,
    MAX_LIMIT,
    SearchFilters,
    SearchHit,
    SearchRequest,
)
from coesfeld_desktop.services import open_services

_age = bounded_int(0, MAX_AGE, "age")
_limit = bounded_int(1, MAX_LIMIT, "limit")


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "search", help="search offers and print the results the window shows",
        description="Search the local offer directory. Filters take ids; "
                    "'angebotslotse vocabulary NAME' lists them.",
    )
    parser.add_argument("query", nargs="?", default="", help="search words (may be empty)")
    for dimension in DIMENSIONS:  # one flag per dimension, in the filter panel's order
        if dimension.widget is Widget.CHECK:
            parser.add_argument(dimension.flag, dest=dimension.name, action="store_true",
                                help=dimension.help)
        else:
            parser.add_argument(dimension.flag, dest=dimension.name, help=dimension.help,
                                type=_age if dimension.widget is Widget.AGE else str)
        if dimension.companion is not None:
            parser.add_argument(dimension.companion.flag, dest=dimension.companion.name,
                                action="store_true", help=dimension.companion.help)
    parser.add_argument("--limit", type=_limit, default=20, help="at most this many (default 20)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.set_defaults(run=run)


def _filters(args: argparse.Namespace, lists: DirectoryLists | None, language: str,
             _: Translate) -> dict[str, object]:
    """The filters given on the command line, each checked against its dimension's values
    (those from the directory only once ``lists`` is given)."""
    values: dict[str, object] = {}
    for dimension in DIMENSIONS:
        value = getattr(args, dimension.name)
        if dimension.widget is Widget.CHOICE and value is not None:
            directory = dimension.values is not None and dimension.values.from_directory
            if lists is not None or not directory:
                value = check_value(dimension, value, lists, language, _)
        values[dimension.name] = value
        if dimension.companion is not None:
            values[dimension.companion.name] = (getattr(args, dimension.companion.name)
                                                and value is not None)
    return values


def _as_json(summary: OfferSummary, hit: SearchHit | None) -> dict[str, Any]:
    return {
        "id": summary.id,
        "title": summary.title,
        "provider": summary.provider,
        "town": summary.towns[0] if summary.towns else None,
        "towns": list(summary.towns),
        "min_age": summary.min_age,
        "max_age": summary.max_age,
        "languages": list(summary.languages),
        "topics": list(summary.topics),
        "free": summary.free,
        "barrier_free": summary.barrier_free,
        "stages": stages_of(summary),
        "for_parents": summary.for_parents,  # kept under an age filter (see --children-only)
        "accompanies": summary.accompanies,
        # how it matched the words: "word" (as typed or a form of it), "synonym" (only a
        # related term), "spelling" (only a spelling variant of a word that matched nothing)
        "match": hit.match if hit is not None else "word",
    }


def print_crisis_help(help_: CrisisHelp, _: Translate, out: TextIO) -> None:
    """The "Hilfe in Notlagen" block: the helplines, the district's contacts last."""
    print(_("Hilfe in Notlagen"), file=out)
    for line in help_.helplines:
        note = f" – {line.note}" if line.note else ""
        print(f"  {line.number}\t{line.name}{note}", file=out)


def run(args: argparse.Namespace) -> int:
    paths = app_paths()
    language = cli_language(paths)
    _ = gettext_for(language)
    try:
        _filters(args, None, language, _)  # the fixed lists before the store opens
    except UnknownValue as error:
        print(error, file=sys.stderr)
        return 2
    services = open_services(paths)
    try:
        try:
            filters = SearchFilters(**_filters(  # type: ignore[arg-type]
                args, services.directory, language, _))
        except UnknownValue as error:
            print(error, file=sys.stderr)
            return 2
        result = services.search.search(
            SearchRequest(text=args.query, filters=filters, limit=args.limit)
        )
        rows = services.directory.summaries(result.offer_ids)
    finally:
        services.close()
    hits = {hit.offer_id: hit for hit in result.hits}
    if args.json:
        json.dump([_as_json(row, hits.get(row.id)) for row in rows], sys.stdout,
                  ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        if result.crisis is not None:  # stdout stays the list of offers
            print_crisis_help(result.crisis, _, sys.stderr)
        return 0
    if result.crisis is not None:
        print_crisis_help(result.crisis, _, sys.stdout)
        print()
    if not rows:
        print(_("Keine Angebote gefunden."))
        kinds = {"spelling": _("Meinten Sie"), "synonym": _("Verwandter Begriff"),
                 "drop_filter": _("Ohne Filter")}
        for suggestion in result.suggestions:
            value = suggestion.value
            if suggestion.kind == "drop_filter":  # the filter's name, not its field
                value = _(dimension_label(value))
            print("  " + _("{kind}: {value} ({count})").format(
                kind=kinds.get(suggestion.kind, suggestion.kind), value=value,
                count=suggestion.count))
        return 0
    for row in rows:
        ages = age_text(row.min_age, row.max_age, row.pregnancy, _)
        badges = " ".join(row_badges(row, _))
        mark = match_mark(hits[row.id].match if row.id in hits else "word",
                          result.spelling_variants, _)
        print(f"{row.id}\t{row.title}\t{row.provider}\t{', '.join(row.towns)}\t{ages}\t"
              f"{','.join(row.languages)}\t{badges}" + (f"\t({mark})" if mark else ""))
    print(offer_count_text(result.total, translations(language).ngettext, language,
                           at_least=result.total_is_estimate), file=sys.stderr)
    return 0
