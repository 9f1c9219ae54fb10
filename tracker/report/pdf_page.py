"""A page of the visit report as it is filled: an A4 matplotlib figure with a cursor going down
it in inches, whose text is wrapped to its measured width (tracker.report.chart_text) and never
runs under the footer: what would is cut short with a line saying so. Import lazily: it pulls in
matplotlib.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from tracker.report.chart_text import line_height, shorten, text_width, wrap

if TYPE_CHECKING:
    from matplotlib.text import Text

A4 = (8.27, 11.69)  # inches, portrait
MARGIN = 0.6
BODY = 9
FOOTER_SPACE = 0.7
FOOT = BODY - 2  # the footnote: scales and terms, read once, small
# What did not fit is printed whole on a later page (`carried_pages`); the pointers name it once
# the pages are counted. A doctor holding the PDF cannot run a command to read the rest.
PAGE_SLOT = "{page}"
WHOLE = f"(whole on page {PAGE_SLOT})"
MORE = f"… (not enough room on this page: the rest is on page {PAGE_SLOT})"
BOX_CUT = f"“…”: cut short here for room; each is whole on page {PAGE_SLOT}."
EARLIER = "… and"  # starts the line that counts what did not fit
CARRIED_HEADING = "In full: what earlier pages cut short for room"


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
        self.section = ""  # the heading the text under the cursor belongs to
        self.carried: list[tuple[str, str]] = []  # (section, text) cut short here, printed whole later
        self.pointers: list[Text] = []  # lines whose PAGE_SLOT is the page the carried text is on
        self.footnote_lines: list[str] = []  # kept room for above the footer (`reserve_footnote`)

    def text(
        self,
        text: str,
        *,
        size: float = BODY,
        weight: str = "normal",
        color: str = "black",
        indent: float = 0.0,
        max_lines: int = 6,
        carry: bool = False,
    ) -> bool:
        """Wrapped `text`; past `max_lines`, its start and an ellipsis. With `carry`, text cut
        short or left without room is kept (`carried`) to be printed whole on a later page, and
        a cut ends with the page it is on. Returns whether it was cut short."""
        width = A4[0] - 2 * MARGIN - indent
        lines = wrapped = wrap(text, width=width, size=size, weight=weight)
        if len(lines) > max_lines:  # a very long note: its start, and an ellipsis
            rest = " ".join(lines[max_lines - 1 :])
            tail = f" {WHOLE}" if carry else ""
            room = width - text_width(tail.replace(PAGE_SLOT, "00"), size=size, weight=weight)
            lines = [*lines[: max_lines - 1], shorten(rest, width=room, size=size, weight=weight) + tail]
        drawn = [self._line(line, MARGIN + indent, size=size, weight=weight, color=color) for line in lines]
        if carry and (len(wrapped) > max_lines or not all(drawn)):
            self.carried.append((self.section, text))
        return len(wrapped) > max_lines

    def bullet(self, text: str) -> None:
        """A bulleted paragraph; one too long ends in "…" and the page it is whole on."""
        if self._room_for(BODY):
            self.fig.text(MARGIN / A4[0], self.y / A4[1], "•", va="top", fontsize=BODY)
        self.text(text, indent=0.15, carry=True)

    def heading(self, text: str) -> None:
        self.space(0.08)
        self.text(text, size=11, weight="bold")
        self.section = text
        self.space(0.02)

    def boxed(self, title: str, lines: Sequence[str], *, color: str, face: str = "#FBE9E0", max_lines: int = 2) -> None:
        from matplotlib.patches import Rectangle

        top = self.y + 0.05
        self.space(0.05)
        self.text(title.upper(), size=11, weight="bold", color=color, indent=0.1)
        self.section = title
        shortened = False
        for line in lines:
            cut = self.text(line, weight="bold", indent=0.1, max_lines=max_lines)
            if cut:
                self.carried.append((title, line))
            shortened |= cut or line.startswith(EARLIER)
        if shortened:  # one pointer for the box, rather than one on every line
            self.text(BOX_CUT, indent=0.1)
            self.pointers.append(self.fig.texts[-1])
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
        extra = max(len(self.footnote_lines) - 1, 0) * line_height(FOOT)  # the first line fits in FOOTER_SPACE
        return self.y - FOOTER_SPACE - extra

    def reserve_footnote(self, text: str) -> None:
        """Keep room at the foot of the page for `text` before the page is filled (`footnote`
        draws it); the text above never runs into it."""
        self.footnote_lines = wrap(text, width=A4[0] - 2 * MARGIN, size=FOOT, weight="normal")

    def footnote(self, text: str | None = None) -> None:
        """The lines just above the footer (the scales and terms the page uses), whatever the page
        holds: `text`, or what `reserve_footnote` kept room for."""
        lines = self.footnote_lines if text is None else [text]
        for number, line in enumerate(lines):  # drawn in reading order, the last just above the footer
            y = 0.55 + (len(lines) - 1 - number) * line_height(FOOT)
            self.fig.text(MARGIN / A4[0], y / A4[1], line, fontsize=FOOT, color="#333333")

    def footer(self, text: str) -> None:
        self.fig.text(0.5, 0.35 / A4[1], text, ha="center", fontsize=BODY - 1, color="#333333")

    def _room_for(self, size: float) -> bool:
        return not self.full and self.room() >= 2 * line_height(size)

    def carry(self, section: str, lines: Sequence[str]) -> None:
        """`lines` of `section` left off this page for room, to be printed whole later."""
        self.carried += [(section, line) for line in lines]

    def _line(self, line: str, x: float, *, size: float, weight: str, color: str) -> bool:
        """Draw one line; False when there was no room for it."""
        if self.full:
            return False
        if self.room() < line_height(size):  # not even the line below: it would lie on the footnote
            self.full = True
            if size > BODY and self.room() >= line_height(BODY):
                # A heading with no room under a body line that had: the rest is named, in body text.
                self.fig.text(MARGIN / A4[0], self.y / A4[1], MORE, va="top", fontsize=BODY, color="#333333")
                self.pointers.append(self.fig.texts[-1])
                self.y -= line_height(BODY)
            return False
        more = not self._room_for(size)  # the last line that fits says the rest was left out
        if more:
            self.full = True
            line, x, weight, color = MORE, MARGIN, "normal", "#333333"
        self.fig.text(x / A4[0], self.y / A4[1], line, va="top", fontsize=size, fontweight=weight, color=color)
        if more or PAGE_SLOT in line:
            self.pointers.append(self.fig.texts[-1])
        self.y -= line_height(size)
        return not more


def newest(lines: list[str], limit: int, what: str) -> list[str]:
    """At most `limit` of `lines` (in date order): the newest, then a count of the earlier ones
    (keeps page 1 to a page)."""
    if len(lines) <= limit:
        return lines
    more = len(lines) - limit + 1
    return [*lines[len(lines) - limit + 1 :], f"{EARLIER} {more} earlier {what}."]


def carried_pages(pages: list[ReportPage]) -> list[ReportPage]:
    """Print whole, after `pages`, what they cut short or had no room for, under the heading it
    was under, and name that page in their pointers. Returns the pages added (the last of
    `pages` is used first when it has room); none when nothing was cut."""
    carried = [item for page in pages for item in page.carried]
    pointers = [pointer for page in pages for pointer in page.pointers]
    if not carried:
        return []
    added: list[ReportPage] = []
    page = pages[-1]
    if page.room() < 1.5:
        page = ReportPage()
        added.append(page)
    first = len(pages) + len(added)  # the page the carried text starts on, counted from 1
    page.heading(CARRIED_HEADING)
    section = None
    for under, text in dict.fromkeys(carried):  # a line cut on two layouts is printed once
        need = line_height(BODY) * (len(wrap(text, width=A4[0] - 2 * MARGIN - 0.15, size=BODY)) + 2)
        if page.room() < need:
            page = ReportPage()
            added.append(page)
            page.heading(f"{CARRIED_HEADING} (continued)")
            section = None
        if under != section:
            page.text(under.capitalize() if under.isupper() else under, weight="bold")
            section = under
        page.fig.text(MARGIN / A4[0], page.y / A4[1], "•", va="top", fontsize=BODY)
        page.text(text, indent=0.15, max_lines=60)
    for pointer in pointers:
        pointer.set_text(pointer.get_text().replace(PAGE_SLOT, str(first)))
    return added
