"""A factor logged only when taken (magnesium, caffeine, a yes-no factor): on a day whose
twitches were answered, nothing logged reads as none in the analysis, and the person sees and
changes that rule. Storage and exports keep the blank; measured factors stay unknown."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sqlite3

import numpy as np

from tests.conftest import TODAY
from tests.helpers.processes import select_rows, table_rows
from tracker.storage import store
from tracker.storage.engine import session_scope
from tracker.storage.models import EpisodeCreate, FactorCreate, FactorEntryCreate

DAYS = 120
FIRST = TODAY - dt.timedelta(days=DAYS)


def _diary_with_magnesium_logged_when_taken(engine) -> list[dt.date]:
    """120 answered days; 300 mg magnesium logged on alternate 10-day spells (nothing logged
    otherwise) and twitching halved on those days; sleep logged on every third day only.
    Returns the magnesium days."""
    rng = np.random.default_rng(13)
    taken = []
    with session_scope(engine) as session:
        for i in range(DAYS):
            day = FIRST + dt.timedelta(days=i)
            on = (i // 10) % 2 == 1
            noon = dt.datetime.combine(day, dt.time(12, 0), dt.UTC)
            for k in range(int(rng.poisson(2.0 if on else 4.0))):
                store.add_episode(
                    session=session,
                    episode_in=EpisodeCreate(started_at=noon + dt.timedelta(minutes=k), location="eyelid"),
                    now=noon + dt.timedelta(hours=1),
                )
            if on:
                taken.append(day)
                store.add_factor_entry(
                    session=session, entry_in=FactorEntryCreate(factor="magnesium", value=300, date=day), now=noon
                )
            if i % 3 == 0:
                store.add_factor_entry(
                    session=session, entry_in=FactorEntryCreate(factor="sleep", value=7, date=day), now=noon
                )
        for i in range(DAYS):
            day = FIRST + dt.timedelta(days=i)
            if not _has_twitch(session, day):
                store.check_in(session=session, day=day, today=TODAY)
    return taken


def _has_twitch(session, day: dt.date) -> bool:
    from sqlmodel import func, select

    from tracker.storage.models import Episode

    return bool(session.exec(select(func.count()).select_from(Episode).where(Episode.local_date == day)).one())


def test_a_supplement_logged_only_when_taken_is_analysed(engine, frozen, cli) -> None:
    _diary_with_magnesium_logged_when_taken(engine)
    engine.dispose()
    result = cli("analyze", "--json")
    assert result.code == 0, result.err
    magnesium = next(
        e for e in json.loads(result.out)["triggers"] if e["factor"] == "magnesium_mg" and e["lag_days"] == 0
    )
    # Not "not enough data yet — about 14 more days": a number, and the planted halving's direction.
    assert magnesium["confidence"] != "insufficient", magnesium
    assert magnesium["rate_ratio"] is not None and magnesium["rate_ratio"] < 1, magnesium
    assert magnesium["direction"] == "fewer"
    # The reading is derived, so the report says it.
    assert json.loads(result.out)["not_logged_reads_as_none"] == ["caffeine", "magnesium"]
    assert "A day with twitches answered and no caffeine or magnesium logged counts as none" in cli("analyze").out


def test_the_analysis_reads_a_blank_as_none_only_on_answered_days_and_only_for_the_rule(engine, frozen) -> None:
    from tracker.analysis.frame import analysis_frame
    from tracker.storage.queries import daily_rows

    taken = set(_diary_with_magnesium_logged_when_taken(engine))
    day_without_twitches_answered = TODAY
    with session_scope(engine) as session:
        # Today: magnesium not logged, only a stress rating, twitches never answered.
        store.add_factor_entry(
            session=session,
            entry_in=FactorEntryCreate(factor="stress", value=4, date=day_without_twitches_answered),
            now=dt.datetime.now(dt.UTC),
        )
    with session_scope(engine, write=False) as session:
        factors = store.list_factors(session=session)
        rows = daily_rows(session=session, start=FIRST, end=TODAY)
    frame = analysis_frame(rows, factors)
    answered_days = frame.index[frame["episodes"].notna()]
    magnesium = frame.loc[answered_days, "magnesium_mg"]
    assert magnesium.notna().all()  # every answered day has a magnesium value now
    assert set(magnesium[magnesium == 300].index.date) == taken
    assert set(magnesium.unique()) == {0.0, 300.0}  # the other answered days read none
    assert np.isnan(frame.loc[str(day_without_twitches_answered), "magnesium_mg"])  # unanswered: unknown
    sleep = frame.loc[answered_days, "sleep_h"]
    assert sleep.isna().sum() == len(answered_days) - DAYS // 3  # measured: a blank stays unknown


def test_exports_keep_the_blank_and_the_dictionary_says_how_analysis_reads_it(engine, frozen, cli, tmp_path) -> None:
    from tracker.report.visit_packet import dictionary_csv

    taken = _diary_with_magnesium_logged_when_taken(engine)
    engine.dispose()
    out = tmp_path / "daily.csv"
    assert cli("export", "csv", "-o", str(out)).code == 0
    cells = {row["date"]: row["magnesium_mg"] for row in csv.DictReader(out.open(encoding="utf-8"))}
    assert cells[FIRST.isoformat()] == ""  # not taken, not logged: still empty, never 0
    assert cells[taken[0].isoformat()] == "300"
    with session_scope(engine, write=False) as session:
        dictionary = {
            row["column"]: row
            for row in csv.DictReader(io.StringIO(dictionary_csv(store.list_factors(session=session))))
        }
    assert "counts it as none (0) on days with twitches" in dictionary["magnesium_mg"]["empty"]
    assert "unknown on other days" in dictionary["magnesium_mg"]["empty"]
    assert dictionary["sleep_h"]["empty"] == "empty = not logged"


def test_factor_list_shows_the_rule_and_edit_changes_it_even_on_a_built_in_factor(cli, db_path) -> None:
    assert cli("factor", "add", "nap", "--kind", "yes-no").code == 0
    assert cli("factor", "add", "steps", "--kind", "number").code == 0
    assert "not logged counts as none" in cli("factor", "add", "pills", "--kind", "number", "--absent", "none").out
    listed = cli("factor", "list").out
    table = listed.split("not logged:")[0].splitlines()[1:]  # the rows, without the header and the key
    rule = {line.split()[0]: line.split()[-1] for line in table if line}
    assert rule == {
        "caffeine": "none", "sleep": "unknown", "water": "unknown", "stress": "unknown", "magnesium": "none",
        "nap": "none", "steps": "unknown", "pills": "none",
    }  # fmt: skip
    changed = cli("factor", "edit", "water", "--absent", "none")
    assert changed.code == 0 and "not logged counts as none" in changed.out
    assert _rule(db_path, "water") == 1
    assert cli("undo").code == 0
    assert _rule(db_path, "water") == 0


def test_bad_rule_changes_get_one_line_and_write_nothing(engine, cli, db_path) -> None:
    engine.dispose()  # the diary exists; the CLI opens it itself
    actions = len(table_rows(db_path, "action"))
    for args in (
        ("factor", "edit", "water", "--absent", "zero"),
        ("factor", "edit", "water", "--absent", "none", "--max", "50"),  # a built-in keeps its range
        ("factor", "edit", "water"),  # nothing to change
        ("factor", "edit", "vitamin-q", "--absent", "none"),
    ):
        result = cli(*args)
        assert result.code == 2, args
        assert len(result.err.strip().splitlines()) == 1 and "Traceback" not in result.err, (args, result.err)
    assert _rule(db_path, "water") == 0
    assert len(table_rows(db_path, "action")) == actions


def test_upgrading_a_0004_diary_gives_the_defaults_and_keeps_every_row_and_downgrade_goes_back(tmp_path) -> None:
    from alembic import command

    from tests.test_migrations import alembic_config
    from tracker.storage import engine as db

    path = tmp_path / "old.db"
    command.upgrade(alembic_config(path), "0004")
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO factor (id, name, column, kind, unit, min_value, max_value, daily_rule, builtin, position) "
        "VALUES (40, 'nap', 'nap', 'yes-no', '', 0, 1, 'max', 0, 9), "
        "(41, 'alcohol', 'alcohol_units', 'number', 'units', 0, 50, 'sum', 0, 10)"
    )
    conn.execute(
        "INSERT INTO factor_entry (factor_id, at, utc_offset_min, local_date, value, note, created_at) "
        "VALUES (40, NULL, NULL, '2026-11-02', 1, 'after lunch', '2026-11-02 14:00:00.000000')"
    )
    conn.execute(
        "INSERT INTO intervention (name, start_date, end_date, note, created_at) "
        "VALUES ('magnesium', '2026-10-01', NULL, '300 mg', '2026-10-01 08:00:00.000000')"
    )
    conn.commit()
    conn.close()
    db.open_database(path).dispose()
    conn = sqlite3.connect(path)
    rules = dict(conn.execute("SELECT name, absent_means_none FROM factor"))
    assert rules == {
        "caffeine": 1, "sleep": 0, "water": 0, "stress": 0, "magnesium": 1, "nap": 1, "alcohol": 0,
    }  # fmt: skip
    assert conn.execute("SELECT note FROM factor_entry").fetchall() == [("after lunch",)]
    assert conn.execute("SELECT name, block_days FROM intervention").fetchall() == [("magnesium", None)]
    conn.close()

    command.downgrade(alembic_config(path), "0004")
    conn = sqlite3.connect(path)
    columns = [row[1] for row in conn.execute("PRAGMA table_info(factor)")]
    assert "absent_means_none" not in columns
    assert conn.execute("SELECT name FROM factor WHERE id = 40").fetchone() == ("nap",)
    assert conn.execute("SELECT note FROM intervention").fetchall() == [("300 mg",)]
    assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0004",)
    conn.close()


def test_the_built_in_rules_a_new_diary_gets_are_the_ones_the_code_describes(engine) -> None:
    """Migration 0005 keeps its own copy of which built-in factors are logged only when taken."""
    from tracker.core.vocabulary import BUILTIN_FACTORS

    with session_scope(engine, write=False) as session:
        stored = {f.column: f.absent_means_none for f in store.list_factors(session=session) if f.builtin}
    assert stored == {f.column: f.absent_means_none for f in BUILTIN_FACTORS}


def test_a_new_factor_takes_its_kinds_default_unless_told(engine) -> None:
    with session_scope(engine) as session:
        nap = store.add_factor(session=session, factor_in=FactorCreate(name="nap", kind="yes-no"))
        steps = store.add_factor(session=session, factor_in=FactorCreate(name="steps", kind="number"))
        pills = store.add_factor(
            session=session, factor_in=FactorCreate(name="pills", kind="number", absent_means_none=True)
        )
        assert (nap.absent_means_none, steps.absent_means_none, pills.absent_means_none) == (True, False, True)


def _rule(db_path, name: str) -> object:
    [(rule,)] = select_rows(db_path, f"SELECT absent_means_none FROM factor WHERE name = '{name}'")
    return rule
