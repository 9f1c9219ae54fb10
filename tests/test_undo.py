"""`tracker undo` reverses exactly the last thing done, says so in words, and every write can be undone."""

from __future__ import annotations

import datetime as dt
import inspect
import json
from collections.abc import Callable
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import Session

from tests.helpers.processes import DATA_TABLES, select_rows, table_rows
from tracker.demo.synthetic import generate_diary
from tracker.demo.writer import write_diary
from tracker.io.importer import import_files
from tracker.storage import store
from tracker.storage.engine import session_scope
from tracker.storage.models import (
    EpisodeCreate,
    EpisodeUpdate,
    FactorCreate,
    FactorEntryCreate,
    FactorUpdate,
    PresetCreate,
    RedFlagCreate,
)
from tracker.storage.queries import episodes_between

pytestmark = pytest.mark.usefixtures("frozen")  # 2026-11-24 09:30, Europe/London

NOW = dt.datetime(2026, 11, 24, 9, 30, tzinfo=ZoneInfo("Europe/London"))
DAY = NOW.date()


def diary_rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    return {table: table_rows(path, table) for table in DATA_TABLES}


def listed(cli) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [(item["id"], item["type"]) for item in json.loads(cli("list", "--json").out)]


def test_undo_restores_what_was_deleted_and_touches_nothing_else(cli) -> None:
    cli("log", "caffeine", "95")
    cli("log", "redflag", "drooping")
    cli("log", "stress", "4")
    cli("delete", "f2")

    result = cli("undo")

    assert result.out.strip() == "restored stress 4 on Tue 24 Nov"
    assert sorted(listed(cli)) == [("f1", "factor"), ("f2", "factor"), ("r1", "red_flag")]


def test_undo_after_log_none_clears_the_check_in_and_keeps_the_days_note(cli, engine, db_path) -> None:
    with session_scope(engine) as session:
        store.set_day_note(session=session, day=DAY, note="dentist at 3")
    cli("log", "none")
    assert cli("undo").out.strip() == "cleared the no-twitches check-in on Tue 24 Nov; its note stays"
    assert select_rows(db_path, "SELECT date, checked_in, note FROM day") == [("2026-11-24", 0, "dentist at 3")]
    cli("log", "none", "--date", "yesterday")
    assert cli("undo").code == 0
    assert select_rows(db_path, "SELECT date FROM day") == [("2026-11-24",)]


def test_undo_of_an_import_removes_exactly_what_it_added(cli, tmp_path, db_path) -> None:
    cli("log", "twitch", "--at", "2026-11-20T08:00", "--location", "eyelid")
    cli("log", "stress", "4", "--at", "2026-11-20T09:00")
    cli("log", "none", "--date", "2026-11-21")
    episodes = tmp_path / "episodes.csv"
    episodes.write_text(
        "started_at,location\n2026-11-20T08:00:00+00:00,eyelid\n2026-11-22T08:00:00+00:00,cheek\n"
        "2026-11-22T09:00:00+00:00,cheek\n",
        encoding="utf-8",
    )
    daily = tmp_path / "daily.csv"
    daily.write_text("date,stress,sleep_h,note\n2026-11-20,4,,\n2026-11-21,,7,long walk\n", encoding="utf-8")
    before = diary_rows(db_path)
    imported = cli("import", "csv", str(episodes), str(daily))
    assert "2 new episodes, 1 factor value, 1 day note" in imported.out

    result = cli("undo")

    assert result.out.strip() == (
        "removed what the import of episodes.csv, daily.csv added: 2 new episodes, 1 factor value, 1 day note"
    )
    assert diary_rows(db_path) == before  # the check-in of the 21st is back without the note, all else untouched


def test_a_deleted_entry_comes_back_under_its_id_and_ids_are_never_reused(cli) -> None:
    cli("log", "twitch", "--at", "08:00")
    cli("log", "twitch", "--at", "09:00")
    cli("delete", "e2")
    assert cli("log", "twitch", "--at", "09:15").out.startswith("logged e3:")  # not e2 again
    assert cli("undo").out.strip() == "removed twitch at 09:15 on Tue 24 Nov"
    assert cli("undo").out.strip() == "restored twitch at 09:00 on Tue 24 Nov"
    assert sorted(listed(cli)) == [("e1", "twitch"), ("e2", "twitch")]


def test_the_tuis_undo_brings_back_a_delete_even_after_a_newer_entry(engine) -> None:
    twitch = EpisodeCreate(started_at=NOW, location="eyelid", side="left", intensity=2)
    with session_scope(engine) as session:
        store.add_episode(session=session, episode_in=twitch, now=NOW)
    with session_scope(engine) as session:
        removed = store.delete_entries(session=session, ids=["e1"])
    with session_scope(engine) as session:
        newer = store.add_episode(session=session, episode_in=twitch, now=NOW)
    with session_scope(engine) as session:
        assert store.restore(session=session, removed=removed) == "restored twitch at 09:30 on Tue 24 Nov"
    assert newer.id == 2  # the deleted twitch's id is not handed out again
    with session_scope(engine) as session:
        assert [episode.id for episode in episodes_between(session=session, start=DAY, end=DAY)] == [1, 2]
        assert store.undo_last(session=session) == "removed twitch at 09:30 on Tue 24 Nov"  # the newer one
        assert [episode.id for episode in episodes_between(session=session, start=DAY, end=DAY)] == [1]


def test_undoing_a_red_flag_again_puts_back_its_note_and_keeps_the_flag(cli, db_path) -> None:
    cli("log", "redflag", "drooping", "--note", "left eyelid")
    cli("log", "redflag", "drooping", "--note", "and the cheek")
    assert cli("undo").out.strip() == "put back the note of red flag drooping on Tue 24 Nov"
    assert select_rows(db_path, "SELECT kind, note FROM red_flag") == [("drooping", "left eyelid")]


# --- every write: one action, undone to exactly the diary before ---------------------------------


def _seed(session: Session) -> None:
    store.add_factor(session=session, factor_in=FactorCreate(name="jaw", kind="scale", min_value=0, max_value=5))
    store.add_episode(
        session=session, episode_in=EpisodeCreate(started_at=NOW, location="eyelid", side="left", intensity=2)
    )
    store.set_day_note(session=session, day=DAY, note="long day")
    store.set_day_note(session=session, day=DAY - dt.timedelta(days=2), note="quiet day")  # noted, no twitches
    store.add_red_flag(session=session, red_flag_in=RedFlagCreate(date=DAY, kind="drooping", note="left"))
    store.start_intervention(session=session, name="magnesium", start=DAY - dt.timedelta(days=9))


def _entry(factor: str, value: float) -> FactorEntryCreate:
    return FactorEntryCreate(factor=factor, value=value, at=NOW)


WRITES: dict[str, Callable[[Session], object]] = {
    "add factor": lambda s: store.add_factor(session=s, factor_in=FactorCreate(name="alcohol", kind="number")),
    "edit factor": lambda s: store.update_factor(session=s, name="jaw", changes=FactorUpdate(max_value=9)),
    "change how a built-in factor's blank counts": lambda s: store.update_factor(
        session=s, name="sleep", changes=FactorUpdate(absent_means_none=True)
    ),
    "new preset": lambda s: store.set_preset(
        session=s, preset_in=PresetCreate(name="mug", factor="caffeine", amount=140)
    ),
    "change preset": lambda s: store.set_preset(
        session=s, preset_in=PresetCreate(name="coffee", factor="caffeine", amount=100)
    ),
    "log twitch": lambda s: store.add_episode(
        session=s, episode_in=EpisodeCreate(started_at=NOW, location="cheek", side="right", intensity=4)
    ),
    "edit twitch": lambda s: store.update_episode(session=s, episode_id=1, changes=EpisodeUpdate(intensity=5)),
    "log factor": lambda s: store.add_factor_entry(session=s, entry_in=_entry("jaw", 3), now=NOW),
    "check in a noted day": lambda s: store.check_in(session=s, day=DAY - dt.timedelta(days=2)),
    "check in a new day": lambda s: store.check_in(session=s, day=DAY - dt.timedelta(days=1)),
    "change the note": lambda s: store.set_day_note(session=s, day=DAY, note="better"),
    "new red flag": lambda s: store.add_red_flag(session=s, red_flag_in=RedFlagCreate(date=DAY, kind="speech")),
    "red flag again": lambda s: store.add_red_flag(
        session=s, red_flag_in=RedFlagCreate(date=DAY, kind="drooping", note="both")
    ),
    "start intervention": lambda s: store.start_intervention(session=s, name="sleep earlier", start=DAY),
    "stop intervention": lambda s: store.stop_intervention(session=s, name="magnesium", end=DAY),
    "plan an experiment": lambda s: store.plan_intervention(session=s, name="less coffee", start=DAY, weeks=4),
    "delete several": lambda s: store.delete_entries(session=s, ids=["e1", "r1", "i1", "d2026-11-24"]),
    "edit a factor entry (delete and add)": lambda s: (
        store.delete_entries(session=s, ids=["f1"]),
        store.add_factor_entry(session=s, entry_in=_entry("jaw", 4), now=NOW),
    ),
    "edit a factor entry's value": lambda s: store.update_factor_entry(session=s, entry_id=1, value=4),
    "edit a factor entry's value and note": lambda s: store.update_factor_entry(
        session=s, entry_id=1, value=4, note="after the edit"
    ),
    "demo history": lambda s: write_diary(session=s, diary=generate_diary(days=7, seed=1, end=DAY), now=NOW),
}


@pytest.mark.parametrize("name", list(WRITES))
def test_every_write_is_one_action_that_undo_reverses_exactly(engine, db_path, name: str) -> None:
    with session_scope(engine) as session:
        _seed(session)
        store.add_factor_entry(session=session, entry_in=_entry("jaw", 2), now=NOW)
    before = diary_rows(db_path)
    actions = len(table_rows(db_path, "action"))
    with session_scope(engine) as session:
        WRITES[name](session)
    assert len(table_rows(db_path, "action")) == actions + 1
    assert diary_rows(db_path) != before
    with session_scope(engine) as session:
        assert store.undo_last(session=session)
    assert diary_rows(db_path) == before


# Writes that change nothing are not actions: `undo` right after one must reverse the write
# before it, not report a reversal of nothing.
NO_CHANGE: dict[str, Callable[[Session], object]] = {
    "the same red flag again": lambda s: store.add_red_flag(
        session=s, red_flag_in=RedFlagCreate(date=DAY, kind="drooping")
    ),
    "the same red flag with its own note": lambda s: store.add_red_flag(
        session=s, red_flag_in=RedFlagCreate(date=DAY, kind="drooping", note="left")
    ),
    "the same day note": lambda s: store.set_day_note(session=s, day=DAY, note="long day"),
    "a preset at its own amount": lambda s: store.set_preset(
        session=s, preset_in=PresetCreate(name="coffee", factor="caffeine", amount=95)
    ),
    "a factor edited to what it is": lambda s: store.update_factor(
        session=s, name="jaw", changes=FactorUpdate(max_value=5)
    ),
}


@pytest.mark.parametrize("name", list(NO_CHANGE))
def test_a_write_that_changes_nothing_is_not_an_action(engine, db_path, name: str) -> None:
    with session_scope(engine) as session:
        _seed(session)
    before = diary_rows(db_path)
    actions = table_rows(db_path, "action")
    with session_scope(engine) as session:
        NO_CHANGE[name](session)
    assert diary_rows(db_path) == before
    assert table_rows(db_path, "action") == actions


# The store functions that write, each named by a WRITES case above. A new writer fails the
# walk below until it has a case, so nothing can write without the journal knowing.
WRITERS = {
    "add_factor": "add factor", "update_factor": "edit factor", "set_preset": "new preset",
    "add_episode": "log twitch", "update_episode": "edit twitch", "add_factor_entry": "log factor",
    "update_factor_entry": "edit a factor entry's value", "check_in": "check in a new day",
    "set_day_note": "change the note", "add_red_flag": "new red flag", "start_intervention": "start intervention",
    "stop_intervention": "stop intervention", "delete_entries": "delete several",
    "plan_intervention": "plan an experiment",
}  # fmt: skip
# The store's writes, wherever they are defined: factors and removal are parts of the store.
STORE_MODULES = {store.__name__, "tracker.storage.factors", "tracker.storage.removal", "tracker.storage.interventions"}
WRITE_VERBS = ("add_", "update_", "set_", "check_in", "start_", "stop_", "delete_", "plan_")


def test_every_store_function_that_writes_has_an_undo_case() -> None:
    writers = {
        name for name, value in vars(store).items()
        if inspect.isfunction(value) and value.__module__ in STORE_MODULES and name.startswith(WRITE_VERBS)
    }  # fmt: skip
    assert writers == set(WRITERS)
    assert set(WRITERS.values()) <= set(WRITES)


def test_undo_after_editing_a_value_puts_the_old_value_back_and_says_so(cli, engine, db_path) -> None:
    cli("log", "none", "--date", "yesterday")
    cli("log", "stress", "10")
    with session_scope(engine) as session:
        store.update_factor_entry(session=session, entry_id=1, value=6)

    result = cli("undo")

    assert result.out.strip() == "put back stress 10 on Tue 24 Nov in place of 6"
    assert select_rows(db_path, "SELECT value FROM factor_entry") == [(10.0,)]
    assert select_rows(db_path, "SELECT checked_in FROM day") == [(1,)]


def test_an_import_is_one_action_too(engine, db_path, tmp_path) -> None:
    path = tmp_path / "e.csv"
    path.write_text("started_at\n2026-11-20T08:00+00:00\n", encoding="utf-8")
    before = diary_rows(db_path)
    import_files(engine=engine, paths=[path], now=NOW)
    assert len(table_rows(db_path, "action")) == 1
    with session_scope(engine) as session:
        assert store.undo_last(session=session)
        assert store.undo_last(session=session) is None
    assert diary_rows(db_path) == before


def test_a_twitch_on_a_day_answered_no_twitches_withdraws_that_answer_and_undo_puts_it_back(cli) -> None:
    # The diary never says both "no twitches" and a twitch for one day.
    cli("log", "none", "--date", "yesterday")
    logged = cli("log", "twitch", "--at", "yesterday 10:00", "--location", "eyelid", "--side", "left")
    assert logged.code == 0
    listed = cli("list", "--date", "yesterday").out
    assert "twitch" in listed and "no twitches" not in listed
    [row] = [line for line in cli("export", "csv").out.splitlines() if line.startswith("2026-11-23")]
    assert row.split(",")[1:3] == ["1", "1"]  # yesterday: tracked, one twitch
    assert cli("undo").code == 0
    assert "no twitches" in cli("list", "--date", "yesterday").out
    assert "twitch," not in cli("list", "--date", "yesterday").out
