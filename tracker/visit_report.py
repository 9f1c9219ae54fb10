"""A one-to-two page A4 PDF for a clinician: what happened, since when, how it is changing.

Page 1 is meant to be read in a minute: red flags first (boxed), a summary, any reliable
associations, interventions, then the weekly chart in the room left (on page 2 if a long
red-flag list leaves too little). Page 2 is the last four weeks day by day. The wording comes from
small pure functions (`summary_lines`, `association_lines`, ...) so tests can read it back;
`write_report` only lays it out. Import lazily: it pulls in matplotlib.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tracker import charts

if TYPE_CHECKING:
    import pandas as pd

    from tracker.models import Episode, Intervention, RedFlag

A4 = (8.27, 11.69)  # inches, portrait
MARGIN = 0.6
BODY = 9
DISCLAIMER = "Self-reported from a personal tracking tool; not a diagnosis."
CAVEAT = "An association, not proof of cause."
NOT_LOGGED = "—"
MAX_TRIGGERS = 3
MAX_FLAG_LINES = 8
CHART_WEEKS = 12
CHART_FACTORS = 2
MIN_CHART_HEIGHT = 3.0  # inches, below which the chart moves to page 2
MAX_CHART_HEIGHT = 4.8
FOOTER_SPACE = 0.7
SUPPLEMENT_UNITS = {"mg", "mcg", "µg", "ug", "g", "iu", "IU"}
STATUS_TEXT = {
    "none": "no current run of twitching",
    "early": "a current run, not yet at the {watch}-day mark",
    "watch": "past the {watch}-day mark, not yet at {threshold} days",
    "persistent": "past the {threshold}-day mark",
}


# --- wording -------------------------------------------------------------------------------


def summary_lines(
    frame: pd.DataFrame, analysis: dict[str, Any], episodes: Sequence[Episode], *, date_to: dt.date
) -> list[str]:
    """The clinician's summary, one sentence per line: onset, days affected, the current run,
    locations and how they changed."""
    lines = []
    if episodes:
        first = min(episode.local_date for episode in episodes)
        lines.append(f"Twitching first logged on {first:%d %b %Y} ({_ago((date_to - first).days)}).")
    else:
        lines.append("No twitching logged.")
    for days in (28, 90):
        lines.append(_days_affected(frame, days, date_to))
    lines.extend(_persistence_lines(analysis.get("persistence") or {}))
    lines.extend(_location_lines(episodes, date_to))
    return lines


def red_flag_lines(red_flags: Sequence[RedFlag], analysis: dict[str, Any]) -> list[str]:
    """Every red flag, newest first: those logged, then any the analysis derived."""
    return [
        f"{_long_date(day.isoformat())}: {name} ({_with_note(source, note)})"
        for day, name, source, note in sorted(_all_flags(red_flags, analysis), reverse=True)
    ]


def _all_flags(red_flags: Sequence[RedFlag], analysis: dict[str, Any]) -> list[tuple[dt.date, str, str, str]]:
    """(date, name, source, note) for logged flags and the analysis's, once per date and kind."""
    found: dict[tuple[dt.date, str], tuple[dt.date, str, str, str]] = {}
    for flag in red_flags:
        kind = str(flag.kind)
        found[(flag.date, kind)] = (flag.date, kind.replace("-", " "), "logged", flag.note)
    for item in analysis.get("red_flags") or []:
        day, kind = dt.date.fromisoformat(str(item["date"])), str(item["kind"])
        name = str(item.get("name") or kind.replace("-", " "))
        source = str(item.get("source") or "derived")
        found.setdefault((day, kind), (day, name, source, str(item.get("note") or "")))
    return list(found.values())


def intervention_lines(
    interventions: Sequence[Intervention], analysis: dict[str, Any], frame: pd.DataFrame, factors_units: dict[str, str]
) -> list[str]:
    """Interventions with their dates and notes (doses), then supplements logged as factors."""
    verdicts = {str(item["name"]): item for item in analysis.get("interventions") or []}
    lines = []
    for item in sorted(interventions, key=lambda item: item.start_date):
        until = f"to {item.end_date:%d %b %Y}" if item.end_date else "ongoing"
        line = f"{item.name.capitalize()}: from {item.start_date:%d %b %Y}, {until}"
        if item.note:
            line += f"; {item.note}"
        verdict = verdicts.get(item.name)
        if verdict and verdict.get("summary"):
            summary = str(verdict["summary"])
            line += f". {summary[:1].upper()}{summary[1:]}"
        lines.append(line)
    for column, unit in factors_units.items():
        # A factor dosed in mg, µg or IU is a supplement (magnesium, vitamin D); caffeine is not.
        if column in frame.columns and unit in SUPPLEMENT_UNITS and column != "caffeine_mg":
            logged = frame[column].dropna()
            logged = logged[logged > 0]
            if len(logged):
                name = charts.factor_label(column, unit).capitalize()
                lines.append(
                    f"{name} logged on {len(logged)} days, {logged.index[0]:%d %b %Y} to "
                    f"{logged.index[-1]:%d %b %Y}; typical dose {logged.median():g} {unit}/day"
                )
    return lines


def association_lines(analysis: dict[str, Any], factors_units: dict[str, str]) -> list[str]:
    """At most three associations with q < 0.05, strongest evidence first, each with the
    rate ratio, its interval, the days behind it and the caveat."""
    reliable = [
        trigger
        for trigger in analysis.get("triggers") or []
        if trigger.get("q_value") is not None and trigger["q_value"] < 0.05
    ]
    reliable.sort(key=lambda trigger: trigger["q_value"])
    if not reliable:
        return ["No reliable associations yet."]
    lines = []
    for trigger in reliable[:MAX_TRIGGERS]:
        column = str(trigger["factor"])
        name = charts.factor_label(column, factors_units.get(column, "")).capitalize()
        lag = _lag_text(int(trigger.get("lag_days") or 0))
        direction = "more" if trigger.get("direction") == "more" else "fewer"
        provisional = " (provisional)" if trigger.get("confidence") == "provisional" else ""
        q_value = float(trigger["q_value"])
        q_text = "q < 0.001" if q_value < 0.001 else f"q = {q_value:.3f}"
        line = (
            f"{name}, {lag}, per {trigger['per']}: {direction} episodes{provisional}. "
            f"Rate ratio {trigger['rate_ratio']:.2f} (95% CI {trigger['ci_low']:.2f}"
            f" to {trigger['ci_high']:.2f}), {trigger['n_days']} days, {q_text}."
        )
        # The analysis's own summary repeats these numbers and the caveat; the two means
        # are the part a reader grasps at once.
        if trigger.get("high_mean") is not None and trigger.get("low_mean") is not None:
            line += (
                f" Episodes a day: {trigger['high_mean']:.1f} on high-{name.lower()} days,"
                f" {trigger['low_mean']:.1f} on the others."
            )
        lines.append(f"{line} {CAVEAT}")
    return lines


def daily_table(
    frame: pd.DataFrame,
    columns: Sequence[str],
    units: dict[str, str],
    red_flags: Sequence[tuple[dt.date, str]],
    *,
    date_to: dt.date,
    days: int = 28,
) -> tuple[list[str], list[list[str]]]:
    """The header and one row per day for the last `days` days up to `date_to`, oldest first.
    An untracked day reads "not logged"; a value not logged reads "—", never 0."""
    import pandas as pd

    flags: dict[dt.date, list[str]] = {}
    for day, name in red_flags:
        flags.setdefault(day, []).append(name)
    header = ["Date", "Episodes", "Max\nintensity", "Mean\nintensity"]
    header += [_column_title(column, units.get(column, "")) for column in columns]
    header.append("Red flag")
    start = date_to - dt.timedelta(days=days - 1)
    window = frame.loc[pd.Timestamp(start) : pd.Timestamp(date_to)]
    rows = []
    for offset in range(days):
        day = start + dt.timedelta(days=offset)
        stamp = pd.Timestamp(day)
        tracked = stamp in window.index and bool(window.at[stamp, "tracked"])
        row = [f"{day:%a %d %b}"]
        if not tracked:
            row += ["not logged"] + [NOT_LOGGED] * (len(header) - 3)
        else:
            values = window.loc[stamp]
            row.append(_number(values["episodes"]))
            # No episode, no intensity: blank, so "—" keeps meaning "not logged".
            quiet = values["episodes"] == 0
            row.append("" if quiet else _number(values["max_intensity"]))
            row.append("" if quiet else _number(values["mean_intensity"], digits=1))
            row += [_number(values[column], digits=1) for column in columns]
        row.append(", ".join(flags.get(day, [])))
        rows.append(row)
    return header, rows


# --- the PDF -------------------------------------------------------------------------------


def write_report(
    path: Path | str,
    *,
    frame: pd.DataFrame,
    analysis: dict[str, Any],
    episodes: Sequence[Episode],
    interventions: Sequence[Intervention],
    red_flags: Sequence[RedFlag],
    factors_units: dict[str, str],
    date_from: dt.date,
    date_to: dt.date,
    generated_on: dt.date,
) -> Path:
    """Write the visit report as a two-page A4 PDF (owner-only, atomic). Returns the path."""
    import matplotlib  # deferred: ~150 ms, with the PDF backend below
    import pandas as pd
    from matplotlib.backends.backend_pdf import PdfPages

    path = Path(path)
    frame = frame.loc[pd.Timestamp(date_from) : pd.Timestamp(date_to)]
    episodes = [e for e in episodes if date_from <= e.local_date <= date_to]
    red_flags = [flag for flag in red_flags if date_from <= flag.date <= date_to]
    factors = [column for column in factors_units if column in frame.columns]
    tracked = int(frame["tracked"].sum())
    span = (date_to - date_from).days + 1
    coverage = (
        f"{date_from:%d %b %Y} to {date_to:%d %b %Y}: {tracked} of {span} days tracked ({span - tracked} not logged)"
    )

    # matplotlib's Type 3 fonts carry a ToUnicode map, so the text can still be searched;
    # TrueType (Type 42) embedding costs ~0.6 s of font subsetting for nothing more.
    with (
        matplotlib.rc_context({"font.size": BODY}),
        charts.private_atomic_file(path) as handle,
        PdfPages(handle, metadata={"Title": "Twitching visit summary", "Creator": "tracker"}) as pdf,
    ):
        chart_factors = factors[:CHART_FACTORS]
        first = _first_page(
            frame=frame,
            analysis=analysis,
            episodes=episodes,
            interventions=interventions,
            red_flags=red_flags,
            factors_units=factors_units,
            date_to=date_to,
            coverage=coverage,
            generated_on=generated_on,
        )
        marks = [(day, name) for day, name, _, _ in _all_flags(red_flags, analysis)]
        header, rows = daily_table(frame, factors, factors_units, marks, date_to=date_to)
        second = _table_page(header, rows, coverage=coverage)
        # The chart takes what page 1 has left; long red-flag or trigger lists push it over.
        for page in (first, second):
            if page.room() >= MIN_CHART_HEIGHT:
                page.heading(f"Last {CHART_WEEKS} weeks")
                _chart(page, frame, analysis, interventions, red_flags, chart_factors, factors_units)
                break
        pdf.savefig(first.fig)
        pdf.savefig(second.fig)
    return path


def _first_page(
    *,
    frame: pd.DataFrame,
    analysis: dict[str, Any],
    episodes: Sequence[Episode],
    interventions: Sequence[Intervention],
    red_flags: Sequence[RedFlag],
    factors_units: dict[str, str],
    date_to: dt.date,
    coverage: str,
    generated_on: dt.date,
) -> _Page:
    page = _Page()
    page.text("Facial twitching: visit summary", size=16, weight="bold")
    page.text(f"{coverage}. Prepared {generated_on:%d %b %Y}.", color="#333333")
    page.space(0.12)

    flags = red_flag_lines(red_flags, analysis)
    if len(flags) > MAX_FLAG_LINES:  # keep page 1 to a page: newest first, then a count
        more = len(flags) - MAX_FLAG_LINES + 1
        flags = [*flags[: MAX_FLAG_LINES - 1], f"... and {more} earlier red flags."]
    if flags:
        page.boxed("Red flags logged", flags, color=charts.VERMILLION)
    else:
        page.text("No red flags logged.", weight="bold")
    page.space(0.1)

    page.heading("Summary")
    for line in summary_lines(frame, analysis, episodes, date_to=date_to):
        page.bullet(line)
    page.heading("Possible triggers")
    for line in association_lines(analysis, factors_units):
        page.bullet(line)
    page.heading("Interventions and supplements")
    for line in intervention_lines(interventions, analysis, frame, factors_units) or ["None."]:
        page.bullet(line)
    page.footer(f"{DISCLAIMER}   Page 1 of 2")
    return page


def _chart(
    page: _Page,
    frame: pd.DataFrame,
    analysis: dict[str, Any],
    interventions: Sequence[Intervention],
    red_flags: Sequence[RedFlag],
    factors: Sequence[str],
    units: dict[str, str],
) -> None:
    weekly = charts.weekly_summary(charts.last_weeks(frame, CHART_WEEKS), factors=factors)
    persistence = analysis.get("persistence") or {}
    threshold = int(persistence.get("threshold_days") or 28)
    runs = {
        (dt.date.fromisoformat(run["start"]), dt.date.fromisoformat(run["end"]))
        for run in (persistence.get("current_run"), persistence.get("longest_run"))
        if run and int(run["days"]) >= threshold
    }
    # Panels share what is left: the episodes panel twice a factor panel's height.
    height = min(page.room(), MAX_CHART_HEIGHT) - 0.3 * (len(factors) + 2)
    unit_height = height / (2 + len(factors))
    top = page.axes(2 * unit_height, space_above=0.3)
    charts.draw_weekly(
        top,
        weekly,
        persistent_runs=sorted(runs),
        interventions=[(item.start_date, item.name) for item in interventions],
        red_flags=[(day, name) for day, name, _, _ in _all_flags(red_flags, analysis)],
    )
    axes = [top]
    for position, column in enumerate(factors):
        ax = page.axes(unit_height, space_above=0.3, sharex=top)
        unit = units.get(column, "")
        label = charts.factor_label(column, unit)
        charts.draw_factor(ax, weekly, column, label=label, unit=unit, style=position)
        ax.set_title(f"{label.capitalize()}: mean of logged days", loc="left", fontsize=BODY)
        axes.append(ax)
    for ax in axes[:-1]:
        ax.tick_params(labelbottom=False)
    for ax in axes:
        ax.tick_params(labelsize=BODY - 1)
        ax.yaxis.label.set_size(BODY - 1)
    page.space(0.3)  # the date labels under the last panel


def _table_page(header: list[str], rows: list[list[str]], *, coverage: str) -> _Page:
    page = _Page()
    page.text("Last 4 weeks, day by day", size=13, weight="bold")
    page.text(f"{coverage}. “not logged” = no entry that day; “{NOT_LOGGED}” = value not logged.", color="#333333")
    page.space(0.1)
    # One monospaced line of text per row: columns line up, and drawing ~30 texts costs a
    # fraction of matplotlib's Table (a Text and a Rectangle per cell, ~0.5 s here).
    widths = [
        max(len(part) for cell in column for part in cell.split("\n")) for column in zip(header, *rows, strict=True)
    ]
    titles = [[*cell.split("\n"), ""] for cell in header]
    lines = [[title[0] for title in titles], [title[1] for title in titles]]
    step = 0.2
    ax = page.axes(step * (len(rows) + 2), space_above=0.0, left=MARGIN, right=MARGIN)
    ax.set_axis_off()
    ax.set_xlim(0, 1)
    ax.set_ylim(-(len(rows) + 2) * step, 0)
    for number, cells in enumerate(lines + rows):
        y = -(number + 0.5) * step
        untracked = number >= 2 and cells[1] == "not logged"
        flagged = number >= 2 and bool(cells[-1])
        header_row = number < 2
        if untracked or flagged or header_row:
            colour = "#FBE9E0" if flagged else "#EEEEEE"
            ax.axhspan(y - step / 2, y + step / 2, color=colour, linewidth=0)
        ax.text(
            0.01,
            y,
            "  ".join(cell.center(width) for cell, width in zip(cells, widths, strict=True)),
            family="DejaVu Sans Mono",
            fontsize=BODY - 0.5,
            va="center",
            color="#555555" if untracked else "black",
            fontweight="bold" if flagged or header_row else "normal",
        )
    ax.axhline(-2 * step, color="#888888", linewidth=0.8)
    page.footer(f"{DISCLAIMER}   Page 2 of 2")
    page.space(0.3)
    return page


class _Page:
    """An A4 figure filled top to bottom: a cursor in inches from the bottom edge."""

    def __init__(self) -> None:
        from matplotlib.figure import Figure

        self.fig = Figure(figsize=A4)
        self.y = A4[1] - MARGIN

    def text(
        self, text: str, *, size: float = BODY, weight: str = "normal", color: str = "black", indent: float = 0.0
    ) -> None:
        width = A4[0] - 2 * MARGIN - indent
        for line in textwrap.wrap(text, _chars(width, size, bold=weight == "bold")) or [""]:
            self._line(line, MARGIN + indent, size=size, weight=weight, color=color)

    def bullet(self, text: str) -> None:
        self.fig.text(MARGIN / A4[0], self.y / A4[1], "•", va="top", fontsize=BODY)
        self.text(text, indent=0.15)

    def heading(self, text: str) -> None:
        self.space(0.08)
        self.text(text, size=11, weight="bold")
        self.space(0.02)

    def boxed(self, title: str, lines: Sequence[str], *, color: str) -> None:
        from matplotlib.patches import Rectangle

        top = self.y + 0.05
        self.space(0.05)
        self.text(title.upper(), size=11, weight="bold", color=color, indent=0.1)
        for line in lines:
            self.text(line, weight="bold", indent=0.1)
        self.space(0.05)
        self.fig.add_artist(
            Rectangle(
                (MARGIN / A4[0], self.y / A4[1]),
                (A4[0] - 2 * MARGIN) / A4[0],
                (top - self.y) / A4[1],
                transform=self.fig.transFigure,
                facecolor="#FBE9E0",
                edgecolor=color,
                linewidth=2,
                zorder=-1,
            )
        )

    def axes(
        self, height: float, *, space_above: float, left: float = 1.0, right: float = 0.9, sharex: Any = None
    ) -> Any:
        self.y -= space_above + height
        rect = (left / A4[0], self.y / A4[1], (A4[0] - left - right) / A4[0], height / A4[1])
        return self.fig.add_axes(rect, sharex=sharex)

    def space(self, inches: float) -> None:
        self.y -= inches

    def room(self) -> float:
        """Inches left above the footer."""
        return self.y - FOOTER_SPACE

    def footer(self, text: str) -> None:
        self.fig.text(0.5, 0.35 / A4[1], text, ha="center", fontsize=BODY - 1, color="#333333")

    def _line(self, line: str, x: float, *, size: float, weight: str, color: str) -> None:
        self.fig.text(x / A4[0], self.y / A4[1], line, va="top", fontsize=size, fontweight=weight, color=color)
        self.y -= size * 1.4 / 72


# --- helpers -------------------------------------------------------------------------------


def _days_affected(frame: pd.DataFrame, days: int, date_to: dt.date) -> str:
    import pandas as pd

    start = date_to - dt.timedelta(days=days - 1)
    window = frame.loc[pd.Timestamp(start) : pd.Timestamp(date_to)]
    tracked = int(window["tracked"].sum())
    active = int((window["episodes"] > 0).sum())
    missing = days - tracked
    gap = f"; {missing} of the {days} days not logged" if missing else ""
    return f"Last {days} days: twitching on {active} of {tracked} tracked days{gap}."


def _persistence_lines(persistence: dict[str, Any]) -> list[str]:
    watch = int(persistence.get("watch_days") or 14)
    threshold = int(persistence.get("threshold_days") or 28)
    status = str(persistence.get("status") or "none")
    text = STATUS_TEXT.get(status, status).format(watch=watch, threshold=threshold)
    lines = [f"Status: {status.upper()} ({text})."]
    run = persistence.get("current_run")
    if run:
        start = dt.date.fromisoformat(run["start"])
        marks = "; ".join(_mark(start, int(run["days"]), days) for days in (watch, threshold))
        tolerance = persistence.get("gap_tolerance_days")
        allowing = f", gaps of up to {tolerance} days allowed" if tolerance else ""
        lines.append(
            f"Current run: since {start:%d %b %Y}, {run['days']} days, twitching on "
            f"{run['active_days']} of them{allowing}. {marks}."
        )
    longest = persistence.get("longest_run")
    if longest and longest != run:
        lines.append(
            f"Longest run: {_long_date(longest['start'])} to {_long_date(longest['end'])}, {longest['days']} days."
        )
    if persistence.get("recurrent"):
        months = ", ".join(persistence.get("months_with_episodes") or [])
        lines.append(f"Recurrent: episodes in {months}.")
    return lines


def _mark(start: dt.date, run_days: int, days: int) -> str:
    on = start + dt.timedelta(days=days - 1)
    if run_days >= days:
        return f"{days}-day mark reached {on:%d %b}"
    return f"{days}-day mark on {on:%d %b} if it continues"


def _location_lines(episodes: Sequence[Episode], date_to: dt.date) -> list[str]:
    if not episodes:
        return []
    counts = Counter(_place(episode) for episode in episodes)
    places = "; ".join(f"{place}: {count}" for place, count in counts.most_common())
    lines = [f"Locations (episodes): {places}."]
    first_day = min(episode.local_date for episode in episodes)
    early_end = first_day + dt.timedelta(days=27)
    late_start = date_to - dt.timedelta(days=27)
    if late_start <= early_end:
        return lines  # not eight weeks of history yet: the two windows would overlap
    early = {_place(e) for e in episodes if e.local_date <= early_end}
    late = {_place(e) for e in episodes if e.local_date >= late_start}
    new = sorted(late - early)
    if new:
        lines.append(
            f"Spreading: first 4 weeks: {_joined(early)}; last 4 weeks: {_joined(late)} (new: {', '.join(new)})."
        )
    else:
        lines.append(f"No new places: first 4 weeks: {_joined(early)}; last 4 weeks: {_joined(late)}.")
    return lines


def _place(episode: Episode) -> str:
    """ "left eyelid", "upper lip, both sides", "chin (centre)"."""
    location, side = str(episode.location).replace("-", " "), str(episode.side)
    if side in ("left", "right"):
        return f"{side} {location}"
    return f"{location}, both sides" if side == "both" else f"{location} (centre)"


def _joined(places: set[str]) -> str:
    return ", ".join(sorted(places)) if places else "none"


def _ago(days: int) -> str:
    if days < 60:
        return f"{days} days ago"
    if days < 730:
        return f"about {round(days / 30.44)} months ago"
    return f"about {round(days / 365.25)} years ago"


def _with_note(source: str, note: str) -> str:
    return f"{source}: {note}" if note else source


def _long_date(iso: str) -> str:
    return f"{dt.date.fromisoformat(iso):%a %d %b %Y}"


def _lag_text(lag: int) -> str:
    if lag == 0:
        return "same day"
    return "next day" if lag == 1 else f"{lag} days later"


def _column_title(column: str, unit: str) -> str:
    label = charts.factor_label(column, unit).capitalize()
    return f"{label}\n({unit})" if unit else label


def _number(value: float, *, digits: int = 0) -> str:
    if value != value:  # NaN: not logged
        return NOT_LOGGED
    return f"{round(float(value), digits):g}"


def _chars(width_in: float, size: float, *, bold: bool = False) -> int:
    """How many characters of DejaVu Sans fit in `width_in`: about 0.55 em each, 0.62 bold."""
    return max(20, int(width_in * 72 / (size * (0.62 if bold else 0.55))))
