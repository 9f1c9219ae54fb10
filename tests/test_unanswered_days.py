"""A day's twitches are known only once answered (a twitch, or "no twitches"): a day tracked
for a factor, a note or a red flag alone is unknown for twitching, never a day with 0 of them,
in the store's rows, the CSV both ways, the analysis, the charts and the report."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tracker.report.outputs import analysis_of
from tracker.storage import store
from tracker.storage.engine import open_database, session_scope
from tracker.storage.glance import glance_day
from tracker.storage.history import load_history
from tracker.storage.models import EpisodeCreate, FactorEntryCreate, Location, Side
from tracker.storage.queries import daily_rows, day_summary

TODAY = dt.date(2026, 11, 24)
LONDON = ZoneInfo("Europe/London")

pytestmark = pytest.mark.usefixtures("frozen")


def daily_export(cli, *args: str, db: Path | None = None) -> dict[str, str]:
    """The daily CSV as {date: the row after the date}."""
    result = cli("export", "csv", *args, **({"db": db} if db else {}))
    assert result.code == 0, result.err
    lines = result.out.strip("\r\n").split("\r\n")[1:]
    return {line[:10]: line[11:] for line in lines}


def test_a_day_with_only_a_factor_is_unanswered_not_zero(cli, db_path) -> None:
    assert cli("log", "caffeine", "95").code == 0

    # CSV: tracked, and every twitch column empty, not "0,0".
    assert daily_export(cli)["2026-11-24"] == "1,,,,,95,,,,,,"
    # The summary printed without a terminal says the twitches are not logged yet.
    assert "twitches: not logged yet" in cli().out
    engine = open_database(db_path)
    with session_scope(engine, write=False) as session:
        [row] = daily_rows(session=session, start=TODAY, end=TODAY)
        summary = day_summary(session=session, day=TODAY)
    engine.dispose()
    assert row.tracked and row.episodes is None and not row.twitches_answered
    assert (row.total_duration_s, row.max_intensity, row.mean_intensity, row.locations) == (None, None, None, ())
    assert summary.tracked and not summary.twitches_answered
    glance = glance_day(db_path, TODAY, active_until=TODAY)
    assert glance is not None and not glance.summary.twitches_answered
    # The analysis counts it as tracked, and says its twitches are unknown.
    result = json.loads(cli("analyze", "--json").out)
    assert result["range"]["tracked_days"] == 1 and result["range"]["unanswered_days"] == 1
    assert "twitches answered on 0 of 1 day; 1 day has only other entries" in cli("analyze").out

    # Answering it makes it a day with 0 twitches, everywhere.
    assert cli("log", "none").code == 0
    assert daily_export(cli)["2026-11-24"] == "1,0,0,,,95,,,,,,"
    assert "no twitches today" in cli().out
    assert json.loads(cli("analyze", "--json").out)["range"]["unanswered_days"] == 0


def test_history_shows_an_unanswered_day_as_not_logged(db_path) -> None:
    from tracker.tui.screens.history import history_cells

    engine = open_database(db_path)
    with session_scope(engine) as session:
        store.add_factor_entry(session=session, entry_in=FactorEntryCreate(factor="caffeine", value=95, date=TODAY))
        factors = store.list_factors(session=session)
        [row] = daily_rows(session=session, start=TODAY, end=TODAY)
    engine.dispose()
    _, tracked, twitches, intensity, caffeine, *_ = history_cells(row, factors)
    assert (tracked, twitches, intensity, caffeine) == ("yes", "?", "—", "95")  # ?: not answered


def test_csv_round_trip_keeps_unanswered_days_unanswered(cli, db_path, tmp_path) -> None:
    cli("log", "caffeine", "95", "--at", "2026-11-18T08:00")  # a factor alone
    cli("log", "redflag", "drooping", "--date", "2026-11-19")  # a red flag alone
    engine = open_database(db_path)
    with session_scope(engine) as session:
        store.set_day_note(session=session, day=dt.date(2026, 11, 20), note="tired")  # a note alone
    engine.dispose()
    cli("log", "none", "--date", "2026-11-21")  # answered: none
    cli("log", "twitch", "--at", "2026-11-22T08:00", "--location", "eyelid", "--side", "left", "--intensity", "3")
    first = tmp_path / "one"
    first.mkdir()
    assert cli("export", "csv", "-o", str(first / "daily.csv")).code == 0
    assert cli("export", "csv", "--episodes", "-o", str(first / "episodes.csv")).code == 0
    exported = daily_export(cli)
    assert [exported[f"2026-11-{day}"][:5] for day in (18, 19, 20, 21, 22)] == [
        "1,,,,",
        "1,,,,",
        "1,,,,",
        "1,0,0",
        "1,1,,",
    ]

    fresh = tmp_path / "fresh.db"
    result = cli("import", "csv", str(first / "daily.csv"), str(first / "episodes.csv"), db=fresh)
    assert result.code == 0, result.err
    # Only the day answered "none" is checked in: a note alone is not an answer.
    checked_in = sqlite3.connect(fresh).execute("SELECT date FROM day WHERE checked_in").fetchall()
    assert checked_in == [("2026-11-21",)]
    again = tmp_path / "two"
    again.mkdir()
    assert cli("export", "csv", "-o", str(again / "daily.csv"), db=fresh).code == 0
    assert (again / "daily.csv").read_bytes() == (first / "daily.csv").read_bytes()


def test_import_reads_an_empty_episodes_cell_as_unanswered(cli, tmp_path) -> None:
    (tmp_path / "d.csv").write_text(
        "date,tracked,episodes,caffeine_mg,note\n"
        "2026-11-10,1,,,on holiday\n"  # tracked, twitches not answered
        "2026-11-11,1,0,,\n"  # answered: none
        "2026-11-12,,0,,\n"  # answered: none, `tracked` left empty
        "2026-11-13,1,,,\n",  # "tracked" with nothing else says nothing: no day is made of it
        encoding="utf-8",
    )
    assert cli("import", "csv", str(tmp_path / "d.csv")).code == 0
    rows = daily_export(cli, "--from", "2026-11-10", "--to", "2026-11-13")
    assert rows == {
        "2026-11-10": "1,,,,,,,,,,,on holiday",
        "2026-11-11": "1,0,0,,,,,,,,,",
        "2026-11-12": "1,0,0,,,,,,,,,",
        "2026-11-13": "0,,,,,,,,,,,",
    }


def _diary(db_path: Path, *, answered: int, factor_only: int) -> None:
    """`answered` days with caffeine and twitches logged (or "none"), then `factor_only` days
    with caffeine alone, ending yesterday."""
    engine = open_database(db_path)
    start = TODAY - dt.timedelta(days=answered + factor_only)
    with session_scope(engine) as session:
        for number in range(answered + factor_only):
            day = start + dt.timedelta(days=number)
            caffeine = (0, 95, 190, 285)[number % 4]
            store.add_factor_entry(
                session=session, entry_in=FactorEntryCreate(factor="caffeine", value=caffeine, date=day)
            )
            if number >= answered:
                continue
            twitches = (number * 7) % 4
            for hour in range(twitches):
                moment = dt.datetime(day.year, day.month, day.day, 8 + hour, tzinfo=LONDON)
                episode = EpisodeCreate(started_at=moment, location=Location.EYELID, side=Side.LEFT, intensity=2)
                store.add_episode(session=session, episode_in=episode)
            if not twitches:
                store.check_in(session=session, day=day)
    engine.dispose()


def test_the_analysis_uses_only_answered_days_as_outcomes(db_path) -> None:
    _diary(db_path, answered=40, factor_only=20)
    engine = open_database(db_path)
    with session_scope(engine, write=False) as session:
        history = load_history(session=session, as_of=TODAY)
    engine.dispose()
    result = analysis_of(history, TODAY)
    same_day = next(e for e in result["triggers"] if e["factor"] == "caffeine_mg" and e["lag_days"] == 0)
    # 40 days say how much twitching there was; the 20 caffeine-only days say nothing.
    assert same_day["n_days"] == 40 and same_day["days_logged"] == 40
    assert result["trigger_model"]["answered_days"] == 40
    if same_day["described"]:
        assert same_day["described"]["high_days"] + same_day["described"]["low_days"] == 40
    assert result["range"]["tracked_days"] == 60 and result["range"]["unanswered_days"] == 20


def test_charts_and_the_report_draw_an_unanswered_week_as_no_data(db_path) -> None:
    from tracker.analysis.frame import daily_frame
    from tracker.analysis.periods import weekly_summary
    from tracker.report.pdf_words import daily_table, summary_lines

    _diary(db_path, answered=21, factor_only=14)  # the last two weeks: caffeine alone
    engine = open_database(db_path)
    with session_scope(engine, write=False) as session:
        history = load_history(session=session, as_of=TODAY)
    engine.dispose()
    frame = daily_frame(history.rows, ["caffeine_mg"])
    weekly = weekly_summary(frame, factors=["caffeine_mg"])
    last = weekly.loc[weekly.index[-2]]  # the last whole week: every day tracked, none answered
    assert last["episodes"] != last["episodes"]  # NaN: drawn as "no data", not a bar of 0
    assert last["days_tracked"] == 7 and last["days_answered"] == 0
    _, rows = daily_table(
        frame, ["caffeine_mg"], {"caffeine_mg": "mg"}, [], names={}, date_to=TODAY - dt.timedelta(days=1)
    )
    yesterday = rows[-1]
    assert yesterday[1:4] == ["—", "—", "—"] and yesterday[4] != "—"  # twitches not logged; caffeine logged
    lines = summary_lines(frame, analysis_of(history, TODAY), history.episodes, date_to=TODAY - dt.timedelta(days=1))
    assert any("twitches answered on 14 of 28 days; 14 days have only other entries" in line for line in lines)
