"""Interventions (say, starting magnesium): before against after, or, for a planned experiment,
its on-blocks against its off-blocks. Pure Python.

Before/after: the episode rate in the answered days before the start against as many answered
days at most after a washout. "Too early" is counted after the washout: the verdict waits for
`intervention_min_days` answered days that the washout does not cover, because the first days
after a change are the ones a change is least likely to show in.

A plan (tracker.core.plans) compares the days of its on-blocks with the days of its off-blocks,
leaving out the washout days after each switch. Blocks alternate, so a slow change in twitching
or habits weighs on both arms nearly alike; that is why it is the fairer test.

The interval: twitching runs in streaks, so neighbouring days are not independent and a mean
over n days in a row varies more than n independent days would, by the long-run variance factor
1 + 2 * sum_k (1 - k/n) * rho_k (Bartlett weights, as in Newey-West). The variance of the log
rate ratio counts every pair of days, within each arm and across the two (see
`rate_ratio_interval`), with the day-to-day autocorrelation rho_k measured on the diary's own
answered days before the start: a few weeks of one period cannot show how streaky a person's
twitching is; months can. A block bootstrap was the alternative: a verdict comes from 7 days
after the washout on, and blocks long enough to keep a streak whole leave one or two of them to
resample there, too few to say anything. On simulated no-effect interventions started
right after the worst week, 14 days before and every day after with an interval of independent
days called 42% of them a significant drop four weeks on and 56% at the diary's end; 56 days on
each side with this interval, 2% and 10% (bench/bench_interventions.py).

Regression to the mean: people start something when twitching is at its worst, and twitching
eases after its worst spells on its own. When the start follows the worst stretch (see
`follows_worst_stretch`), the verdict says so.

The other way round: people also start something *because* twitching rose. When the weeks before
the start were quiet and the twitching rose sharply in the days just before it (see
`sharp_rise_before`), the after window holds that rise, and the ratio reads it as the
intervention's harm; the verdict says so, and that the ratio cannot show an effect.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, replace
from typing import Any, Protocol

from tracker.analysis.config import AnalysisConfig
from tracker.core.daily import DailyRow
from tracker.core.plans import day_in_plan, plan_blocks

Z_95 = 1.959964
WORST_STRETCH_DAYS = 7  # a week: the span people mean by "a bad spell"
WORST_STRETCH_MIN_ANSWERED = 4  # a week judged on fewer answered days says too little
WORST_STRETCH_LOOKBACK_DAYS = 56  # the 8 weeks before the start it is the worst of
WORST_STRETCH_GAP_DAYS = 3  # "right after": it ends at most this many days before the start
WORST_STRETCH_RATIO = 1.25  # and stands out: at least this times the 8 weeks' rate
RISE_LOOKBACK_DAYS = 7  # "just before": the rise began at most a week before the start
RISE_RATIO = 3.0  # sharply: at least 3 times the rate of the quiet weeks before it
RISE_MIN_EXTRA = 2.0  # and at least 2 twitches a day more, so 0.1 against 0.4 is no rise
MIN_REFERENCE_DAYS = 28  # answered days before the start needed to measure the streakiness
# The year before the start is where the streakiness is measured: plenty to see it, closer to
# the person's twitching now than years back, and a ten-year diary costs what a one-year one does.
REFERENCE_SPAN_DAYS = 365


class InterventionLike(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def start_date(self) -> dt.date: ...
    @property
    def end_date(self) -> dt.date | None: ...
    @property
    def note(self) -> str: ...


@dataclass(frozen=True)
class InterventionEffect:
    """One intervention's comparison: before/after, or a plan's on-blocks against its
    off-blocks. tracker.report.wording.intervention_line says it in words. `status` is "ok",
    "too-early", "not-started" or "insufficient"; only "ok" carries a rate ratio."""

    name: str
    design: str  # "before-after" or "plan"
    start: dt.date
    end: dt.date | None
    note: str
    status: str
    as_of: dt.date  # the end of the period analysed
    needs_days: int  # answered days each side needs before a verdict
    washout_days: int
    rate_ratio: float | None = None
    ci_low: float | None = None
    ci_high: float | None = None
    p_value: float | None = None
    follows_worst_stretch: bool | None = None  # before/after: it began right after the worst week
    follows_sharp_rise: dict[str, Any] | None = None  # before/after: the rise it began after (sharp_rise_before)
    before_days: int = 0
    after_days: int = 0
    before_mean: float | None = None
    after_mean: float | None = None
    block_days: int | None = None  # a plan's
    blocks: int = 0
    blocks_done: int = 0
    on_days: int = 0
    off_days: int = 0
    on_mean: float | None = None
    off_mean: float | None = None

    def to_json(self) -> dict[str, Any]:
        """The `interventions` entry of `analyze --json`: dates as ISO text, and only the
        counts of its own design."""
        out = asdict(self)
        out.update(start=self.start.isoformat(), end=self.end.isoformat() if self.end else None)
        out["as_of"] = self.as_of.isoformat()
        own = _PLAN_ONLY if self.design == "plan" else _BEFORE_AFTER_ONLY
        for key in (_PLAN_ONLY | _BEFORE_AFTER_ONLY) - own:
            del out[key]
        return out


_PLAN_ONLY = {"block_days", "blocks", "blocks_done", "on_days", "off_days", "on_mean", "off_mean"}
_BEFORE_AFTER_ONLY = {
    "before_days", "after_days", "before_mean", "after_mean", "follows_worst_stretch", "follows_sharp_rise"
}  # fmt: skip


def intervention_effects(
    rows: Sequence[DailyRow],
    interventions: Iterable[InterventionLike],
    *,
    as_of: dt.date,
    config: AnalysisConfig | None = None,
) -> list[InterventionEffect]:
    """One effect per intervention, in start order (see InterventionEffect). A before/after
    start that came right after the worst week of the 8 weeks before it says so
    (`follows_worst_stretch`, None when it cannot be told)."""
    config = config or AnalysisConfig()
    counts = {row.date: row.episodes for row in rows if row.episodes is not None and row.date <= as_of}
    entries = []
    for intervention in sorted(interventions, key=lambda item: item.start_date):
        # A plan carries its block length (the stored model does); a plain intervention, or a
        # caller's stand-in without the field, is a before/after comparison.
        block_days = getattr(intervention, "block_days", None)
        if block_days:
            entries.append(_plan_effect(counts, intervention, int(block_days), as_of, config))
        else:
            entries.append(_effect(counts, intervention, as_of, config))
    return entries


def _base(intervention: InterventionLike, design: str, as_of: dt.date, config: AnalysisConfig) -> InterventionEffect:
    return InterventionEffect(
        name=intervention.name,
        design=design,
        start=intervention.start_date,
        end=intervention.end_date,
        note=intervention.note,
        status="not-started",
        as_of=as_of,
        needs_days=config.intervention_min_days,
        washout_days=config.intervention_washout_days,
    )


def _effect(
    counts: Mapping[dt.date, int], intervention: InterventionLike, as_of: dt.date, config: AnalysisConfig
) -> InterventionEffect:
    start = intervention.start_date
    last = min(intervention.end_date or as_of, as_of)
    washout_end = start + dt.timedelta(days=config.intervention_washout_days)
    before_days = sorted(day for day in counts if day < start)[-config.intervention_baseline_days :]
    before = {day: counts[day] for day in before_days}
    # The same number of answered days on each side at most: the 8 weeks on it against the 8
    # weeks before. Later months drift further from the start's circumstances, and a long
    # "after" set against a bad spell "before" reads that drift as the intervention's doing.
    after_days = [day for day in sorted(counts) if washout_end <= day <= last][: config.intervention_baseline_days]
    after = {day: counts[day] for day in after_days}
    entry = replace(
        _base(intervention, "before-after", as_of, config),
        before_days=len(before),
        after_days=len(after),
        before_mean=_mean(before.values()),
        after_mean=_mean(after.values()),
    )
    if start > as_of:
        return entry
    rise = sharp_rise_before(counts, start, before_days)
    # Said only while the after window holds the rise (its rate still that far above the quiet
    # weeks'): a rise that has passed leaves a drop, which `follows_worst_stretch` speaks to.
    if rise and (entry.after_mean is None or entry.after_mean < RISE_RATIO * rise["before"]):
        rise = None
    entry = replace(entry, follows_worst_stretch=follows_worst_stretch(counts, start), follows_sharp_rise=rise)
    if len(after) < config.intervention_min_days:
        return replace(entry, status="too-early")
    if len(before) < config.intervention_min_days:
        return replace(entry, status="insufficient")
    rho = autocorrelations(counts, until=start, lags=config.autocorrelation_lags)
    rate_ratio, low, high, p_value = rate_ratio_interval(after, before, rho)
    return replace(entry, status="ok", rate_ratio=rate_ratio, ci_low=low, ci_high=high, p_value=p_value)


def _plan_effect(
    counts: Mapping[dt.date, int],
    intervention: InterventionLike,
    block_days: int,
    as_of: dt.date,
    config: AnalysisConfig,
) -> InterventionEffect:
    start = intervention.start_date
    end = intervention.end_date or as_of
    last = min(end, as_of)
    washout = min(config.intervention_washout_days, block_days - 1)
    on: dict[dt.date, int] = {}
    off: dict[dt.date, int] = {}
    for day in sorted(day for day in counts if start <= day <= last):
        is_on, into_block = day_in_plan(day, start, block_days)
        # The first block follows ordinary life (not taking it), so only later switches need a washout.
        if into_block < washout and day >= start + dt.timedelta(days=block_days):
            continue
        (on if is_on else off)[day] = counts[day]
    blocks = plan_blocks(start, end, block_days)
    done = sum(block.last <= as_of for block in blocks)
    entry = replace(
        _base(intervention, "plan", as_of, config),
        block_days=block_days,
        blocks=len(blocks),
        blocks_done=done,
        washout_days=washout,
        on_days=len(on),
        off_days=len(off),
        on_mean=_mean(on.values()),
        off_mean=_mean(off.values()),
    )
    if start > as_of:
        return entry
    if min(len(on), len(off)) < config.intervention_min_days or done < 2:
        return replace(entry, status="too-early")
    reference = autocorrelations(counts, until=start, lags=config.autocorrelation_lags)
    rate_ratio, low, high, p_value = rate_ratio_interval(on, off, reference)
    return replace(entry, status="ok", rate_ratio=rate_ratio, ci_low=low, ci_high=high, p_value=p_value)


def follows_worst_stretch(counts: Mapping[dt.date, int], start: dt.date) -> bool | None:
    """Whether `start` comes right after the worst stretch of the 8 weeks before it.

    The worst stretch: of the 7-calendar-day windows inside the 56 days before `start` that have
    at least 4 days with twitches answered, the one with the most twitches a day (the later one
    on a tie). It is "right before" the start when it ends 1 to 3 days before it, and it counts
    only when its rate is at least 1.25 times the rate over all answered days of those 56.
    None when fewer than 28 of the 56 days were answered: too little to tell.
    """
    first = start - dt.timedelta(days=WORST_STRETCH_LOOKBACK_DAYS)
    window_days = [first + dt.timedelta(days=i) for i in range(WORST_STRETCH_LOOKBACK_DAYS)]
    answered = [counts[day] for day in window_days if day in counts]
    if len(answered) < MIN_REFERENCE_DAYS:
        return None
    overall = sum(answered) / len(answered)
    worst_rate, worst_end = -1.0, first
    for i in range(WORST_STRETCH_LOOKBACK_DAYS - WORST_STRETCH_DAYS + 1):
        days = window_days[i : i + WORST_STRETCH_DAYS]
        values = [counts[day] for day in days if day in counts]
        if len(values) < WORST_STRETCH_MIN_ANSWERED:
            continue
        rate = sum(values) / len(values)
        if rate >= worst_rate:
            worst_rate, worst_end = rate, days[-1]
    recent = (start - worst_end).days <= WORST_STRETCH_GAP_DAYS
    return recent and overall > 0 and worst_rate >= WORST_STRETCH_RATIO * overall


def sharp_rise_before(
    counts: Mapping[dt.date, int], start: dt.date, before_days: Sequence[dt.date]
) -> dict[str, Any] | None:
    """The sharp rise the start followed, if it did: {"date": the day it began (ISO), "days":
    days from it to the start, "before": the twitches a day of the quieter days before it,
    "rise": those from it to the start}. None when there was none, or too few days to tell.

    The rise begins on a day at most 7 days before the start whose twitches, and the mean of the
    answered days from it to the day before the start, are each at least 3 times, and 2 twitches
    a day more than, the mean of the other answered days of the before window (`before_days`,
    at least 28 of them). The earliest such day is the one named: the rise as the person lived it.
    """
    for back in range(RISE_LOOKBACK_DAYS, 0, -1):
        began = start - dt.timedelta(days=back)
        if not counts.get(began):
            continue
        rising = [counts[day] for day in before_days if day >= began]
        quiet = [counts[day] for day in before_days if day < began]
        if len(quiet) < MIN_REFERENCE_DAYS or not rising:
            continue
        rise, calm = sum(rising) / len(rising), sum(quiet) / len(quiet)
        if all(value >= RISE_RATIO * calm and value >= calm + RISE_MIN_EXTRA for value in (rise, counts[began])):
            return {"date": began.isoformat(), "days": back, "before": round(calm, 2), "rise": round(rise, 2)}
    return None


def autocorrelations(counts: Mapping[dt.date, int], *, until: dt.date, lags: int) -> list[float]:
    """rho_1..rho_lags of the daily counts on the answered days of the year before `until`, each
    over the pairs of answered days that many calendar days apart (a missing day breaks no pair
    but its own). An empty list when fewer than 28 answered days came before: too few to measure."""
    since = until - dt.timedelta(days=REFERENCE_SPAN_DAYS)
    days = {day: value for day, value in counts.items() if since <= day < until}
    if len(days) < MIN_REFERENCE_DAYS:
        return []
    mean = sum(days.values()) / len(days)
    variance = sum((value - mean) ** 2 for value in days.values()) / len(days)
    if variance == 0:
        return []
    rho = []
    for lag in range(1, lags + 1):
        step = dt.timedelta(days=lag)
        products = [(value - mean) * (days[day + step] - mean) for day, value in days.items() if day + step in days]
        rho.append(sum(products) / len(products) / variance if len(products) >= MIN_REFERENCE_DAYS // 2 else 0.0)
    return rho


def pair_weight(first: Sequence[dt.date], second: Sequence[dt.date], rho: Sequence[float]) -> float:
    """The sum of the autocorrelations over every pair of a day in `first` and a day in `second`
    (1 for a day with itself, rho_k for days k apart, 0 beyond the lags measured). Over the n
    days of one arm it is n times the long-run factor: n + 2 * sum_k (n - k) * rho_k for n days
    in a row (Bartlett weights, as in Newey-West)."""
    lags = len(rho)
    later = {day: True for day in second}
    total = 0.0
    for day in first:
        if day in later:
            total += 1.0
        for k in range(1, lags + 1):
            step = dt.timedelta(days=k)
            total += rho[k - 1] * ((day + step in later) + (day - step in later))
    return total


def rate_ratio_interval(
    treated: Mapping[dt.date, int], reference: Mapping[dt.date, int], rho: Sequence[float]
) -> tuple[float, float, float, float]:
    """treated/reference rate ratio with a Wald CI on the log scale and its two-sided p-value.

    Each daily count varies as quasi-Poisson (its mean times a dispersion: twitch counts vary
    far more than Poisson's), and days k apart are correlated by rho_k, so
    var(log ratio) = dispersion * (W_tt / (n_t * sum_t) + W_rr / (n_r * sum_r)
    - 2 * W_tr / (n_t * n_r * sqrt(mean_t * mean_r))), with W the pair weights above. Each
    arm's own streakiness is never allowed to narrow it (its factor is at least 1); an empty
    `rho` gives the quasi-Poisson interval of independent days.
    """
    n_a, n_b = len(treated), len(reference)
    a, b = sum(treated.values()) or 0.5, sum(reference.values()) or 0.5  # half a count keeps log() finite
    mean_a, mean_b = a / n_a, b / n_b
    pearson = sum((y - mean_a) ** 2 / mean_a for y in treated.values())
    pearson += sum((y - mean_b) ** 2 / mean_b for y in reference.values())
    dispersion = max(1.0, pearson / max(1, n_a + n_b - 2))
    days_a, days_b = list(treated), list(reference)
    within_a = max(1.0, pair_weight(days_a, days_a, rho) / n_a)
    within_b = max(1.0, pair_weight(days_b, days_b, rho) / n_b)
    between = pair_weight(days_a, days_b, rho) / (n_a * n_b * math.sqrt(mean_a * mean_b))
    log_ratio = math.log(mean_a / mean_b)
    variance = dispersion * (within_a / a + within_b / b - 2 * between)
    # Strong streaks shared by both arms can cancel most of the variance; never below the
    # interval of independent days, so a few weeks never read as more certain than that.
    se = math.sqrt(max(variance, dispersion * (1 / a + 1 / b)))
    p_value = math.erfc(abs(log_ratio / se) / math.sqrt(2))
    return (
        round(math.exp(log_ratio), 4),
        round(math.exp(log_ratio - Z_95 * se), 4),
        round(math.exp(log_ratio + Z_95 * se), 4),
        float(f"{p_value:.4g}"),
    )


def _mean(values: Collection[int]) -> float | None:
    return round(sum(values) / len(values), 4) if values else None
