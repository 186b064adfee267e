"""Minimum cell size with secondary suppression for two-way tables with totals.

Why: a table that leaves the computer must not let anyone single out a family. Cells with
1 .. ``minimum - 1`` cases are hidden (primary suppression). Because row and column totals are
published, one hidden cell in a row could be worked out by subtraction, so further cells are
hidden until every row and every column holds either no hidden cell or at least two, and the
hidden cells of a row are not all in columns that hide only that one cell (secondary
suppression, the classic "at least two per line" rule, choosing the smallest non-zero cells so
that little is lost). Totals below the minimum are hidden too; a table whose grand total is
below the minimum shows nothing but that it exists.

Zero cells are shown: "no need recorded" is what the analysis is for, and a zero is not a
family. The tests check with linear programming that no hidden cell is determined by what is
published.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

DEFAULT_MINIMUM = 3


@dataclass(frozen=True)
class SuppressedTable:
    """A table as published: ``None`` marks a hidden value."""

    rows: tuple[str, ...]
    columns: tuple[str, ...]
    cells: tuple[tuple[int | None, ...], ...]
    row_totals: tuple[int | None, ...]
    column_totals: tuple[int | None, ...]
    total: int | None
    minimum: int

    def hidden(self) -> int:
        return sum(value is None for line in self.cells for value in line)


def suppress(rows: Sequence[str], columns: Sequence[str], counts: Sequence[Sequence[int]],
             minimum: int = DEFAULT_MINIMUM) -> SuppressedTable:
    """Hide small values and enough others that none can be recovered from what is shown."""
    grid: list[list[int | None]] = [[int(value) for value in line] for line in counts]
    for line in grid:
        line.append(sum(value or 0 for value in line))
    grid.append([sum(grid[r][c] or 0 for r in range(len(rows)))
                 for c in range(len(columns) + 1)])
    return suppress_extended(rows, columns, grid, minimum)


def suppress_extended(rows: Sequence[str], columns: Sequence[str],
                      grid: Sequence[Sequence[int | None]],
                      minimum: int = DEFAULT_MINIMUM) -> SuppressedTable:
    """Suppression on a table already extended by its totals (an extra column of row
    totals, an extra row of column totals, the grand total in the corner); ``None`` marks a
    value that is hidden already (e.g. hidden by one of the centres a district merges).

    Every line of the extended table adds up, so every line must hide either nothing or at
    least two values.
    """
    if minimum < 1:
        raise ValueError("the minimum cell size is at least 1")
    n_rows, n_cols = len(rows), len(columns)
    size_r, size_c = n_rows + 1, n_cols + 1
    cells = [(r, c) for r in range(size_r) for c in range(size_c)]
    grand = grid[n_rows][n_cols]
    if grand is None or 0 < grand < minimum:  # too few cases: show only the zeros
        hidden = {(r, c) for r, c in cells if grid[r][c] != 0}
    else:
        hidden = {(r, c) for r, c in cells
                  if grid[r][c] is None or 0 < (grid[r][c] or 0) < minimum}
    while (lone := _lone_line(hidden, size_r, size_c)) is not None:
        kind, index = lone
        entries = ([(index, c) for c in range(size_c)] if kind == "row"
                   else [(r, index) for r in range(size_r)])
        candidates = [cell for cell in entries
                      if cell not in hidden and (grid[cell[0]][cell[1]] or 0) > 0]
        if not candidates:  # cannot happen for consistent totals; hide the whole line
            hidden |= set(entries)
            continue

        def crossing_hidden(cell: tuple[int, int], kind: str = kind,
                            hidden: set[tuple[int, int]] = hidden) -> bool:
            r, c = cell
            return any(other[1] == c if kind == "row" else other[0] == r
                       for other in hidden)

        # the smallest value, preferring one whose crossing line hides something already
        hidden.add(min(candidates, key=lambda cell: (not crossing_hidden(cell),
                                                     grid[cell[0]][cell[1]] or 0)))

    def shown(r: int, c: int) -> int | None:
        return None if (r, c) in hidden else grid[r][c]

    return SuppressedTable(
        rows=tuple(rows), columns=tuple(columns),
        cells=tuple(tuple(shown(r, c) for c in range(n_cols)) for r in range(n_rows)),
        row_totals=tuple(shown(r, n_cols) for r in range(n_rows)),
        column_totals=tuple(shown(n_rows, c) for c in range(n_cols)),
        total=shown(n_rows, n_cols),
        minimum=minimum,
    )


def _lone_line(hidden: set[tuple[int, int]], size_r: int,
               size_c: int) -> tuple[str, int] | None:
    """A row or column of the extended table that hides exactly one value, if any."""
    per_row = [0] * size_r
    per_col = [0] * size_c
    for r, c in hidden:
        per_row[r] += 1
        per_col[c] += 1
    for r, count in enumerate(per_row):
        if count == 1:
            return "row", r
    for c, count in enumerate(per_col):
        if count == 1:
            return "col", c
    return None
