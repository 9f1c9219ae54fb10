"""`tracker analyze` reads only what it shows, and shows what the whole history gives."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from tracker.report.outputs import analysis_of
from tracker.storage.engine import open_read_only, session_scope
from tracker.storage.history import load_history

pytestmark = pytest.mark.usefixtures("frozen")


@pytest.fixture
def demo(cli) -> None:
    assert cli("demo", "--days", "200", "--seed", "11").code == 0


def _whole_history_analysis(db: Path, date_from: dt.date | None) -> dict[str, object]:
    """The analysis of a History loaded with everything the visit report reads too."""
    engine = open_read_only(db)
    try:
        with session_scope(engine, write=False) as session:
            history = load_history(session=session, date_from=date_from, today=dt.date(2026, 11, 24))
    finally:
        engine.dispose()
    result = analysis_of(history, history.as_of)
    return json.loads(json.dumps(result))  # as `--json` prints it


@pytest.mark.parametrize("date_from", [None, dt.date(2026, 9, 1)])
def test_analyze_json_is_the_analysis_of_the_whole_history(cli, demo, db_path: Path, date_from) -> None:
    args = ["--from", date_from.isoformat()] if date_from else []
    result = cli("analyze", "--json", *args)
    assert result.code == 0, result.err
    assert json.loads(result.out) == _whole_history_analysis(db_path, date_from)


def test_a_history_for_analysis_leaves_the_report_parts_empty(cli, demo, db_path: Path) -> None:
    assert cli("log", "twitch", "--note", "after the long meeting").code == 0
    engine = open_read_only(db_path)
    try:
        with session_scope(engine, write=False) as session:
            whole = load_history(session=session, today=dt.date(2026, 11, 24))
            lean = load_history(session=session, today=dt.date(2026, 11, 24), for_report=False)
    finally:
        engine.dispose()
    assert whole.noted_twitches and whole.relief and not lean.noted_twitches and not lean.relief
    assert (lean.rows, lean.episodes, lean.red_flags, lean.onset) == (
        whole.rows,
        whole.episodes,
        whole.red_flags,
        whole.onset,
    )


def test_twitch_points_read_as_plain_rows_are_the_stored_twitches(cli, db_path: Path) -> None:
    """Each twitch the analysis reads has its date, places and numbers as stored, its further sites in order."""
    from tracker.storage.queries import episode_points_between, episodes_between
    from tracker.storage.store import further_sites

    assert cli("log", "twitch", "--site", "eyelid:right", "--site", "cheek:right", "--intensity", "2").code == 0
    assert cli("log", "twitch", "--date", "2026-11-20", "--location", "upper-lip", "--side", "left").code == 0
    assert cli("log", "twitch", "--site", "mouth-corner:left", "--site", "eyelid:left", "--site", "chin:both").code == 0
    engine = open_read_only(db_path)
    try:
        with session_scope(engine, write=False) as session:
            span = {"start": dt.date(2026, 11, 1), "end": dt.date(2026, 11, 30)}
            stored = episodes_between(session=session, **span)
            also = further_sites(session=session, episode_ids=[episode.id for episode in stored])
            points = episode_points_between(session=session, **span)
    finally:
        engine.dispose()
    assert [
        (e.local_date, e.location, e.side, e.intensity, e.duration_s, tuple(also.get(e.id or 0, ()))) for e in stored
    ] == [tuple(point) for point in points]
    assert [len(point.also) for point in points] == [0, 1, 2]
    assert all(type(point.local_date) is dt.date for point in points)
