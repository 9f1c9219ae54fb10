"""What `tracker remind` says: whether today (and yesterday) have their twitches answered.

Read through tracker.storage.glance (the standard library's sqlite3, read-only), so a shell
prompt or a timer can run it: no SQLAlchemy, pandas or Textual is imported, and nothing is
ever written. Yesterday counts only once the diary has begun before today.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tracker.storage.glance import DayGlance, glance_day

TWITCH_KEYS = "t to log a twitch, n for none"


def reminder(path: Path, today: dt.date, *, factors: bool = False) -> str | None:
    """The one line to show, or None when nothing is missing."""
    yesterday = today - dt.timedelta(days=1)
    now = glance_day(path, today, active_until=today)
    if now is None:
        if path.exists():
            return f"{path} could not be read quickly; open tracker to see why"
        return f"Nothing logged today — {TWITCH_KEYS}"
    before = glance_day(path, yesterday, active_until=today)
    began_before = now.first_logged is not None and now.first_logged < today
    parts = []
    today_open, yesterday_open = not _answered(now), began_before and before is not None and not _answered(before)
    if today_open and yesterday_open:
        parts.append(f"Twitches not answered today or yesterday — {TWITCH_KEYS}; y goes to yesterday")
    elif today_open:
        logged = bool(now.summary.totals or now.summary.red_flags or now.summary.note)
        parts.append(f"{'Twitches not answered' if logged else 'Nothing logged'} today — {TWITCH_KEYS}")
    elif yesterday_open:
        parts.append(f"Yesterday's twitches not answered — y, then {TWITCH_KEYS}")
    if factors:
        unmeasured = _unmeasured(now)
        if unmeasured:
            parts.append(f"no {_listed(unmeasured)} logged today")
    if not parts:
        return None
    line = "; ".join(parts)
    return line[0].upper() + line[1:]


def _answered(day: DayGlance) -> bool:
    return bool(day.summary.episodes) or bool(day.summary.checked_in)


def _unmeasured(day: DayGlance) -> list[str]:
    """The factors measured each day (not logged only when taken) with nothing logged on `day`."""
    logged = {total.factor.name for total in day.summary.totals}
    return [f.name for f in day.factors.values() if not f.absent_means_none and f.name not in logged]


def _listed(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"
