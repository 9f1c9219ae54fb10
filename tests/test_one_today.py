"""One rule for a date after today, with the person's own today: `log --date`, `import csv` and
every app's import refuse a day still to come where the person lives, even where it has begun
elsewhere on Earth (UTC+14)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine

from tests.apps.conftest import diary
from tests.conftest import use_timezone

LOS_ANGELES = "America/Los_Angeles"
TOMORROW = "2026-12-01"  # already 1 December in Kiribati; 07:00 on 30 November in Los Angeles


@pytest.fixture
def morning_in_los_angeles(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    use_timezone(monkeypatch, LOS_ANGELES)
    moment = dt.datetime(2026, 11, 30, 7, 0, tzinfo=ZoneInfo(LOS_ANGELES))
    with time_machine.travel(moment, tick=False):
        yield


def _refused(result, db_path: Path, before: object) -> str:  # type: ignore[no-untyped-def]
    lines = result.err.strip().splitlines()
    assert result.code == 2 and len(lines) == 1, (result.out, result.err)
    assert "Traceback" not in result.err
    assert diary(db_path) == before  # nothing written
    return lines[0]


def test_log_refuses_tomorrow(cli, db_path, morning_in_los_angeles) -> None:
    line = _refused(cli("log", "caffeine", "95", "--date", TOMORROW), db_path, {})
    assert TOMORROW in line and "today (2026-11-30) or earlier" in line


@pytest.mark.parametrize(
    "body",
    ["date,caffeine_mg\n{day},95\n", "date,tracked,episodes\n{day},1,0\n", "date,note\n{day},slept badly\n"],
    ids=["a-value", "no-twitches", "a-note"],
)
def test_a_daily_file_refuses_tomorrow_and_takes_today(cli, db_path, tmp_path, morning_in_los_angeles, body) -> None:
    cli("log", "caffeine", "50", "--date", "2026-11-29")
    before = diary(db_path)
    ahead = tmp_path / "ahead.csv"
    ahead.write_text(body.format(day=TOMORROW), encoding="utf-8")
    line = _refused(cli("import", "csv", str(ahead)), db_path, before)
    assert f"date: '{TOMORROW}'" in line and "today (2026-11-30) or earlier" in line
    today = tmp_path / "today.csv"
    today.write_text(body.format(day="2026-11-30"), encoding="utf-8")
    assert cli("import", "csv", str(today)).code == 0


def test_an_apps_export_refuses_tomorrow(cli, db_path, tmp_path, morning_in_los_angeles) -> None:
    cli("log", "caffeine", "50", "--date", "2026-11-29")
    before = diary(db_path)
    oura = tmp_path / "trends.csv"
    oura.write_text(f"date,Total Sleep Time\n2026-11-30,27000\n{TOMORROW},25200\n", encoding="utf-8")
    line = _refused(cli("import", "oura", str(oura)), db_path, before)
    assert "trends.csv line 3: date" in line and "today (2026-11-30) or earlier" in line
    bearable = tmp_path / "bearable.csv"
    bearable.write_text(
        "date,weekday,time of day,category,rating/amount,detail,notes\n"
        '"1st Dec 2026","Tuesday","am","Symptom","1","Headache (Mild)",""\n',
        encoding="utf-8",
    )
    assert "today (2026-11-30) or earlier" in _refused(cli("import", "bearable", str(bearable)), db_path, before)
