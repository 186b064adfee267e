"""Whole-number command-line arguments, range-checked before anything else runs.

Why one helper: every integer flag must end in argparse's "invalid value" (exit 2) for text,
negative or huge numbers, never in an ``OverflowError`` from SQLite far down (``--limit
9223372036854775808`` once did). The bounds live beside the code that uses the value.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

SQLITE_MAX_INTEGER = 2**63 - 1  # the largest integer SQLite stores


def bounded_int(low: int, high: int, what: str = "number") -> Callable[[str], int]:
    """An argparse ``type=`` that accepts whole numbers from ``low`` to ``high``."""

    def parse(value: str) -> int:
        try:
            number = int(value.strip())
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
        if not low <= number <= high:
            raise argparse.ArgumentTypeError(
                f"{what} must be between {low} and {high}, not {value.strip()}")
        return number

    parse.__name__ = what  # argparse names the type in its messages
    return parse
