"""A twitch is stored as the person described it: with nothing to repeat, what was not said
(place, side, intensity) is stored as not given, shown as such, and never feeds the
spreading or hemifacial-spasm signals."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from types import SimpleNamespace

import pytest
from pypdf import PdfReader

from tracker.storage import engine as db
from tracker.storage.engine import open_database, session_scope
from tracker.storage.queries import daily_rows

pytestmark = pytest.mark.usefixtures("frozen")
TODAY = dt.date(2026, 11, 24)


def pdf_text(path) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


def test_one_real_eyelid_twitch_after_a_bare_one_is_not_spreading(cli, tmp_path) -> None:
    assert cli("log", "twitch").code == 0  # nothing to repeat, nothing said
    assert cli("log", "twitch", "--location", "eyelid", "--side", "right", "--intensity", "3").code == 0

    items = json.loads(cli("list", "--json").out)
    assert [(i["location"], i["side"], i["intensity"]) for i in items] == [
        ("unspecified", "unspecified", None),
        ("eyelid", "right", 3),
    ]
    assert json.loads(cli("analyze", "--json").out)["red_flags"] == []
    assert "spreading" not in cli("analyze").out
    report = tmp_path / "visit.pdf"
    assert cli("report", "-o", str(report)).code == 0
    text = pdf_text(report)
    assert "No red flags logged." in text and "spreading" not in text.lower()


def test_a_side_without_a_place_is_no_side_of_a_hemifacial_pattern(cli) -> None:
    cli("log", "twitch", "--side", "left", "--intensity", "2", "--at", "08:00")  # where: not said
    cli("log", "twitch", "--location", "eyelid", "--side", "left", "--at", "09:00")
    result = json.loads(cli("analyze", "--json").out)
    assert [flag["kind"] for flag in result["red_flags"]] == []


def test_a_place_without_a_side_is_no_side_of_a_hemifacial_pattern(cli) -> None:
    cli("log", "twitch", "--location", "cheek", "--intensity", "2", "--at", "08:00")  # which side: not said
    cli("log", "twitch", "--location", "eyelid", "--side", "left", "--at", "09:00")
    kinds = [flag["kind"] for flag in json.loads(cli("analyze", "--json").out)["red_flags"]]
    assert "hemifacial-pattern" not in kinds and "spreading" in kinds  # two real places, one side unknown


def test_an_unrated_twitch_has_no_intensity_anywhere(cli, db_path) -> None:
    cli("log", "twitch", "--at", "08:00")
    cli("log", "twitch", "--location", "eyelid", "--side", "left", "--intensity", "4", "--at", "09:00")
    engine = open_database(db_path)
    with session_scope(engine, write=False) as session:
        [row] = daily_rows(session=session, start=TODAY, end=TODAY)
    engine.dispose()
    # Two twitches; the unrated one is out of the max and the mean, not a made-up 2.
    assert (row.episodes, row.max_intensity, row.mean_intensity) == (2, 4, 4.0)
    episodes = cli("export", "csv", "--episodes").out.split("\r\n")
    assert episodes[1].startswith("2026-11-24T08:00:00+00:00,2026-11-24,unspecified,unspecified,,")
    assert "08:00  twitch, place and side unspecified, intensity not given" in cli("list").out


def test_import_stores_what_the_file_leaves_out_as_not_given(cli, tmp_path) -> None:
    cli("log", "twitch", "--location", "cheek", "--side", "right", "--intensity", "4", "--at", "07:00")
    (tmp_path / "e.csv").write_text("started_at,location\n2026-11-20T08:00,\n2026-11-21T08:00,chin\n", encoding="utf-8")
    assert cli("import", "csv", str(tmp_path / "e.csv")).code == 0
    items = json.loads(cli("list", "--from", "2026-11-20", "--to", "2026-11-21", "--json").out)
    # Not the last twitch's cheek, right, 4: the file said none of it.
    assert [(i["location"], i["side"], i["intensity"]) for i in items] == [
        ("unspecified", "unspecified", None),
        ("chin", "unspecified", None),
    ]


def test_round_trip_keeps_what_was_not_given(cli, tmp_path) -> None:
    cli("log", "twitch", "--at", "2026-11-20T08:00")
    cli("log", "twitch", "--at", "2026-11-21T08:00", "--location", "chin", "--intensity", "2")
    first = {name: tmp_path / f"{name}-1.csv" for name in ("daily", "episodes")}
    assert cli("export", "csv", "-o", str(first["daily"])).code == 0
    assert cli("export", "csv", "--episodes", "-o", str(first["episodes"])).code == 0
    fresh = tmp_path / "fresh.db"
    assert cli("import", "csv", str(first["daily"]), str(first["episodes"]), db=fresh).code == 0
    again = tmp_path / "again.csv"
    assert cli("export", "csv", "--episodes", "-o", str(again), db=fresh).code == 0
    assert again.read_bytes() == first["episodes"].read_bytes()
    stored = sqlite3.connect(fresh).execute("SELECT location, side, intensity FROM episode ORDER BY started_at")
    assert stored.fetchall() == [("unspecified", "unspecified", None), ("chin", "unspecified", 2)]


def test_the_report_never_calls_an_unspecified_place_a_new_one() -> None:
    from tracker.report.history_words import site_lines

    def twitch(day: dt.date, location: str, side: str) -> SimpleNamespace:
        return SimpleNamespace(local_date=day, location=location, side=side, duration_s=None)

    start = TODAY - dt.timedelta(days=69)
    episodes = [twitch(start + dt.timedelta(days=n), "eyelid", "left") for n in range(0, 70, 2)]
    episodes.append(twitch(TODAY - dt.timedelta(days=1), "unspecified", "unspecified"))
    lines = site_lines(episodes, date_to=TODAY)
    assert not [line for line in lines if line.startswith("Derived")]  # neither spread nor moved
    assert lines[1].startswith("Place and side unspecified: ") and ", 1 twitch on 1 day;" in lines[1]


def test_a_database_from_before_keeps_its_intensities_and_takes_a_twitch_without_one(tmp_path) -> None:
    from alembic import command
    from alembic.config import Config

    path = tmp_path / "old.db"
    config = Config()
    config.set_main_option("script_location", str(db.migrations_dir()))
    config.set_main_option("sqlalchemy.url", f"sqlite:///{path}")
    command.upgrade(config, "0002")
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO episode (started_at, utc_offset_min, local_date, location, side, intensity, context, relief, note,"
        " created_at) VALUES ('2026-11-20 08:00:00', 0, '2026-11-20', 'eyelid', 'left', 3, '', '', 'kept',"
        " '2026-11-20 08:00:00')"
    )
    conn.commit()
    conn.close()
    open_database(path).dispose()
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO episode (started_at, utc_offset_min, local_date, location, side, intensity, context, relief, note,"
        " created_at) VALUES ('2026-11-21 08:00:00', 0, '2026-11-21', 'unspecified', 'unspecified', NULL, '', '',"
        " '', '2026-11-21 08:00:00')"
    )
    assert conn.execute("SELECT note, intensity FROM episode ORDER BY started_at").fetchall() == [
        ("kept", 3),
        ("", None),
    ]
    indexes = sorted(row[1] for row in conn.execute("PRAGMA index_list(episode)"))
    assert indexes == ["ix_episode_created_at", "ix_episode_local_date", "ix_episode_started_at"]


def test_the_lips_and_the_mouth_corner_are_one_place_for_spreading(cli) -> None:
    # A lip twitch that moves from the upper to the lower lip and the corner of the mouth is
    # one region of the face; an eyelid twitch beside it is a second.
    for at, where in (("2026-11-18T08:00", "upper-lip"), ("2026-11-20T08:00", "lower-lip"),
                      ("2026-11-22T08:00", "mouth-corner")):  # fmt: skip
        cli("log", "twitch", "--at", at, "--location", where, "--side", "left", "--intensity", "2")
    flags = json.loads(cli("analyze", "--json").out)["red_flags"]
    assert [flag["kind"] for flag in flags] == []
    for at in ("2026-11-23T08:00", "2026-11-24T08:00"):  # the eye on two days: one day is not a spread yet
        cli("log", "twitch", "--at", at, "--location", "eyelid", "--side", "right", "--intensity", "2")
    [flag] = json.loads(cli("analyze", "--json").out)["red_flags"]
    assert flag["kind"] == "spreading" and flag["date"] == "2026-11-23"
    assert "2 places" in flag["note"] and "the mouth, then the eye" in flag["note"]


def test_a_twitch_in_a_place_called_other_is_no_second_region(cli) -> None:
    cli("log", "twitch", "--at", "2026-11-20T08:00", "--location", "lower-lip", "--side", "left", "--intensity", "2")
    cli("log", "twitch", "--at", "2026-11-22T08:00", "--location", "other", "--side", "center", "--intensity", "2")
    flags = json.loads(cli("analyze", "--json").out)["red_flags"]
    assert [flag["kind"] for flag in flags] == []  # "other" names no region of the face to spread to
