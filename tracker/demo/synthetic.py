"""Seeded synthetic diaries: `tracker demo` writes one into SQLite, the analysis tests use
one directly through `SyntheticDiary.daily_rows()`. numpy only; no pandas.

A diary behaves like a real one in the ways that fool naive statistics: habits drift in
streaks (AR(1) processes), twitching comes in weeks-long "twitchy periods" with a latent
day-to-day carry-over, and some days are not logged at all. Planted effects act on the
log rate: caffeine per 100 mg above its mean, sleep per hour below its mean.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np

from tracker.core.daily import DailyRow, daily_value
from tracker.core.vocabulary import BUILTIN_FACTORS, Location, Side

# name, column, kind, unit, daily rule: the built-in factors (migration 0002) the diary logs.
SYNTHETIC_FACTORS = tuple((f.name, f.column, f.kind, f.unit, f.rule) for f in BUILTIN_FACTORS)
_RULES = {column: rule for _, column, _, _, rule in SYNTHETIC_FACTORS}

# The drink presets (espresso, coffee, black tea, green tea, cola, energy drink) and how
# often each is picked: about 67 mg a drink.
_DRINK_MG = np.array([63.0, 95.0, 47.0, 28.0, 34.0, 80.0])
_DRINK_P = np.array([0.25, 0.35, 0.20, 0.08, 0.07, 0.05])
_MAGNESIUM_DOSE_MG = 200.0

# Each twitchy period keeps to one place, mostly the lower lip or an eyelid.
_PERIOD_LOCATIONS = [Location.LOWER_LIP, Location.EYELID, Location.UPPER_LIP, Location.MOUTH_CORNER]
_PERIOD_LOCATION_P = [0.55, 0.35, 0.06, 0.04]
_INTENSITY_P = [0.30, 0.35, 0.20, 0.10, 0.05]

# Tuned so ten years at the defaults give about 15,000 episodes (4 a day overall).
_ON_RATE = 7.0  # episodes a day in a twitchy period, before the latent and planted effects
_OFF_RATE = 0.03
_MEAN_ON_DAYS = 28
_MEAN_OFF_DAYS = 21
_LATENT_SD = 0.5
_PERIOD_SD = 0.3
_MISSING_FACTOR_P = 0.05
# The caffeine habit as an AR(1) on the log of drinks a day: (persistence, spread). Drifting over
# weeks, as with most people; or varying from day to day around a steady habit (busy days, lazy
# Sundays), the variation a trend-adjusted analysis can see.
_DRIFTING_HABIT = (0.85, 0.35)
_DAY_TO_DAY_HABIT = (0.3, 0.7)


@dataclass(frozen=True, slots=True)
class SyntheticEpisode:
    started_at: dt.datetime  # aware, in the diary's fixed offset
    location: str
    side: str
    intensity: int
    duration_s: int

    @property
    def local_date(self) -> dt.date:
        return self.started_at.date()


@dataclass(frozen=True, slots=True)
class SyntheticFactorEntry:
    column: str
    date: dt.date  # the local date; sleep is dated by the wake-up day
    at: dt.datetime | None  # aware, or None for a date-only entry
    value: float


@dataclass(frozen=True)
class SyntheticDiary:
    start: dt.date
    end: dt.date
    episodes: list[SyntheticEpisode]
    factor_entries: list[SyntheticFactorEntry]
    checkins: list[dt.date]  # tracked days without episodes, so they count as tracked
    untracked: frozenset[dt.date]
    red_flags: list[tuple[dt.date, str, str]] = field(default_factory=list)
    interventions: list[tuple[str, dt.date, dt.date | None, str]] = field(default_factory=list)

    def daily_rows(self) -> list[DailyRow]:
        """One DailyRow per calendar day from start to end, aggregated with the built-in
        daily rules (sums; stress is a mean), as the store would build them."""
        episodes_by_day: dict[dt.date, list[SyntheticEpisode]] = defaultdict(list)
        for episode in self.episodes:
            episodes_by_day[episode.local_date].append(episode)
        values_by_day: dict[dt.date, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
        for entry in self.factor_entries:
            values_by_day[entry.date][entry.column].append(entry.value)
        flags_by_day: dict[dt.date, list[str]] = defaultdict(list)
        for date, kind, _ in self.red_flags:
            flags_by_day[date].append(kind)

        rows = []
        for offset in range((self.end - self.start).days + 1):
            date = self.start + dt.timedelta(days=offset)
            if date in self.untracked:
                rows.append(DailyRow(date=date, tracked=False))
                continue
            day_episodes = episodes_by_day.get(date, [])
            intensities = [episode.intensity for episode in day_episodes]
            values = values_by_day.get(date, {})
            rows.append(
                DailyRow(
                    date=date,
                    tracked=True,
                    episodes=len(day_episodes),
                    total_duration_s=sum(e.duration_s for e in day_episodes) or None,
                    max_intensity=max(intensities) if intensities else None,
                    mean_intensity=sum(intensities) / len(intensities) if intensities else None,
                    locations=tuple(sorted({episode.location for episode in day_episodes})),
                    factors={column: daily_value(rule, values.get(column, ())) for column, rule in _RULES.items()},
                    red_flags=tuple(flags_by_day.get(date, ())),
                )
            )
        return rows


def generate_diary(
    *,
    days: int = 180,
    seed: int = 0,
    end: dt.date | None = None,
    caffeine_rr_per_100mg: float = 1.0,
    sleep_rr_per_hour: float = 1.0,
    untracked_fraction: float = 0.05,
    carry_over: float = 0.6,
    tz_offset_min: int = 0,
    with_red_flag: bool = False,
    with_intervention: bool = False,
    caffeine_varies_daily: bool = False,
) -> SyntheticDiary:
    """A reproducible diary of `days` days ending on `end` (today if None).

    The same arguments always give the same diary. Rate ratios of 1.0 plant no effect.
    A caffeine habit that drifts over weeks moves with the twitchy periods, and an analysis that
    allows for slow drifts can hardly tell a planted effect from them; `caffeine_varies_daily`
    makes caffeine vary from day to day within the periods instead, which is what it can see.
    """
    if days < 1:
        raise ValueError(f"days: {days} is not allowed; use 1 or more")
    rng = np.random.default_rng(seed)
    end = end or dt.date.today()
    start = end - dt.timedelta(days=days - 1)
    tz = dt.timezone(dt.timedelta(minutes=tz_offset_min))

    intervention_day = int(days * 2 / 3) if with_intervention and days >= 30 else None
    habit = _DAY_TO_DAY_HABIT if caffeine_varies_daily else _DRIFTING_HABIT
    caffeine, drink_counts = _caffeine(rng, days, *habit)
    sleep = np.clip(np.round((7.0 + _ar1(rng, days, 0.7, 0.8)) * 4) / 4, 4.5, 9.5)
    glasses = rng.poisson(6.0 * np.exp(_ar1(rng, days, 0.6, 0.3)))
    stress = np.clip(np.round(4.0 + _ar1(rng, days, 0.8, 2.0)), 0, 10)
    magnesium = _magnesium(rng, days, intervention_day)

    on = _two_state(rng, days, 1 / _MEAN_ON_DAYS, 1 / _MEAN_OFF_DAYS)
    period = np.cumsum(np.r_[0, np.diff(on.astype(int)) != 0])
    period_level = rng.normal(0.0, _PERIOD_SD, period[-1] + 1)[period]
    latent = _ar1(rng, days, carry_over, _LATENT_SD)
    log_effect = np.log(caffeine_rr_per_100mg) * (caffeine - caffeine.mean()) / 100.0
    log_effect += np.log(sleep_rr_per_hour) * (sleep.mean() - sleep)
    log_base = np.where(
        on,
        np.log(_ON_RATE) + period_level + latent - (_PERIOD_SD**2 + _LATENT_SD**2) / 2,
        np.log(_OFF_RATE),
    )
    counts = rng.poisson(np.exp(log_base + log_effect))

    tracked = ~_untracked_mask(rng, days, untracked_fraction)
    counts[~tracked] = 0
    dates = [start + dt.timedelta(days=offset) for offset in range(days)]
    episodes = _episodes(rng, counts, period, dates, tz)
    entries = _factor_entries(
        rng,
        dates,
        tracked,
        tz,
        drink_counts=drink_counts,
        sleep=sleep,
        glasses=glasses,
        stress=stress,
        magnesium=magnesium,
    )

    red_flags: list[tuple[dt.date, str, str]] = []
    if with_red_flag:
        candidates = [i for i in range(days * 2 // 3, days) if tracked[i]] or [i for i in range(days) if tracked[i]]
        if candidates:
            day = int(rng.choice(candidates))
            note = "twitching spread from the lower lip to the cheek"
            red_flags.append((dates[day], "spreading", note))
            noon = dt.datetime.combine(dates[day], dt.time(12, 0), tz)
            episodes += [
                SyntheticEpisode(noon + dt.timedelta(minutes=m), Location.CHEEK.value, Side.LEFT.value, 3, 20)
                for m in (0, 95)
            ]
            counts[day] += 2
    interventions: list[tuple[str, dt.date, dt.date | None, str]] = []
    if intervention_day is not None:
        note = f"{_MAGNESIUM_DOSE_MG:.0f} mg magnesium each evening"
        interventions.append(("magnesium", dates[intervention_day], None, note))

    checkins = [dates[i] for i in range(days) if tracked[i] and counts[i] == 0]
    untracked = frozenset(dates[i] for i in range(days) if not tracked[i])
    episodes.sort(key=lambda episode: episode.started_at)
    return SyntheticDiary(
        start=start,
        end=end,
        episodes=episodes,
        factor_entries=entries,
        checkins=checkins,
        untracked=untracked,
        red_flags=red_flags,
        interventions=interventions,
    )


def _ar1(rng: np.random.Generator, n: int, phi: float, sd: float) -> np.ndarray:
    """A stationary AR(1) series with persistence phi and marginal standard deviation sd."""
    phi = min(max(phi, 0.0), 0.999)
    shocks = rng.normal(0.0, sd * np.sqrt(1 - phi**2), n)
    out = np.empty(n)
    out[0] = rng.normal(0.0, sd)
    for i in range(1, n):
        out[i] = phi * out[i - 1] + shocks[i]
    return out


def _two_state(rng: np.random.Generator, n: int, p_leave_on: float, p_leave_off: float) -> np.ndarray:
    """A two-state Markov chain: True in "on" runs, False in "off" runs."""
    state = rng.random() < p_leave_off / (p_leave_on + p_leave_off)
    draws = rng.random(n)
    out = np.empty(n, dtype=bool)
    for i in range(n):
        out[i] = state
        state = (draws[i] >= p_leave_on) if state else (draws[i] < p_leave_off)
    return out


def _caffeine(
    rng: np.random.Generator, n: int, persistence: float, spread: float
) -> tuple[np.ndarray, list[np.ndarray]]:
    """Daily caffeine (mg) and each day's drinks: about three a day, varying with habit."""
    habit = _ar1(rng, n, persistence, spread)
    per_day = rng.poisson(3.0 * np.exp(habit - spread**2 / 2))
    drinks = rng.choice(_DRINK_MG, size=int(per_day.sum()), p=_DRINK_P)
    split = np.split(drinks, np.cumsum(per_day)[:-1])
    return np.array([day.sum() for day in split]), split


def _magnesium(rng: np.random.Generator, n: int, intervention_day: int | None) -> np.ndarray:
    """A 200 mg supplement taken in spells of weeks, or from the intervention day on."""
    if intervention_day is not None:
        return np.where(np.arange(n) >= intervention_day, _MAGNESIUM_DOSE_MG, 0.0)
    return np.where(_two_state(rng, n, 1 / 45, 1 / 60), _MAGNESIUM_DOSE_MG, 0.0)


def _untracked_mask(rng: np.random.Generator, n: int, fraction: float) -> np.ndarray:
    """Days left unlogged: mostly single days, some gaps of up to a week."""
    mask = np.zeros(n, dtype=bool)
    target = round(n * fraction)
    while mask.sum() < target:
        first = int(rng.integers(0, n))
        length = int(rng.choice([1, 1, 1, 2, 3, 5, 7]))
        mask[first : first + min(length, target - int(mask.sum()))] = True
    return mask


def _episodes(
    rng: np.random.Generator,
    counts: np.ndarray,
    period: np.ndarray,
    dates: list[dt.date],
    tz: dt.tzinfo,
) -> list[SyntheticEpisode]:
    n_periods = int(period[-1]) + 1
    location_index = rng.choice(len(_PERIOD_LOCATIONS), size=n_periods, p=_PERIOD_LOCATION_P)
    period_side = [Side.LEFT if rng.random() < 0.5 else Side.RIGHT for _ in range(n_periods)]
    day = np.repeat(np.arange(len(counts)), counts)
    minute = rng.integers(7 * 60, 23 * 60, size=day.size)
    order = np.lexsort((minute, day))
    day, minute = day[order], minute[order]
    intensity = rng.choice(np.arange(1, 6), size=day.size, p=_INTENSITY_P)
    duration = np.clip(np.round(rng.lognormal(np.log(20), 0.8, size=day.size)), 1, 600)

    midnight = dt.datetime.combine(dates[0], dt.time(0, 0), tz)
    episodes = []
    for d, m, i, s in zip(day.tolist(), minute.tolist(), intensity.tolist(), duration.tolist(), strict=True):
        p = period[d]
        location = _PERIOD_LOCATIONS[location_index[p]]
        side = period_side[p] if location in (Location.EYELID, Location.MOUTH_CORNER) else Side.CENTER
        started_at = midnight + dt.timedelta(days=d, minutes=m)
        episodes.append(SyntheticEpisode(started_at, location.value, side.value, i, int(s)))
    return episodes


def _factor_entries(
    rng: np.random.Generator,
    dates: list[dt.date],
    tracked: np.ndarray,
    tz: dt.tzinfo,
    *,
    drink_counts: list[np.ndarray],
    sleep: np.ndarray,
    glasses: np.ndarray,
    stress: np.ndarray,
    magnesium: np.ndarray,
) -> list[SyntheticFactorEntry]:
    """Timestamped entries the way a person logs them; some factors skipped on some days."""
    logged = rng.random((len(dates), 5)) >= _MISSING_FACTOR_P
    drink_minutes = rng.integers(7 * 60, 17 * 60, size=sum(d.size for d in drink_counts)).tolist()
    water_minutes = rng.integers(8 * 60, 22 * 60, size=int(glasses.sum())).tolist()
    bottles = (rng.random(int(glasses.sum())) < 0.2).tolist()

    entries: list[SyntheticFactorEntry] = []
    drink_at = water_at = 0
    for i, date in enumerate(dates):
        drinks = drink_counts[i].tolist()
        minutes, drink_at = drink_minutes[drink_at : drink_at + len(drinks)], drink_at + len(drinks)
        n_water = int(glasses[i])
        w_minutes = water_minutes[water_at : water_at + n_water]
        w_bottle = bottles[water_at : water_at + n_water]
        water_at += n_water
        if not tracked[i]:
            continue
        midnight = dt.datetime.combine(date, dt.time(0, 0), tz)

        def at(minute: int, midnight: dt.datetime = midnight) -> dt.datetime:
            return midnight + dt.timedelta(minutes=minute)

        if logged[i, 0]:
            entries += [
                SyntheticFactorEntry("caffeine_mg", date, at(m), mg)
                for m, mg in sorted(zip(minutes, drinks, strict=True))
            ]
        if logged[i, 1]:
            entries.append(SyntheticFactorEntry("sleep_h", date, None, float(sleep[i])))
        if logged[i, 2]:
            entries += [
                SyntheticFactorEntry("water_ml", date, at(m), 500.0 if bottle else 250.0)
                for m, bottle in sorted(zip(w_minutes, w_bottle, strict=True))
            ]
        if logged[i, 3]:
            entries.append(SyntheticFactorEntry("stress", date, at(21 * 60), float(stress[i])))
        if logged[i, 4]:
            taken = float(magnesium[i])
            entries.append(SyntheticFactorEntry("magnesium_mg", date, at(21 * 60 + 30) if taken else None, taken))
    return entries
