"""Daylio's CSV export into the diary: moods, activities, notes, and what it refuses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.apps.conftest import FIXTURES, diary, refused

STATICF0X = FIXTURES / "daylio" / "staticf0x_test_data.csv"
CURRIN = FIXTURES / "daylio" / "michaelcurrin_sample.csv"


def test_moods_activities_and_notes_land_on_their_days(cli, daily, frozen) -> None:
    result = cli("import", "daylio", str(STATICF0X))
    assert result.code == 0, result.err
    days = daily("2020-05-25", "2020-05-30")
    # The day's mood is the mean of its entries: 25 May bad, awful, awful, bad, meh, meh = 12/6;
    # 27 May five rad, three good, two meh = 43/10; 28 May good, good, rad, rad, rad = 23/5.
    assert {day: row["mood"] for day, row in days.items()} == {
        "2020-05-25": "2", "2020-05-26": "", "2020-05-27": "4.3", "2020-05-28": "4.6",
        "2020-05-29": "5", "2020-05-30": "5",
    }  # fmt: skip
    assert days["2020-05-26"]["tracked"] == "0"  # no Daylio entry that day: not logged, not a zero
    # An activity is a yes on the days it was ticked, and blank (not "no") on the others.
    assert [day for day, row in days.items() if row["nap"] == "1"] == [
        "2020-05-25", "2020-05-27", "2020-05-28", "2020-05-30",
    ]  # fmt: skip
    assert days["2020-05-29"]["nap"] == ""
    assert days["2020-05-27"]["good_meal"] == "1"  # "good meal" as a factor name
    # Two notes on 30 May, in the order they were written (1:08 pm, then 6:50 pm).
    assert days["2020-05-30"]["note"] == "Life is beautiful / Awesome"
    assert days["2020-05-25"]["note"] == "Could be better"


def test_each_entry_keeps_its_time_and_says_where_it_came_from(cli, frozen) -> None:
    cli("import", "daylio", str(STATICF0X))
    items = json.loads(cli("list", "--date", "2020-05-25", "--json").out)
    moods = [(item["at"], item["value"]) for item in items if item.get("factor") == "mood"]
    # "14:58" and "7:09 am" are both read; London was on summer time (+01:00).
    assert moods[:2] == [("2020-05-25T07:09:00+01:00", 3.0), ("2020-05-25T14:58:00+01:00", 3.0)]
    assert {item["source"] for item in items if item["type"] == "factor"} == {"daylio:staticf0x_test_data.csv"}
    shown = cli("list", "--date", "2020-05-25").out
    assert "mood 3 (from daylio: staticf0x_test_data.csv)" in shown


def test_unknown_mood_names_stop_the_import_with_how_to_map_them(cli, db_path, frozen) -> None:
    result = cli("import", "daylio", str(CURRIN))
    refused(result, mentions="'average, sad'")
    assert "[moods]" in result.err
    assert not db_path.exists()


def test_a_mapping_names_the_moods_and_sends_activities_where_they_belong(cli, daily, tmp_path, frozen) -> None:
    mapping = tmp_path / "map.toml"
    mapping.write_text(
        '[moods]\naverage = 3\nsad = 2\n\n[items]\n"bad sleep" = "skip"\n"eat out" = "note"\n'
        'alcohol = { to = "factor", factor = "alcohol", kind = "number", unit = "drinks", amount = 2 }\n'
        '"stomachache" = { to = "episode", location = "cheek" }\n',
        encoding="utf-8",
    )
    result = cli("import", "daylio", str(CURRIN), "--map", str(mapping))
    assert result.code == 0, result.err
    days = daily("2021-09-26", "2021-09-28")
    assert [days[d]["mood"] for d in ("2021-09-26", "2021-09-27", "2021-09-28")] == ["3", "3", "2"]
    assert days["2021-09-26"]["alcohol_drinks"] == "2"
    assert "bad_sleep" not in days["2021-09-26"]
    # "cook " and "cook" (stray spaces) are one activity.
    assert days["2021-09-27"]["cook"] == "1"
    assert [days[d]["episodes"] for d in ("2021-09-27", "2021-09-28")] == ["1", "1"]
    assert days["2021-09-27"]["locations"] == "cheek"
    assert days["2021-09-27"]["note"] == "eat out"  # an activity sent to the day's note is named there


def test_the_older_seven_column_form(cli, daily, tmp_path, frozen) -> None:
    old = tmp_path / "daylio_old.csv"
    old.write_text(
        "year,date,weekday,time,mood,activities,note\n"
        '2018,12 June,Tuesday,22:15,good,"coffee | work",""\n'
        '2018,12 June,Tuesday,08:05,meh,"coffee",""\n',
        encoding="utf-8",
    )
    assert cli("import", "daylio", str(old)).code == 0
    day = daily("2018-06-12", "2018-06-12")["2018-06-12"]
    assert (day["mood"], day["caffeine_mg"], day["work"]) == ("3.5", "190", "1")  # two coffees at 95 mg


@pytest.mark.parametrize(
    ("text", "mentions"),
    [
        ("full_date,time,mood\n2020-05-30,6:50 pm,rad\n", "missing activities, note"),
        ("", "missing full_date"),
        (
            "full_date,date,weekday,time,mood,activities,note_title,note\n2020-13-30,x,x,6:50 pm,rad,,,\n",
            "line 2: full_date",
        ),
        ("full_date,date,weekday,time,mood,activities,note_title,note\n2020-05-30,x,x,25:99,rad,,,\n", "line 2: time"),
        ('full_date,date,weekday,time,mood,activities,note_title,note\n2020-05-30,x,x,6:50 pm,"rad\n', "line"),
        ("year,date,weekday,time,mood,activities,note\n2018,31 June,Tuesday,22:15,good,,\n", "line 2: date"),
    ],
    ids=["missing-columns", "empty-file", "bad-date", "bad-time", "unclosed-quote", "no-such-day"],
)
def test_hostile_files_are_refused_in_one_line_and_nothing_is_written(
    cli, db_path, tmp_path, frozen, text: str, mentions: str
) -> None:
    cli("log", "caffeine", "95")
    before = diary(db_path)
    bad = tmp_path / "daylio.csv"
    bad.write_text(text, encoding="utf-8")
    refused(cli("import", "daylio", str(bad)), mentions=mentions)
    assert diary(db_path) == before


@pytest.mark.parametrize(
    ("mapping", "mentions"),
    [
        ("[moods]\nsad = 7\n", "moods.sad"),
        ('[items]\ncoffee = "drink it"\n', "items.coffee"),
        ('[items]\ncoffee = { to = "factor" }\n', "items.coffee.factor"),
        ('[items]\ncoffee = { to = "episode", location = "knee" }\n', "items.coffee.location"),
        ("items = [\n", "--map"),
    ],
    ids=["mood-level", "target", "no-factor", "location", "not-toml"],
)
def test_a_bad_mapping_is_refused_in_one_line(cli, db_path, tmp_path, frozen, mapping: str, mentions: str) -> None:
    path = tmp_path / "map.toml"
    path.write_text(mapping, encoding="utf-8")
    refused(cli("import", "daylio", str(STATICF0X), "--map", str(path)), mentions=mentions)
    assert not db_path.exists()


def test_a_file_that_is_not_there(cli, db_path, frozen) -> None:
    refused(cli("import", "daylio", str(Path("no-such-export.csv"))), mentions="no-such-export.csv")
    assert not db_path.exists()


def test_an_activity_mapped_onto_a_number_factor_without_an_amount_is_refused(cli, db_path, tmp_path, frozen) -> None:
    # Daylio only says an activity was ticked: saved on a number factor it became "1 unit", a
    # value nobody logged. The mapping is refused, saying how to give the amount.
    cli("factor", "add", "alcohol", "--kind", "number", "--unit", "units")
    mapping = tmp_path / "map.toml"
    mapping.write_text('[moods]\naverage = 3\nsad = 2\n\n[items]\nalcohol = { to = "factor", factor = "alcohol" }\n')
    result = cli("import", "daylio", str(CURRIN), "--map", str(mapping))
    refused(result, mentions="mapping alcohol: 'alcohol' is not allowed; a yes-no factor")
    assert "amount = 1 }" in result.err
    assert "alcohol" not in cli("list", "--date", "2021-09-26").out  # nothing written


def test_the_same_activity_with_an_amount_is_that_amount(cli, daily, tmp_path, frozen) -> None:
    cli("factor", "add", "alcohol", "--kind", "number", "--unit", "units")
    mapping = tmp_path / "map.toml"
    mapping.write_text(
        '[moods]\naverage = 3\nsad = 2\n\n[items]\nalcohol = { to = "factor", factor = "alcohol", amount = 2 }\n'
    )
    assert cli("import", "daylio", str(CURRIN), "--map", str(mapping)).code == 0
    assert daily("2021-09-26", "2021-09-26")["2021-09-26"]["alcohol_units"] == "2"
