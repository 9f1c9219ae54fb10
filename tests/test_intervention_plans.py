"""`tracker intervention plan`: alternating off and on weeks, listed, analysed on its own days,
undone whole; bad input gets one line, exit 2, and nothing written."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from tests.conftest import TODAY
from tests.helpers.processes import select_rows, table_rows
from tracker.storage import store
from tracker.storage.engine import session_scope
from tracker.storage.file_checks import SCHEMA_HEAD
from tracker.storage.models import EpisodeCreate


def test_a_plan_starts_tomorrow_off_first_and_is_listed_block_by_block(cli, engine, frozen) -> None:
    engine.dispose()
    made = cli("intervention", "plan", "magnesium", "--weeks", "4", "--note", "300 mg glycinate")
    assert made.code == 0, made.err
    tomorrow = TODAY + dt.timedelta(days=1)
    assert f"planned magnesium from {tomorrow} to {tomorrow + dt.timedelta(days=27)}" in made.out
    listed = cli("intervention", "list").out
    blocks = [line.split() for line in listed.splitlines() if line.startswith("      ")]
    assert [b[0] for b in blocks] == ["off", "on", "off", "on"]
    assert blocks[0][1] == tomorrow.isoformat() and blocks[-1][3] == (tomorrow + dt.timedelta(days=27)).isoformat()
    assert "300 mg glycinate" in listed and "7-day blocks" in listed


def test_undo_removes_the_plan(cli, engine, db_path, frozen) -> None:
    engine.dispose()
    assert cli("intervention", "plan", "magnesium", "--weeks", "8", "--block-weeks", "2").code == 0
    assert len(table_rows(db_path, "intervention")) == 1
    undone = cli("undo")
    assert undone.code == 0 and "magnesium" in undone.out
    assert len(table_rows(db_path, "intervention")) == 0
    assert "no interventions yet" in cli("intervention", "list").err + cli("intervention", "list").out


@pytest.mark.parametrize(
    "args",
    [
        ("--weeks", "3"),  # fewer than four blocks
        ("--weeks", "5"),  # an odd number of one-week blocks
        ("--weeks", "6", "--block-weeks", "2"),  # not whole off-on pairs of two-week blocks
        ("--weeks", "60"),
        ("--weeks", "four"),
        ("--weeks", "4", "--block-weeks", "0"),
        ("--weeks", "4", "--start", "2028-01-01"),  # more than a year ahead
        ("--weeks", "4", "--start", "next week"),
        ("--weeks", "4", "--start", "1899-12-31"),
    ],
)
def test_bad_plans_get_one_line_and_write_nothing(cli, engine, db_path, frozen, args) -> None:
    engine.dispose()
    actions = len(table_rows(db_path, "action"))
    result = cli("intervention", "plan", "magnesium", *args)
    assert result.code == 2
    assert len(result.err.strip().splitlines()) == 1 and "Traceback" not in result.err, result.err
    assert len(table_rows(db_path, "intervention")) == 0 and len(table_rows(db_path, "action")) == actions


def test_a_plan_may_not_overlap_the_same_intervention(cli, engine, db_path, frozen) -> None:
    engine.dispose()
    assert cli("intervention", "start", "magnesium", "--date", "2026-11-01").code == 0
    refused = cli("intervention", "plan", "magnesium", "--weeks", "4")
    assert refused.code == 2 and "magnesium runs 2026-11-01 to still running" in refused.err
    assert cli("intervention", "plan", "less coffee", "--weeks", "4").code == 0
    again = cli("intervention", "start", "less coffee", "--date", "today")
    assert again.code == 2 and "not planned from" in again.err  # its on-weeks already say when it is taken
    assert len(table_rows(db_path, "intervention")) == 2


def test_analyze_compares_the_plans_on_weeks_with_its_off_weeks(cli, engine, frozen) -> None:
    """Four weeks planned from 27 Oct, twitching 1 a day in the on-weeks and 4 in the off-weeks
    and before: the comparison is on against off, not the plan against the months before it."""
    start = TODAY - dt.timedelta(days=28)
    with session_scope(engine) as session:
        for back in range(90, 0, -1):
            day = TODAY - dt.timedelta(days=back)
            on = day >= start and ((day - start).days // 7) % 2 == 1
            noon = dt.datetime.combine(day, dt.time(12, 0), dt.UTC)
            for k in range(1 if on else 4):
                store.add_episode(
                    session=session,
                    episode_in=EpisodeCreate(started_at=noon + dt.timedelta(minutes=k), location="eyelid"),
                    now=noon + dt.timedelta(hours=1),
                )
    engine.dispose()
    assert cli("intervention", "plan", "magnesium", "--weeks", "4", "--start", start.isoformat()).code == 0
    result = cli("analyze", "--json")
    assert result.code == 0, result.err
    [plan] = json.loads(result.out)["interventions"]
    assert plan["design"] == "plan" and plan["status"] == "ok"
    assert plan["rate_ratio"] == 0.25 and plan["ci_high"] < 1
    assert "on-days" in cli("analyze").out


def test_going_back_to_the_older_schema_is_refused_while_a_plan_is_stored(engine, db_path, frozen) -> None:
    """The older version would read a plan as one long intervention, half of it off."""
    from alembic import command

    from tests.test_migrations import alembic_config

    with session_scope(engine) as session:
        store.plan_intervention(session=session, name="magnesium", start=TODAY, weeks=4)
    engine.dispose()
    with pytest.raises(RuntimeError, match="planned experiments are stored"):
        command.downgrade(alembic_config(db_path), "0004")
    assert select_rows(db_path, "SELECT version_num FROM alembic_version") == [(SCHEMA_HEAD,)]
    assert select_rows(db_path, "SELECT name, block_days FROM intervention") == [("magnesium", 7)]


def test_the_chart_marks_a_plans_on_weeks_not_its_first_off_day(cli, engine, frozen) -> None:
    from tracker.report.outputs import chart_marks
    from tracker.storage.history import load_history

    start = TODAY - dt.timedelta(days=28)
    with session_scope(engine) as session:
        store.check_in(session=session, day=start - dt.timedelta(days=1), today=TODAY)
        store.plan_intervention(session=session, name="magnesium", start=start, weeks=4, today=TODAY)
    with session_scope(engine, write=False) as session:
        history = load_history(session=session, as_of=TODAY, today=TODAY)
    marks = chart_marks(history)
    assert marks.interventions == [
        (start + dt.timedelta(days=7), "magnesium on"),
        (start + dt.timedelta(days=21), "magnesium on"),
    ]
