"""A server diary is backed up, listed and restored as a diary in a file is: the same commands,
the same checks, the diary as it was kept first, and every row replaced at once or none."""

from __future__ import annotations

import datetime as dt
import os
import stat
import time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine

from tests.backups.conftest import wait_until
from tests.conftest import LONDON, entries_in
from tests.helpers.processes import integrity, select_rows
from tracker.storage.backup import backup_time

MON, TUE = dt.date(2026, 11, 23), dt.date(2026, 11, 24)


@pytest.fixture
def backend() -> str:
    return "postgresql"


@pytest.fixture(autouse=True)
def _copies_taken_here(monkeypatch: pytest.MonkeyPatch) -> None:
    """No daily copy of its own: each test knows which copies exist (those of the day's backup
    turn it on, in a folder of their own)."""
    monkeypatch.setenv("TRACKER_BACKUPS", "off")


def at(day: dt.date, hour: int = 9) -> time_machine.travel:
    return time_machine.travel(dt.datetime.combine(day, dt.time(hour), tzinfo=ZoneInfo(LONDON)), tick=False)


def both_exports(cli) -> str:  # type: ignore[no-untyped-def]
    daily, episodes = cli("export", "csv"), cli("export", "csv", "--episodes")
    assert daily.code == 0 and episodes.code == 0, daily.err + episodes.err
    return daily.out + episodes.out


def test_a_server_diary_goes_back_to_its_backup_and_keeps_what_it_was(cli, db_target: str) -> None:
    with at(MON):
        assert cli("log", "twitch", "--location", "eyelid", "--side", "left", "--intensity", "3").code == 0
        backed = cli("db", "backup")
        assert backed.code == 0, backed.err
        monday = both_exports(cli)
    with at(TUE):
        assert cli("log", "caffeine", "95").code == 0
        assert cli("log", "none", "--date", "2026-11-21").code == 0
        tuesday = both_exports(cli)
        listed = cli("db", "backups")
        assert listed.code == 0 and "2026-11-23 09:00" in listed.out and "1 day, 1 entry, 1 answered" in listed.out
        done = cli("db", "restore", "--latest")
        assert done.code == 0, done.err
        assert "before, 3 days, 2 entries, 2 answered; now, 1 day, 1 entry, 1 answered" in done.out, done.out
        assert both_exports(cli) == monday
        # The restore is the newest action: undo says how a restore is undone, and changes nothing.
        undo = cli("undo")
        assert undo.code == 2 and "a restore is undone by `tracker db restore" in undo.err, undo.err
        kept = done.out.splitlines()[0].removeprefix("the diary as it was is kept in ")
        assert cli("db", "backups").out.count(kept) == 1
    with at(TUE, hour=10):
        assert cli("db", "restore", kept).code == 0
        assert both_exports(cli) == tuesday
        logged = cli("log", "twitch", "--location", "eyelid")  # ids carry on after the restored rows
        assert logged.code == 0, logged.err
    assert entries_in(db_target) == 3


def test_a_copy_that_does_not_check_out_leaves_the_server_diary_as_it_was(cli, db_target, tmp_path: Path) -> None:
    with at(MON):
        assert cli("log", "caffeine", "95").code == 0
        before = both_exports(cli)
    bad = tmp_path / "tracker.20261120-090000-000000.backup.db"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x00" * 4000)
    refused = cli("db", "restore", str(bad))
    assert refused.code == 2 and refused.err.count("\n") == 1 and "cannot be restored" in refused.err, refused.err
    with at(MON):
        assert both_exports(cli) == before
    assert "no backups of postgresql" in cli("db", "backups").out


def test_a_server_diarys_backups_are_named_without_its_password(tmp_path: Path, monkeypatch) -> None:
    from tracker.storage.postgres import server_url
    from tracker.storage.server_backups import backup_stand_in

    monkeypatch.setenv("TRACKER_BACKUPS", str(tmp_path / "disk"))
    folder = backup_stand_in(server_url("postgresql://me:s3cret-pw@diary.home:5433/tracker")).parent
    assert folder.parent == tmp_path / "disk" and "s3cret" not in str(folder)
    assert folder.name.startswith("me_diary.home_5433_tracker-")
    other = backup_stand_in(server_url("postgresql://me@laptop.home/tracker")).parent
    assert other != folder
    # The same diary, whichever password it was reached with, keeps its one folder.
    assert backup_stand_in(server_url("postgresql://me:changed@diary.home:5433/tracker")).parent == folder
    monkeypatch.setenv("TRACKER_BACKUPS", "off")
    assert backup_stand_in(server_url("postgresql://me@laptop.home/tracker")).parent.parent == Path(
        os.environ["XDG_DATA_HOME"], "tracker", "backups"
    )


def test_the_first_write_of_each_day_backs_a_server_diary_up_once(cli, db_target, tmp_path, monkeypatch) -> None:
    from tracker.storage.backup import list_backups
    from tracker.storage.postgres import server_url
    from tracker.storage.server_backups import backup_stand_in

    monkeypatch.setenv("TRACKER_BACKUPS", str(tmp_path / "disk"))
    stand_in = backup_stand_in(server_url(db_target))

    def days() -> list[dt.date]:
        return [taken.date() for copy in list_backups(stand_in, stand_in.parent) if (taken := backup_time(copy))]

    with at(MON):
        assert cli("log", "caffeine", "95").code == 0
    wait_until(lambda: days() == [MON], "Monday's copy")
    with at(MON, hour=10):
        assert cli("log", "stress", "4").code == 0  # Monday's copy is there: no second one
    with at(TUE):
        assert cli("list").code == 0  # reading never backs up
        time.sleep(1)
        assert days() == [MON]
        assert cli("log", "none").code == 0
    wait_until(lambda: days() == [MON, TUE], "Tuesday's copy")
    newest = list_backups(stand_in, stand_in.parent)[-1]
    assert stat.S_IMODE(stand_in.parent.stat().st_mode) == 0o700 and stat.S_IMODE(newest.stat().st_mode) == 0o600
    assert integrity(newest) == "ok"
    assert select_rows(newest, "SELECT count(*) FROM factor_entry") == [(2,)]  # every entry of the days before
    with at(TUE):
        listed = cli("db", "backups")
    assert listed.code == 0 and listed.out.count(str(stand_in.parent)) == 2, listed.out


def test_a_restore_the_server_fails_part_way_changes_nothing(cli, db_target, tmp_path: Path) -> None:
    from sqlalchemy import create_engine, text

    with at(MON):
        assert cli("log", "caffeine", "95").code == 0
        assert cli("log", "twitch", "--location", "eyelid").code == 0
        assert cli("db", "backup", str(tmp_path / "copy.db")).code == 0
        assert cli("log", "stress", "4").code == 0
        before = both_exports(cli)
    # The server fails once the restore has emptied the tables and written part of the copy (as a
    # full disk or a lost connection would): a trigger on the server refuses every factor entry.
    server = create_engine(db_target)
    with server.begin() as conn:
        conn.execute(
            text(
                "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS"
                " $$ BEGIN RAISE EXCEPTION 'could not extend file: No space left on device'; END $$"
            )
        )
        conn.execute(
            text("CREATE TRIGGER full_disk BEFORE INSERT ON factor_entry FOR EACH ROW EXECUTE FUNCTION refuse()")
        )
    server.dispose()
    with at(MON, hour=10):
        refused = cli("db", "restore", str(tmp_path / "copy.db"))
        assert refused.code == 1 and refused.err.count("\n") == 1, refused.err
        assert "No space left on device" in refused.err
        assert both_exports(cli) == before
        assert "no backups of postgresql" in cli("db", "backups").out  # nor a copy kept of a diary not replaced


def test_a_server_diarys_daily_backup_that_fails_is_said_once_at_the_next_write(
    cli, db_target, tmp_path, monkeypatch
) -> None:
    from tracker.storage.backup import backup_name
    from tracker.storage.daily_backup import failure_note
    from tracker.storage.postgres import server_url
    from tracker.storage.server_backups import backup_stand_in

    monkeypatch.setenv("TRACKER_BACKUPS", str(tmp_path / "disk"))
    stand_in = backup_stand_in(server_url(db_target))
    # Something (not a copy) already has the name Monday's copy would get: the copy cannot be made.
    with at(MON):
        (stand_in.parent / backup_name(stand_in, dt.datetime.now())).mkdir(parents=True)
        assert cli("log", "caffeine", "95").code == 0
    wait_until(lambda: failure_note(stand_in).exists(), "the note of Monday's failed copy")
    with at(MON, hour=10):
        said = cli("log", "stress", "4")
        again = cli("log", "stress", "5")
    assert said.code == 0 and said.err.count("\n") == 1 and "the backup of" in said.err, said.err
    assert "already exists" in said.err and "the diary itself is untouched" in said.err
    assert again.code == 0 and again.err == ""


def test_entries_logged_after_restoring_an_older_server_copy_get_ids_never_shown_before(cli) -> None:
    with at(MON):
        assert "logged f1:" in cli("log", "caffeine", "95").out
        assert "logged e1:" in cli("log", "twitch").out
        assert cli("db", "backup").code == 0
    with at(TUE):
        assert "logged f2:" in cli("log", "caffeine", "63").out  # seen, then lost with the restore
        assert "logged e2:" in cli("log", "twitch").out
        assert cli("db", "restore", "--latest").code == 0
    with at(TUE, hour=10):
        assert "logged f3:" in cli("log", "water", "250").out  # not f2, which named 63 mg of caffeine
        assert "logged e3:" in cli("log", "twitch").out
