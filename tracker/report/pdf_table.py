"""Page 2 of the visit report: the last four weeks, a day a line, as a monospaced table that
fits the page: it shrinks its type, wraps long factor names in their headers, keeps every
red-flag name whole, and leaves out (and names) columns only when nothing else will do.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Callable
from typing import Any, Protocol

from tracker.analysis.text import SUGGESTED
from tracker.report.chart_text import MONO, SAFETY, line_height, text_width
from tracker.report.wording import NOT_LOGGED, SUGGESTED_MARK

TABLE_SIZES = (8.5, 8.0, 7.5, 7.0, 6.5)  # points: the day-by-day table shrinks to fit before it drops columns
FLAG_MIN_CHARS = 12
FLAG_MAX_NAME = 26  # "hemifacial-spasm pattern" fits; anything longer may wrap inside its name
ROW_STEP = 0.2  # inches from one table line to the next, when the page has room
MIN_ROW_STEP = 1.25  # ... and at least this many times the font size, so lines never touch


class Page(Protocol):
    """The part of the report's page the table uses: a cursor going down an A4 figure."""

    paper_width: float  # inches
    margin: float  # inches, left and right
    body: float  # points: the page's text size

    def text(self, text: str, *, size: float = ..., weight: str = ..., color: str = ...) -> None: ...
    def space(self, inches: float) -> None: ...
    def axes(self, height: float, *, left: float, right: float) -> Any: ...
    def room(self) -> float: ...


def table_page(
    new_page: Callable[[], Page],
    header: list[str],
    rows: list[list[str]],
    *,
    coverage: str,
    last: dt.date,
    reserve: float = 0.0,
) -> Page:
    """Page 2: one monospaced line of text per table line, so columns line up; drawing a
    few dozen texts costs a fraction of matplotlib's Table (a Text and a Rectangle per cell)."""
    page = new_page()
    first = last - dt.timedelta(days=max(0, len(rows) - 1))
    page.text(f"Day by day, {first:%d %b} to {last:%d %b %Y}", size=13, weight="bold")
    page.text(
        f"{coverage}. “not logged” = no entry that day; “{NOT_LOGGED}” = value not logged; "
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
    size, header, rows, dropped = _fit_columns(header, rows, width, flag_min=flag_min)
    widths = _column_widths(header, rows)
    # The red-flag column takes the room the others leave, and wraps within it (two lines at most).
    spare = int(width * 72 / (size * _mono_em())) - sum(widths[:-1]) - 2 * (len(widths) - 1)
    widths[-1] = max(flag_min, min(widths[-1], spare))
    titles = [cell.split("\n") for cell in header]
    heading_lines = max(len(title) for title in titles)
    lines: list[tuple[list[str], str]] = [
        ([(title + [""] * heading_lines)[line] for title in titles], "header") for line in range(heading_lines)
    ]
    for row in rows:
        kind = "flagged" if row[-1] else "untracked" if row[1] == "not logged" else "row"
        flag_lines = _flag_cell(row[-1], widths[-1])
        lines.append(([*row[:-1], flag_lines[0]], kind))
        lines += [([""] * (len(row) - 1) + [more], kind) for more in flag_lines[1:]]
    notes = 1 + len(dropped)  # the line under the table, if any, and a little air
    room = page.room() - reserve - notes * line_height(page.body)
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
        aligned += [cell.center(width) for cell, width in zip(cells[1:-1], widths[1:-1], strict=True)]
        aligned.append(cells[-1].ljust(widths[-1]) if kind != "header" else cells[-1].center(widths[-1]))
        ax.text(0.005, y, "  ".join(aligned), family=MONO, fontsize=size, va="center",
                color="#555555" if kind == "untracked" else "black",
                fontweight="bold" if kind in ("flagged", "header") else "normal")  # fmt: skip
    ax.axhline(-heading_lines * step, color="#888888", linewidth=0.8)
    if dropped:
        page.text(f"Not shown for lack of width: {', '.join(dropped)} (in daily.csv).", color="#333333")
    page.space(0.05)
    return page


def _flag_cell(text: str, width: int) -> list[str]:
    """A day's red flags in at most two lines of `width` characters, whole names only: the
    names that do not fit are counted ("+2"), and all of them are on page 1 and in daily.csv."""
    names = [name for name in text.split(", ") if name]
    for count in range(len(names), 0, -1):
        more = f" +{len(names) - count}" if count < len(names) else ""
        lines = textwrap.wrap(", ".join(names[:count]) + more, width, break_on_hyphens=True)
        if len(lines) <= 2:
            return lines
    return [names[0][: width - 1] + "…"] if names else [""]


def _header_cell(cell: str, values: list[str]) -> str:
    """A factor's column title ("Name\n(unit)") with the name wrapped to the column's values."""
    name, _, unit = cell.partition("\n")
    width = max(9, len(unit), *(len(value) for value in values))
    return "\n".join([*textwrap.wrap(name, width, break_long_words=False), *([unit] if unit else [])])


def _fit_columns(
    header: list[str], rows: list[list[str]], width: float, *, flag_min: int
) -> tuple[float, list[str], list[list[str]], list[str]]:
    """The largest font size at which the table fits `width` inches, dropping factor columns
    (from the right) only when even the smallest size is too wide. Returns the size, the kept
    header and rows, and the names of the columns left out."""
    dropped: list[str] = []
    while True:
        fixed = _column_widths(header, rows)
        empty = [
            index
            for index in range(4, len(header) - 1)  # the factor columns
            if all(row[index] in (NOT_LOGGED, "") for row in rows)
        ]
        chars = sum(fixed[:-1]) + flag_min + 2 * (len(fixed) - 1)
        for size in TABLE_SIZES:
            if chars * size * _mono_em() / 72 <= width:
                return size, header, rows, dropped
        if len(header) <= 5:  # date, episodes, two intensities, red flag: nothing left to drop
            return TABLE_SIZES[-1], header, rows, dropped
        # A factor not logged in these weeks goes first; then the rightmost.
        index = empty[-1] if empty else len(header) - 2
        name = [part for part in header[index].split("\n") if not part.startswith("(")]  # not the "(unit)" line
        dropped.insert(0, " ".join(name).lower())
        header = header[:index] + header[index + 1 :]
        rows = [row[:index] + row[index + 1 :] for row in rows]


def _column_widths(header: list[str], rows: list[list[str]]) -> list[int]:
    """Each column's widest line, in characters."""
    columns = zip(header, *rows, strict=True)
    return [max(len(part) for cell in column for part in cell.split("\n")) for column in columns]


def _mono_em() -> float:
    """The advance of one DejaVu Sans Mono character, in ems (the same for every character),
    with 1% to spare: a monospaced line is as wide as its characters, no hinting guesswork."""
    return text_width("0", size=72, family=MONO) / SAFETY * 1.01
