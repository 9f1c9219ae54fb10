"""A planned experiment: alternating off and on blocks (ABAB), the one rule for which day is which.

A plan runs from its start for a whole number of blocks, off first: the first days after
deciding to try something are the ones most likely to follow a bad spell (people start when it
is bad), and twitching eases after a bad spell on its own, so an on-block there would take the
credit for that easing. Pure; no database.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

MIN_BLOCKS = 4  # off, on, off, on: each arm seen twice, so one odd week cannot decide it
MAX_WEEKS = 52


@dataclass(frozen=True)
class Block:
    first: dt.date
    last: dt.date
    on: bool


def plan_blocks(start: dt.date, end: dt.date, block_days: int) -> list[Block]:
    """The plan's blocks in date order, off first; the last one ends on `end`."""
    blocks = []
    first, on = start, False
    while first <= end:
        last = min(first + dt.timedelta(days=block_days - 1), end)
        blocks.append(Block(first, last, on))
        first, on = last + dt.timedelta(days=1), not on
    return blocks


def plan_end(start: dt.date, weeks: int) -> dt.date:
    """The last day of a plan of `weeks` weeks starting on `start`."""
    return start + dt.timedelta(days=7 * weeks - 1)


def day_in_plan(day: dt.date, start: dt.date, block_days: int) -> tuple[bool, int]:
    """Whether `day` (on or after `start`) is in an on-block, and how many days since its block
    began (0 on a block's first day)."""
    offset = (day - start).days
    return (offset // block_days) % 2 == 1, offset % block_days
