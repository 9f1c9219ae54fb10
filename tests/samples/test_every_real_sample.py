"""Every real export in the samples folder, imported into a fresh diary as a person would: a
dry run first (its counts are what they check), then the import, then the same file again.
Files that are not an export tracker reads are refused in one line, with nothing written."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.apps.conftest import diary, refused
from tests.samples.conftest import SAMPLES

pytestmark = pytest.mark.skipif(
    not SAMPLES.is_dir(), reason=f"no samples folder at {SAMPLES} (TRACKER_SAMPLES may name another)"
)

ANN = "QEVuQwEA+WkNxtp/qkHvN2YmTBBDqg=="  # Flaredown's 20-row person
BEN = "QEVuQwEAO+R1md5HUn8+w1Qpbg7ogw=="  # and the 7-row one


def dry_run_then_import(cli: Callable[..., Any], db_path: Path, *args: str, counts: list[str], imported: str) -> str:
    """The dry run says `counts` and writes nothing; the import says `imported` and the same
    counts; the same file again brings nothing new. Returns what the import printed."""
    before = diary(db_path)
    dry = cli("import", *args, "--dry-run")
    assert dry.code == 0, dry.err
    assert dry.out.splitlines()[0].endswith("would change the diary like this (nothing written)")
    assert [line for line in counts if line not in dry.out.splitlines()] == []
    assert diary(db_path) == before
    done = cli("import", *args)
    assert done.code == 0, done.err
    assert done.out.splitlines()[0].endswith(imported), done.out
    shared = [
        line.replace("to create", "created").replace("to add", "added").replace("to set", "set") for line in counts
    ]
    assert [line for line in shared if line not in done.out.splitlines()] == []
    after = diary(db_path)
    again = cli("import", *args)
    assert again.code == 0, again.err
    assert again.out.splitlines()[0].endswith(": nothing new"), again.out
    assert diary(db_path) == after
    return done.out


def test_loop_keeps_manual_days_and_leaves_loops_fill_ins_out(cli, db_path, daily, frozen) -> None:
    out = dry_run_then_import(
        cli, db_path, "loop", str(SAMPLES / "loop_habit_tracker"),
        counts=["dates: 2015-01-16 to 2015-01-25, 7 days with entries", "rows read: 10",
                "entries per factor: wake_up_early 7", "factors to create: wake_up_early (yes-no)", "skipped: 5"],
        imported="7 factor values, 1 new factor",
    )  # fmt: skip
    assert "days Loop filled in from the habit's frequency (YES_AUTO: not done that day): 3" in out
    assert "notes on those days (not kept: the day is not logged): 2" in out  # named, never dropped unsaid
    # 002 Wake up early: YES_MANUAL on 16, 17, 20, 21, 22, 25 Jan, NO on 24 Jan ("Sick");
    # YES_AUTO on 18, 19 and 23 Jan is Loop's own fill-in, not the person's answer.
    days = daily("2015-01-16", "2015-01-25")
    assert {day: row["wake_up_early"] for day, row in days.items()} == {
        "2015-01-16": "1", "2015-01-17": "1", "2015-01-18": "", "2015-01-19": "", "2015-01-20": "1",
        "2015-01-21": "1", "2015-01-22": "1", "2015-01-23": "", "2015-01-24": "0", "2015-01-25": "1",
    }  # fmt: skip
    assert "meditate" not in days["2015-01-16"]  # 001 Meditate has no days: no factor for it
    assert "wake up early no — Sick (from loop:" in cli("list", "--date", "2015-01-24").out


def test_flaredown_asks_whose_check_ins_then_brings_one_persons(cli, db_path, daily, frozen) -> None:
    export = SAMPLES / "flaredown" / "kaggle_extract_from_vincent-lau_readme.csv"
    refused(cli("import", "flaredown", str(export)), mentions="'5 people' is not allowed")
    assert diary(db_path) == {}
    out = dry_run_then_import(
        cli, db_path, "flaredown", str(export), "--user", ANN,
        counts=["dates: 2017-04-28 to 2017-04-28, 1 day with entries", "rows read: 20", "skipped: 6"],
        imported="14 factor values, 14 new factors",
    )  # fmt: skip
    assert "weather rows (not logged by the person): 6" in out
    day = daily("2017-04-28", "2017-04-28")["2017-04-28"]
    assert (day["headache"], day["diziness"], day["joint_stiffness"], day["pain_in_left_ankle"]) == ("2", "3", "3", "1")
    assert day["pain_in_left_upper_arm_felt_like_i_was_g"] == "4"  # a long name cut to a factor name's length


def test_flaredown_treatments_keep_their_dose(cli, db_path, daily, frozen) -> None:
    dry_run_then_import(
        cli, db_path, "flaredown", str(SAMPLES / "flaredown" / "kaggle_extract_from_vincent-lau_readme.csv"),
        "--user", BEN,
        counts=["dates: 2015-05-26 to 2015-06-14, 2 days with entries", "rows read: 7",
                "entries per factor: feels 1, gastroparesis 2, nausea 1, stressed 1, tired 1, zofran 1"],
        imported="7 factor values, 6 new factors",
    )  # fmt: skip
    days = daily("2015-05-26", "2015-06-14")
    first = days["2015-05-26"]
    assert (first["gastroparesis"], first["nausea"], first["zofran_mg"], first["tired"]) == ("2", "1", "8", "1")
    assert days["2015-06-01"]["tracked"] == "0"  # no check-in: not logged, not a zero


def test_oura_sleep_lands_on_the_day_the_bedtime_ended(cli, db_path, daily, frozen) -> None:
    dry_run_then_import(
        cli, db_path, "oura", str(SAMPLES / "oura" / "oura_trends_header_and_one_row.csv"),
        counts=["dates: 2020-03-04 to 2020-03-04, 1 day with entries", "rows read: 1", "entries per factor: sleep 1"],
        imported="1 factor value",
    )  # fmt: skip
    # Total Sleep Time 24690 s = 6.858333 h; the bedtime ended 2020-03-04T05:49:42-08:00.
    assert daily("2020-03-04", "2020-03-04")["2020-03-04"]["sleep_h"] == "6.858333"


def test_daylio_moods_activities_and_notes(cli, db_path, daily, frozen) -> None:
    dry_run_then_import(
        cli, db_path, "daylio", str(SAMPLES / "daylio" / "staticf0x_test_data.csv"),
        counts=["dates: 2020-05-25 to 2020-05-30, 5 days with entries", "rows read: 32", "day notes to set: 3",
                "entries per factor: cleaning 2, friends 1, gaming 5, good_meal 2, mood 32, movies 2, nap 4,"
                " programming 2, shopping 1, walk 1, work 5"],
        imported="57 factor values, 3 day notes, 11 new factors",
    )  # fmt: skip
    days = daily("2020-05-25", "2020-05-30")
    # The day's mood is the mean of its entries: 25 May bad, awful, awful, bad, meh, meh = 12/6.
    assert (days["2020-05-25"]["mood"], days["2020-05-26"]["mood"], days["2020-05-26"]["tracked"]) == ("2", "", "0")


def test_daylio_renamed_moods_need_a_mapping(cli, db_path, daily, frozen, tmp_path) -> None:
    export = SAMPLES / "daylio" / "michaelcurrin_sample.csv"
    refused(cli("import", "daylio", str(export)), mentions="mood: 'average, sad' is not allowed")
    assert diary(db_path) == {}
    mapping = tmp_path / "map.toml"
    mapping.write_text("[moods]\naverage = 3\nsad = 2\n", encoding="utf-8")
    dry_run_then_import(
        cli, db_path, "daylio", str(export), "--map", str(mapping),
        counts=["dates: 2021-09-26 to 2021-09-28, 3 days with entries", "rows read: 3"],
        imported="27 factor values, 15 new factors",
    )  # fmt: skip
    days = daily("2021-09-26", "2021-09-28")
    assert [days[day]["mood"] for day in sorted(days)] == ["3", "3", "2"]
    assert days["2021-09-27"]["stressed_frustrated"] == "1"  # "stressed / frustrated " with its stray space


def test_bearable_symptoms_by_time_of_day(cli, db_path, daily, frozen) -> None:
    dry_run_then_import(
        cli, db_path, "bearable", str(SAMPLES / "bearable" / "bearable_rows_from_unit_test.csv"),
        counts=["dates: 2022-01-05 to 2022-01-05, 1 day with entries", "rows read: 12",
                "entries per factor: back_lower_pain 4, back_mid_pain 4, headache 1, neck_pain 3"],
        imported="12 factor values, 4 new factors",
    )  # fmt: skip
    day = daily("2022-01-05", "2022-01-05")["2022-01-05"]
    # The day's value is the mean of its ratings: lower back 1, 2, 2, 2; mid back 1, 3, 3, 4.
    ratings = (day["headache"], day["neck_pain"], day["back_lower_pain"], day["back_mid_pain"])
    assert ratings == ("1", "1", "1.75", "2.75")


def test_apple_healths_real_export_holds_nothing_the_diary_keeps(cli, db_path, frozen) -> None:
    # Steps, distances, workouts and activity rings only: every record read, each skipped and counted.
    out = dry_run_then_import(
        cli, db_path, "apple-health", str(SAMPLES / "apple_health" / "export6s3sample.xml"),
        counts=["dates: none (nothing in the file maps to the diary)", "rows read: 15", "skipped: 15"],
        imported="nothing new",
    )  # fmt: skip
    assert "records of other kinds (steps, heart rate, ...: not in the diary): 15" in out


@pytest.mark.parametrize(
    ("app", "name", "mentions"),
    [
        # A CSV another program made from export.xml: not Apple's format.
        ("apple-health", "apple_health/StepCount_flattened_by_applehealthdata.csv", "a complete Apple Health"),
        # Fitbit's Takeout holds no sleep in these: readiness and steps, and Google's readme for each.
        ("fitbit", "fitbit/daily_readiness.csv", "header: 'timestamp,score,type,sleep readiness"),
        ("fitbit", "fitbit/steps_2017-08-01.csv", "header: 'timestamp,steps' is not allowed"),
        ("fitbit", "fitbit/daily_readiness_readme.txt", "header: 'Time Series Data Export' is not allowed"),
        ("fitbit", "fitbit/steps_readme.txt", "header: 'Time Series Data Export' is not allowed"),
        ("fitbit", "fitbit", "a folder with Fitbit's sleep-YYYY-MM-DD.json or UserSleeps_YYYY-MM-DD.csv files"),
    ],
)
def test_files_that_are_not_an_export_tracker_reads(cli, db_path, frozen, app, name, mentions) -> None:
    for dry in ((), ("--dry-run",)):
        refused(cli("import", app, str(SAMPLES / name), *dry), mentions=mentions)
        assert diary(db_path) == {}
