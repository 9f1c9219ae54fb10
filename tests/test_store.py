"""The storage API: what is stored, and every class of bad input refused with field, value, rule."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import BACKENDS
from tracker.errors import InputError
from tracker.storage import store
from tracker.storage.engine import session_scope
from tracker.storage.models import EpisodeCreate, FactorCreate, FactorEntryCreate, PresetCreate, RedFlagCreate
from tracker.storage.queries import daily_rows, day_summary

LONDON = ZoneInfo("Europe/London")
NOW = dt.datetime(2026, 11, 24, 9, 30, tzinfo=LONDON)


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """Every test here runs on a SQLite file and on a PostgreSQL server."""
    return str(request.param)


def twitch(**changes: object) -> EpisodeCreate:
    fields: dict[str, object] = {"started_at": NOW, "location": "lower-lip", "side": "left", "intensity": 2}
    fields.update(changes)
    return EpisodeCreate(**fields)  # type: ignore[arg-type]


def test_three_coffees_are_three_entries_and_the_day_is_their_sum(engine) -> None:
    with session_scope(engine) as session:
        for hour, mg in ((7, 95), (8, 63), (9, 95)):
            at = NOW.replace(hour=hour)
            store.add_factor_entry(
                session=session, entry_in=FactorEntryCreate(factor="caffeine", value=mg, at=at), now=NOW
            )
        store.add_factor_entry(session=session, entry_in=FactorEntryCreate(factor="stress", value=4, at=NOW), now=NOW)
        store.add_factor_entry(session=session, entry_in=FactorEntryCreate(factor="stress", value=7, at=NOW), now=NOW)
    with session_scope(engine) as session:
        [row] = daily_rows(session=session, start=NOW.date(), end=NOW.date())
        summary = day_summary(session=session, day=NOW.date())
    assert row.factors["caffeine_mg"] == 253
    assert row.factors["stress"] == 5.5  # stress is a daily mean
    caffeine = next(total for total in summary.totals if total.factor.column == "caffeine_mg")
    assert caffeine.entries == 3


def test_untracked_day_is_unknown_and_checked_in_day_is_zero(engine) -> None:
    with session_scope(engine) as session:
        store.check_in(session=session, day=dt.date(2026, 11, 22), today=NOW.date())
        store.add_episode(session=session, episode_in=twitch(), now=NOW)
    with session_scope(engine) as session:
        rows = daily_rows(session=session, start=dt.date(2026, 11, 22), end=NOW.date())
    assert [(r.tracked, r.episodes) for r in rows] == [(True, 0), (False, None), (True, 1)]


def test_episode_defaults_repeat_the_latest_twitch_in_time_not_the_last_typed(engine) -> None:
    tuesday = NOW - dt.timedelta(days=6)
    with session_scope(engine) as session:
        assert store.episode_defaults(session=session, at=NOW) == store.NOTHING_TO_REPEAT
        store.add_episode(session=session, episode_in=twitch(location="eyelid", side="right", intensity=4), now=NOW)
        # Backfilled afterwards: typed last, but a week older.
        backfill = twitch(started_at=tuesday, location="cheek", side="left", intensity=2)
        store.add_episode(session=session, episode_in=backfill, now=NOW)
    with session_scope(engine) as session:
        assert store.episode_defaults(session=session, at=NOW) == ("eyelid", "right", 4)
        assert store.episode_defaults(session=session, at=tuesday + dt.timedelta(hours=1)) == ("cheek", "left", 2)
        before_all = tuesday - dt.timedelta(days=1)
        assert store.episode_defaults(session=session, at=before_all) == store.NOTHING_TO_REPEAT


def test_the_dose_to_repeat_is_the_latest_in_time_not_the_last_typed(engine) -> None:
    today = NOW.date()
    with session_scope(engine) as session:
        typed_first = FactorEntryCreate(factor="magnesium", value=300, at=NOW)
        store.add_factor_entry(session=session, entry_in=typed_first, now=NOW)
        backfill = FactorEntryCreate(factor="magnesium", value=150, date=today - dt.timedelta(days=6))
        store.add_factor_entry(session=session, entry_in=backfill, now=NOW)
    with session_scope(engine) as session:
        assert store.last_factor_entry(session=session, factor="magnesium", day=today).value == 300
        last_week = store.last_factor_entry(session=session, factor="magnesium", day=today - dt.timedelta(days=5))
        assert last_week.value == 150
        assert store.last_factor_entry(session=session, factor="magnesium", day=today - dt.timedelta(days=7)) is None


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"intensity": 0}, "intensity"),
        ({"intensity": 6}, "intensity"),
        ({"duration_s": -1}, "duration"),
        ({"duration_s": 24 * 3600 + 1}, "duration"),
        ({"started_at": NOW + dt.timedelta(days=1, minutes=1)}, "at"),
        ({"started_at": dt.datetime(1, 1, 2, tzinfo=dt.UTC)}, "at"),
        ({"context": ["bad;tag"]}, "context"),
        ({"note": "x" * 5000}, "note"),
    ],
)
def test_bad_episode_names_field_and_writes_nothing(engine, changes: dict[str, object], field: str) -> None:
    with pytest.raises(InputError) as caught, session_scope(engine) as session:
        store.add_episode(session=session, episode_in=twitch(**changes), now=NOW)
    assert caught.value.field == field
    assert "allowed" in str(caught.value) or "a " in str(caught.value)
    with session_scope(engine) as session:
        assert day_summary(session=session, day=NOW.date()).episodes == []


@pytest.mark.parametrize(
    ("factor", "value"),
    [
        ("caffeine", 2001),
        ("caffeine", -1),
        ("sleep", 24.5),
        ("water", 10001),
        ("stress", 11),
        ("magnesium", 2001),
        ("caffeine", float("nan")),
        ("caffeine", float("inf")),
        ("water", 1e308),
    ],
)
def test_factor_ranges(engine, factor: str, value: float) -> None:
    with pytest.raises(InputError) as caught, session_scope(engine) as session:
        store.add_factor_entry(session=session, entry_in=FactorEntryCreate(factor=factor, value=value, at=NOW), now=NOW)
    assert caught.value.field == factor


def test_user_factor_scale_is_kept_within_its_own_range(engine) -> None:
    with session_scope(engine) as session:
        factor = store.add_factor(
            session=session, factor_in=FactorCreate(name="jaw_tension", kind="scale", min_value=1, max_value=5)
        )
        assert (factor.column, factor.daily_rule) == ("jaw_tension", "mean")
        alcohol = store.add_factor(session=session, factor_in=FactorCreate(name="alcohol", kind="number", unit="units"))
        assert alcohol.column == "alcohol_units"
    with pytest.raises(InputError, match="allowed 1–5"), session_scope(engine) as session:
        store.add_factor_entry(
            session=session, entry_in=FactorEntryCreate(factor="jaw_tension", value=6, at=NOW), now=NOW
        )
    with pytest.raises(InputError, match="already exists"), session_scope(engine) as session:
        store.add_factor(session=session, factor_in=FactorCreate(name="caffeine", kind="number"))
    with pytest.raises(InputError, match="min < max"), session_scope(engine) as session:
        store.add_factor(session=session, factor_in=FactorCreate(name="odd", kind="scale", min_value=5, max_value=1))


def test_yes_no_factor_takes_only_yes_or_no(engine) -> None:
    with session_scope(engine) as session:
        store.add_factor(session=session, factor_in=FactorCreate(name="alcohol", kind="yes-no"))
    with pytest.raises(InputError, match="yes or no"), session_scope(engine) as session:
        store.add_factor_entry(
            session=session, entry_in=FactorEntryCreate(factor="alcohol", value=0.5, at=NOW), now=NOW
        )


def test_presets_are_editable_data(engine) -> None:
    with session_scope(engine) as session:
        amounts = {p.name: p.amount for p in store.list_presets(session=session)}
        assert amounts == {
            "espresso": 63,
            "coffee": 95,
            "black-tea": 47,
            "green-tea": 28,
            "cola": 34,
            "energy-drink": 80,
            "glass": 250,
            "bottle": 500,
        }
        store.set_preset(session=session, preset_in=PresetCreate(name="coffee", factor="caffeine", amount=120))
        store.set_preset(session=session, preset_in=PresetCreate(name="mate", factor="caffeine_mg", amount=80))
    with session_scope(engine) as session:
        assert store.get_preset(session=session, name="coffee").amount == 120
        assert store.get_preset(session=session, name="mate").amount == 80


def test_red_flag_same_day_same_kind_is_one_record(engine) -> None:
    with session_scope(engine) as session:
        first = store.add_red_flag(
            session=session, red_flag_in=RedFlagCreate(date=NOW.date(), kind="drooping"), today=NOW.date()
        )
        again = store.add_red_flag(
            session=session,
            red_flag_in=RedFlagCreate(date=NOW.date(), kind="drooping", note="left side"),
            today=NOW.date(),
        )
    assert first.id == again.id and again.note == "left side"


def test_interventions_start_and_stop(engine) -> None:
    with session_scope(engine) as session:
        store.start_intervention(session=session, name="magnesium", start=dt.date(2026, 11, 1), today=NOW.date())
        with pytest.raises(InputError, match="already running"):
            store.start_intervention(session=session, name="magnesium", start=dt.date(2026, 11, 2), today=NOW.date())
        with pytest.raises(InputError, match="on or after the start"):
            store.stop_intervention(session=session, name="magnesium", end=dt.date(2026, 10, 1), today=NOW.date())
        stopped = store.stop_intervention(
            session=session, name="magnesium", end=dt.date(2026, 11, 20), today=NOW.date()
        )
    assert stopped.end_date == dt.date(2026, 11, 20)


def test_delete_is_all_or_nothing_and_restore_puts_rows_back(engine) -> None:
    with session_scope(engine) as session:
        episode = store.add_episode(session=session, episode_in=twitch(), now=NOW)
        label = store.entry_id(episode)
    with pytest.raises(InputError), session_scope(engine) as session:
        store.delete_entries(session=session, ids=[label, "e999"])
    with session_scope(engine) as session:
        removed = store.delete_entries(session=session, ids=[label])
    with session_scope(engine) as session:
        assert day_summary(session=session, day=NOW.date()).episodes == []
        store.restore(session=session, removed=removed)
    with session_scope(engine) as session:
        [back] = day_summary(session=session, day=NOW.date()).episodes
    assert store.entry_id(back) == label


def test_undo_reverses_the_last_action_whole(engine, frozen) -> None:
    with session_scope(engine) as session:  # one transaction: one action
        store.add_episode(session=session, episode_in=twitch(), now=NOW)
        store.add_factor_entry(session=session, entry_in=FactorEntryCreate(factor="water", value=250, at=NOW), now=NOW)
    with session_scope(engine) as session:
        store.add_factor_entry(session=session, entry_in=FactorEntryCreate(factor="water", value=500, at=NOW), now=NOW)
    with session_scope(engine) as session:
        assert store.undo_last(session=session) == "removed water 500 ml on Tue 24 Nov"
    with session_scope(engine) as session:
        assert store.undo_last(session=session) == (
            "removed water 250 ml on Tue 24 Nov; removed twitch at 09:30 on Tue 24 Nov"
        )
        assert store.undo_last(session=session) is None
        assert day_summary(session=session, day=NOW.date()).tracked is False


def test_user_factor_range_and_rule_can_change_but_not_below_logged_values(engine) -> None:
    from tracker.storage.models import FactorUpdate

    with session_scope(engine) as session:
        store.add_factor(session=session, factor_in=FactorCreate(name="jaw", kind="scale", min_value=0, max_value=5))
        store.add_factor_entry(session=session, entry_in=FactorEntryCreate(factor="jaw", value=4, at=NOW), now=NOW)
    with session_scope(engine) as session:
        changed = store.update_factor(session=session, name="jaw", changes=FactorUpdate(max_value=10, daily_rule="max"))
    assert (changed.max_value, changed.daily_rule) == (10, "max")
    with pytest.raises(InputError, match="already logged"), session_scope(engine) as session:
        store.update_factor(session=session, name="jaw", changes=FactorUpdate(max_value=3))
    with pytest.raises(InputError, match="built-in"), session_scope(engine) as session:
        store.update_factor(session=session, name="caffeine", changes=FactorUpdate(max_value=5000))


def test_an_edit_is_checked_against_the_clock_the_caller_read(engine) -> None:
    """An edit, like a log, is judged by the moment the person acted (the app's clock), not by a
    second clock read inside the store: moving a twitch to 09:50 is "in the future" at 09:30."""
    from tracker.storage.models import EpisodeUpdate

    with session_scope(engine) as session:
        episode = store.add_episode(session=session, episode_in=twitch(started_at=NOW.replace(hour=8)), now=NOW)
    later = NOW + dt.timedelta(minutes=20)
    with pytest.raises(InputError, match="at"), session_scope(engine) as session:
        store.update_episode(session=session, episode_id=episode.id, changes=EpisodeUpdate(started_at=later), now=NOW)
    with session_scope(engine) as session:
        edited = store.update_episode(
            session=session, episode_id=episode.id, changes=EpisodeUpdate(started_at=NOW.replace(hour=9)), now=NOW
        )
    assert edited.local_started_at.hour == 9


def test_a_day_with_twitches_cannot_be_answered_no_twitches_through_any_door(engine) -> None:
    """The store itself refuses "no twitches" on a day with a twitch (the import, the demo and
    any new screen call it too), and says so in one line: the field, the day, what is allowed."""
    with session_scope(engine) as session:
        store.add_episode(session=session, episode_in=twitch(), now=NOW)
    refused = r"date: '2026-11-24' is not allowed; a day without twitches \(1 logged"
    with pytest.raises(InputError, match=refused), session_scope(engine) as session:
        store.check_in(session=session, day=NOW.date(), today=NOW.date())
    with session_scope(engine) as session:
        [row] = daily_rows(session=session, start=NOW.date(), end=NOW.date())
    assert (row.tracked, row.episodes) == (True, 1)


def test_checking_in_a_day_again_keeps_it_checked_in_and_each_undo_takes_back_one(engine) -> None:
    day = dt.date(2026, 11, 20)
    for _ in range(2):
        with session_scope(engine) as session:
            store.check_in(session=session, day=day, today=NOW.date())
    tracked = []
    for _ in range(3):
        with session_scope(engine) as session:
            [row] = daily_rows(session=session, start=day, end=day)
            tracked.append((row.tracked, row.episodes))
            store.undo_last(session=session)
    assert tracked == [(True, 0), (True, 0), (False, None)]
