"""The ``angebotslotse`` command: no arguments opens the window; subcommands script the main jobs.

Each subcommand lives in its own module under ``coesfeld_desktop.commands`` and exposes
``register(subparsers)``; the parsed namespace carries the function to run.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from coesfeld_desktop import APP_NAME, __version__

COMMAND_MODULES = (
    "coesfeld_desktop.commands.search",
    "coesfeld_desktop.commands.vocabulary",
    "coesfeld_desktop.commands.sync",
    "coesfeld_desktop.commands.self_check",
    "coesfeld_desktop.commands.handout",
    "coesfeld_desktop.commands.needs",
    "coesfeld_desktop.commands.next_steps",
)


class _Parser(argparse.ArgumentParser):
    """argparse that exits with status 2 and a clear one-line message on bad arguments."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}\n")


def _modules_for(command: str | None) -> tuple[str, ...]:
    """The command modules to import: only the named command's when there is one.

    Why: each module imports what its command needs at the top (the search command the
    whole search stack); ``angebotslotse handout`` should not pay for that at start-up.
    """
    if command:
        module = f"coesfeld_desktop.commands.{command.replace('-', '_')}"
        if module in COMMAND_MODULES:
            return (module,)
    return COMMAND_MODULES


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    parser = _Parser(
        prog="angebotslotse",
        description=f"{APP_NAME}: support offers in Kreis Coesfeld. "
        "Without a command, the window opens.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    subparsers = parser.add_subparsers(title="commands", metavar="COMMAND",
                                       parser_class=_Parser)
    for module_name in _modules_for(command):
        importlib.import_module(module_name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list[:1] == ["--self-check"]:  # the installer's spelling of the command
        args_list[0] = "self-check"
    if not args_list or args_list[0].startswith("-platform") or args_list[0] == "--demo":
        from coesfeld_desktop.ui.app import run_gui  # noqa: PLC0415 - start-up time: Qt loads only for the window

        return run_gui(args_list)
    parser = build_parser(args_list[0])
    args = parser.parse_args(args_list)
    if not hasattr(args, "run"):
        parser.print_help()
        return 2
    try:
        return int(args.run(args))
    except BrokenPipeError:
        # the reader went away (``angebotslotse search … | head``): not an error; point
        # stdout at nothing so that Python's flush at exit does not complain again
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
