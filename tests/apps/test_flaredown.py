"""Flaredown's exports: the long form with several people in it, and the e-mailed wide form."""

from __future__ import annotations

import pytest

from tests.apps.conftest import FIXTURES, diary, refused

# The long form's header and shapes, five made-up people (fixtures/apps/flaredown/SOURCE.txt).
LONG = FIXTURES / "flaredown" / "export.csv"
ANN = "QEVuQwEAc2FtcGxlQW5uMDAwMw=="
BEN = "QEVuQwEAc2FtcGxlQmVuMDAwNQ=="
LONG_HEADER = "user_id,age,sex,country,checkin_date,trackable_id,trackable_type,trackable_name,trackable_value\n"


def test_one_persons_checkins_from_the_long_form(cli, daily, frozen) -> None:
    result = cli("import", "flaredown", str(LONG), "--user", ANN)
    assert result.code == 0, result.err
    day = daily("2019-03-14", "2019-03-14")["2019-03-14"]
    # Condition and symptom ratings, 0-4, as written.
    assert (day["migraine"], day["stiff_neck_in_the_morning"], day["eyelid_twitching"]) == ("2", "3", "3")
    assert day["light_sensitivity"] == "1"
    # A name longer than a factor name may be is cut, whole words or not.
    assert day["pain_behind_the_right_eye_that_spreads_t"] == "4"
    assert "weather rows (not logged by the person): 6 (" in result.out


def test_treatments_with_a_dose_and_tags(cli, daily, frozen) -> None:
    assert cli("import", "flaredown", str(LONG), "--user", BEN).code == 0
    days = daily("2018-09-02", "2018-09-25")
    first = days["2018-09-02"]
    assert (first["gastroparesis"], first["nausea"], first["ondansetron_mg"], first["tired"]) == ("2", "1", "4", "1")
    assert first["stressed"] == "1"
    assert days["2018-09-20"]["gastroparesis"] == "0"  # rated none: a rating, not "not logged"
    assert days["2018-09-25"]["tracked"] == "0"  # another person's check-in that day


def test_the_user_can_come_from_the_mapping(cli, daily, tmp_path, frozen) -> None:
    mapping = tmp_path / "map.toml"
    mapping.write_text(f'[flaredown]\nuser = "{BEN}"\n', encoding="utf-8")
    assert cli("import", "flaredown", str(LONG), "--map", str(mapping)).code == 0
    assert daily("2018-09-02", "2018-09-02")["2018-09-02"]["nausea"] == "1"


def test_the_wide_form(cli, daily, tmp_path, frozen) -> None:
    wide = tmp_path / "data.csv"
    wide.write_text(
        "Date,Migraine,Eye twitching,Magnesium,Sumatriptan,Tags,Foods\n"
        "2023-02-01,3,2,400 mg,true,stressed; late night,Coffee; Chocolate\n"
        "2023-02-02,,0,,,,\n",
        encoding="utf-8",
    )
    result = cli("import", "flaredown", str(wide))
    assert result.code == 0, result.err
    days = daily("2023-02-01", "2023-02-02")
    first, second = days["2023-02-01"], days["2023-02-02"]
    assert (first["migraine"], first["magnesium_mg"], first["sumatriptan"]) == ("3", "400", "1")
    assert (first["stressed"], first["late_night"], first["coffee"], first["chocolate"]) == ("1", "1", "1", "1")
    # "Eye twitching" stays a rating: Flaredown keeps no time, and a twitch entry needs one.
    assert (first["eye_twitching"], second["eye_twitching"], first["episodes"]) == ("2", "0", "")
    assert second["migraine"] == ""  # not rated that day: not logged


@pytest.mark.parametrize(
    ("text", "args", "mentions"),
    [
        (None, (), "5 people"),
        (None, ("--user", "nobody"), "--user: 'nobody'"),
        (LONG_HEADER + f"{ANN},,,,2017-04-31,1,Condition,Headache,2\n", (), "line 2: checkin_date"),
        (LONG_HEADER + f"{ANN},,,,2017-04-28,1,Condition,Headache,7\n", (), "line 2: trackable_value"),
        ("user_id,checkin_date,trackable_name\n", (), "Flaredown's columns"),
        ("Date,Migraine,Tags,Foods\nyesterday,3,,\n", (), "line 2: Date"),
        ("Date,Eye twitching,Tags,Foods\n2023-02-01,2,,\n", ("--map", "twitch-as-episode"), "a twitch needs its time"),
    ],
    ids=[
        "several-people",
        "unknown-user",
        "bad-date",
        "bad-rating",
        "missing-columns",
        "wide-bad-date",
        "episode-without-time",
    ],
)
def test_hostile_files(cli, db_path, tmp_path, frozen, text, args, mentions: str) -> None:
    cli("log", "caffeine", "95")
    before = diary(db_path)
    path = LONG
    if "twitch-as-episode" in args:
        mapping = tmp_path / "map.toml"
        mapping.write_text('[items]\n"Eye twitching" = "episode"\n', encoding="utf-8")
        args = ("--map", str(mapping))
    if text is not None:
        path = tmp_path / "flaredown.csv"
        path.write_text(text, encoding="utf-8")
    refused(cli("import", "flaredown", str(path), *args), mentions=mentions)
    assert diary(db_path) == before
