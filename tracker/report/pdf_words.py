"""The words only the visit report has: its summary, red-flag and intervention lines and the
day table, small pure functions over the analysis dict and the days. What every reader says
alike (the triggers, the day a lag means, how much data, how long the twitching has lasted)
is tracker.report.wording.

Kept apart from the layout (tracker.report.pdf) so tests can read the wording back and
the PDF code only places it. No matplotlib here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping, Sequence
from typing import TYPE_CHECKING, Any, cast

from tracker.analysis.persistence import PATTERN_ADVICE
from tracker.analysis.text import LOGGED, SUGGESTED
from tracker.core.formatting import coverage_words, red_flag_words, report_date, rounded
from tracker.core.formatting import days as plural_days
from tracker.core.vocabulary import sign_words
from tracker.report.course_words import course_line, longest_line, notice_line, spell_line
from tracker.report.wording import recurrent_words

if TYPE_CHECKING:
    import pandas as pd

    from tracker.report.history_words import SiteStory
    from tracker.storage.models import Episode, Intervention, RedFlag

DISCLAIMER = "Self-reported from a personal tracking tool; not a diagnosis."
NOT_LOGGED = "—"
NOT_TRACKED = "not tracked"  # a factor on a day before it was added
SUGGESTED_MARK = "*"  # after a red flag in the day table: suggested by the entries, not logged
MAX_FLAG_LINES = 8
SUPPLEMENT_UNITS = {"mg", "mcg", "µg", "ug", "g", "iu", "IU"}

# --- wording -------------------------------------------------------------------------------


# Page 1's line for the clinician to fill in: the diary stores no identity.
PATIENT_BLANK = "Patient: " + "_" * 28 + "    Date of birth: " + "_" * 14


def summary_lines(
    frame: pd.DataFrame,
    analysis: dict[str, Any],
    episodes: Sequence[Episode],
    *,
    date_to: dt.date,
    onset: dt.date | None = None,
    story: SiteStory | None = None,
) -> list[str]:
    """The clinician's summary, one sentence per line: onset (as the person gives it, beside the
    first entry), days affected, the current run, locations and how they changed."""
    lines = []
    # The onset the person gives goes first and the first entry beside it: the two often differ
    # by weeks (tracking starts after the worry does), and a clinician asks for the first. Both
    # as the persistence rule has them (tracker.analysis.persistence), when the analysis has them.
    known = analysis.get("persistence") or {}
    if "onset" in known:
        onset = dt.date.fromisoformat(known["onset"]) if known["onset"] else None
    onset = onset if onset and onset <= date_to else None  # given after the period: not known then
    began = f"Twitching began {report_date(onset)}, as the person recalls it; " if onset else "Twitching "
    if episodes:
        # The diary's first entry, whatever the period: the period's own first day is not an onset.
        first = min(episode.local_date for episode in episodes)
        # Counted back from the period's end, and said so: "ago" would read as from the day it is read.
        since = (date_to - first).days
        when = f"{_before(since)} {report_date(date_to)}" if since else "the period's last day"
        if onset and first < onset:
            lines.append(f"{began}the first twitch logged is earlier: {report_date(first)}, {when}.")
        else:
            lines.append(f"{began}first logged on {report_date(first)}, {when}.")
    else:
        lines.append(f"{began}no twitching logged." if onset else "No twitching logged.")
    course, spell = _persistence_lines(analysis.get("persistence") or {})
    lines.extend(course)  # the whole course before any spell: a late short spell is no new complaint
    lines.extend(_days_affected(frame, date_to))
    lines.extend(spell[:1])
    if story is None:
        from tracker.report.history_words import site_story

        story = site_story(episodes, date_to)
    lines.extend(_current_sites(known, story))
    lines.extend(spell[1:])
    return lines


def _current_sites(persistence: dict[str, Any], story: SiteStory) -> list[str]:
    """Where the current spell is, beside it, so page 1 names the site twitching now whatever
    came before: "Where the current spell is: left eyelid 59 days, 30 Sep–1 Dec 2026; left
    cheek 1 day, 4 Nov 2026." Empty without a current spell, or when its sites are all the
    diary's. `story`: the diary's sites, worked out once (history_words.site_story)."""
    from tracker.report.history_words import short_span, sites_of

    run = persistence.get("current_run")
    if not run:
        return []
    start, end = (dt.date.fromisoformat(run[edge]) for edge in ("start", "end"))
    found = sorted(
        sites_of([entry for entry in story.entries if start <= entry.local_date <= end]),
        key=lambda site: (-site.days, site.first),
    )
    if not found or {site.label for site in found} == {site.label for site in story.sites}:
        return []  # the same sites as the whole diary's: the site lines say it already
    each = "; ".join(f"{site.label} {plural_days(site.days)}, {short_span(site.first, site.last)}" for site in found)
    return [f"Where the current spell is: {each}."]


def earlier_flags_line(earlier: Sequence[RedFlag], date_from: dt.date, *, in_period: bool) -> list[str]:
    """The red flags logged before the period, in one line, so a short period never reads as a
    diary without any: "No red flags logged in this period; 2 logged earlier: speech (24 Nov
    2026), spreading (3 Nov 2026)." Empty when none was logged before it."""
    if not earlier:
        return []
    newest = sorted(earlier, key=lambda flag: flag.date, reverse=True)
    named = ", ".join(f"{sign_words(flag.kind)} ({report_date(flag.date)})" for flag in newest[:4])
    more = f" and {len(newest) - 4} more" if len(newest) > 4 else ""
    count = f"{len(newest)} logged" if len(newest) > 1 else "1 logged"
    if in_period:
        return [f"Before this period ({report_date(date_from)} on), {count}: {named}{more}."]
    return [f"No red flags logged in this period; {count} earlier: {named}{more}."]


def red_flag_lines(
    red_flags: Sequence[RedFlag],
    analysis: dict[str, Any],
    *,
    source: str,
    today: dt.date | None = None,
    kinds: Collection[str] | None = None,
) -> list[str]:
    """The red flags from one source (LOGGED, or SUGGESTED by the entries) in date order, a day's
    in the order logged: the order `list`, `analyze` and the CSV show them in. Said to the
    clinician: a logged sign is what was logged, when, and the person's note in their words; a
    suggested pattern is its counts and dates. What the person is told to do about a sign
    (tracker.core.vocabulary) is for the person, not this page; `today` is kept for callers."""
    del today
    found = _flags(red_flags, analysis)
    return [
        f"{report_date(day, weekday=True)}: {name} ({_with_note(flag_source, note.removesuffix(PATTERN_ADVICE))})"
        for (_, kind), (day, name, flag_source, note) in sorted(found.items(), key=lambda item: item[0][0])
        if flag_source == source and (kinds is None or kind in kinds)
    ]


def all_flags(red_flags: Sequence[RedFlag], analysis: dict[str, Any]) -> list[tuple[dt.date, str, str, str]]:
    """(date, name, source, note) for logged flags and the analysis's, once per date and kind.
    `source` is LOGGED only for a flag the person logged; anything else is SUGGESTED. A logged
    sign is named as a reader names it ("trouble speaking", not "speech"); a suggested pattern
    keeps its own name."""
    return list(_flags(red_flags, analysis).values())


def _flags(
    red_flags: Sequence[RedFlag], analysis: dict[str, Any]
) -> dict[tuple[dt.date, str], tuple[dt.date, str, str, str]]:
    found: dict[tuple[dt.date, str], tuple[dt.date, str, str, str]] = {}
    for flag in red_flags:
        kind = str(flag.kind)
        found[(flag.date, kind)] = (flag.date, red_flag_words(kind), LOGGED, flag.note)
    for item in analysis.get("red_flags") or []:
        day, kind = dt.date.fromisoformat(str(item["date"])), str(item["kind"])
        source = LOGGED if item.get("source") == LOGGED else SUGGESTED
        name = str(item.get("name") or kind)
        name = red_flag_words(kind) if source == LOGGED and name in (kind, kind.replace("-", " ")) else name
        found.setdefault((day, kind), (day, name, source, str(item.get("note") or "")))
    return found


def flag_marks(red_flags: Sequence[RedFlag], analysis: dict[str, Any], *, source: str) -> list[tuple[dt.date, str]]:
    """(date, name) of the red flags from one source, for the chart's markers."""
    return [(day, name) for day, name, flag_source, _ in all_flags(red_flags, analysis) if flag_source == source]


def intervention_lines(
    interventions: Sequence[Intervention],
    analysis: dict[str, Any],
    frame: pd.DataFrame,
    factors_units: dict[str, str],
    names: dict[str, str],
) -> list[str]:
    """Interventions with their dates and notes (doses), then supplements logged as factors; a
    supplement that is also an intervention (magnesium started, and its doses logged) is one
    line, not two."""
    verdicts = {str(item["name"]): item for item in analysis.get("interventions") or []}
    doses: dict[str, tuple[int, dt.date, dt.date, str]] = {}
    for column, unit in factors_units.items():
        # A factor dosed in mg, µg or IU is a supplement (magnesium, vitamin D); caffeine is not.
        if column in frame.columns and unit in SUPPLEMENT_UNITS and column != "caffeine_mg":
            logged = frame[column].dropna()
            logged = logged[logged > 0]
            if len(logged):
                doses[names.get(column, column)] = (
                    len(logged),
                    _day(logged.index[0]),
                    _day(logged.index[-1]),
                    f"typical dose {logged.median():g} {unit}/day",
                )
    lines = []
    for item in sorted(interventions, key=lambda item: item.start_date):
        until = f"to {report_date(item.end_date)}" if item.end_date else "no end date given"
        line = f"{item.name.capitalize()}: from {report_date(item.start_date)}, {until}"
        if item.note:
            line += f"; {item.note}"
        verdict = verdicts.get(item.name)
        if verdict and verdict.get("summary"):
            # The verdict begins with the name and start the line has already said: said once.
            summary = str(verdict["summary"])
            named, colon, rest = summary.partition(": ")
            if colon and named.lower().startswith(item.name.lower()):
                summary = rest
            started = f"from {report_date(item.start_date)}, "  # the start, said already
            if summary.startswith(started):
                summary = "began " + summary.removeprefix(started)
            line += f". {summary[:1].upper()}{summary[1:]}"
        dose = doses.pop(item.name.lower(), None)
        # A start before the period is no first dose to compare: the period cut the doses short.
        first_day = item.start_date if len(frame) and item.start_date >= _day(frame.index[0]) else None
        lines.append(f"{line.rstrip('.')}. Doses {_doses_words(dose, first_day)}." if dose else line)
    lines += [f"{name.capitalize()} {_doses_words(dose)}." for name, dose in doses.items()]
    return lines


def _day(stamp: Any) -> dt.date:
    """A frame's index entry (a Timestamp) as a date."""
    return dt.date(stamp.year, stamp.month, stamp.day)


def _doses_words(dose: tuple[int, dt.date, dt.date, str], started: dt.date | None = None) -> str:
    """ "logged on 40 days of this period, 11 Oct 2026 to 30 Nov 2026; typical dose 300 mg/day",
    and when the first dose logged is not the start given, why the two dates differ."""
    count, first, last, typical = dose
    why = ""
    if started is not None and first != started:
        gap = (first - started).days
        side = "after" if gap > 0 else "before"
        why = f" (the first logged {plural_days(abs(gap))} {side} the start given, {report_date(started)})"
    return f"logged on {plural_days(count)} of this period, {report_date(first)} to {report_date(last)}{why}; {typical}"


def daily_table(
    frame: pd.DataFrame,
    columns: Sequence[str],
    units: dict[str, str],
    red_flags: Sequence[tuple[dt.date, str]],
    *,
    names: dict[str, str],
    date_to: dt.date,
    date_from: dt.date | None = None,
    days: int = 28,
    suggested: Sequence[tuple[dt.date, str]] = (),
    absent_means_none: Collection[str] = (),
    yes_no: Collection[str] = (),
    tracked_from: Mapping[str, dt.date] | None = None,
) -> tuple[list[str], list[list[str]]]:
    """The header and one row per day for the last `days` days up to `date_to`, oldest first.
    An untracked day reads "not logged"; a value not logged reads "—", never 0, but for a
    factor in `absent_means_none` on a day with twitches answered: none logged there is 0, as
    the analysis and the charts read it (NONE_LOGGED_IS_ZERO); a factor on a day before it was
    added (`tracked_from`, column -> day) reads "not tracked"; a yes-no factor (`yes_no`) reads
    "yes" or "no". Red flags the entries suggest (not logged) carry SUGGESTED_MARK: "spreading*"."""
    import pandas as pd

    flags: dict[dt.date, list[str]] = {}
    for day, name in red_flags:
        flags.setdefault(day, []).append(name)
    for day, name in suggested:
        flags.setdefault(day, []).append(f"{name}{SUGGESTED_MARK}")
    header = ["Date", "Twitches", "Max\nintensity", "Mean\nintensity"]
    header += [_column_title(names.get(column, column), units.get(column, "")) for column in columns]
    header.append("Red flag")
    start = max(date_to - dt.timedelta(days=days - 1), date_from or dt.date.min)
    window = frame.loc[pd.Timestamp(start) : pd.Timestamp(date_to)]
    rows = []
    for offset in range((date_to - start).days + 1):
        day = start + dt.timedelta(days=offset)
        stamp = pd.Timestamp(day)
        tracked = stamp in window.index and bool(window.at[stamp, "tracked"])
        row = [f"{report_date(day, weekday=True, year=False)}"]
        if not tracked:
            row += ["not logged"] + [NOT_LOGGED] * (len(header) - 3)
        else:
            values = cast("pd.Series[float]", window.loc[stamp])  # a row: the frame has each day once
            row.append(_number(values["episodes"]))
            # No episode, no intensity: blank, so "—" keeps meaning "not logged".
            quiet = values["episodes"] == 0
            row.append("" if quiet else _number(values["max_intensity"]))
            row.append("" if quiet else _number(values["mean_intensity"], digits=1))
            answered = not pd.isna(values["episodes"])
            row += [
                # Read as the analysis and the charts read it: none logged on a day answered is 0.
                _factor_cell(values[column], column, day, yes_no, tracked_from or {},
                             none_is_zero=answered and column in absent_means_none)
                for column in columns
            ]  # fmt: skip
        row.append(", ".join(flags.get(day, [])))
        rows.append(row)
    return header, rows


def _days_affected(frame: pd.DataFrame, date_to: dt.date) -> list[str]:
    """Twitching days over the last 28 days, out of the days logged (the whole diary goes month
    by month under the history: tracker.report.history_words). A window longer
    than the report's range is not shown as mostly "not logged": the days before the first
    day reported are counted once, as "since" that day."""
    import pandas as pd

    first = frame.index[0].date() if len(frame.index) else date_to
    span = (date_to - first).days + 1
    lines = []
    for days in (28,):
        if days > span:
            lines.append(f"Since {report_date(first)} ({plural_days(span)}): {_twitching_days(frame, span)}.")
            break
        start = date_to - dt.timedelta(days=days - 1)
        window = frame.loc[pd.Timestamp(start) : pd.Timestamp(date_to)]
        lines.append(f"Last {days} days: {_twitching_days(window, days)}.")
    return lines


def window_coverage(window: pd.DataFrame, days: int) -> str:
    """The days of a window whose twitches were answered, and what the others hold, as
    coverage_words says it. Days past the frame's end count as having no entry."""
    return coverage_words(
        days_in_range=days,
        tracked=int(window["tracked"].sum()),
        answered=int(window["episodes"].notna().sum()),
    )


def _twitching_days(window: pd.DataFrame, days: int) -> str:
    # Twitches answered (a count, 0 included) is what a twitching day is out of: a day with only
    # caffeine logged says nothing about twitching.
    active = int((window["episodes"] > 0).sum())
    return f"twitching on {plural_days(active)}; {window_coverage(window, days)}"


def _persistence_lines(persistence: dict[str, Any]) -> tuple[list[str], list[str]]:
    """(the course, the spell): the whole course and whether it keeps coming back, then the
    current spell with its rule, its notices and the longest spell when it is another
    (tracker.report.course_words). Both empty without a persistence result."""
    if not persistence:
        return [], []
    course = [line for line in (course_line(persistence),) if line]
    if persistence.get("recurrent"):
        months = _months(persistence.get("months_with_episodes") or [])
        course.append(recurrent_words(persistence, months))
    spell = [spell_line(persistence), *[line for line in (notice_line(persistence),) if line]]
    spell += [line for line in (longest_line(persistence),) if line]
    return course, spell


def _months(months: Sequence[str]) -> str:
    """ "2026-06", "2026-07", ... as "Jun–Nov 2026; Feb 2027"; beyond four stretches, a count."""
    stretches: list[list[dt.date]] = []
    for text in months:
        month = dt.date.fromisoformat(f"{text}-01")
        previous = stretches[-1][-1] if stretches else None
        if previous and (month.year * 12 + month.month) - (previous.year * 12 + previous.month) == 1:
            stretches[-1].append(month)
        else:
            stretches.append([month])
    if len(stretches) > 4:
        return f"{len(months)} months from {stretches[0][0]:%b %Y} to {stretches[-1][-1]:%b %Y}"
    return "; ".join(_stretch(stretch[0], stretch[-1]) for stretch in stretches)


def _stretch(first: dt.date, last: dt.date) -> str:
    if first == last:
        return f"{first:%b %Y}"
    if first.year == last.year:
        return f"{first:%b}–{last:%b %Y}"
    return f"{first:%b %Y} – {last:%b %Y}"


def _before(days: int) -> str:
    """How long before the period's end, in words that end in "before" ("3 days before")."""
    if days < 60:
        return f"{days} day{'s' * (days != 1)} before"
    if days < 730:
        return f"about {round(days / 30.44)} months before"
    return f"about {round(days / 365.25)} years before"


def _with_note(source: str, note: str) -> str:
    return f"{source}: {note}" if note else source


def _long_date(iso: str) -> str:
    return f"{report_date(dt.date.fromisoformat(iso), weekday=True)}"


def _column_title(name: str, unit: str) -> str:
    label = name.capitalize()
    return f"{label}\n({unit})" if unit else label


def _factor_cell(
    value: float,
    column: str,
    day: dt.date,
    yes_no: Collection[str],
    tracked_from: Mapping[str, dt.date],
    *,
    none_is_zero: bool = False,
) -> str:
    """A factor's cell of the day table: "not tracked" before the factor was added, 0 for none
    logged where none logged counts as none (`none_is_zero`), "yes"/"no" for a yes-no factor,
    else the number ("—" when not logged)."""
    if column in tracked_from and day < tracked_from[column]:
        return NOT_TRACKED
    if none_is_zero and value != value:
        return "0"
    if column in yes_no and value == value:
        return "yes" if value else "no"
    return _number(value, digits=1)


def _number(value: float, *, digits: int = 0) -> str:
    if value != value:  # NaN: not logged
        return NOT_LOGGED
    return rounded(value, digits, trim=True)
