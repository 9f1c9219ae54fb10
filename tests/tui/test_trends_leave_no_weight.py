"""Trends: adding up the weeks must not leave pandas in the app. Once Trends had been opened,
pandas and numpy held 55 MB more for as long as the app stayed open (on ten years, the app
went over its 150 MB); the weeks are now added up in a process of their own, to the same
numbers."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from tracker.demo.synthetic import generate_diary
from tracker.demo.writer import write_diary
from tracker.storage.engine import open_database, session_scope

PROBE = textwrap.dedent(
    """
    import asyncio, dataclasses, datetime as dt, json, sys
    from pathlib import Path
    import time_machine
    from tracker.tui.app import make_app

    async def main():
        app = make_app(db_path=Path(sys.argv[1]))
        async with app.run_test(size=(100, 30)) as pilot:
            for _ in range(20):
                await pilot.app.workers.wait_for_complete()
                await pilot.pause(0.1)
                if type(app.screen).__name__ == "TodayScreen" and app.diary.is_open:
                    break
            await pilot.press("T")
            for _ in range(600):
                await pilot.app.workers.wait_for_complete()
                await pilot.pause(0.1)
                if getattr(app.screen, "trends", None) is not None:
                    break
            heavy = [name for name in ("pandas", "numpy") if name in sys.modules]
            trends = dataclasses.asdict(app.screen.trends)
            print(json.dumps({"heavy": heavy, "trends": trends}, default=str), file=sys.__stderr__)

    with time_machine.travel(dt.datetime.fromisoformat(sys.argv[2] + "T12:00:00+00:00")):
        asyncio.run(main())
    """
)
TODAY = dt.date(2026, 3, 10)


def test_trends_show_the_weeks_without_keeping_pandas(tmp_path: Path) -> None:
    db = tmp_path / "diary.db"
    engine = open_database(db)
    with session_scope(engine) as session:
        write_diary(session=session, diary=generate_diary(days=120, seed=3, end=TODAY))
    env = {**os.environ, "TZ": "UTC"}
    shown = subprocess.run(
        [sys.executable, "-c", PROBE, str(db), TODAY.isoformat()],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        check=False,
    )
    found = json.loads(shown.stderr.strip().splitlines()[-1])
    assert found["heavy"] == []  # nothing of the adding up stays in the app
    from tracker.tui.weekly import add_up_weeks, trend_days  # the same weeks, added up here

    assert found["trends"]["today"] == TODAY.isoformat()
    with session_scope(engine, write=False) as session:
        expected = add_up_weeks(trend_days(session, TODAY, 12))
    engine.dispose()
    assert found["trends"] == json.loads(json.dumps(dataclasses.asdict(expected), default=str))  # the same weeks
    assert any(week["days_answered"] for week in found["trends"]["weeks"])  # and there are weeks to show
