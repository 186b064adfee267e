"""Ids in ``IN (...)`` lists, a bounded number per statement.

Why bounded: SQLite caps the parameters of one statement (999 before 3.32, 32,766 since),
and the sync and the index refresh hand over lists of any length (every changed offer of
an export). Declared once here, below ``sync`` and ``search``, which both use it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TypeVar

IDS_PER_LIST = 500  # short statements; two lists in one stay far under today's cap

_Id = TypeVar("_Id")


def id_chunks(ids: Sequence[_Id], size: int = IDS_PER_LIST) -> Iterator[list[_Id]]:
    """``ids`` in consecutive lists of at most ``size``."""
    for start in range(0, len(ids), size):
        yield list(ids[start:start + size])


def marks(count: int) -> str:
    """``?, ?, ?``: the placeholders of a list of ``count`` values."""
    return ", ".join("?" * count)


def in_list(column: str, ids: Sequence[object]) -> str:
    """``column IN (?, ?, ...)`` with a placeholder for each of ``ids``."""
    return f"{column} IN ({marks(len(ids))})"
