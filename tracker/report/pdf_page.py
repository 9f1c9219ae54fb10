"""A page of the visit report as it is filled: an A4 matplotlib figure with a cursor going down
it in inches, whose text is wrapped to its measured width (tracker.report.chart_text) and never
runs under the footer: what would is cut short with a line saying so. Import lazily: it pulls in
matplotlib.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tracker.report.chart_text import line_height, shorten, text_width, wrap

A4 = (8.27, 11.69)  # inches, portrait
MARGIN = 0.6
BODY = 9
FOOTER_SPACE = 0.7
MORE = "… (not enough room on this page: `tracker analyze` has it all)"
EARLIER = "… and"  # starts the line that counts what did not fit


def heading_height() -> float:
    """What `ReportPage.heading` takes, and the gap the weekly chart leaves under it."""
    return 0.08 + line_height(11) + 0.02 + 0.05


class ReportPage:
    """An A4 figure filled top to bottom: a cursor in inches from the bottom edge. Text that
    would reach the footer is cut short, with a line saying so."""

    paper_width: float = A4[0]
    margin: float = MARGIN
    body: float = BODY

    def __init__(self) -> None:
        from matplotlib.figure import Figure

        self.fig = Figure(figsize=A4)
        self.y = A4[1] - MARGIN
        self.full = False

    def text(
        self,
        text: str,
        *,
        size: float = BODY,
        weight: str = "normal",
        color: str = "black",
        indent: float = 0.0,
        max_lines: int = 6,
        cut: str = "",
    ) -> bool:
        """Wrapped `text`; past `max_lines`, its start and an ellipsis, then `cut` (where to read
        it all). Returns whether it was cut short."""
        width = A4[0] - 2 * MARGIN - indent
        lines = wrapped = wrap(text, width=width, size=size, weight=weight)
        if len(lines) > max_lines:  # a very long note: its start, and an ellipsis
            rest = " ".join(lines[max_lines - 1 :])
            tail = f" {cut}" if cut else ""
            room = width - text_width(tail, size=size, weight=weight)
            lines = [*lines[: max_lines - 1], shorten(rest, width=room, size=size, weight=weight) + tail]
        for line in lines:
            self._line(line, MARGIN + indent, size=size, weight=weight, color=color)
        return len(wrapped) > max_lines

    def bullet(self, text: str, *, whole: str = "`tracker analyze` has it all") -> None:
        """A bulleted paragraph; one too long ends in "…" and where to read it all (`whole`)."""
        if self._room_for(BODY):
            self.fig.text(MARGIN / A4[0], self.y / A4[1], "•", va="top", fontsize=BODY)
        self.text(text, indent=0.15, cut=f"({whole})")

    def heading(self, text: str) -> None:
        self.space(0.08)
        self.text(text, size=11, weight="bold")
        self.space(0.02)

    def boxed(self, title: str, lines: Sequence[str], *, color: str, face: str = "#FBE9E0", max_lines: int = 2) -> None:
        from matplotlib.patches import Rectangle

        top = self.y + 0.05
        self.space(0.05)
        self.text(title.upper(), size=11, weight="bold", color=color, indent=0.1)
        shortened = False
        for line in lines:
            shortened |= self.text(line, weight="bold", indent=0.1, max_lines=max_lines) or line.startswith(EARLIER)
        if shortened:  # one pointer for the box, rather than one on every line
            self.text("“…”: cut short here for room; `tracker analyze` has every one whole.", indent=0.1)
        self.space(0.05)
        self.fig.add_artist(
            Rectangle(
                (MARGIN / A4[0], self.y / A4[1]),
                (A4[0] - 2 * MARGIN) / A4[0],
                (top - self.y) / A4[1],
                transform=self.fig.transFigure,
                facecolor=face,
                edgecolor=color,
                linewidth=2,
                zorder=-1,
            )
        )

    def axes(self, height: float, *, left: float, right: float) -> Any:
        self.y -= height
        rect = (left / A4[0], self.y / A4[1], (A4[0] - left - right) / A4[0], height / A4[1])
        return self.fig.add_axes(rect)

    def space(self, inches: float) -> None:
        self.y -= inches

    def room(self) -> float:
        """Inches left above the footer."""
        return self.y - FOOTER_SPACE

    def footnote(self, text: str) -> None:
        """A line just above the footer (the scales the page uses), whatever the page holds."""
        self.fig.text(MARGIN / A4[0], 0.55 / A4[1], text, fontsize=BODY - 1, color="#333333")

    def footer(self, text: str) -> None:
        self.fig.text(0.5, 0.35 / A4[1], text, ha="center", fontsize=BODY - 1, color="#333333")

    def _room_for(self, size: float) -> bool:
        return not self.full and self.room() >= 2 * line_height(size)

    def _line(self, line: str, x: float, *, size: float, weight: str, color: str) -> None:
        if self.full:
            return
        if self.room() < line_height(size):  # not even the line below: it would lie on the footnote
            self.full = True
            return
        if not self._room_for(size):  # the last line that fits says the rest was left out
            self.full = True
            line, x, weight, color = MORE, MARGIN, "normal", "#333333"
        self.fig.text(x / A4[0], self.y / A4[1], line, va="top", fontsize=size, fontweight=weight, color=color)
        self.y -= line_height(size)


def newest(lines: list[str], limit: int, what: str) -> list[str]:
    """At most `limit` of `lines` (in date order): the newest, then a count of the earlier ones
    (keeps page 1 to a page)."""
    if len(lines) <= limit:
        return lines
    more = len(lines) - limit + 1
    return [*lines[len(lines) - limit + 1 :], f"{EARLIER} {more} earlier {what}."]
