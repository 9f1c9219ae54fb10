"""Sleep from wearables: Oura's trends CSV and Fitbit's sleep exports, hours by wake day."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from tests.apps.conftest import FIXTURES, diary, refused

OURA = FIXTURES / "oura" / "oura_trends.csv"
OURA_HEADER = OURA.read_text(encoding="utf-8").splitlines()[0]


def test_oura_sleep_lands_on_the_wake_day(cli, daily, frozen) -> None:
    result = cli("import", "oura", str(OURA))
    assert result.code == 0, result.err
    days = daily("2020-03-02", "2020-03-04")
    # 27000 s = 7.5 h, woke 2 Mar; a row without a sleep time is not a night of 0 h; 21600 s =
    # 6 h on a row dated 3 Mar whose bedtime ended on 4 Mar: the wake day is the 4th.
    assert [days[d]["sleep_h"] for d in sorted(days)] == ["7.5", "", "6"]
    assert "nights without a sleep time (not logged): 1 (" in result.out


def test_a_row_with_every_column_filled_imports(cli, daily, tmp_path, frozen) -> None:
    # The shape of the row Oura's export documents: scores, seconds, an empty second "Sleep
    # Timing", times with their offset, decimals and negatives, and more cells than the header
    # names. The numbers are made up.
    row = (
        "2020-03-06,81,80,45,97,92,60,75,100,28200,25110,3090,2700,15060,7350,38,89,300,12960,,"
        "2020-03-05T22:31:12-08:00,2020-03-06T06:01:12-08:00,55.12,47,71,-0.41,14.25,84,58,99,80,100,95,100,"
        "301,2610,362,5811,4650,702,498,241,10,0,0,1.28125,0,70,61,0,0,0,91,100,0,18"
    )
    export = tmp_path / "oura_trends.csv"
    export.write_text(OURA_HEADER + "\n" + row + "\n", encoding="utf-8")
    assert cli("import", "oura", str(export)).code == 0
    # Total Sleep Time 25110 s = 6.975 h, on the day the bedtime ended.
    assert daily("2020-03-06", "2020-03-06")["2020-03-06"]["sleep_h"] == "6.975"


# The data export's sleep periods: ';'-separated, a row per period, its header as readers of
# the export name its columns (day, bedtime_start, bedtime_end, total_sleep_duration, type, ...).
SLEEPMODEL_HEADER = (
    "id;day;bedtime_start;bedtime_end;total_sleep_duration;deep_sleep_duration;rem_sleep_duration;"
    "light_sleep_duration;awake_time;latency;time_in_bed;lowest_heart_rate;average_heart_rate;type;heart_rate"
)


def test_oura_data_export_sleep_periods_the_night_by_wake_day(cli, daily, tmp_path, frozen) -> None:
    export = tmp_path / "sleepmodel.csv"
    export.write_text(
        SLEEPMODEL_HEADER + "\n"
        "a1;2025-02-10;2025-02-09T23:05:00.000+01:00;2025-02-10T06:50:00.000+01:00;25200;4800;5400;15000;2700;600;"
        '27900;52;58.5;long_sleep;{"interval":300,"items":[60,58,null]}\n'
        "a2;2025-02-10;2025-02-10T14:00:00.000+01:00;2025-02-10T14:40:00.000+01:00;1800;0;0;1800;600;300;2400;60;64;"
        "late_nap;{}\n"
        "a3;2025-02-11;2025-02-11T02:00:00.000+01:00;2025-02-11T02:30:00.000+01:00;0;0;0;0;1800;0;1800;;;rest;{}\n"
        "a4;2025-02-12;2025-02-11T22:40:00.000+01:00;2025-02-12T06:10:00.000+01:00;23400;4000;5000;14400;3600;500;"
        '27000;50;57;long_sleep;{"interval":300,"items":[57,55]}\n',
        encoding="utf-8",
    )
    result = cli("import", "oura", str(export))
    assert result.code == 0, result.err
    days = daily("2025-02-10", "2025-02-12")
    # 25200 s = 7 h and 23400 s = 6.5 h; the afternoon nap and the rest are not the night's sleep.
    assert [days[d]["sleep_h"] for d in sorted(days)] == ["7", "", "6.5"]
    assert "naps and rests (not the night's sleep): 2 (" in result.out


@pytest.mark.parametrize(
    ("rows", "mentions"),
    [
        ("date,Sleep Score\n2020-03-02,80\n", "Total Sleep Time"),
        ("{header}\n" + "x" * 10 + ",80" + "," * 60 + "\n", None),
        ("date,Total Sleep Time,Bedtime End\n2020-03-02,27000,yesterday\n", "line 2: Bedtime End"),
        ("date,Total Sleep Time,Bedtime End\n2020-03-02,seven hours,\n", "line 2: Total Sleep Time"),
        ("date,Total Sleep Time,Bedtime End\n2020-03-02,90000,\n", "line 2: Total Sleep Time"),
        ("date,Total Sleep Time,Bedtime End\n2020-02-31,27000,\n", "line 2: date"),
    ],
    ids=["missing-column", "bad-date-in-real-header", "bad-bedtime", "words", "more-than-a-day", "no-such-day"],
)
def test_hostile_oura_files(cli, db_path, tmp_path, frozen, rows: str, mentions: str | None) -> None:
    cli("log", "caffeine", "95")
    before = diary(db_path)
    bad = tmp_path / "oura.csv"
    text = rows.replace("{header}", OURA_HEADER)
    if mentions is None:  # a row of the real header's width with a date that is none
        cells = [""] * len(OURA_HEADER.split(","))
        cells[0], cells[10] = "2020-03-0x", "27000"
        text, mentions = OURA_HEADER + "\n" + ",".join(cells) + "\n", "line 2: date"
    bad.write_text(text, encoding="utf-8")
    refused(cli("import", "oura", str(bad)), mentions=mentions)
    assert diary(db_path) == before


# --- Fitbit ----------------------------------------------------------------------------------


def _sleep_log(day: str, minutes: int, *, main: bool = True) -> dict[str, object]:
    """A Takeout sleep log, as Fitbit writes them (the fields the import reads, and some it does not)."""
    return {
        "logId": 26000000000 + minutes, "dateOfSleep": day, "startTime": f"{day}T00:10:00.000",
        "endTime": f"{day}T07:40:00.000", "duration": minutes * 60_000, "minutesToFallAsleep": 0,
        "minutesAsleep": minutes, "minutesAwake": 30, "minutesAfterWakeup": 0, "timeInBed": minutes + 30,
        "efficiency": 93, "type": "stages", "infoCode": 0, "mainSleep": main,
    }  # fmt: skip


def test_fitbit_takeout_json_main_sleep_by_wake_day_naps_left_out(cli, daily, tmp_path, frozen) -> None:
    folder = tmp_path / "Takeout" / "Fitbit" / "Global Export Data"
    folder.mkdir(parents=True)
    (folder / "sleep-2021-05-01.json").write_text(
        json.dumps([_sleep_log("2021-05-01", 420), _sleep_log("2021-05-01", 45, main=False),
                    _sleep_log("2021-05-02", 390)]),
        encoding="utf-8",
    )  # fmt: skip
    (folder / "sleep-2021-05-31.json").write_text(json.dumps([_sleep_log("2021-05-31", 465)]), encoding="utf-8")
    (folder / "steps-2021-05-01.json").write_text("[]", encoding="utf-8")  # other data beside it
    result = cli("import", "fitbit", str(tmp_path / "Takeout"))
    assert result.code == 0, result.err
    days = daily("2021-05-01", "2021-05-31")
    # 420 min = 7 h; the 45-minute nap is not the night's sleep; 390 min = 6.5 h; 465 min = 7.75 h.
    assert (days["2021-05-01"]["sleep_h"], days["2021-05-02"]["sleep_h"]) == ("7", "6.5")
    assert days["2021-05-31"]["sleep_h"] == "7.75"
    assert days["2021-05-03"]["tracked"] == "0"
    assert "naps (not the night's sleep): 1 (" in result.out


def test_fitbit_website_sleep_csv_by_the_day_it_ended(cli, daily, tmp_path, frozen) -> None:
    export = tmp_path / "fitbit_export_20190610.csv"
    export.write_text(
        "Start Time,End Time,Minutes Asleep,Minutes Awake,Number of Awakenings,Time in Bed,"
        "Minutes REM Sleep,Minutes Light Sleep,Minutes Deep Sleep\n"
        '"2019-06-09 11:12PM","2019-06-10 6:58AM","412","54","29","466","87","252","73"\n'
        '"2019-06-08 10:40PM","2019-06-09 7:10AM","450","60","30","510","90","280","80"\n',
        encoding="utf-8",
    )
    assert cli("import", "fitbit", str(export)).code == 0
    days = daily("2019-06-09", "2019-06-10")
    assert (days["2019-06-09"]["sleep_h"], days["2019-06-10"]["sleep_h"]) == ("7.5", "6.866667")


def test_fitbit_website_export_with_other_tables_before_and_after_sleep(cli, daily, tmp_path, frozen) -> None:
    export = tmp_path / "fitbit_export_20190610.csv"
    export.write_text(
        'Body\nDate,Weight,BMI,Fat\n"2019-06-09","80","24","0"\n\n'
        "Sleep\nStart Time,End Time,Minutes Asleep,Minutes Awake,Number of Awakenings,Time in Bed,"
        "Minutes REM Sleep,Minutes Light Sleep,Minutes Deep Sleep\n"
        '"2019-06-09 11:12PM","2019-06-10 6:58AM","412","54","29","466","87","252","73"\n\n'
        'Activities\nDate,Calories Burned,Steps\n"2019-06-09","2,500","9,000"\n',
        encoding="utf-8",
    )
    assert cli("import", "fitbit", str(export)).code == 0
    assert daily("2019-06-10", "2019-06-10")["2019-06-10"]["sleep_h"] == "6.866667"


def _write_bytes(tmp: Path, name: str, content: bytes) -> Path:
    path = tmp / name
    path.write_bytes(content)
    return path


def _write(tmp: Path, name: str, text: str) -> Path:
    path = tmp / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("make", "mentions"),
    [
        # Fitbit's real readiness file (its header, made-up row): no sleep in it.
        (
            lambda tmp: _write(
                tmp,
                "daily_readiness.csv",
                "timestamp,score,type,sleep readiness,heart rate "
                "variability readiness,resting heart rate readiness\n2024-09-26,68,HIGH,VERY_HIGH,"
                "MEDIUM,VERY_HIGH\n",
            ),
            "daily_readiness.csv header",
        ),
        (lambda tmp: _write(tmp, "sleep-2021-05-01.json", '[{"dateOfSleep": "2021-05-01", "minutesAs'), "JSON"),
        (lambda tmp: _write(tmp, "sleep-2021-05-01.json", '{"sleep": []}'), "a list of sleep logs"),
        (lambda tmp: _write(tmp, "sleep-2021-05-01.json", '[{"dateOfSleep": "2021-05-01"}]'), "log 1"),
        (
            lambda tmp: _write(tmp, "sleep-2021-05-01.json", '[{"dateOfSleep": "May 1", "minutesAsleep": 400}]'),
            "log 1: dateOfSleep",
        ),
        (
            lambda tmp: _write(tmp, "sleep-2021-05-01.json", '[{"dateOfSleep": "2021-05-01", "minutesAsleep": 2000}]'),
            "log 1: minutesAsleep",
        ),
        (lambda tmp: tmp, "sleep-YYYY-MM-DD.json"),
        (
            lambda tmp: _write(
                tmp, "fitbit.csv", 'Start Time,End Time,Minutes Asleep\n"2019-06-09 11:12PM","the morning","412"\n'
            ),
            "line 2: End Time",
        ),
        (
            lambda tmp: _write_bytes(
                tmp,
                "fitbit.csv",
                b'Start Time,End Time,Minutes Asleep\n"2019-06-09 11:12PM",'
                b'"2019-06-10 6:58AM","412"\n\nWeight\nDate,Note\n"2019-06-09","caf\xe9"\n',
            ),
            "a UTF-8 CSV file",
        ),
    ],
    ids=[
        "readiness-not-sleep",
        "truncated-json",
        "not-a-list",
        "missing-minutes",
        "bad-date",
        "too-long",
        "empty-dir",
        "bad-end-time",
        "windows-1252",
    ],
)
def test_hostile_fitbit_files(cli, db_path, tmp_path, frozen, make, mentions: str) -> None:
    cli("log", "caffeine", "95")
    before = diary(db_path)
    folder = tmp_path / "in"
    folder.mkdir()
    refused(cli("import", "fitbit", str(make(folder))), mentions=mentions)
    assert diary(db_path) == before


# --- Fitbit's newer Takeout CSVs ---------------------------------------------------------------

USER_SLEEPS = FIXTURES / "fitbit" / "UserSleeps_2026-10-01.csv"


def test_fitbit_takeout_user_sleeps_csv_by_the_local_wake_day(cli, daily, frozen) -> None:
    result = cli("import", "fitbit", str(USER_SLEEPS))
    assert result.code == 0, result.err
    days = daily("2026-10-05", "2026-10-08")
    # 420 min = 7 h, woke 06:30 local on 5 Oct; the 40-minute sleep that afternoon is a nap.
    # 390 min ended 23:15 UTC on 6 Oct, which was 08:15 on 7 Oct where it was slept (+09:00).
    # 465 min ended 11:00 UTC, 06:00 on 8 Oct at -05:00.
    assert [days[d]["sleep_h"] for d in sorted(days)] == ["7", "", "6.5", "7.75"]
    assert days["2026-10-06"]["tracked"] == "0"
    assert "naps (shorter sleeps ending the same day as the night's): 1 (" in result.out


def test_fitbit_takeout_columns_are_found_by_name_in_any_order(cli, daily, tmp_path, frozen) -> None:
    # Some Takeouts write the table without user_id and the two bookkeeping columns at the end.
    rows = [line.split(",") for line in USER_SLEEPS.read_text(encoding="utf-8").splitlines()]
    trimmed = tmp_path / "UserSleeps_2026-10-01.csv"
    trimmed.write_text("\n".join(",".join(row[1:-2]) for row in rows) + "\n", encoding="utf-8")
    assert cli("import", "fitbit", str(trimmed)).code == 0
    assert daily("2026-10-07", "2026-10-07")["2026-10-07"]["sleep_h"] == "6.5"


def test_a_takeout_holding_both_forms_counts_each_night_once(cli, daily, tmp_path, frozen) -> None:
    takeout = tmp_path / "Takeout" / "Fitbit"
    (takeout / "Global Export Data").mkdir(parents=True)
    (takeout / "Health Fitness Data_GoogleData").mkdir()
    # The JSON tells of 5 Oct (and says which sleep was the main one); the CSV of 5, 7 and 8 Oct.
    (takeout / "Global Export Data" / "sleep-2026-10-01.json").write_text(
        json.dumps([_sleep_log("2026-10-05", 418)]), encoding="utf-8"
    )
    (takeout / "Health Fitness Data_GoogleData" / USER_SLEEPS.name).write_bytes(USER_SLEEPS.read_bytes())
    result = cli("import", "fitbit", str(tmp_path / "Takeout"))
    assert result.code == 0, result.err
    days = daily("2026-10-05", "2026-10-08")
    # 5 Oct is the JSON's 418 min (6.966667 h), not that plus the CSV's 420 min.
    assert [days[d]["sleep_h"] for d in sorted(days)] == ["6.966667", "", "6.5", "7.75"]
    assert "nights the sleep-*.json files also give (counted once): 2 (" in result.out


def _user_sleeps(tmp: Path, row: dict[str, str]) -> Path:
    header, first = USER_SLEEPS.read_text(encoding="utf-8").splitlines()[:2]
    cells = dict(zip(header.split(","), first.split(","), strict=True))
    return _write(tmp, "UserSleeps_2026-10-01.csv", header + "\n" + ",".join({**cells, **row}.values()) + "\n")


@pytest.mark.parametrize(
    ("row", "mentions"),
    [
        ({"sleep_end": "05/10/2026 04:30"}, "line 2: sleep_end"),
        ({"end_utc_offset": "CEST"}, "line 2: end_utc_offset"),
        ({"minutes_asleep": "1500"}, "line 2: minutes_asleep"),
        ({"minutes_asleep": "seven hours"}, "line 2: minutes_asleep"),
    ],
    ids=["end-in-another-form", "offset-a-zone-name", "more-than-a-day", "words"],
)
def test_hostile_takeout_sleep_tables(cli, db_path, tmp_path, frozen, row: dict[str, str], mentions: str) -> None:
    cli("log", "caffeine", "95")
    before = diary(db_path)
    refused(cli("import", "fitbit", str(_user_sleeps(tmp_path, row))), mentions=mentions)
    assert diary(db_path) == before


def test_a_takeout_sleep_table_without_its_minutes_is_refused(cli, db_path, tmp_path, frozen) -> None:
    bad = _write(tmp_path, "UserSleeps_2026-10-01.csv", "sleep_id,sleep_type,sleep_end\n1,STAGES,2026-10-05 04:30:00\n")
    refused(cli("import", "fitbit", str(bad)), mentions="missing minutes_asleep, end_utc_offset")
    assert not db_path.exists()


def test_a_takeout_zip_asks_to_be_unpacked(cli, db_path, tmp_path, frozen) -> None:
    takeout = tmp_path / "takeout-20261001T120000Z-001.zip"
    with zipfile.ZipFile(takeout, "w") as archive:
        archive.write(USER_SLEEPS, "Takeout/Fitbit/Health Fitness Data_GoogleData/" + USER_SLEEPS.name)
    refused(cli("import", "fitbit", str(takeout)), mentions="unzip it first")
    assert not db_path.exists()
