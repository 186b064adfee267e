"""``angebotslotse search``: the window's search, for scripting and support."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from coesfeld_desktop.domain.formatting import age_text, offer_count_text
from coesfeld_desktop.domain.offer import OfferSummary
from coesfeld_desktop.domain.towns import TOWN_NAMES, town_by_name
from coesfeld_desktop.domain.vocabulary import FILTER_LABELS
from coesfeld_desktop.i18n import gettext_for, translations
from coesfeld_desktop.paths import AppPaths
from coesfeld_desktop.search.query import SearchFilters, SearchRequest
from coesfeld_desktop.services import open_services
from coesfeld_desktop.store.offers import offer_summaries


def cli_language(paths: AppPaths) -> str:
    """The UI language chosen in the settings, so the command line speaks it too."""
    from coesfeld_desktop.userdata.peek import peek_setting

    return peek_setting(paths.database, "ui.language", "de")


def _age(value: str) -> int:
    try:
        age = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number of years: {value!r}") from None
    if not 0 <= age <= 120:
        raise argparse.ArgumentTypeError(f"age must be between 0 and 120, not {age}")
    return age


def _limit(value: str) -> int:
    try:
        limit = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if limit < 1:
        raise argparse.ArgumentTypeError("limit must be at least 1")
    return limit


def _town(value: str) -> str:
    town = town_by_name(value)
    if town is None:
        raise argparse.ArgumentTypeError(
            f"unknown town {value!r}; choose one of: {', '.join(TOWN_NAMES)}"
        )
    return town.name


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "search", help="search offers and print the results the window shows",
        description="Search the local offer directory.",
    )
    parser.add_argument("query", nargs="?", default="", help="search words (may be empty)")
    parser.add_argument("--town", type=_town, help="only offers in this town")
    parser.add_argument("--with-neighbours", action="store_true",
                        help="with --town: include the neighbouring towns")
    parser.add_argument("--age", type=_age, help="the child's age in years")
    parser.add_argument("--topic", help="topic id, e.g. early_help")
    parser.add_argument("--language", help="language the offer is given in, e.g. tr")
    parser.add_argument("--free", action="store_true", help="only free offers")
    parser.add_argument("--barrier-free", action="store_true", help="only barrier-free offers")
    parser.add_argument("--limit", type=_limit, default=20, help="at most this many (default 20)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.set_defaults(run=run)


def _as_json(summary: OfferSummary) -> dict[str, Any]:
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
    }


def run(args: argparse.Namespace) -> int:
    services = open_services()
    try:
        filters = SearchFilters(
            town=args.town, include_neighbours=args.with_neighbours, age=args.age,
            topic=args.topic, language=args.language, free_only=args.free,
            barrier_free_only=args.barrier_free,
        )
        result = services.search.search(
            SearchRequest(text=args.query, filters=filters, limit=args.limit)
        )
        with services.database.session() as session:
            rows = offer_summaries(session, result.offer_ids)
    finally:
        services.close()
    if args.json:
        json.dump([_as_json(row) for row in rows], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    language = cli_language(services.paths)
    _ = gettext_for(language)
    if not rows:
        print(_("Keine Angebote gefunden."))
        kinds = {"spelling": _("Meinten Sie"), "synonym": _("Verwandter Begriff"),
                 "drop_filter": _("Ohne Filter")}
        for suggestion in result.suggestions:
            value = suggestion.value
            if suggestion.kind == "drop_filter":  # the filter's name, not its field
                value = _(FILTER_LABELS.get(value, value))
            print("  " + _("{kind}: {value} ({count})").format(
                kind=kinds.get(suggestion.kind, suggestion.kind), value=value,
                count=suggestion.count))
        return 0
    for row in rows:
        ages = age_text(row.min_age, row.max_age, row.pregnancy, _)
        badges = " ".join(b for b, on in ((_("kostenlos"), row.free),
                                          (_("barrierefrei"), row.barrier_free)) if on)
        print(f"{row.id}\t{row.title}\t{row.provider}\t{', '.join(row.towns)}\t{ages}\t"
              f"{','.join(row.languages)}\t{badges}")
    print(offer_count_text(result.total, translations(language).ngettext, language,
                           at_least=result.total_is_estimate), file=sys.stderr)
    return 0
