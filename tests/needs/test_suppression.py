"""Minimum cell size with secondary suppression: nothing small is shown, and no hidden value
can be worked out from what is published (checked by linear programming)."""

from __future__ import annotations

import random

import numpy as np
import pytest
from scipy.optimize import linprog

from coesfeld_desktop.needs.suppression import SuppressedTable, suppress, suppress_extended


def _bounds_of_hidden(table: SuppressedTable) -> list[tuple[float, float]]:
    """For every hidden value of the extended table: the smallest and largest value it can
    take, given every shown value and that all lines add up (values >= 0)."""
    n_r, n_c = len(table.rows), len(table.columns)
    grid = [[*line, total] for line, total in zip(table.cells, table.row_totals, strict=True)]
    grid.append([*table.column_totals, table.total])
    unknown = [(r, c) for r in range(n_r + 1) for c in range(n_c + 1) if grid[r][c] is None]
    if not unknown:
        return []
    index = {cell: i for i, cell in enumerate(unknown)}
    equations, values = [], []
    lines = [[(r, c) for c in range(n_c + 1)] for r in range(n_r + 1)]
    lines += [[(r, c) for r in range(n_r + 1)] for c in range(n_c + 1)]
    for line in lines:
        *cells, total = line
        row = np.zeros(len(unknown))
        constant = 0.0
        for cell in cells:
            if cell in index:
                row[index[cell]] += 1
            else:
                constant += grid[cell[0]][cell[1]]
        if total in index:
            row[index[total]] -= 1
        else:
            constant -= grid[total[0]][total[1]]
        if row.any():
            equations.append(row)
            values.append(-constant)
    bounds = []
    for i in range(len(unknown)):
        objective = np.zeros(len(unknown))
        objective[i] = 1
        low = linprog(objective, A_eq=np.array(equations), b_eq=np.array(values),
                      bounds=[(0, None)] * len(unknown), method="highs")
        high = linprog(-objective, A_eq=np.array(equations), b_eq=np.array(values),
                       bounds=[(0, None)] * len(unknown), method="highs")
        assert low.status == 0 and high.status in (0, 3)  # 3: unbounded above is fine
        bounds.append((low.fun, float("inf") if high.status == 3 else -high.fun))
    return bounds


def _check(table: SuppressedTable, counts: list[list[int]]) -> None:
    shown = [v for line in table.cells for v in line] + list(table.row_totals) + list(
        table.column_totals) + [table.total]
    assert all(v is None or v == 0 or v >= table.minimum for v in shown)
    for r, line in enumerate(table.cells):  # what is shown is true
        for c, value in enumerate(line):
            assert value is None or value == counts[r][c]
    for low, high in _bounds_of_hidden(table):
        assert high - low >= 1, (low, high, table)  # never pinned down to one value


def test_small_cells_are_hidden_with_complements_in_every_line() -> None:
    counts = [[5, 1, 7], [4, 6, 8], [0, 9, 3]]
    table = suppress(["a", "b", "c"], ["x", "y", "z"], counts)
    assert table.cells[0][1] is None  # the 1
    assert table.hidden() >= 3  # and complements in its row and column
    _check(table, counts)


def test_a_table_with_too_few_cases_shows_only_zeros() -> None:
    table = suppress(["a", "b"], ["x", "y"], [[1, 0], [0, 1]])
    assert table.total is None and table.cells == ((None, 0), (0, None))


def test_zero_cells_and_large_cells_stay_visible() -> None:
    counts = [[10, 0], [0, 12]]
    table = suppress(["a", "b"], ["x", "y"], counts)
    assert table.cells == ((10, 0), (0, 12)) and table.total == 22


@pytest.mark.parametrize("seed", range(60))
def test_random_tables_never_reveal_a_hidden_value(seed: int) -> None:
    rng = random.Random(seed)
    n_rows, n_cols = rng.randint(1, 7), rng.randint(1, 6)
    counts = [[rng.choice([0, 0, 1, 1, 2, 3, 4, 5, 8, 13]) for _ in range(n_cols)]
              for _ in range(n_rows)]
    minimum = rng.choice([2, 3, 5])
    _check(suppress([str(r) for r in range(n_rows)], [str(c) for c in range(n_cols)], counts,
                    minimum), counts)


def test_values_hidden_before_merging_stay_hidden_and_get_complements() -> None:
    grid: list[list[int | None]] = [[None, 7, 9], [6, 8, 14], [10, 15, 23]]
    table = suppress_extended(["a", "b"], ["x", "y"], grid)
    assert table.cells[0][0] is None
    assert sum(v is None for v in (*table.cells[0], table.row_totals[0])) >= 2
