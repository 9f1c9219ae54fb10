"""Page 2 of the visit report: the last four weeks, a day a line, as a monospaced table that
fits the page: it shrinks its type, wraps long factor names in their headers and keeps every
red-flag name whole. Factors it has no width for continue in tables of their own on the pages
after it, for the same days: every factor the diary holds is shown.
"""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from collections.abc import Callable, Sequence
from typing import Any, Protocol, TypeVar

from tracker.analysis.text import NONE_LOGGED_IS_ZERO, SUGGESTED
from tracker.core.formatting import report_date
from tracker.report.chart_text import MONO, SAFETY, line_height, text_width, wrap
from tracker.report.pdf_words import NOT_LOGGED, SUGGESTED_MARK

_MORE_FLAGS = re.compile(r"(^| )\+\d+$")  # how _flag_cell counts the names it had no room for
TABLE_SIZES = (8.5, 8.0, 7.5, 7.0, 6.5)  # points: the day-by-day table shrinks to fit before it splits
FLAG_MIN_CHARS = 12
FLAG_MAX_NAME = 26  # "hemifacial-spasm pattern" fits; anything longer may wrap inside its name
ROW_STEP = 0.2  # inches from one table line to the next, when the page has room
MIN_ROW_STEP = 1.25  # ... and at least this many times the font size, so lines never touch


class Page(Protocol):
    """The part of the report's page the table uses: a cursor going down an A4 figure."""

    paper_width: float  # inches
    margin: float  # inches, left and right
    body: float  # points: the page's text size

    def text(self, text: str, *, size: float = ..., weight: str = ..., color: str = ...) -> object: ...
    def space(self, inches: float) -> None: ...
    def axes(self, height: float, *, left: float, right: float) -> Any: ...
    def room(self) -> float: ...


PageT = TypeVar("PageT", bound=Page)  # the caller's own page class, handed back as such


def table_pages(
    new_page: Callable[[], PageT],
    header: list[str],
    rows: list[list[str]],
    *,
    coverage: str,
    last: dt.date,
    none_as_zero: Sequence[str] = (),
    reserve: float = 0.0,
) -> list[PageT]:
    """Page 2 and, when the factors do not fit its width, the pages after it: every factor is
    shown. The first table keeps the twitching and the red flags; the factors it has no width
    for continue in tables of their own for the same days, each with the date and episodes again,
    so a column can be read across without turning back. Returns the pages drawn on."""
    page = new_page()
    first = last - dt.timedelta(days=max(0, len(rows) - 1))
    dates = report_date(last) if first == last else f"{report_date(first, year=False)} to {report_date(last)}"
    page.text(f"Day by day, {dates}", size=13, weight="bold")
    lead = f"{coverage}. " if coverage else ""  # none: page 1 says it already
    zero = f"{', '.join(none_as_zero)}: {NONE_LOGGED_IS_ZERO} on a day with twitches answered; " if none_as_zero else ""
    page.text(
        f"{lead}“not logged” = no entry that day; “{NOT_LOGGED}” = value not logged; {zero}"
        f"“{SUGGESTED_MARK}” = red flag {SUGGESTED}, not logged.",
        color="#333333",
    )
    page.space(0.1)
    width = page.paper_width - 2 * page.margin - 0.04
    # A long factor name takes two lines of its header rather than a wide, mostly empty column.
    header = [_header_cell(cell, [row[index] for row in rows]) if 4 <= index < len(header) - 1 else cell
              for index, cell in enumerate(header)]  # fmt: skip
    # The red-flag column is at least as wide as its longest name, so no name is ever cut.
    names = [name for row in rows for name in row[-1].split(", ")]
    flag_min = max([FLAG_MIN_CHARS, *(min(len(name), FLAG_MAX_NAME) for name in names)])
    size, groups = _split_columns(header, rows, width, flag_min=flag_min)
    kinds = ["flagged" if row[-1] else "untracked" if row[1] == "not logged" else "row" for row in rows]
    main = _Table(header, rows, groups[0], kinds, size=size, width=width, flag_min=flag_min)
    later = [_Table(header, rows, group, kinds, size=size, width=width) for group in groups[1:]]
    moved = [_factor_name(header[index]) for table in later for index in table.columns[2:]]
    below = []
    if any(_MORE_FLAGS.search(cells[-1]) for cells, _ in main.lines):
        below.append("“+N”: N more red flags that day, each named in daily.csv.")
    if moved:
        below.append(f"{len(moved)} more factors for these days are in the tables that follow: {', '.join(moved)}.")
    below_lines = sum(len(wrap(line, width=width, size=page.body)) for line in below)
    main.draw(page, room=page.room() - reserve - (1 + below_lines) * line_height(page.body))
    for line in below:
        page.text(line, color="#333333")
    page.space(0.05)
    pages = [page]

    def room(page: PageT) -> float:  # page 2 keeps `reserve` for the chart drawn after its tables
        return page.room() - (reserve if page is pages[0] else 0.0)

    while later:
        # The tables that follow start on this page when the first fits in what is left (a short
        # range leaves most of page 2 empty); else on a new page.
        if later[0].least(page) > room(page):
            page = new_page()
            pages.append(page)
        # As many tables as fit at their closest line spacing share the page evenly.
        count = 1
        while count < len(later) and sum(table.least(page) for table in later[: count + 1]) <= room(page):
            count += 1
        for number, table in enumerate(later[:count]):
            share = room(page) / (count - number)
            count_here = len(table.columns) - 2
            page.text(f"Day by day, {dates}, continued: {count_here} more factors", size=11, weight="bold")
            table.draw(page, room=share - table.title_height(page))
            page.space(0.15)
        later = later[count:]
    return pages


class _Table:
    """Some of the day table's columns (indexes into the header), laid out as monospaced lines."""

    def __init__(
        self,
        header: list[str],
        rows: list[list[str]],
        columns: list[int],
        kinds: list[str],
        *,
        size: float,
        width: float,
        flag_min: int | None = None,
    ) -> None:
        self.columns, self.size, self.flagged = columns, size, flag_min is not None
        header = [header[index] for index in columns]
        rows = [[row[index] for index in columns] for row in rows]
        self.widths = _column_widths(header, rows)
        if flag_min is not None:
            # The red-flag column takes the room the others leave, and wraps within it (two lines at most).
            spare = int(width * 72 / (size * _mono_em())) - sum(self.widths[:-1]) - 2 * (len(self.widths) - 1)
            self.widths[-1] = max(flag_min, min(self.widths[-1], spare))
        titles = [cell.split("\n") for cell in header]
        self.heading_lines = max(len(title) for title in titles)
        self.lines: list[tuple[list[str], str]] = [
            ([(title + [""] * self.heading_lines)[line] for title in titles], "header")
            for line in range(self.heading_lines)
        ]
        for row, kind in zip(rows, kinds, strict=True):
            if not self.flagged:
                self.lines.append((row, kind))
                continue
            flag_lines = _flag_cell(row[-1], self.widths[-1])
            self.lines.append(([*row[:-1], flag_lines[0]], kind))
            self.lines += [([""] * (len(row) - 1) + [more], kind) for more in flag_lines[1:]]

    def title_height(self, page: Page) -> float:
        """A continuation's one-line title (11 pt) and the space under the table."""
        return line_height(11) + 0.15

    def least(self, page: Page) -> float:
        """The least height the table takes, title included, inches."""
        return len(self.lines) * MIN_ROW_STEP * self.size / 72 + self.title_height(page)

    def draw(self, page: Page, *, room: float) -> None:
        lines, widths, size = self.lines, self.widths, self.size
        step = max(MIN_ROW_STEP * size / 72, min(ROW_STEP, room / max(1, len(lines))))
        ax = page.axes(step * len(lines), left=page.margin, right=page.margin)
        ax.set_axis_off()
        ax.set_xlim(0, 1)
        ax.set_ylim(-len(lines) * step, 0)
        shading = {"header": "#EEEEEE", "untracked": "#EEEEEE", "flagged": "#FBE9E0"}
        for number, (cells, kind) in enumerate(lines):
            y = -(number + 0.5) * step
            if kind in shading:
                ax.axhspan(y - step / 2, y + step / 2, color=shading[kind], linewidth=0)
            aligned = [cells[0].ljust(widths[0])]
            if self.flagged:
                aligned += [cell.center(width) for cell, width in zip(cells[1:-1], widths[1:-1], strict=True)]
                aligned.append(cells[-1].ljust(widths[-1]) if kind != "header" else cells[-1].center(widths[-1]))
            else:
                aligned += [cell.center(width) for cell, width in zip(cells[1:], widths[1:], strict=True)]
            ax.text(0.005, y, "  ".join(aligned).rstrip(), family=MONO, fontsize=size, va="center",
                    color="#555555" if kind == "untracked" else "black",
                    fontweight="bold" if kind in ("flagged", "header") else "normal")  # fmt: skip
        ax.axhline(-self.heading_lines * step, color="#888888", linewidth=0.8)


def _flag_cell(text: str, width: int) -> list[str]:
    """A day's red flags in at most two lines of `width` characters, whole names only: the
    names that do not fit are counted ("+2"), and all of them are on page 1 and in daily.csv."""
    names = [name for name in text.split(", ") if name]
    for count in range(len(names), 0, -1):
        more = f" +{len(names) - count}" if count < len(names) else ""
        lines = textwrap.wrap(", ".join(names[:count]) + more, width, break_long_words=False)
        if len(lines) <= 2 and all(len(line) <= width for line in lines):
            return lines
    # One name longer than the cell: its whole words that fit, never a word cut in two.
    return [textwrap.shorten(names[0], width, placeholder="…")] if names else [""]


def _header_cell(cell: str, values: list[str]) -> str:
    """A factor's column title ("Name\n(unit)") with the name wrapped to the column's values."""
    name, _, unit = cell.partition("\n")
    width = max(9, len(unit), *(len(value) for value in values))
    return "\n".join([*textwrap.wrap(name, width, break_long_words=False), *([unit] if unit else [])])


def _split_columns(
    header: list[str], rows: list[list[str]], width: float, *, flag_min: int
) -> tuple[float, list[list[int]]]:
    """The font size and the column groups (indexes into the header) of the day tables.

    One table at the largest size at which it fits `width` inches. When even the smallest size
    is too narrow, the table is split: the first keeps the date, the twitching, the factors
    that fit and the red flags; each following one the date, episodes and the next factors.
    The size is then the largest that needs no more tables than the smallest would: as few
    pages as can be, in type as large as they allow."""
    widths = _column_widths(header, rows)
    flag, factors = len(header) - 1, list(range(4, len(header) - 1))

    def fits(columns: list[int], size: float) -> bool:
        chars = sum(widths[index] for index in columns if index != flag) + 2 * (len(columns) - 1)
        chars += flag_min if flag in columns else 0
        return chars * size * _mono_em() / 72 <= width

    for size in TABLE_SIZES:
        if fits(list(range(len(header))), size):
            return size, [list(range(len(header)))]
    best: tuple[float, list[list[int]]] | None = None
    for size in TABLE_SIZES:
        groups, left = [[0, 1, 2, 3]], list(factors)
        while left and fits([*groups[0], left[0], flag], size):
            groups[0].append(left.pop(0))
        groups[0].append(flag)
        while left:
            group = [0, 1, left.pop(0)]  # at least one factor a table, however wide
            while left and fits([*group, left[0]], size):
                group.append(left.pop(0))
            groups.append(group)
        if best is None or len(groups) < len(best[1]):
            best = size, groups
    assert best is not None
    return best


def _factor_name(cell: str) -> str:
    """A factor's name as its column title reads, without the "(unit)" line."""
    return " ".join(part for part in cell.split("\n") if not part.startswith("(")).lower()


def _column_widths(header: list[str], rows: list[list[str]]) -> list[int]:
    """Each column's widest line, in characters."""
    columns = zip(header, *rows, strict=True)
    return [max(len(part) for cell in column for part in cell.split("\n")) for column in columns]


def _mono_em() -> float:
    """The advance of one DejaVu Sans Mono character, in ems (the same for every character),
    with 1% to spare: a monospaced line is as wide as its characters, no hinting guesswork."""
    return text_width("0", size=72, family=MONO) / SAFETY * 1.01
