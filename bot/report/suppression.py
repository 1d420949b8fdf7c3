"""Small-count suppression: no published number lets anyone single out a few children.

A cell under k (the threshold, default 10, never below 5) is shown as "<k" (primary suppression).
Hiding it is not enough when a total is shown next to it: total minus the other cells gives it back.
So every total is modelled as an equation ("these cells add up to that cell"), and more cells are
hidden (complementary suppression) until no hidden value can be worked out from what is shown:

1. a line (row, column, group) with exactly one hidden member gives it away by subtraction: hide the
   smallest shown cell of that line too (the rule statistical offices use);
2. several lines together can still pin a value down (a hidden cell that is the only link between
   two blocks of hidden cells): the whole system of equations is solved exactly, with fractions,
   and a hidden value that it determines gets another cell hidden beside it. Repeat until stable.

What remains: bounds. A reader knows a "<k" cell is between 0 and k−1 and that a complementary
cell is at least k, so a hidden value can sometimes be narrowed to a range; it cannot be computed.
The functions here are pure (lists of numbers in, a status per cell out) so they are tested on
their own, including property tests that try to recover hidden values.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

MIN_K = 5
DEFAULT_K = 10
LOOKAHEAD = 24  # candidates tried per complementary cell chosen by rule 2


class Status(StrEnum):
    """How one number is published."""

    SHOWN = "shown"
    SMALL = "small"  # under k: shown as "<k"
    HIDDEN = "hidden"  # not small, hidden so that a small one cannot be recovered


@dataclass(frozen=True, slots=True)
class Line:
    """An equation the reader can see: the cells `members` add up to the cell `total`."""

    members: tuple[int, ...]
    total: int


def check_k(k: int) -> int:
    """k itself, or ValueError when it is below the floor the issue sets."""
    if k < MIN_K:
        raise ValueError(f"the small-count threshold must be at least {MIN_K}, not {k}")
    return k


def protect(
    values: Sequence[int],
    lines: Sequence[Line],
    k: int = DEFAULT_K,
    unpublished: Collection[int] = (),
    keep: Collection[int] = (),
) -> tuple[Status, ...]:
    """The status of every cell after primary and complementary suppression.

    Args:
        values: every count in the equations (cells and totals alike), non-negative.
        lines: the sums the reader sees; each total must equal the sum of its members.
        k: cells under k are small.
        unpublished: cells that take part in a sum but are never printed themselves (a subtotal
            only used inside a share). The reader does not know them, so they count as hidden;
            they are protected only when small.
        keep: cells readers need most (a target's share): hidden as complements only when no
            other cell will do.

    Raises:
        ValueError: k below 5, a negative count, or a line whose total is not the sum of its members.
    """
    check_k(k)
    if any(v < 0 for v in values):
        raise ValueError("counts cannot be negative")
    for line in lines:
        if sum(values[m] for m in line.members) != values[line.total]:
            raise ValueError(f"line {line} does not add up")
    status = [
        Status.SMALL if v < k else Status.HIDDEN if i in unpublished else Status.SHOWN for i, v in enumerate(values)
    ]
    cost = _Cost(values, {line.total for line in lines}, set(keep))
    harmless = {i for i in unpublished if values[i] >= k}
    while True:
        if _hide_lonely(lines, status, cost, harmless):
            continue
        pinned = determined(lines, [i for i, s in enumerate(status) if s is not Status.SHOWN]) - harmless
        if not pinned or not _hide_beside(lines, status, cost, harmless, min(pinned)):
            return tuple(status)


@dataclass(frozen=True)
class _Cost:
    """Which cell is cheapest to hide: not one to keep, an inner cell before a total, the smallest."""

    values: Sequence[int]
    totals: set[int]
    keep: set[int]

    def __call__(self, cell: int) -> tuple[bool, bool, int, int]:
        return (cell in self.keep, cell in self.totals, self.values[cell], cell)


def _candidate(cells: Sequence[int], status: list[Status], cost: _Cost) -> int | None:
    """The cheapest shown cell among `cells`."""
    shown = [c for c in cells if status[c] is Status.SHOWN]
    return min(shown, key=cost) if shown else None


def _hide_lonely(lines: Sequence[Line], status: list[Status], cost: _Cost, harmless: set[int]) -> bool:
    """Rule 1: a line with exactly one hidden member gets a second one. True if anything changed."""
    changed = False
    for line in lines:
        cells = (*line.members, line.total)
        hidden = [c for c in cells if status[c] is not Status.SHOWN]
        if len(hidden) == 1 and hidden[0] not in harmless:
            chosen = _candidate(cells, status, cost)
            if chosen is not None:
                status[chosen] = Status.HIDDEN
                changed = True
    return changed


def _hide_beside(lines: Sequence[Line], status: list[Status], cost: _Cost, harmless: set[int], cell: int) -> bool:
    """Rule 2: hide the shown cell near `cell` that leaves the fewest values determined.

    Candidates are the shown cells of the lines through `cell` and of the lines those lines share
    a hidden cell with; each is tried (at most LOOKAHEAD of them, cheapest first) and the one that
    leaves the fewest sensitive values determined wins (cells to keep last, the cheapest on a tie).
    Only when nothing near is left to hide does any shown cell of any line do.
    """

    def cells_of(line: Line) -> tuple[int, ...]:
        return (*line.members, line.total)

    near_lines = [line for line in lines if cell in cells_of(line)]
    unknown_near = {c for line in near_lines for c in cells_of(line) if status[c] is not Status.SHOWN}
    around = [line for line in lines if unknown_near & set(cells_of(line))]
    candidates = sorted(
        {c for line in [*near_lines, *around] for c in cells_of(line) if status[c] is Status.SHOWN},
        key=cost,
    )[:LOOKAHEAD]
    if not candidates:
        fallback = _candidate([c for line in lines for c in cells_of(line)], status, cost)
        if fallback is None:
            return False
        status[fallback] = Status.HIDDEN
        return True

    def left_pinned(candidate: int) -> int:
        unknown = [i for i, s in enumerate(status) if s is not Status.SHOWN or i == candidate]
        return len(determined(lines, unknown) - harmless)

    best = min(candidates, key=lambda c: (c in cost.keep, left_pinned(c), cost(c)))
    status[best] = Status.HIDDEN
    return True


def determined(lines: Sequence[Line], unknown: Sequence[int]) -> set[int]:
    """The unknown cells whose value follows from the lines and the known cells.

    Each line is the equation sum(members) − total = 0; known cells are constants. An unknown is
    determined when every solution of the homogeneous system is zero there: it is a pivot of the
    reduced row echelon form whose row has no free variable.
    """
    column = {cell: j for j, cell in enumerate(unknown)}
    rows: list[list[Fraction]] = []
    for line in lines:
        row = [Fraction(0)] * len(unknown)
        for cell in line.members:
            if cell in column:
                row[column[cell]] += 1
        if line.total in column:
            row[column[line.total]] -= 1
        if any(row):
            rows.append(row)
    pivots = _reduce(rows, len(unknown))
    free = [j for j in range(len(unknown)) if j not in pivots]
    return {unknown[j] for j, r in pivots.items() if all(rows[r][f] == 0 for f in free)}


def _reduce(rows: list[list[Fraction]], width: int) -> dict[int, int]:
    """Reduce `rows` in place to reduced row echelon form; returns pivot column → row."""
    pivots: dict[int, int] = {}
    top = 0
    for j in range(width):
        found = next((r for r in range(top, len(rows)) if rows[r][j] != 0), None)
        if found is None:
            continue
        rows[top], rows[found] = rows[found], rows[top]
        lead = rows[top][j]
        rows[top] = [x / lead for x in rows[top]]
        for r in range(len(rows)):
            if r != top and rows[r][j] != 0:
                factor = rows[r][j]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[top], strict=True)]
        pivots[j] = top
        top += 1
        if top == len(rows):
            break
    return pivots


# ---------------------------------------------------------------------------- common table shapes
@dataclass(frozen=True)
class ProtectedList:
    """A column of counts with its total, after suppression."""

    values: tuple[int, ...]
    status: tuple[Status, ...]
    total: int
    total_status: Status


def protect_list(values: Sequence[int], k: int = DEFAULT_K) -> ProtectedList:
    """A list of counts shown with their total (one line)."""
    cells = [*values, sum(values)]
    status = protect(cells, [Line(tuple(range(len(values))), len(values))], k)
    return ProtectedList(tuple(values), status[:-1], cells[-1], status[-1])


@dataclass(frozen=True)
class ProtectedGrid:
    """A two-way table with row totals, column totals and the grand total, after suppression."""

    cells: tuple[tuple[int, ...], ...]
    status: tuple[tuple[Status, ...], ...]
    row_totals: tuple[int, ...]
    row_status: tuple[Status, ...]
    column_totals: tuple[int, ...]
    column_status: tuple[Status, ...]
    grand_total: int
    grand_status: Status


def protect_grid(cells: Sequence[Sequence[int]], k: int = DEFAULT_K) -> ProtectedGrid:
    """A grid shown with every row total, every column total and the grand total."""
    n_rows = len(cells)
    n_cols = len(cells[0]) if cells else 0
    if any(len(row) != n_cols for row in cells):
        raise ValueError("every row needs the same number of cells")
    flat = [v for row in cells for v in row]
    row_totals = [sum(row) for row in cells]
    column_totals = [sum(row[j] for row in cells) for j in range(n_cols)]
    grand = sum(flat)
    values = [*flat, *row_totals, *column_totals, grand]
    row_at = len(flat)
    col_at = row_at + n_rows
    grand_at = col_at + n_cols
    lines = [Line(tuple(i * n_cols + j for j in range(n_cols)), row_at + i) for i in range(n_rows)]
    lines += [Line(tuple(i * n_cols + j for i in range(n_rows)), col_at + j) for j in range(n_cols)]
    lines.append(Line(tuple(range(row_at, col_at)), grand_at))
    lines.append(Line(tuple(range(col_at, grand_at)), grand_at))
    status = protect(values, lines, k)
    return ProtectedGrid(
        cells=tuple(tuple(row) for row in cells),
        status=tuple(tuple(status[i * n_cols : (i + 1) * n_cols]) for i in range(n_rows)),
        row_totals=tuple(row_totals),
        row_status=status[row_at:col_at],
        column_totals=tuple(column_totals),
        column_status=status[col_at:grand_at],
        grand_total=grand,
        grand_status=status[grand_at],
    )


@dataclass(frozen=True)
class ProtectedGroups:
    """Counts in groups (occupations in sectors), with group totals and the grand total."""

    values: tuple[int, ...]
    status: tuple[Status, ...]
    group_totals: tuple[int, ...]
    group_status: tuple[Status, ...]
    grand_total: int
    grand_status: Status


def protect_groups(values: Sequence[int], groups: Sequence[int], n_groups: int, k: int = DEFAULT_K) -> ProtectedGroups:
    """Counts whose group sums and grand total are shown too (`groups[i]` is the group of value i)."""
    group_totals = [sum(v for v, g in zip(values, groups, strict=True) if g == n) for n in range(n_groups)]
    grand = sum(values)
    cells = [*values, *group_totals, grand]
    first_group = len(values)
    lines = [
        Line(tuple(i for i, g in enumerate(groups) if g == n), first_group + n)
        for n in range(n_groups)
        if any(g == n for g in groups)
    ]
    lines.append(Line(tuple(range(first_group, first_group + n_groups)), len(cells) - 1))
    status = protect(cells, lines, k)
    return ProtectedGroups(
        values=tuple(values),
        status=status[:first_group],
        group_totals=tuple(group_totals),
        group_status=status[first_group:-1],
        grand_total=grand,
        grand_status=status[-1],
    )
