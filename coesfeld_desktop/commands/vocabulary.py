"""``angebotslotse vocabulary NAME`` and ``angebotslotse topics``: the values a filter takes.

Why: ``angebotslotse search --topic X`` wants an id; these list the ids with their names in
the UI language, from the same registry (:mod:`coesfeld_desktop.domain.dimensions`) and the
same directory lists as the window's filter panel. :func:`check_value` is how ``search``
checks a value against them.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from coesfeld_desktop.domain.dimensions import (
    DIMENSIONS,
    Choice,
    Dimension,
    DirectoryLists,
    Widget,
)
from coesfeld_desktop.domain.towns import town_by_name
from coesfeld_desktop.i18n import Translate, gettext_for
from coesfeld_desktop.paths import AppPaths, app_paths
from coesfeld_desktop.userdata.peek import peek_setting

LISTED = {dimension.vocabulary_name: dimension
          for dimension in DIMENSIONS if dimension.widget is Widget.CHOICE}


class UnknownValue(ValueError):
    """A filter value that is not one of the dimension's values; the message is translated."""


def cli_language(paths: AppPaths) -> str:
    """The UI language chosen in the settings, so the command line speaks it too."""
    return peek_setting(paths.database, "ui.language", "de")


def check_value(dimension: Dimension, value: str, lists: DirectoryLists | None,
                language: str, _: Translate) -> str:
    """``value`` as the search wants it (ids match regardless of case, a town also spelled
    ``Duelmen``); :class:`UnknownValue` naming the valid values otherwise."""
    if dimension.name == "town":
        town = town_by_name(value)
        if town is not None:
            return town.name
    choices = dimension.choices(lists, language, _)
    for choice in choices:
        if choice.value.casefold() == value.strip().casefold():
            return choice.value
    raise UnknownValue("\n".join([
        _("Unbekannter Wert für „{filter}“: {value}").format(filter=_(dimension.label),
                                                             value=value),
        _("Möglich sind:") if choices else _("Das Verzeichnis enthält keine Werte dafür."),
        *(_listed(choice) for choice in choices),
    ]))


def _listed(choice: Choice) -> str:
    if choice.label == choice.value:
        return f"  {choice.value}"
    return f"  {choice.value}\t{choice.label}"


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "vocabulary", help="list the values of a search filter (ids and names)",
        description="List the values a filter of 'angebotslotse search' takes.",
    )
    parser.add_argument("name", choices=sorted(LISTED), help="the filter")
    parser.add_argument("--json", action="store_true", help="print JSON instead of lines")
    parser.set_defaults(run=run)
    topics = subparsers.add_parser(
        "topics", help="list the directory's topics (ids and names)",
        description="List the topics of the local directory: "
                    "the ids 'angebotslotse search --topic' takes.",
    )
    topics.add_argument("--json", action="store_true", help="print JSON instead of lines")
    topics.set_defaults(run=run, name="topic")


def run(args: argparse.Namespace) -> int:
    dimension = LISTED[args.name]
    paths = app_paths()
    language = cli_language(paths)
    _ = gettext_for(language)
    choices = _choices(dimension, paths, language, _)
    if args.json:
        json.dump([{"id": choice.value, "name": choice.label} for choice in choices],
                  sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    for choice in choices:
        print(f"{choice.value}\t{choice.label}")
    return 0


def _choices(dimension: Dimension, paths: AppPaths, language: str,
             _: Translate) -> list[Choice]:
    if dimension.values is None or not dimension.values.from_directory:
        return dimension.choices(None, language, _)
    from coesfeld_desktop.services import open_services  # noqa: PLC0415 - start-up time: the store only when needed

    services = open_services(paths)
    try:
        return dimension.choices(services.directory, language, _)
    finally:
        services.close()
