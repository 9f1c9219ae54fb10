"""Importing into a diary that already holds entries: the file only ever adds, never deletes or
rewrites; a daily file's twitch counts never become "no twitches"; the write lock is short."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from tests.helpers.processes import DATA_TABLES, select_rows, table_rows
from tracker.cli import main
from tracker.io.importer import import_files

pytestmark = pytest.mark.usefixtures("frozen")  # 2026-11-24 09:30, Europe/London


def diary_rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    return {table: table_rows(path, table) for table in DATA_TABLES}


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# --- an older daily file ---------------------------------------------------------------------------


def test_an_older_daily_file_never_deletes_or_rewrites_what_was_logged_since(cli, tmp_path, db_path) -> None:
    cli("log", "drink", "coffee", "--at", "08:00")
    cli("log", "stress", "3", "--at", "08:30")
    stale = tmp_path / "stale.csv"
    assert cli("export", "csv", "-o", str(stale)).code == 0
    cli("log", "drink", "espresso", "2", "--at", "09:00")
    cli("log", "stress", "9", "--note", "big meeting")
    before = diary_rows(db_path)

    result = cli("import", "csv", str(stale))

    assert result.code == 2 and len(result.err.strip().splitlines()) == 1
    # The day, the factor, what the file says and what the diary holds: 95 + 2 x 63.
    assert all(part in result.err for part in ("stale.csv line 2", "caffeine_mg", "2026-11-24", "95", "221"))
    assert diary_rows(db_path) == before  # the espresso, the stress 9, their times and notes: all kept


def test_a_daily_value_is_added_where_the_diary_has_none_and_a_match_changes_nothing(cli, tmp_path, db_path) -> None:
    cli("log", "stress", "3", "--at", "07:00")
    cli("log", "stress", "4", "--at", "08:00", "--note", "train late")  # the day's mean: 3.5
    daily = write(tmp_path / "d.csv", "date,stress,caffeine_mg\n2026-11-24,3.5,95\n2026-11-23,7,\n")

    first = cli("import", "csv", str(daily))
    assert first.code == 0, first.err
    entries = select_rows(db_path, "SELECT local_date, value, at IS NULL, note FROM factor_entry ORDER BY id")
    assert entries == [
        ("2026-11-24", 3.0, 0, ""),
        ("2026-11-24", 4.0, 0, "train late"),  # the timestamped entries stay as they were
        ("2026-11-24", 95.0, 1, ""),  # caffeine was not logged that day: a date-only entry
        ("2026-11-23", 7.0, 1, ""),
    ]
    after = diary_rows(db_path)
    again = cli("import", "csv", str(daily))
    assert "0 new episodes, 0 days changed" in again.out
    assert diary_rows(db_path) == after


def test_a_different_day_note_is_refused_and_red_flags_and_check_ins_are_never_removed(cli, tmp_path, db_path) -> None:
    cli("log", "redflag", "drooping", "--date", "2026-11-20")
    cli("log", "none", "--date", "2026-11-21")
    flags = write(tmp_path / "flags.csv", "date,tracked,red_flags\n2026-11-20,1,spreading\n2026-11-21,0,\n")
    assert cli("import", "csv", str(flags)).code == 0
    assert select_rows(db_path, "SELECT date, kind FROM red_flag ORDER BY id") == [
        ("2026-11-20", "drooping"),
        ("2026-11-20", "spreading"),
    ]
    assert select_rows(db_path, "SELECT date, checked_in FROM day") == [("2026-11-21", 1)]

    assert cli("import", "csv", str(write(tmp_path / "n1.csv", "date,note\n2026-11-21,slept badly\n"))).code == 0
    before = diary_rows(db_path)
    result = cli("import", "csv", str(write(tmp_path / "n2.csv", "date,note\n2026-11-21,a better day\n")))
    assert result.code == 2 and "note on 2026-11-21" in result.err and "slept badly" in result.err
    assert diary_rows(db_path) == before
    assert select_rows(db_path, "SELECT checked_in, note FROM day") == [(1, "slept badly")]


def test_two_daily_files_that_disagree_about_a_day_are_refused(cli, tmp_path, db_path) -> None:
    one = write(tmp_path / "one.csv", "date,caffeine_mg\n2026-11-20,95\n")
    two = write(tmp_path / "two.csv", "date,caffeine_mg\n2026-11-20,190\n")
    result = cli("import", "csv", str(one), str(two))
    assert result.code == 2 and "two.csv line 2" in result.err and "one.csv line 2" in result.err
    assert not db_path.exists()  # refused: not even the new diary is left behind


def test_overlapping_episode_files_or_a_file_given_twice_add_each_twitch_once(cli, tmp_path, db_path) -> None:
    same, later, last = "2026-11-20T08:00:00+00:00", "2026-11-21T09:00:00+00:00", "2026-11-22T10:00:00+00:00"
    first = write(tmp_path / "jan-jun.csv", f"started_at\n{same}\n{same}\n{later}\n")  # two twitches in one second
    second = write(tmp_path / "mar-dec.csv", f"started_at\n{same}\n{later}\n{last}\n")
    result = cli("import", "csv", str(first), str(second), str(first))
    assert result.code == 0 and "4 new episodes" in result.out
    assert select_rows(db_path, "SELECT local_date, count(*) FROM episode GROUP BY local_date") == [
        ("2026-11-20", 2),
        ("2026-11-21", 1),
        ("2026-11-22", 1),
    ]


# --- a daily file without its episodes ---------------------------------------------------------------


def test_a_daily_file_alone_never_turns_twitch_days_into_no_twitch_days(cli, tmp_path) -> None:
    cli("log", "twitch", "--at", "2026-11-22T08:00", "--location", "eyelid")
    cli("log", "twitch", "--at", "2026-11-22T21:00", "--location", "eyelid")
    cli("log", "caffeine", "95", "--date", "2026-11-23")
    cli("log", "none", "--date", "2026-11-24")
    daily, episodes = tmp_path / "daily.csv", tmp_path / "episodes.csv"
    cli("export", "csv", "-o", str(daily))
    cli("export", "csv", "--episodes", "-o", str(episodes))
    fresh = tmp_path / "fresh.db"

    alone = cli("import", "csv", str(daily), db=fresh)

    assert alone.code == 2 and len(alone.err.strip().splitlines()) == 1
    assert "episodes on 2026-11-22" in alone.err and "import the episodes file together" in alone.err
    assert f"tracker import csv {daily} episodes.csv" in alone.err
    assert not fresh.exists()  # refused: not even the new diary is left behind
    together = cli("import", "csv", str(daily), str(episodes), db=fresh)
    assert together.code == 0, together.err
    assert cli("export", "csv", db=fresh).out.encode() == daily.read_bytes()


def test_episodes_zero_is_a_no_twitches_check_in_and_an_empty_count_is_not_answered(cli, tmp_path, db_path) -> None:
    daily = write(tmp_path / "d.csv", "date,tracked,episodes,caffeine_mg\n2026-11-20,1,0,\n2026-11-21,1,,95\n")
    assert cli("import", "csv", str(daily)).code == 0
    assert select_rows(db_path, "SELECT date, checked_in FROM day") == [("2026-11-20", 1)]
    assert select_rows(db_path, "SELECT local_date FROM factor_entry") == [("2026-11-21",)]


def test_a_count_that_disagrees_with_the_logged_twitches_is_refused(cli, tmp_path, db_path) -> None:
    cli("log", "twitch", "--at", "2026-11-20T08:00")
    before = diary_rows(db_path)
    result = cli("import", "csv", str(write(tmp_path / "d.csv", "date,tracked,episodes\n2026-11-20,1,3\n")))
    assert result.code == 2 and "after the import, 1" in result.err
    assert diary_rows(db_path) == before


def test_no_twitches_in_the_file_on_a_day_with_a_twitch_is_a_listed_conflict(cli, tmp_path, db_path) -> None:
    cli("log", "twitch", "--at", "2026-11-20T08:00")
    before = diary_rows(db_path)
    result = cli("import", "csv", str(write(tmp_path / "d.csv", "date,tracked,episodes\n2026-11-20,1,0\n")))
    assert result.code == 0, result.err
    assert "2026-11-20 twitches: yours 1 twitch, the file's no twitches — kept yours" in result.out
    assert diary_rows(db_path) == before


def test_a_conflict_in_the_daily_file_writes_nothing_of_the_episodes_file(cli, tmp_path, db_path) -> None:
    cli("log", "caffeine", "95", "--at", "2026-11-20T08:00")
    episodes = write(tmp_path / "e.csv", "started_at\n2026-11-20T08:00+00:00\n2026-11-20T09:00+00:00\n")
    daily = write(tmp_path / "d.csv", "date,episodes,caffeine_mg\n2026-11-20,2,190\n")
    before = diary_rows(db_path)
    result = cli("import", "csv", str(episodes), str(daily))
    assert result.code == 2 and "caffeine_mg on 2026-11-20" in result.err
    assert diary_rows(db_path) == before


# --- a large import: no write lock while reading, one short write --------------------------------


def test_others_write_freely_while_the_files_are_read_and_a_twitch_logged_meanwhile_is_matched(
    cli, engine, db_path, tmp_path
) -> None:
    same = "2026-11-23T08:00:00+00:00,eyelid,left,2"
    episodes = write(
        tmp_path / "e.csv",
        f"started_at,location,side,intensity\n{same}\n2026-11-23T09:00:00+00:00,cheek,right,3\n"
        "2026-11-23T10:00:00+00:00,cheek,right,3\n",
    )
    stages: list[str] = []

    def meanwhile(stage: str, done: int, total: int | None) -> None:
        # Another process's `tracker log` at each step before the write: it must not have to wait.
        # (Elsewhere on the face: one twitch of that second at the eyelid with a note of its own
        # would be the file's twitch edited, held back rather than matched.)
        stages.append(stage)
        note = f"during {stage}" if stage != "writing" else ""
        where = ["--location", "eyelid" if stage == "writing" else "upper-lip", "--side", "left"]
        args = ["log", "twitch", "--at", same[:16], *where, "--intensity", "2"]
        assert main(["--db", str(db_path), *args, *(["--note", note] if note else [])]) == 0

    report = import_files(engine=engine, paths=[episodes], progress=meanwhile)

    assert stages == ["reading e.csv", "reading e.csv", "comparing with your diary", "writing"]
    # The identical twitch logged just before the write matched its copy in the file.
    assert report.episodes_added == 2
    notes = select_rows(db_path, "SELECT note FROM episode ORDER BY id")
    assert [note for (note,) in notes].count("") == 3 and len(notes) == 6


def test_a_progress_bar_is_drawn_on_a_terminal_and_nowhere_else(cli, tmp_path, db_path, monkeypatch) -> None:
    episodes = write(tmp_path / "e.csv", "started_at\n2026-11-23T08:00:00+00:00\n")
    piped = cli("import", "csv", str(episodes))
    assert piped.code == 0 and piped.err == ""  # not a terminal: stderr stays clean for scripts

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    monkeypatch.setenv("TERM", "xterm-256color")
    assert (
        main(["--db", str(db_path), "import", "csv", str(write(tmp_path / "f.csv", "date,sleep_h\n2026-11-23,7\n"))])
        == 0
    )
    assert "writing" in terminal.getvalue()


def test_undo_right_after_an_import_that_added_nothing_keeps_the_earlier_import(cli, tmp_path, db_path) -> None:
    daily = write(tmp_path / "d.csv", "date,stress,caffeine_mg\n2026-11-23,7,95\n")
    assert cli("import", "csv", str(daily)).code == 0
    imported = diary_rows(db_path)
    assert cli("import", "csv", str(daily)).code == 0  # the same file again: nothing new

    undone = cli("undo")

    assert undone.code == 0 and "added nothing" in undone.out, undone.out
    assert diary_rows(db_path) == imported  # the first import's stress and caffeine are still there
    assert "removed what the import of d.csv added" in cli("undo").out  # the next undo reaches it


def test_the_import_summary_counts_the_rows_added_even_after_undo_skipped_ids(cli, tmp_path) -> None:
    # Ids are never reused: after an undo the next import's ids start higher. The summary and the
    # undo line say how many twitches were added, counted, never read off the ids.
    one = tmp_path / "one.csv"
    one.write_text("started_at\n2026-11-20T09:00:00+00:00\n")
    for _ in range(3):
        imported = cli("import", "csv", str(one))
        assert imported.code == 0 and "1 new episode," in imported.out, imported.out
        undone = cli("undo")
        assert undone.code == 0 and "1 new episode" in undone.out and "episodes" not in undone.out, undone.out


def test_twitch_facts_on_a_day_without_twitches_are_refused_not_dropped(cli, tmp_path) -> None:
    # locations, max_intensity and total_duration_s are worked out from the twitches: a daily file
    # alone that gives them was imported as "0 days changed", and a person believed them recorded.
    daily = tmp_path / "daily.csv"
    daily.write_text("date,locations,max_intensity,total_duration_s\n2026-11-20,eyelid,5,30\n")
    refused = cli("import", "csv", str(daily))
    assert refused.code == 2 and refused.err.count("\n") == 1 and "locations on 2026-11-20" in refused.err
    assert "episodes file" in refused.err
