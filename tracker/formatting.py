"""Numbers as text, the same in the CSV files, the command line and the TUI.

Standard library only: the TUI imports it before the database stack is loaded.
"""

from __future__ import annotations

import datetime as dt


def format_number(value: float | int | None) -> str:
    """Numbers that read back to the same text: 190, 6.5, 7.666667; empty for None."""
    if value is None:
        return ""
    text = f"{float(value):.6f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def days(count: int) -> str:
    """The count with "day" or "days": 1 day, 14 days."""
    return f"{count} day" if count == 1 else f"{count} days"


def day_words(day: dt.date, *, today: dt.date | None = None) -> str:
    """A day as people say it: "Mon 30 Nov", with the year when it is not this year's."""
    today = today or dt.date.today()
    text = f"{day:%a} {day.day} {day:%b}"
    return text if day.year == today.year else f"{text} {day.year}"
