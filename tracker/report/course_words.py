"""How long the twitching has gone on, as page 1 of the visit report says it: the whole course
first (since the onset given or the first entry, on how many days, the last twitch), then the
current spell with the rule that ends one, then the two-week notice and the four-week warning
from the same dates. A short spell late in a long course is the latest spell of that course,
never a new complaint. Pure functions of the "persistence" dict (`analyze --json`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from tracker.analysis.text import Q_MEANS
from tracker.core.formatting import days, report_date


def _date(result: dict[str, Any], key: str) -> dt.date | None:
    value = result.get(key)
    return dt.date.fromisoformat(value) if value else None


def spell_rule(result: dict[str, Any]) -> str:
    """What ends a spell, said with it: runs split after more than gap_tolerance_days without a twitch."""
    gap = int(result.get("gap_tolerance_days", 3))
    return f"a spell ends after more than {days(gap)} without a twitch"


def course_line(result: dict[str, Any], dates: Callable[[dt.date], str] = report_date) -> str | None:
    """ "Course to 1 Dec 2026: twitches logged on 86 days since 1 Jun 2026; the last on 28 Nov
    2026 (3 days before)." None without a twitch logged."""
    first, last, as_of = _date(result, "first_logged"), _date(result, "last_logged"), _date(result, "as_of")
    if first is None or last is None or as_of is None:
        return None
    gap = (as_of - last).days
    ago = "the same day" if gap == 0 else f"{days(gap)} before"
    return (
        f"Course to {dates(as_of)}: twitches logged on {days(int(result.get('logged_days') or 0))} since "
        f"{dates(first)}; the last on {dates(last)} ({ago})."
    )


def spell_line(result: dict[str, Any], dates: Callable[[dt.date], str] = report_date) -> str:
    """The current spell, its rule stated, and where it sits in the course: "Current spell (a
    spell ends after more than 3 days in a row without a twitch logged): 28 Nov 2026, 1 day, 1
    with twitching; the spell before ended 23 Nov 2026: a new spell of the same course." """
    run, rule = result.get("current_run"), spell_rule(result)
    last = _date(result, "last_logged")
    if not run:
        since = f"; the last twitch logged {dates(last)}" if last else ""
        return f"No current spell ({rule}){since}."
    start, end = dt.date.fromisoformat(run["start"]), dt.date.fromisoformat(run["end"])
    span = dates(start) if start == end else f"{dates(start)} to {dates(end)}"
    line = f"Current spell ({rule}): {span}, {days(run['days'])}, {run['active_days']} with twitching"
    onset, counted = _date(result, "onset"), result.get("since_onset")
    if counted and onset:
        # Counted to the spell's own last day, as the spell's days are: one end day for both counts.
        line += f"; by the onset given it has gone on since {dates(onset)} ({days((end - onset).days + 1)})"
    before = result.get("previous_run")
    if before:
        line += (
            f"; the spell before ended {dates(dt.date.fromisoformat(before['end']))}: a new spell of the same course"
        )
    return line + "."


def notice_line(result: dict[str, Any]) -> str | None:
    """The two-week notice and the four-week warning of the current spell, dated and named as its:
    "Current spell: two-week notice reached 13 Oct; four-week warning reached 27 Oct: see a
    doctor." Counted from the onset given
    when the status is (tracker.analysis.persistence), and said so. None without a spell."""
    run = result.get("current_run")
    if not run:
        return None
    start, length = dt.date.fromisoformat(run["start"]), int(run["days"])
    if result.get("since_onset") and result.get("onset"):
        start, length = dt.date.fromisoformat(result["onset"]), int(result["since_onset"])
    said = []
    for name, mark in (("two-week notice", result["watch_days"]), ("four-week warning", result["threshold_days"])):
        on = report_date(start + dt.timedelta(days=mark - 1), year=False)
        said.append(f"{name} ({mark} days in one spell) {'reached' if length >= mark else 'on'} {on}")
    line = "Current spell: " + "; ".join(said) + ("" if length >= result["threshold_days"] else " if it goes on")
    if result.get("since_onset"):
        line += " (counted from the onset given)"
    advice = {"persistent": ": see a doctor", "watch": ": consider seeing a GP"}.get(str(result.get("status")), "")
    return f"{line}{advice}."


def longest_line(result: dict[str, Any], dates: Callable[[dt.date], str] = report_date) -> str | None:
    """The longest spell when it is not the current one, with the notice it reached, by the same
    rule as the current spell's (so a report whose spell has ended reads as one whose has not):
    "Longest spell: 28 Aug 2026 to 24 Sep 2026 (28 days, 18 with twitching): an earlier spell,
    it reached the four-week warning (28 days in one spell) on 24 Sep." None without one."""
    longest = result.get("longest_run")
    if not longest or longest == result.get("current_run"):
        return None
    start, end = (dt.date.fromisoformat(longest[edge]) for edge in ("start", "end"))
    counts = f"{days(longest['days'])}, {longest['active_days']} with twitching"
    line = f"Longest spell: {dates(start)} to {dates(end)} ({counts})"
    reached = [
        (name, mark)
        for name, mark in (("four-week warning", result["threshold_days"]), ("two-week notice", result["watch_days"]))
        if int(longest["days"]) >= mark
    ]
    if not reached:
        return line + "."
    name, mark = reached[0]
    on = report_date(start + dt.timedelta(days=mark - 1), year=False)
    return f"{line}: an earlier spell, it reached the {name} ({mark} days in one spell) on {on}."


def persistence_status_line(result: dict[str, Any]) -> str:
    """How long it has lasted in one line, for the Today screen (and every reader of a diary
    without a twitch), in the words of `course_line` and `spell_line`: the course first, then
    the current spell, then the advice: "twitching since 28 Aug (onset given), twitches on 52
    days; spell day 1". A spell begun after a pause is the latest of the course, never "day 1
    of twitching". The spell's rule is left to Insights, `analyze` and the report, where it is
    said beside the spell's dates: on Today it took a second line at 80 columns and pushed the
    day's rows down. Cheap (the standard library and the core's formatting only): the TUI draws
    it in its first frame."""
    first, as_of, onset = _date(result, "first_logged"), _date(result, "as_of"), _date(result, "onset")
    if first is None:
        return "no twitch logged yet"
    start, source = (onset, "onset given") if onset is not None and onset <= first else (first, "first logged")
    near = as_of is not None and start.year == as_of.year
    logged = days(int(result.get("logged_days") or 0))
    course = f"twitching since {report_date(start, year=not near)} ({source}), twitches on {logged}"
    run = result.get("current_run")
    if not run:
        last = _date(result, "last_logged")
        after = f", the last twitch {report_date(last, year=False)}" if last else ""
        return f"{course}; no current spell{after}"
    spell = f"spell day {run['days']}"
    since = result.get("since_onset")
    if since and onset:
        spell = f"spell day {since} by the onset given, day {run['days']} as logged"
    line = f"{course}; {spell}"
    status = result.get("status")
    if status == "persistent":
        return f"{line} — {int(result.get('threshold_days', 28)) // 7} weeks or more: see a doctor"
    if status == "watch":
        return f"{line} — consider seeing a GP"
    return line


def terms_words(result: dict[str, Any]) -> str:
    """The words page 1 uses without a key, defined once at its foot: spell (run), the notices,
    "derived", q and a rate ratio."""
    watch, threshold = result.get("watch_days", 14), result.get("threshold_days", 28)
    return (
        f"Terms: twitch: one logged episode, at one site or several; burst: its length; "
        f"spell: twitching that {spell_rule(result).removeprefix('a spell ')}; two-week notice, "
        f"four-week warning: {watch}, {threshold} days in one spell; derived: worked out from the entries; "
        f"{Q_MEANS}; under 0.05: a possible trigger; N× per 100 mg (or per 30 days): N times the twitches a day "
        "for each 100 mg more (or 30 days later)."
    )
