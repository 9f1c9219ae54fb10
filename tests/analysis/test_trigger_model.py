"""The primary trigger model's rules on seeded diaries whose truth is known: a planted effect is
found on its day, a trend shared by twitching and a habit is not blamed on the habit, a
factor that only follows the real one is not blamed, and every estimate says what it is
adjusted for."""

from __future__ import annotations

import dataclasses
import datetime as dt
from types import SimpleNamespace

from tests.analysis.simulated import FACTORS, SLEEP, diary
from tracker.analysis.config import AnalysisConfig, PersistenceConfig
from tracker.analysis.results import analyze
from tracker.core.daily import DailyRow


def format_text(result: dict) -> str:
    from tracker.report.wording import format_text as words  # the one wording of every reader

    return words(result)


def run(rows: list[DailyRow], factors=FACTORS, **kwargs) -> dict:
    return analyze(
        rows=rows, episodes=[], red_flags=[], interventions=[], factors=factors, as_of=rows[-1].date, **kwargs
    )


def entry(result: dict, column: str, lag: int) -> dict:
    return next(e for e in result["triggers"] if e["factor"] == column and e["lag_days"] == lag)


def test_a_planted_same_day_effect_is_found_on_its_day_only() -> None:
    result = run(diary(1, caffeine_rr=1.4))
    same_day, day_before = entry(result, "caffeine_mg", 0), entry(result, "caffeine_mg", 1)
    assert same_day["association"] and same_day["direction"] == "more"
    assert same_day["ci_low"] <= 1.4 <= same_day["ci_high"]
    assert not day_before["association"]


def test_a_trend_shared_by_twitching_and_caffeine_is_not_blamed_on_caffeine() -> None:
    """Twitching fades over the months while caffeine is cut; caffeine does nothing. The
    one-factor test called caffeine a trigger (q = 0.005) on this diary."""
    result = run(diary(0, fade=-1.5, caffeine_cut=200))
    assert not any(e["association"] for e in result["triggers"])
    assert result["trigger_model"]["trend"]["clear"]
    text = format_text(result)
    assert "Twitching fell over the period" in text
    assert "Habits that changed over the same months can look linked to it" in text


def test_a_factor_that_only_follows_the_real_one_is_not_blamed() -> None:
    """Caffeine goes up after short nights, and only sleep acts. The one-factor test called
    caffeine a trigger (q < 0.001) on this diary."""
    result = run(diary(4, sleep_rr=0.7, caffeine_follows_sleep=True))
    assert not entry(result, "caffeine_mg", 0)["association"]
    sleep = entry(result, "sleep_h", 0)
    assert sleep["association"] and sleep["direction"] == "fewer"
    text = format_text(result)
    assert "Caffeine and sleep move together (Spearman -0." in text
    assert "each estimate is adjusted for the other" in text


def test_every_estimate_says_what_it_is_adjusted_for() -> None:
    result = run(diary(0, caffeine_rr=1.4))
    caffeine = entry(result, "caffeine_mg", 0)
    assert caffeine["adjusted_for"] == [
        "sleep", "stress", "caffeine the day before", "time trend", "weekday", "twitching two days before",
    ]  # fmt: skip
    assert "Adjusted for sleep, stress, caffeine the day before, time trend, weekday" in format_text(result)


def test_the_one_factor_description_never_contradicts_the_estimate() -> None:
    """Short nights bring caffeine and twitches: alone, caffeine days look twitchier. The
    description is shown beside an association only, and only when it points its way."""
    result = run(diary(4, sleep_rr=0.7, caffeine_follows_sleep=True))
    text = format_text(result)
    for line in text.splitlines():
        if "Described alone, not adjusted" in line:
            assert "sleep" in line  # the association it stands beside
    assert "Described alone, not adjusted: after nights of" in text


def test_a_factor_that_never_varies_says_so() -> None:
    rows = [dataclasses.replace(r, factors=r.factors | {"sleep_h": 7.0}) for r in diary(1)]
    result = run(rows)
    assert entry(result, "sleep_h", 0)["reason"] == "never-varies"
    assert "Sleep never varies (always 7 h on 240 days logged)" in format_text(result)


def test_a_supplement_logged_on_six_days_says_how_many_and_how_many_more() -> None:
    magnesium = SimpleNamespace(name="magnesium", column="magnesium_mg", kind="number", unit="mg")
    rows = [
        dataclasses.replace(r, factors=r.factors | {"magnesium_mg": 300.0 if i % 40 == 0 else None})
        for i, r in enumerate(diary(1))
    ]
    result = run(rows, factors=[*FACTORS, magnesium])
    found = entry(result, "magnesium_mg", 0)
    assert found["confidence"] == "insufficient" and found["rate_ratio"] is None
    assert found["days_logged"] == 6
    assert f"6 days with magnesium logged; it needs about {found['days_needed']} more." in format_text(result)


def test_a_diary_without_twitches_says_so() -> None:
    rows = [dataclasses.replace(r, episodes=0) for r in diary(1, days=60)]
    text = format_text(run(rows))
    assert "No twitches on any of the 60 days whose twitches were answered" in text
    assert "split too cleanly" not in text


def test_confidence_is_about_how_much_data_there_is() -> None:
    short, long = run(diary(2, days=70, caffeine_rr=1.4)), run(diary(2, days=120, caffeine_rr=1.4))
    assert entry(short, "caffeine_mg", 0)["confidence"] == "limited"
    assert entry(long, "caffeine_mg", 0)["confidence"] == "ample"
    assert "[ample data: 120 days]" in format_text(long)
    assert "confident" not in format_text(long)


def test_logging_mostly_on_twitchy_days_is_pointed_out() -> None:
    rows = [
        dataclasses.replace(r, factors=r.factors | {"stress": None}) if r.episodes == 0 or i % 3 == 0 else r
        for i, r in enumerate(diary(1, days=120))
    ]
    result = run(rows)
    [stress] = [item for item in result["trigger_model"]["logging"] if item["factor"] == "stress"]
    assert stress["uneven"] and stress["quiet_share"] == 0.0
    assert "Stress was logged on" in format_text(result) and "log quiet days too" in format_text(result)


def test_recurrence_names_the_months_it_was_set_to() -> None:
    rows = diary(1, days=70)
    config = AnalysisConfig(persistence=PersistenceConfig(recurrent_months=2))
    start = rows[0].date
    episodes = [
        type("E", (), {"local_date": start + dt.timedelta(days=d), "location": "eyelid", "side": "left"})()
        for d in range(0, 70, 2)
    ]
    result = analyze(rows=rows, episodes=episodes, red_flags=[], interventions=[], factors=FACTORS,
                     as_of=rows[-1].date, config=config)  # fmt: skip
    assert (
        "Twitching came back month after month: "
        "2 calendar months in a row or more, each with 2 twitches or more (the rule for \u201crecurrent\u201d)."
        in format_text(result)
    )


def test_sleep_reads_on_the_day_before_the_same_way_everywhere() -> None:
    from tracker.report.wording import association_lines

    result = run(diary(4, sleep_rr=0.7, caffeine_follows_sleep=True))
    lines = association_lines(result)
    assert lines and all("next day" not in line for line in lines)
    assert lines[0].startswith("Sleep, same day: ")
    assert SLEEP.name in lines[0].lower()


def test_a_factor_whose_days_are_all_quiet_has_no_number_and_says_why() -> None:
    """Not one twitch on any day with alcohol: the rate ratio would be 0, with no interval."""
    alcohol = SimpleNamespace(name="alcohol", column="alcohol", kind="yes-no", unit="")
    rows = [
        dataclasses.replace(
            r, episodes=0 if i % 5 == 0 else r.episodes, factors=r.factors | {"alcohol": float(i % 5 == 0)}
        )
        for i, r in enumerate(diary(1, days=120))
    ]
    result = run(rows, factors=[*FACTORS, alcohol])
    same_day = entry(result, "alcohol", 0)
    assert same_day["rate_ratio"] is None and same_day["reason"] == "no-estimate"
    assert "Alcohol, same day: the days so far split too cleanly" in format_text(result)
