"""No command-line flag takes a bare ``int``: each is range-checked (exit 2, never a traceback)."""

from __future__ import annotations

import argparse

import pytest

from coesfeld_desktop.cli import build_parser
from coesfeld_desktop.commands import publish
from coesfeld_desktop.commands.arguments import bounded_int


def _actions(parser: argparse.ArgumentParser) -> list[argparse.Action]:
    found = list(parser._actions)
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                found += _actions(sub)
    return found


def test_no_flag_takes_an_unchecked_int() -> None:
    actions = _actions(build_parser()) + _actions(publish.build_parser())
    assert len(actions) > 20
    assert [a.dest for a in actions if a.type is int] == []


@pytest.mark.parametrize("value", ["9223372036854775808", "-1", "1e3", "", "zwei"])
def test_bounded_int_refuses_with_argparse_s_error(value: str) -> None:
    parse = bounded_int(0, 100, "limit")
    with pytest.raises(argparse.ArgumentTypeError):
        parse(value)
    assert parse(" 42 ") == 42
