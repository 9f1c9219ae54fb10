"""The one wording of the analysis: what `tracker analyze` prints, what Insights shows and what
the visit report says come from these functions, so no two readers word the same result two
ways. Plain text; the TUI escapes it and adds its own emphasis. Pure functions of the
analysis dict (`analyze --json` has the same keys).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from tracker.analysis.findings import (
    AMPLE,
    FEW_CHANGES,
    FEW_DAYS,
    INSUFFICIENT,
    LIMITED,
    MOVES_TOGETHER,
    NEVER_VARIES,
    NO_ESTIMATE,
    NO_TWITCHES,
    NOT_LOGGED,
    TOO_FEW_ANSWERED,
)
from tracker.analysis.persistence import persistence_status_line as persistence_status_line  # its home
from tracker.analysis.text import (
    DASH,
    LOGGED,
    NOT_PROOF,
    SUGGESTED,
    TIMES,
    chance_text,
    q_words,
    range_coverage,
    ratio_in_words,
)
from tracker.core.formatting import days, factor_words, plural, red_flag_words, report_date, rounded
from tracker.core.span import clamped_words

TRIGGERS_HEADING = "Possible triggers (one model: every factor on the same day and the day before, together)"
DESCRIBED = "Described alone, not adjusted"


def lag_words(lag: int) -> str:
    """The day a factor is read on, relative to the day of the twitches: every reader says it so."""
    if lag == 0:
        return "same day"
    return "the day before" if lag == 1 else f"{lag} days before"


def confidence_words(entry: dict[str, Any]) -> str:
    """How much data stands behind an estimate, never how sure the cause is."""
    if entry["confidence"] == INSUFFICIENT:
        return "not enough data yet"
    amount = {LIMITED: "limited data", AMPLE: "ample data"}.get(entry["confidence"], entry["confidence"])
    return f"{amount}: {days(entry['n_days'])}"


def persistence_lines(
    result: dict[str, Any], *, dates: Callable[[dt.date], str] = dt.date.isoformat, with_onset: bool = True
) -> list[str]:
    """How long it has lasted, for every reader: the status line, the onset given beside what
    was logged (unless the reader puts it first, as the visit report does: `with_onset`), the
    current run, the longest one when it is another, and whether it keeps coming back. `dates`
    writes the dates (the report's one form on paper; ISO, as typed in commands, on screen)."""
    lines = [persistence_status_line(result)]
    onset = onset_words(result, dates) if with_onset else None
    if onset:
        lines.append(onset)
    current, longest = result.get("current_run"), result.get("longest_run")
    if current:
        lines.append(f"Current run: {_run_words(current, dates)}")
    if longest and longest != current:
        lines.append(f"Longest run: {_run_words(longest, dates)}")
    if result.get("recurrent"):
        lines.append(recurrent_words(result))
    return lines


def onset_words(result: dict[str, Any], dates: Callable[[dt.date], str] = dt.date.isoformat) -> str | None:
    """The start as the person dates it beside what was logged, each labelled, for every reader:
    "Onset as given: 3 Oct 2026, 8 weeks before 28 Nov 2026; as logged: twitching on 19 of the
    last 28 days." An onset after the first entry says the entry is earlier. None without an
    onset (the status line and the runs already say what was logged)."""
    onset, first = result.get("onset"), result.get("first_logged")
    if not onset:
        return None
    given = dt.date.fromisoformat(onset)
    line = f"Onset as given: {dates(given)}"
    if result.get("as_of"):
        as_of = dt.date.fromisoformat(result["as_of"])
        line += f", {_span_words((as_of - given).days)} before {dates(as_of)}"
    if not first:
        return line + "; as logged: no twitch yet."
    first_day = dt.date.fromisoformat(first)
    window = int(result.get("recent_days") or 0)
    last = "the last" if window == result.get("threshold_days") else "the"
    logged = f"twitching on {result.get('recent_active', 0)} of {last} {days(window)}"
    if window != result.get("threshold_days"):
        logged += f" since the first entry ({dates(first_day)})"
    if first_day < given:
        return f"{line}; the first twitch logged, {dates(first_day)}, is earlier. As logged: {logged}."
    return f"{line}; as logged: {logged}, the first on {dates(first_day)}."


def _span_words(count: int) -> str:
    """A span in the unit a person would use: days under 3 weeks, weeks under 6 months, then months."""
    if count < 21:
        return days(count)
    if count < 183:
        return plural(round(count / 7), "week")
    return plural(round(count / 30.44), "month")


def _run_words(run: dict[str, Any], dates: Callable[[dt.date], str]) -> str:
    start, end = (dates(dt.date.fromisoformat(run[edge])) for edge in ("start", "end"))
    return f"{start} to {end} ({days(run['days'])}, {run['active_days']} with twitching)"


def recurrent_words(persistence: dict[str, Any]) -> str:
    """The rule said with the finding, so "recurrent" is never read as "came back once"."""
    months = persistence.get("recurrent_months") or 3
    twitches = persistence.get("recurrent_twitches") or 2
    return f"Recurrent: at least {months} calendar months in a row, each with {twitches} twitches or more."


def ratio_words(entry: dict[str, Any]) -> str:
    """ "1.32× as many twitches a day per 100 mg (95% CI 1.10–1.58)": times what, said."""
    per = "(yes vs no)" if entry["per"] == "yes vs no" else f"per {entry['per']}"
    per = f"as many twitches a day {per}"
    low, high = rounded(entry["ci_low"], 2), rounded(entry["ci_high"], 2)
    return f"{rounded(entry['rate_ratio'], 2)}{TIMES} {per} (95% CI {low}{DASH}{high})"


def label(entry: dict[str, Any]) -> str:
    """ "Caffeine, same day"."""
    return f"{factor_words(entry['name']).capitalize()}, {lag_words(entry['lag_days'])}"


def estimate_line(entry: dict[str, Any]) -> str:
    """One estimate of the model, said whole: the ratio, which way, the evidence, how much data."""
    direction = "more twitches" if entry["direction"] == "more" else "fewer twitches"
    chance = "no clear association: could be chance."
    verdict = f"goes with {direction}. {NOT_PROOF}" if entry["association"] else chance
    return (
        f"{label(entry)}: {ratio_words(entry)}, {chance_text('q', entry['q_value'])}: {verdict} "
        f"[{confidence_words(entry)}]"
    )


def adjusted_line(entry: dict[str, Any]) -> str:
    return f"Adjusted for {', '.join(entry['adjusted_for'])}." if entry.get("adjusted_for") else ""


def described_line(entry: dict[str, Any]) -> str | None:
    """The one-factor means, only beside an association and only where they point the way its
    estimate does: a raw comparison the adjusted model does not support is left out."""
    described = entry.get("described")
    if not described or not entry["association"]:
        return None
    high, low = described["high_mean"], described["low_mean"]
    if high == low or (high > low) != (entry["rate_ratio"] > 1):
        return None
    return (
        f"{DESCRIBED}: {described['condition'][:1].lower()}{described['condition'][1:]}, "
        f"{rounded(high, 1)} twitches a day ({days(described['high_days'])}), "
        f"against {rounded(low, 1)} on other days ({days(described['low_days'])})."
    )


def not_ready_line(entry: dict[str, Any]) -> str:
    """Why a factor has no estimate, as it is: never varies, logged on 6 days, ..."""
    name = factor_words(entry["name"])
    reason, more = entry.get("reason"), entry.get("days_needed")
    if reason == NEVER_VARIES:
        value = entry.get("constant_value")
        shown = f"{value:g} {entry.get('unit') or ''}".strip() if value is not None else ""
        return (
            f"{name.capitalize()} never varies (always {shown} on {days(entry['days_logged'])} logged): "
            "a factor that never changes cannot be linked to twitching."
        )
    if reason == TOO_FEW_ANSWERED:
        return f"{label(entry)}: not enough data yet — about {plural(more or 0, 'more day')} with twitches answered."
    if reason == NOT_LOGGED:
        return f"{name.capitalize()}: not logged on any day whose twitches were answered yet."
    if reason == NO_ESTIMATE:
        return (
            f"{label(entry)}: the days so far split too cleanly into twitchy and quiet ones to measure; "
            f"about {plural(more or 0, 'more day')} would help."
        )
    if reason == FEW_CHANGES:
        changed = entry.get("changed_days") or 0
        when = f"on {plural(changed, 'day')} only" if changed else "on no day logged after a logged day"
        return (
            f"{name.capitalize()} changed from one day to the next {when}: its same-day and day-before "
            "effects cannot be told apart, nor from the trend. A habit started on one date is compared "
            "before and after under Interventions."
        )
    if reason == FEW_DAYS and entry["lag_days"] == 0:
        return f"{days(entry['days_logged']).capitalize()} with {name} logged; it needs about {more} more."
    if reason == FEW_DAYS:
        return (
            f"{label(entry)}: {days(entry['n_days'])} with {name} logged on the day before; about {more} more needed."
        )
    return f"{label(entry)}: not enough data yet."


def summary_of(entry: dict[str, Any]) -> str:
    """One trigger entry in a sentence: its estimate, or why it has none (the `summary` in
    `analyze --json`)."""
    return estimate_line(entry) if entry["q_value"] is not None else not_ready_line(entry)


def trigger_lines(result: dict[str, Any]) -> list[str]:
    """The "Possible triggers" section as plain lines, for every reader: the state of the
    diary first (no twitches, too few days, a trend, uneven logging, factors moving
    together), then each estimate, associations first, then the factors without one."""
    model = result.get("trigger_model") or {}
    entries: Sequence[dict[str, Any]] = result.get("triggers") or []
    lines = diary_lines(result)
    if not entries or {entry.get("reason") for entry in entries} & {NO_TWITCHES, TOO_FEW_ANSWERED}:
        return lines
    tested = [entry for entry in entries if entry["q_value"] is not None]
    if tested:
        lines.append(f"({q_words(len(tested), float(model.get('alpha', 0.05)))}.)")
    ordered = sorted(tested, key=lambda e: (not e["association"], e["q_value"]))
    if not any(entry["association"] for entry in tested):
        lines.append("No factor goes with more or fewer twitches clearly enough yet.")
    for entry in ordered:
        lines.append(estimate_line(entry))
        lines += [f"  {text}" for text in (adjusted_line(entry), described_line(entry)) if text]
    said: set[str] = set()
    for entry in entries:
        # A factor with no estimate on either day says why once, not once per day.
        if entry["q_value"] is None and entry["factor"] not in said:
            lines.append(not_ready_line(entry))
            if entry["lag_days"] == 0:
                said.add(entry["factor"])
    return lines


def diary_lines(result: dict[str, Any]) -> list[str]:
    """What the whole diary says before any estimate: no factors or no twitches yet, too few
    answered days, a trend, uneven logging, factors that move together."""
    model = result.get("trigger_model") or {}
    entries: Sequence[dict[str, Any]] = result.get("triggers") or []
    if not entries:
        return ["No factors logged yet."]
    reasons = {entry.get("reason") for entry in entries}
    if NO_TWITCHES in reasons:
        return [
            f"No twitches on any of the {days(model.get('answered_days', 0))} whose twitches were answered: "
            "there is nothing to link factors to yet."
        ]
    if TOO_FEW_ANSWERED in reasons:
        more = max(entry.get("days_needed") or 0 for entry in entries)
        return [
            f"{days(model.get('answered_days', 0)).capitalize()} with twitches answered so far; the trigger "
            f"model needs about {more} more (a day with twitches logged, or a quiet day marked as having none)."
        ]
    return [*trend_lines(model), *logging_lines(model), *together_lines(result)]


def trend_lines(model: dict[str, Any]) -> list[str]:
    """Which way twitching went over the period, and why that matters for habits."""
    trend = model.get("trend")
    if not trend:
        return []
    if not trend["clear"]:
        return ["No clear trend in twitching over the period."]
    way = "fell" if trend["per_30_days"] < 1 else "rose"
    return [
        f"Twitching {way} over the period: about {rounded(trend['per_30_days'], 2)}{TIMES} as many twitches a day "
        "per 30 days "
        f"(95% CI {rounded(trend['ci_low'], 2)}{DASH}{rounded(trend['ci_high'], 2)}), from "
        f"{rounded(trend['first_mean'], 1)} a day in the first four weeks "
        f"to {rounded(trend['last_mean'], 1)} in the last. "
        "Habits that changed over the same months can look linked to it; every factor's estimate is "
        "adjusted for this trend, so drifting with it alone does not make a factor a possible trigger."
    ]


def logging_lines(model: dict[str, Any]) -> list[str]:
    """A warning for each factor logged much more often on twitchy days than on quiet ones (or
    the other way): the comparison then leans on one kind of day."""
    return [
        f"{factor_words(item['name']).capitalize()} was logged on {round(100 * item['twitchy_share'])}% of "
        f"twitchy days but {round(100 * item['quiet_share'])}% of quiet ones: log quiet days too, "
        "or the comparison leans on the days you noticed."
        for item in model.get("logging") or []
        if item["uneven"]
    ]


def together_lines(result: dict[str, Any]) -> list[str]:
    """Factors that move together (|rho| >= 0.5), and whether each estimate is adjusted for the other."""
    entries = result.get("triggers") or []
    names = {entry["factor"]: entry["name"] for entry in entries}
    in_model = {entry["factor"] for entry in entries if entry["q_value"] is not None}
    lines = []
    for pair in result.get("factor_correlations") or []:
        rho = pair.get("rho")
        if rho is None or abs(rho) < MOVES_TOGETHER:
            continue
        a, b = pair["factor_a"], pair["factor_b"]
        both = f"{factor_words(names.get(a, a)).capitalize()} and {factor_words(names.get(b, b))}"
        said = f"{both} move together (Spearman {rounded(rho, 2)}): "
        if a in in_model and b in in_model:
            lines.append(said + "each estimate is adjusted for the other, so the two are not double-counted.")
        else:
            lines.append(said + "only one has enough data, so its estimate may partly stand for the other.")
    return lines


def _none_found(result: dict[str, Any]) -> str:
    """ "No reliable associations yet", naming the factors that were tested (a reader cannot tell
    "tested, nothing found" from "never tested" otherwise)."""
    entries = result.get("triggers") or []
    tested = list(dict.fromkeys(entry["name"] for entry in entries if entry["q_value"] is not None))
    if not tested:
        return "No reliable associations yet."
    return f"No reliable associations yet: {', '.join(factor_words(name) for name in tested)} tested, none stood out."


def association_lines(result: dict[str, Any], limit: int = 3) -> list[str]:
    """The visit report's triggers: at most `limit` associations, strongest evidence first, in
    the same words as everywhere else; the state-of-the-diary lines when there are none."""
    found = sorted((e for e in result.get("triggers") or [] if e["association"]), key=lambda e: e["q_value"])
    if not found:
        return [_none_found(result), *diary_lines(result)[:2]]
    return [" ".join([estimate_line(entry), adjusted_line(entry)]).strip() for entry in found[:limit]]


def intervention_line(effect: dict[str, Any]) -> str:
    """One intervention's comparison in a sentence (the `summary` of each `interventions`
    entry, and what the text, Insights and the PDF say): the verdict, or why there is none."""
    if effect["design"] == "plan":
        return _plan_line(effect)
    name, start, washout = effect["name"], _day(effect["start"]), effect["washout_days"]
    status = effect["status"]
    if status == "not-started":
        # Said against the period, not the day it is read: a report that ends in the past was "not started yet".
        return f"{name}: from {start}, after the period analysed (to {_day(effect['as_of'])})"
    if status == "too-early":
        more = effect["needs_days"] - effect["after_days"]
        return (
            f"{name} (since {start}): too early to tell — about {more} more tracked "
            f"{'day' if more == 1 else 'days'} after the {washout}-day washout"
        )
    if status == "insufficient":
        return (
            f"{name} (since {start}): not enough tracked days before the start to compare with "
            f"({effect['before_days']}, needs {effect['needs_days']})"
        )
    line = (
        f"{name} (since {start}): {rounded(effect['after_mean'], 1)} twitches a day over the first "
        f"{effect['after_days']} tracked days after a {washout}-day washout, "
        f"against {rounded(effect['before_mean'], 1)} in the {effect['before_days']} tracked days before: "
        f"{_effect_ratio(effect)} before/after, not adjusted for trend, "
        f"{ratio_in_words(effect['rate_ratio'], than='before')}. "
        "Twitching also comes and goes on its own, and a trend already under way before the start would show "
        "here as an effect."
    )
    if effect.get("follows_worst_stretch"):
        line += (
            " It began right after the worst week of the 8 weeks before it, and twitching eases after its "
            "worst spells on its own: part of any drop may be that. Alternating blocks of days with it and "
            "without it would test it fairly."
        )
    return line


def _day(iso: str) -> str:
    """A date of the analysis (ISO) as every reader's words give dates: "3 Mar 2026"."""
    return report_date(dt.date.fromisoformat(iso))


def _plan_line(effect: dict[str, Any]) -> str:
    blocks, done = effect["blocks"], effect["blocks_done"]
    what = f"{effect['name']} (a plan of {blocks} blocks of {effect['block_days']} days from {_day(effect['start'])})"
    if effect["status"] == "not-started":
        return f"{what}: not started yet; the first block is off"
    on, off = effect["on_days"], effect["off_days"]
    if effect["status"] != "ok":
        return (
            f"{what}: too early to tell — {done} of {blocks} blocks done, {on} on-days and {off} off-days "
            f"with twitches answered so far (needs {effect['needs_days']} of each)"
        )
    return (
        f"{what}: {rounded(effect['on_mean'], 1)} twitches a day on {on} on-days against "
        f"{rounded(effect['off_mean'], 1)} on {off} off-days ({effect['washout_days']} days after each switch "
        f"left out; {done} of {blocks} blocks done): {_effect_ratio(effect)}, "
        f"{ratio_in_words(effect['rate_ratio'], than='on off-days')}. The blocks alternate, so slow "
        "changes in twitching weigh on both alike."
    )


def _effect_ratio(effect: dict[str, Any]) -> str:
    low, high = rounded(effect["ci_low"], 2), rounded(effect["ci_high"], 2)
    return f"{rounded(effect['rate_ratio'], 2)}{TIMES} (95% CI {low}{DASH}{high})"


# --- `tracker analyze` as text --------------------------------------------------------------


def format_text(result: dict[str, Any]) -> str:
    """What `tracker analyze` prints: a logged sign that cannot wait and what to do about it
    first, then persistence, red flags, possible triggers, interventions and medications (in the
    report's words: tracker.report.medication_words), in that order."""
    span = result["range"]
    lines = [
        f"Twitching report, {span['from']} to {span['to']} (as of {result['as_of']}): {range_coverage(span)}.",
        *(f"({clamped_words(item)})" for item in span.get("clamped", ())),
        *_unanswered_lines(span),
        *_not_logged_lines(result.get("not_logged_reads_as_none") or []),
        *_urgent_lines(result),
        "",
        "1. How long it has lasted",
        *_persistence_lines(result["persistence"]),
        "",
        f"2. Red flags, {span['from']} to {span['to']}",
        *([_flag_line(flag) for flag in result["red_flags"]] or ["   none"]),
        *(f"   {line}" for line in red_flag_advice_lines(result["red_flags"], result["as_of"])),
        "",
        f"3. {TRIGGERS_HEADING}",
        *(f"   {line}" for line in trigger_lines(result)),
        "",
        "4. Interventions",
        *([f"   {intervention_line(item)}" for item in result["interventions"]] or ["   none logged"]),
        "",
        "5. Medications",
        *(f"   {line}" for line in result.get("medications") or []),
    ]
    return "\n".join(lines) + "\n"


def _not_logged_lines(names: Sequence[str]) -> list[str]:
    if not names:
        return []
    names = [factor_words(name) for name in names]
    listed = " or ".join([", ".join(names[:-1]), names[-1]]) if len(names) > 1 else names[0]
    return [
        f"A day with twitches answered and no {listed} logged counts as none of it in the analysis; "
        "`tracker factor list` shows this and `factor edit --absent` changes it."
    ]


def _unanswered_lines(span: dict[str, Any]) -> list[str]:
    count = span.get("unanswered_days") or 0
    if not count:
        return []
    return [
        "On a day with only other entries the twitches are unknown, not counted as 0. "
        "`tracker log none --date D` records a day without twitches."
    ]


def _persistence_lines(result: dict[str, Any]) -> list[str]:
    return [f"   {line}" for line in persistence_lines(result)]


def _urgent_lines(result: dict[str, Any]) -> list[str]:
    """What to do about a sign that cannot wait, before anything else: the emergency line, which
    names the signs (the flags themselves are listed once, in date order, under Red flags)."""
    urgent, _ = urgent_first(result["red_flags"])
    return ["", red_flag_advice_lines(urgent, result["as_of"])[0]] if urgent else []


def _flag_line(flag: dict[str, Any]) -> str:
    when, name, source, note = red_flag_parts(flag)
    return f"   {when}  {name} ({source})" + (f": {note}" if note else "")


def red_flag_advice_lines(flags: Sequence[dict[str, Any]], as_of: str) -> list[str]:
    """What to do about the logged flags of an analysis (tracker.core.vocabulary.red_flag_advice,
    graded and dated as `tracker log redflag` says it, against the analysis's day): suggested
    ones are patterns, not signs the person reported, so they get no advice."""
    from tracker.core.vocabulary import dated_red_flag_advice

    logged = [(str(f["kind"]), dt.date.fromisoformat(str(f["date"]))) for f in flags if f["source"] == LOGGED]
    return dated_red_flag_advice(logged, today=dt.date.fromisoformat(as_of))


def urgent_first(flags: Sequence[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """An analysis's flags as (the logged signs that cannot wait, the rest), each in the analysis's
    order: every reader lists the urgent ones first, with what to do about them (the emergency
    line of red_flag_advice_lines) before anything else. Suggested patterns are never urgent."""
    from tracker.core.vocabulary import TODAY_RED_FLAGS

    urgent = [flag for flag in flags if flag["source"] == LOGGED and flag["kind"] in TODAY_RED_FLAGS]
    return urgent, [flag for flag in flags if flag not in urgent]


def red_flag_name(flag: dict[str, Any]) -> str:
    """A logged flag's kind in words ("eye closure"); a suggested one keeps its own name."""
    name = str(flag["name"])
    return red_flag_words(name) if name == flag["kind"] and flag.get("source") == LOGGED else name


def red_flag_parts(flag: dict[str, Any]) -> tuple[str, str, str, str]:
    """(date, name, where it comes from, note) of one red flag, in the words every reader uses:
    "you logged it", or "suggested by your entries" (never one shown as the other)."""
    source = "you logged it" if flag["source"] == LOGGED else SUGGESTED
    return str(flag["date"]), red_flag_name(flag), source, str(flag.get("note") or "")
