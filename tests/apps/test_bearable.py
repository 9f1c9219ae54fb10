"""Bearable's long CSV: symptoms with severities, sleep, mood, energy, medication, twitches."""

from __future__ import annotations

import pytest

from tests.apps.conftest import FIXTURES, diary, refused

SAMPLE = FIXTURES / "bearable" / "bearable_rows_from_unit_test.csv"
NEWER = "date,date formatted,weekday,time of day,category,rating/amount,detail,notes\n"


def test_symptom_severities_from_the_real_rows(cli, daily, frozen) -> None:
    result = cli("import", "bearable", str(SAMPLE))
    assert result.code == 0, result.err
    day = daily("2022-01-05", "2022-01-05")["2022-01-05"]
    # Back (lower): pre 1, am 2, mid 2, pm 2 -> 7/4; back (mid): 1, 3, 3, 4 -> 11/4; neck 1, 1, 1.
    assert (day["back_lower_pain"], day["back_mid_pain"], day["neck_pain"], day["headache"]) == (
        "1.75", "2.75", "1", "1",
    )  # fmt: skip


def test_the_newer_layout_sleep_mood_magnesium_and_a_twitch(cli, daily, tmp_path, frozen) -> None:
    export = tmp_path / "bearable-export.csv"
    export.write_text(
        NEWER
        + '"3rd Mar 2024","2024-03-03","Sunday","am","Sleep","7:30","",""\n'
        + '"3rd Mar 2024","2024-03-03","Sunday","am","Mood","6","",""\n'
        + '"3rd Mar 2024","2024-03-03","Sunday","pm","Mood","8","",""\n'
        + '"3rd Mar 2024","2024-03-03","Sunday","am","Energy","4","",""\n'
        + '"3rd Mar 2024","2024-03-03","Sunday","pre","Meds/Supplements","2","Magnesium (200mg)",""\n'
        + '"3rd Mar 2024","2024-03-03","Sunday","am","Meds/Supplements","","Ibuprofen",""\n'
        + '"3rd Mar 2024","2024-03-03","Sunday","mid","Symptom","2","Twitching (Moderate)","left eye"\n'
        + '"3rd Mar 2024","2024-03-03","Sunday","pm","Symptom","0","Twitching (None)",""\n'
        + '"3rd Mar 2024","2024-03-03","Sunday","pm","Factors","","Screen time",""\n'
        + '"3rd Mar 2024","2024-03-03","Sunday","pm","Bowel movements","3","Normal",""\n',
        encoding="utf-8",
    )
    result = cli("import", "bearable", str(export))
    assert result.code == 0, result.err
    day = daily("2024-03-03", "2024-03-03")["2024-03-03"]
    assert (day["sleep_h"], day["mood_bearable"], day["energy"]) == ("7.5", "7", "4")
    assert (day["magnesium_mg"], day["ibuprofen"], day["screen_time"]) == ("400", "1", "1")  # 2 x 200 mg
    # One twitch, at midday (Bearable's "mid"), its note saying so; "none" is no twitch.
    assert (day["episodes"], day["locations"]) == ("1", "unspecified")
    shown = cli("list", "--date", "2024-03-03").out
    assert "13:00  twitch, place and side unspecified" in shown
    assert "Bearable: Twitching (Moderate), mid (the time is that part of the day's); left eye" in shown
    assert "bowel movements rows (not read): 1 (" in result.out


@pytest.mark.parametrize(
    ("rows", "mentions"),
    [
        ('"5th Jan 2022","Wednesday","am","Symptom","1"\n', "line 2: '5 cells'"),
        ('"5th Jann 2022","Wednesday","am","Symptom","1","Headache (Mild)",""\n', "line 2: date"),
        ('"5th Jan 2022","Wednesday","am","Symptom","9","Headache (Mild)",""\n', "line 2: rating/amount"),
        ('"5th Jan 2022","Wednesday","am","Sleep","lots","",""\n', "line 2: rating/amount"),
        ('"5th Jan 2022","Wednesday","noon","Symptom","2","Twitching (Moderate)",""\n', "line 2: time of day"),
    ],
    ids=["short-row", "bad-date", "rating-out-of-range", "bad-hours", "unknown-part-of-day"],
)
def test_hostile_files(cli, db_path, tmp_path, frozen, rows: str, mentions: str) -> None:
    cli("log", "caffeine", "95")
    before = diary(db_path)
    bad = tmp_path / "bearable.csv"
    bad.write_text("date,weekday,time of day,category,rating/amount,detail,notes\n" + rows, encoding="utf-8")
    refused(cli("import", "bearable", str(bad)), mentions=mentions)
    assert diary(db_path) == before


def test_a_file_without_bearables_columns(cli, db_path, tmp_path, frozen) -> None:
    bad = tmp_path / "bearable.csv"
    bad.write_text("day,what\n2024-03-03,x\n", encoding="utf-8")
    refused(cli("import", "bearable", str(bad)), mentions="missing date, time of day")
    assert not db_path.exists()
