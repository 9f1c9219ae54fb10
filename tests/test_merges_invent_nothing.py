"""Imports and merges add what a diary lacks and invent nothing: a medication stopped in one diary
is one medication (stopped) after an import or merge, a red flag replaces that day's "no" for the
same sign wherever it comes from, and a twitch at several sites is the same twitch whatever order
its sites were given in."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.usefixtures("frozen")  # 2026-11-24 09:30, Europe/London


# --- medications -----------------------------------------------------------------------------


def _prednisolone(cli, db: str) -> None:  # type: ignore[no-untyped-def]
    assert cli("med", "add", "prednisolone", "--dose", "20 mg", "--started", "2026-11-01", db=db).code == 0
    assert cli("log", "none", "--date", "2026-11-02", db=db).code == 0


def test_an_older_export_does_not_bring_back_a_stopped_medication(cli, tmp_path: Path) -> None:
    db, old = str(tmp_path / "d.db"), tmp_path / "s0.csv"
    _prednisolone(cli, db)
    assert cli("export", "csv", "-o", str(old), db=db).code == 0
    assert cli("med", "stop", "m1", "--on", "2026-11-20", db=db).code == 0

    imported = cli("import", "csv", str(old), db=db)

    assert imported.code == 0, imported.err
    listed = cli("med", "list", db=db).out
    assert "no stop date given" not in listed and "m2" not in listed
    assert "2026-11-20" in listed


@pytest.mark.parametrize("stopped_in", ["source", "target"])
def test_a_merge_keeps_one_medication_and_adds_the_stop_the_target_lacks(cli, tmp_path: Path, stopped_in) -> None:
    source, target = str(tmp_path / "a.db"), str(tmp_path / "b.db")
    _prednisolone(cli, source)
    assert cli("db", "copy", source, target, db=None).code == 0
    assert cli("med", "stop", "m1", "--on", "2026-11-20", db={"source": source, "target": target}[stopped_in]).code == 0

    merged = cli("db", "copy", source, target, "--merge", db=None)

    assert merged.code == 0, merged.err
    listed = cli("med", "list", db=target).out
    assert "no stop date given" not in listed and "m2" not in listed and "2026-11-20" in listed
    assert "conflict" not in merged.out


def test_a_different_stop_date_is_a_listed_conflict_the_diary_keeping_its_own(cli, tmp_path: Path) -> None:
    source, target = str(tmp_path / "a.db"), str(tmp_path / "b.db")
    _prednisolone(cli, source)
    assert cli("db", "copy", source, target, db=None).code == 0
    cli("med", "stop", "m1", "--on", "2026-11-20", db=source)
    cli("med", "stop", "m1", "--on", "2026-11-10", db=target)

    merged = cli("db", "copy", source, target, "--merge", db=None)

    assert merged.code == 0, merged.err
    assert "conflicts: 1" in merged.out and "prednisolone" in merged.out
    listed = cli("med", "list", db=target).out
    assert "2026-11-10" in listed and "2026-11-20" not in listed and "m2" not in listed


def test_undo_takes_back_a_stop_date_an_import_added(cli, tmp_path: Path) -> None:
    source, target = str(tmp_path / "a.db"), str(tmp_path / "b.db")
    _prednisolone(cli, source)
    assert cli("db", "copy", source, target, db=None).code == 0
    cli("med", "stop", "m1", "--on", "2026-11-20", db=source)
    cli("db", "copy", source, target, "--merge", db=None)

    assert cli("undo", db=target).code == 0

    assert "no stop date given" in cli("med", "list", db=target).out


# --- a red flag and a "no" for the same sign on the same day --------------------------------------


def _flagged(cli, db: str) -> bool:  # type: ignore[no-untyped-def]
    """Whether the daily export shows speech as a red flag on 2026-11-20."""
    return any(
        line.startswith("2026-11-20,") and ",speech," in line for line in cli("export", "csv", db=db).out.splitlines()
    )


def test_a_red_flag_logged_later_replaces_that_days_no_and_undo_brings_it_back(cli, tmp_path: Path) -> None:
    db = str(tmp_path / "d.db")
    assert cli("checklist", "--no", "speech", "--date", "2026-11-20", db=db).code == 0

    assert cli("log", "redflag", "speech", "--date", "2026-11-20", db=db).code == 0

    assert _flagged(cli, db) and "answered no" not in cli("export", "csv", "--diary", db=db).out
    assert cli("undo", db=db).code == 0
    diary = cli("export", "csv", "--diary", db=db).out
    assert "answered no" in diary


def test_a_diary_with_a_flag_once_answered_no_round_trips_byte_for_byte(cli, tmp_path: Path) -> None:
    db, fresh, out = str(tmp_path / "d.db"), str(tmp_path / "fresh.db"), tmp_path / "x.csv"
    cli("log", "stress", "3", "--date", "2026-11-20", db=db)
    cli("checklist", "--no", "speech", "swallowing", "--date", "2026-11-20", db=db)
    cli("log", "redflag", "speech", "--date", "2026-11-20", db=db)
    assert cli("export", "csv", "-o", str(out), db=db).code == 0
    first = {p.name: p.read_bytes() for p in tmp_path.glob("x*.csv")}

    assert cli("import", "csv", str(out), db=fresh).code == 0
    for path in tmp_path.glob("x*.csv"):
        path.unlink()
    assert cli("export", "csv", "-o", str(out), db=fresh).code == 0

    assert {p.name: p.read_bytes() for p in tmp_path.glob("x*.csv")} == first


@pytest.mark.parametrize("flag_in", ["source", "target"])
def test_a_merge_gives_a_flag_against_a_no_the_same_answer_both_ways(cli, tmp_path: Path, flag_in) -> None:
    source, target = str(tmp_path / "a.db"), str(tmp_path / "b.db")
    cli("log", "stress", "3", "--date", "2026-11-19", db=source)
    assert cli("db", "copy", source, target, db=None).code == 0
    flagged, answered = (source, target) if flag_in == "source" else (target, source)
    cli("log", "redflag", "speech", "--date", "2026-11-20", db=flagged)
    cli("checklist", "--no", "speech", "--date", "2026-11-20", db=answered)

    merged = cli("db", "copy", source, target, "--merge", db=None)

    assert merged.code == 0, merged.err
    diary = cli("export", "csv", "--diary", db=target).out
    assert _flagged(cli, target) and "answered no" not in diary  # the "yes" stands, alone
    assert "conflict" not in merged.out
    assert "'no'" in merged.out and "red flag" in merged.out  # said in the summary


# --- a twitch at several sites ---------------------------------------------------------------------


def _twitch(cli, db: str, *sites: str) -> None:  # type: ignore[no-untyped-def]
    where = [arg for site in sites for arg in ("--site", site)]
    logged = cli("log", "twitch", "--date", "2026-11-20", "--at", "09:00", *where, "--intensity", "3", db=db)
    assert logged.code == 0, logged.err


def test_a_twitchs_sites_given_in_another_order_match_in_a_merge(cli, tmp_path: Path) -> None:
    one, two = str(tmp_path / "oA.db"), str(tmp_path / "oB.db")
    _twitch(cli, one, "eyelid:left", "mouth-corner:left")
    _twitch(cli, two, "mouth-corner:left", "eyelid:left")

    merged = cli("db", "copy", two, one, "--merge", db=None)

    assert merged.code == 0, merged.err
    assert "0 new episodes" in merged.out
    assert cli("export", "csv", "--episodes", db=one).out.count("2026-11-20T09:00") == 1


def test_a_twitch_with_another_site_is_still_another_twitch(cli, tmp_path: Path) -> None:
    one, two = str(tmp_path / "oA.db"), str(tmp_path / "oB.db")
    _twitch(cli, one, "eyelid:left", "mouth-corner:left")
    _twitch(cli, two, "eyelid:left", "mouth-corner:right")

    merged = cli("db", "copy", two, one, "--merge", db=None)

    assert "1 new episode" in merged.out


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_an_imported_twitchs_sites_match_in_any_order_on_either_store(cli, db_target, tmp_path: Path) -> None:
    other, episodes = str(tmp_path / "oB.db"), tmp_path / "episodes.csv"
    _twitch(cli, db_target, "eyelid:left", "mouth-corner:left", "cheek:left")
    _twitch(cli, other, "cheek:left", "mouth-corner:left", "eyelid:left")
    episodes.write_text(cli("export", "csv", "--episodes", db=other).out)

    imported = cli("import", "csv", str(episodes))

    assert imported.code == 0, imported.err
    assert "0 new episodes" in imported.out
