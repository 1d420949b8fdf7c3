"""Small-count suppression: small cells show as "<k", and no hidden value comes back from the totals.

The attacker in these tests knows everything a reader of the report knows (every shown cell, every
total, which cells add up to which) and tries two things: subtracting along one row or column at a
time, repeatedly (what anyone with a calculator does), and solving all the equations at once (linear
algebra, checked with numpy's rank, independently of the fractions the code itself uses).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.report.suppression import (
    MIN_K,
    Line,
    Status,
    determined,
    protect,
    protect_grid,
    protect_groups,
    protect_list,
)

# Counts as a small class or campaign produces them: many under 10, some large, some zeros.
counts = st.one_of(st.integers(0, 12), st.integers(10, 40), st.integers(40, 400))
thresholds = st.integers(MIN_K, 12)


def by_subtraction(values: Sequence[int], status: Sequence[Status], lines: Sequence[Line]) -> set[int]:
    """Every hidden cell a reader recovers by subtracting along lines, again and again."""
    known = {i for i, s in enumerate(status) if s is Status.SHOWN}
    recovered: set[int] = set()
    progress = True
    while progress:
        progress = False
        for line in lines:
            cells = (*line.members, line.total)
            unknown = [c for c in cells if c not in known]
            if len(unknown) == 1:
                known.add(unknown[0])
                recovered.add(unknown[0])
                progress = True
    return recovered


def by_algebra(status: Sequence[Status], lines: Sequence[Line]) -> set[int]:
    """Every hidden cell the whole system of equations pins down: e_j lies in the row space."""
    unknown = [i for i, s in enumerate(status) if s is not Status.SHOWN]
    if not unknown or not lines:
        return set()
    column = {cell: j for j, cell in enumerate(unknown)}
    matrix = np.zeros((len(lines), len(unknown)))
    for r, line in enumerate(lines):
        for cell in line.members:
            if cell in column:
                matrix[r, column[cell]] += 1
        if line.total in column:
            matrix[r, column[line.total]] -= 1
    rank = np.linalg.matrix_rank(matrix)
    pinned = set()
    for cell, j in column.items():
        unit = np.zeros((1, len(unknown)))
        unit[0, j] = 1
        if np.linalg.matrix_rank(np.vstack([matrix, unit])) == rank:
            pinned.add(cell)
    return pinned


def grid_lines(n_rows: int, n_cols: int) -> list[Line]:
    """The lines of protect_grid's layout: cells, row totals, column totals, grand total."""
    row_at = n_rows * n_cols
    col_at = row_at + n_rows
    grand = col_at + n_cols
    lines = [Line(tuple(i * n_cols + j for j in range(n_cols)), row_at + i) for i in range(n_rows)]
    lines += [Line(tuple(i * n_cols + j for i in range(n_rows)), col_at + j) for j in range(n_cols)]
    lines += [Line(tuple(range(row_at, col_at)), grand), Line(tuple(range(col_at, grand)), grand)]
    return lines


def assert_protected(values: Sequence[int], status: Sequence[Status], lines: Sequence[Line], k: int) -> None:
    for value, s in zip(values, status, strict=True):
        assert (s is Status.SMALL) == (value < k), "exactly the cells under k are shown as <k"
        if s is Status.HIDDEN:
            assert value >= k, "a complementary cell is never itself small"
    hidden = {i for i, s in enumerate(status) if s is not Status.SHOWN}
    assert not by_subtraction(values, status, lines) & hidden
    assert not by_algebra(status, lines) & hidden


# ------------------------------------------------------------------------------------ examples
def test_a_small_cell_beside_a_total_takes_the_next_smallest_with_it() -> None:
    protected = protect_list([5, 50, 60, 12], k=10)
    assert protected.status == (Status.SMALL, Status.SHOWN, Status.SHOWN, Status.HIDDEN)
    assert protected.total == 127
    assert protected.total_status is Status.SHOWN


def test_nothing_is_hidden_when_every_count_is_large() -> None:
    grid = protect_grid([[10, 20], [30, 40]], k=10)
    assert {s for row in grid.status for s in row} == {Status.SHOWN}
    assert grid.row_totals == (30, 70)
    assert grid.column_totals == (40, 60)
    assert grid.grand_total == 100


def test_two_small_cells_in_a_line_protect_each_other() -> None:
    protected = protect_list([3, 4, 50], k=10)
    assert protected.status == (Status.SMALL, Status.SMALL, Status.SHOWN)


def test_a_row_and_a_column_each_get_a_complement() -> None:
    cells = [[3, 40, 50], [60, 70, 80], [90, 100, 110]]
    grid = protect_grid(cells, k=10)
    assert grid.status[0][0] is Status.SMALL
    hidden = [(i, j) for i in range(3) for j in range(3) if grid.status[i][j] is Status.HIDDEN]
    assert (0, 1) in hidden, "the next smallest in the small cell's row"
    assert (1, 0) in hidden, "the next smallest in the small cell's column"
    values = [v for row in cells for v in row] + list(grid.row_totals) + list(grid.column_totals) + [grid.grand_total]
    status = (
        [s for row in grid.status for s in row] + list(grid.row_status) + list(grid.column_status) + [grid.grand_status]
    )
    assert_protected(values, status, grid_lines(3, 3), 10)


def test_subtraction_along_two_lines_is_blocked_too() -> None:
    # Streams of a survey (a…f), their total T, and a subtotal S = b + c + d that a share reveals.
    # Line by line, hiding d beside the small b looks enough; but (T − a − c − f) − (S − c) gives e.
    values = [80, 0, 45, 40, 0, 36, 201, 85]
    lines = [Line((0, 1, 2, 3, 4, 5), 6), Line((1, 2, 3), 7)]
    status = protect(values, lines, k=10)
    assert_protected(values, status, lines, 10)


def test_cells_to_keep_are_hidden_last() -> None:
    values = [80, 0, 45, 40, 0, 36, 201, 85]
    lines = [Line((0, 1, 2, 3, 4, 5), 6), Line((1, 2, 3), 7)]
    status = protect(values, lines, k=10, keep={6, 7})
    assert status[6] is Status.SHOWN
    assert status[7] is Status.SHOWN
    assert_protected(values, status, lines, 10)


def test_an_unpublished_subtotal_is_unknown_to_the_reader() -> None:
    # a + b + c = T is printed, b + c = S is not: the small b needs a complement on T's line only.
    values = [50, 3, 60, 113, 63]
    lines = [Line((0, 1, 2), 3), Line((1, 2), 4)]
    status = protect(values, lines, k=10, unpublished={4})
    assert status[:4] == (Status.HIDDEN, Status.SMALL, Status.SHOWN, Status.SHOWN)
    printed = protect(values, lines, k=10)  # the same, with S printed: c must go too
    assert printed[:4] == (Status.HIDDEN, Status.SMALL, Status.HIDDEN, Status.SHOWN)


def test_groups_protect_across_the_two_tables() -> None:
    # Occupations in sectors: a sector with one viewed occupation shows the same number twice.
    protected = protect_groups([30, 12, 3], groups=[0, 1, 2], n_groups=3, k=10)
    assert protected.status[2] is Status.SMALL
    assert protected.group_status[2] is Status.SMALL
    hidden_pairs = [(protected.status[n], protected.group_status[n]) for n in range(3)]
    assert all((a is Status.SHOWN) == (b is Status.SHOWN) for a, b in hidden_pairs), "a group of one hides alike"
    assert protected.grand_status is Status.SHOWN


def test_determined_finds_values_pinned_by_several_equations() -> None:
    # x + y, y + z and x + z all shown: each of x, y, z follows, though every line has two unknowns.
    lines = [Line((0, 1), 3), Line((1, 2), 4), Line((0, 2), 5)]
    assert determined(lines, [0, 1, 2]) == {0, 1, 2}
    assert determined(lines[:2], [0, 1, 2]) == set()


@pytest.mark.parametrize("k", [0, 1, 4])
def test_a_threshold_below_five_is_refused(k: int) -> None:
    with pytest.raises(ValueError, match="at least 5"):
        protect_list([1, 2, 3], k=k)


def test_a_total_that_does_not_add_up_is_refused() -> None:
    with pytest.raises(ValueError, match="does not add up"):
        protect([1, 2, 4], [Line((0, 1), 2)])


def test_negative_counts_are_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        protect_list([-1, 20])


# ---------------------------------------------------------------------------------- properties
@settings(max_examples=150, deadline=None)
@given(st.lists(counts, min_size=1, max_size=30), thresholds)
def test_no_hidden_value_in_a_list_comes_back(values: list[int], k: int) -> None:
    protected = protect_list(values, k)
    lines = [Line(tuple(range(len(values))), len(values))]
    assert_protected([*values, protected.total], [*protected.status, protected.total_status], lines, k)


@settings(max_examples=150, deadline=None)
@given(
    st.integers(1, 6).flatmap(lambda rows: st.integers(1, 6).flatmap(
        lambda cols: st.lists(st.lists(counts, min_size=cols, max_size=cols), min_size=rows, max_size=rows)
    )),
    thresholds,
)  # fmt: skip
def test_no_hidden_value_in_a_grid_comes_back(cells: list[list[int]], k: int) -> None:
    grid = protect_grid(cells, k)
    n_rows, n_cols = len(cells), len(cells[0])
    values = [v for row in cells for v in row] + list(grid.row_totals) + list(grid.column_totals) + [grid.grand_total]
    status = (
        [s for row in grid.status for s in row] + list(grid.row_status) + list(grid.column_status) + [grid.grand_status]
    )
    assert_protected(values, status, grid_lines(n_rows, n_cols), k)
    assert grid.row_totals == tuple(sum(row) for row in cells)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.tuples(counts, st.integers(0, 4)), min_size=1, max_size=25),
    thresholds,
)
def test_no_hidden_value_in_groups_comes_back(pairs: list[tuple[int, int]], k: int) -> None:
    values = [v for v, _ in pairs]
    groups = [g for _, g in pairs]
    protected = protect_groups(values, groups, 5, k)
    cells = [*values, *protected.group_totals, protected.grand_total]
    status = [*protected.status, *protected.group_status, protected.grand_status]
    lines = [Line(tuple(i for i, g in enumerate(groups) if g == n), len(values) + n) for n in range(5) if n in groups]
    lines.append(Line(tuple(range(len(values), len(values) + 5)), len(cells) - 1))
    assert_protected(cells, status, lines, k)
