"""A file's twitch that starts in the same second, at the same site(s), as one the diary holds,
but with other details: the same twitch, edited on one side (a note added, the intensity
changed), never a second twitch beside it.

A person does not begin two different twitches at one place in one second, so such a row is held:
an import refuses it in one line (as it refuses a day's value that disagrees with the diary's),
and a merge of two diaries lists it as a conflict, the diary's twitch kept as it is. Copies with
the very same details are matched one for one (tracker.io.import_episodes), and a row with the
details of a stored twitch of that second is a further copy of a twitch logged twice in one
second, as before: only a row that differs from every twitch the diary holds there is held.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Connection

# The details two copies of one twitch can differ in (import_episodes.KEY without the second and
# the sites), as staged and as grouped from the diary, with the words a person reads for each.
DETAILS = (("strength", "intensity"), ("duration", "duration"), ("context", "context"), ("relief", "relief"),
           ("note", "note"))  # fmt: skip


@dataclass(frozen=True)
class SameSecond:
    """A file's row held back, and how it differs from the diary's twitch of that second and site(s)."""

    day: dt.date
    file_no: int
    line: int
    at: str  # the wall-clock time the twitch started, "09:00" (seconds when it has them)
    sites: str  # "eyelid:left", or every site of the twitch: "eyelid:left;mouth-corner:left"
    diary: str  # "note 'orig'"
    imported: str  # "note 'orig, edited on laptop'"

    @property
    def what(self) -> str:
        """The twitch as a conflict names it: "twitch at 09:00 (eyelid:left)"."""
        return f"twitch at {self.at} ({self.sites})"


def hold_same_second(conn: Connection) -> list[SameSecond]:
    """Take out of the new rows (import_new) each one whose second and site(s) a stored twitch
    (grouped in import_stored0 by instant, import_stored1 by wall clock) already has; returns
    them, first by day and time. Runs after EpisodeStaging.plan, on its temporary tables."""
    if conn.exec_driver_sql("SELECT 1 FROM import_new LIMIT 1").first() is None:
        return []  # nothing new (plan made no tables of stored twitches for a file without any)
    staged = ", ".join(f"staged.{name}" for name, _ in DETAILS)
    stored = ", ".join(f"coalesce(by_instant.{name}, by_wall.{name})" for name, _ in DETAILS)
    found = conn.exec_driver_sql(
        "SELECT staged.file_no, staged.line, staged.naive, staged.sec, staged.utc_offset_min, staged.local_date,"
        f" staged.sites, {staged}, {stored} FROM import_new AS staged"
        f" LEFT JOIN import_stored0 AS by_instant ON staged.naive = 0 AND {_at('by_instant')}"
        f" LEFT JOIN import_stored1 AS by_wall ON staged.naive = 1 AND {_at('by_wall')}"
        " WHERE coalesce(by_instant.sec, by_wall.sec) IS NOT NULL"
    ).all()
    # The diary may hold a twitch of that second in more than one version. A row with the very
    # details of one of them is a further copy of a twitch logged twice, added one for one as
    # before; any other row is held, shown against the first version.
    versions: dict[tuple[int, int], list[tuple[object, ...]]] = {}
    for row in found:
        versions.setdefault((row[0], row[1]), []).append(tuple(row))
    held = [_held(rows[0]) for rows in versions.values() if all(_differences(row) for row in rows)]
    if held:
        mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
        conn.exec_driver_sql(
            f"DELETE FROM import_new WHERE file_no = {mark} AND line = {mark}",
            [(each.file_no, each.line) for each in held],
        )
    return sorted(held, key=lambda each: (each.day, each.at, each.file_no, each.line))


def _differences(row: tuple[object, ...]) -> int:
    file, diary = row[7 : 7 + len(DETAILS)], row[7 + len(DETAILS) :]
    return sum(mine != theirs for mine, theirs in zip(diary, file, strict=True))


def _held(row: tuple[object, ...]) -> SameSecond:
    file_no, line, naive, sec, offset, day, sites = row[:7]
    file, diary = row[7 : 7 + len(DETAILS)], row[7 + len(DETAILS) :]
    differ = [(words, mine, theirs) for (_, words), mine, theirs in zip(DETAILS, diary, file, strict=True)]
    differ = [(words, mine, theirs) for words, mine, theirs in differ if mine != theirs]
    return SameSecond(
        day=dt.date.fromisoformat(str(day)),
        file_no=int(str(file_no)),
        line=int(str(line)),
        at=_wall_clock(str(sec), None if naive else int(str(offset))),
        sites=str(sites),
        diary=", ".join(f"{words} {_shown(words, mine)}" for words, mine, _ in differ),
        imported=", ".join(f"{words} {_shown(words, theirs)}" for words, _, theirs in differ),
    )


def refusal_allowed(held: SameSecond) -> str:
    """What a plain import allows instead of a held row, for its one-line refusal."""
    return (
        f"the diary's twitch of that second and site(s) has {held.diary}, and an import never changes a twitch "
        "(edit it in the app with `e`, or merge the diaries with `tracker db copy --merge`, which lists it)"
    )


def _at(alias: str) -> str:
    return f"staged.sec = {alias}.sec AND staged.sites = {alias}.sites"


def _wall_clock(sec: str, offset_min: int | None) -> str:
    """`sec` ("2026-11-25 09:00:00", UTC unless `offset_min` is None) as the time of day it was
    where it was logged: "09:00", or "09:00:07" when it has seconds."""
    moment = dt.datetime.fromisoformat(sec)
    if offset_min is not None:
        moment += dt.timedelta(minutes=offset_min)
    return moment.strftime("%H:%M:%S" if moment.second else "%H:%M")


def _shown(words: str, value: object) -> str:
    """A detail as a person reads it (the staged stand-ins for "none": intensity 0, duration -1)."""
    if words == "intensity":
        return "none" if value in (0, None) else str(value)
    if words == "duration":
        return "none" if value in (-1, None) else f"{value}s"
    return repr(value) if value else "none"
