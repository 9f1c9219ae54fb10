"""The commonest logs on the standard library alone (tracker.commands.log_quick): they must leave
the very rows, journal, write marker and lines the store's way leaves, for any entry, time zone
and day; and stand aside for every diary or command line they were not written for."""

from __future__ import annotations

import datetime as dt
import os
import random
import shutil
import sqlite3
import time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine

from tracker.cli import main as store_way
from tracker.commands.log_quick import main_quick
from tracker.storage.engine import open_database, upgrade_database
from tracker.storage.quick_log import WRITTEN_FOR, schema_digest
from tracker.storage.schema import expected_signature

ZONES = [
    "Europe/London", "Asia/Tokyo", "America/New_York", "Asia/Kolkata", "Pacific/Chatham",
    "Pacific/Kiritimati", "Pacific/Pago_Pago", "Australia/Lord_Howe", "UTC",
]  # fmt: skip
# Earlier state, written the store's way first: repeated twitches, a day answered "no
# twitches", a note to replace, entries near a day's cap.
EARLIER = [
    ["log", "twitch", "--at", "07:15", "--location", "eyelid", "--side", "left", "--intensity", "3"],
    ["log", "twitch", "--at", "yesterday 23:50", "--location", "lower-lip", "--side", "right"],
    ["log", "twitch", "--date", "yesterday", "--location", "cheek", "--side", "both", "--intensity", "1"],
    ["log", "none"],
    ["log", "none", "--date", "yesterday"],
    ["log", "note", "slept badly"],
    ["log", "caffeine", "1900", "--at", "06:00"],
    ["log", "sleep", "7", "--date", "yesterday"],
    ["log", "water", "1.5l"],
]
QUICK = [
    ["log", "twitch"],
    ["log", "Twitch"],
    ["log", "caffeine", "95"],
    ["log", "caffeine", "150"],
    ["log", "caffeine", "200mg"],
    ["log", "caffeine", "99999"],
    ["log", "caffeine_mg", "63"],
    ["log", "stress", "4"],
    ["log", "stress", "9"],
    ["log", "sleep", "6h10"],
    ["log", "sleep", "20"],
    ["log", "water", "2", "glass"],
    ["log", "water", "bottle"],
    ["log", "magnesium", "yes"],
    ["log", "magnesium", "maybe"],
    ["log", "none"],
    ["log", "note", "after", "coffee"],
    ["log", "note", "slept badly"],
    ["log", "note", ""],
    ["log", "note", "x" * 4001],
]


def rows(path: Path) -> dict[str, object]:
    """Everything a person's diary holds, table by table, and the header's write marker."""
    conn = sqlite3.connect(path)
    try:
        tables = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        found: dict[str, object] = {
            name: conn.execute(f'SELECT * FROM "{name}" ORDER BY 1').fetchall() for name in tables
        }
        found["user_version"] = conn.execute("PRAGMA user_version").fetchone()[0]
        # The diary's id is random (tracker.storage.diary_id): each way records one, at the same moment.
        settings = conn.execute("SELECT * FROM diary_setting ORDER BY 1").fetchall()
        found["diary_setting"] = [(key, "a random id" if key == "diary_id" else value, *rest)
                                  for key, value, *rest in settings]  # fmt: skip
        return found
    finally:
        conn.close()


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "diary.db"
    open_database(path).dispose()
    return path


def run(way, argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int | None, str, str]:  # type: ignore[no-untyped-def]
    capsys.readouterr()
    code = way(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize("seed", range(40))
def test_the_quick_way_leaves_what_the_store_leaves(
    seed: int, template: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pick = random.Random(seed)
    zone = pick.choice(ZONES)
    moment = dt.datetime(2020, 1, 1, tzinfo=dt.UTC) + dt.timedelta(seconds=pick.randrange(7 * 365 * 86400))
    # In a zone of the zone database, time_machine makes it the machine's local zone (TZ) too.
    moment = moment.replace(microsecond=pick.randrange(1_000_000)).astimezone(ZoneInfo(zone))
    base = tmp_path / "base.db"
    shutil.copy(template, base)
    with time_machine.travel(moment, tick=False):
        for earlier in pick.sample(EARLIER, pick.randrange(len(EARLIER) + 1)):
            store_way(["--db", str(base), *earlier])
        for argv in pick.sample(QUICK, 4):  # several in a row, as through a day
            by_store, by_quick = tmp_path / "store.db", tmp_path / "quick.db"
            shutil.copy(base, by_store)
            shutil.copy(base, by_quick)
            stored = run(store_way, ["--db", str(by_store), *argv], capsys)
            quick = run(main_quick, ["--db", str(by_quick), *argv], capsys)
            assert quick[0] is not None, f"{argv} in {zone} went the store's way"
            assert quick == stored, f"{argv} in {zone} at {moment}"
            quick_rows, store_rows = rows(by_quick), rows(by_store)
            assert {k: v for k, v in quick_rows.items() if v != store_rows[k]} == {}, (store_rows, argv, zone, moment)
            shutil.copy(by_store, base)


def test_undo_reverses_a_quick_log(template: Path, tmp_path: Path, frozen, capsys) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "diary.db"
    shutil.copy(template, db)
    store_way(["--db", str(db), "log", "none"])
    before = rows(db)
    assert main_quick(["--db", str(db), "log", "twitch"]) == 0  # withdraws the answer, in one action
    assert store_way(["--db", str(db), "undo"]) == 0
    after = rows(db)
    assert after["episode"] == before["episode"] and after["day"] == before["day"]


# --- what the quick way leaves to the store ------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["log", "twitch", "--at", "08:00"],
        ["log", "twitch", "--help"],
        ["log", "caffeine", "-5"],
        ["log", "none", "--date", "yesterday"],
        ["log", "note", "--date", "yesterday", "hi"],
        ["log", "drink", "espresso"],
        ["log", "redflag", "spreading"],
        ["log", "caffeine"],
        ["log", "twitch", "now"],
        ["--version"],
        ["list"],
    ],
)
def test_other_command_lines_go_the_store_way(template: Path, tmp_path: Path, argv: list[str]) -> None:
    db = tmp_path / "diary.db"
    shutil.copy(template, db)
    assert main_quick(["--db", str(db), *argv]) is None
    assert rows(db) == rows(template)


def test_a_first_run_is_left_to_the_store(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    assert main_quick(["--db", str(db), "log", "twitch"]) is None
    assert not db.exists()  # the store creates it, migrations and all


def test_a_server_diary_is_left_to_the_store(monkeypatch: pytest.MonkeyPatch) -> None:
    assert main_quick(["--db", "postgresql://nobody@localhost/diary", "log", "twitch"]) is None
    monkeypatch.setenv("TRACKER_DB", "postgresql://nobody@localhost/diary")
    assert main_quick(["log", "twitch"]) is None


def test_an_older_schema_is_left_to_the_store_to_upgrade(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    db.touch()
    upgrade_database(db, "0005")
    before = db.read_bytes()
    assert main_quick(["--db", str(db), "log", "twitch"]) is None
    assert db.read_bytes() == before


def test_an_encrypted_or_foreign_file_is_left_to_the_store(tmp_path: Path) -> None:
    db = tmp_path / "sealed.db"
    db.write_bytes(os.urandom(8192))  # what an encrypted diary looks like: no "SQLite format 3"
    before = db.read_bytes()
    assert main_quick(["--db", str(db), "log", "twitch"]) is None
    assert db.read_bytes() == before


@pytest.mark.parametrize(
    "change",
    [
        "ALTER TABLE episode ADD COLUMN mood INTEGER",  # a later schema's column this way would leave blank
        "CREATE INDEX ix_extra ON episode (note)",
        "CREATE TRIGGER drop_new AFTER INSERT ON episode BEGIN DELETE FROM episode WHERE id = new.id; END",
    ],
)
def test_any_other_shape_is_left_to_the_store(template: Path, tmp_path: Path, change: str) -> None:
    db = tmp_path / "diary.db"
    shutil.copy(template, db)
    conn = sqlite3.connect(db)
    conn.execute(change)
    conn.commit()
    conn.close()
    before = rows(db)
    assert main_quick(["--db", str(db), "log", "twitch"]) is None
    assert rows(db) == before


def test_a_newer_revision_is_left_to_the_store(template: Path, tmp_path: Path) -> None:
    db = tmp_path / "diary.db"
    shutil.copy(template, db)
    conn = sqlite3.connect(db)
    conn.execute("ALTER TABLE factor_entry ADD COLUMN origin TEXT")
    conn.execute("UPDATE alembic_version SET version_num = '0009'")
    conn.commit()
    conn.close()
    before = rows(db)
    assert main_quick(["--db", str(db), "log", "caffeine", "95"]) is None
    assert rows(db) == before


def test_a_factor_it_does_not_know_is_rolled_back_and_left_to_the_store(template: Path, tmp_path: Path) -> None:
    db = tmp_path / "diary.db"
    shutil.copy(template, db)
    before = rows(db)
    assert main_quick(["--db", str(db), "log", "gin", "2"]) is None  # the store lists the factors there are
    assert rows(db) == before  # the write marker too: the transaction was rolled back


def test_a_stored_value_it_cannot_read_is_left_to_the_store(template: Path, tmp_path: Path, frozen) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "diary.db"
    shutil.copy(template, db)
    store_way(["--db", str(db), "log", "twitch", "--at", "08:00", "--intensity", "2"])
    conn = sqlite3.connect(db)
    conn.execute("UPDATE episode SET intensity = 'strong'")  # edited in by hand
    conn.commit()
    conn.close()
    before = rows(db)
    assert main_quick(["--db", str(db), "log", "twitch"]) is None
    assert rows(db) == before


def test_a_factor_edited_by_hand_is_named_the_same_either_way(
    template: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "diary.db"
    shutil.copy(template, db)
    conn = sqlite3.connect(db)
    conn.execute("UPDATE factor SET max_value = 'lots' WHERE name = 'caffeine'")  # a text in a number column
    conn.commit()
    conn.close()
    before = rows(db)
    quick = run(main_quick, ["--db", str(db), "log", "caffeine", "95"], capsys)
    assert rows(db) == before
    code, _, err = run(store_way, ["--db", str(db), "log", "caffeine", "95"], capsys)
    assert code != 0 and err.count("\n") == 1 and "Traceback" not in err  # the store names it in one line
    assert quick == (code, "", err)  # and the quick way, which checks the factor's row, in the same words


def test_the_written_for_schema_is_the_models(template: Path) -> None:
    """The digest the quick way checks a diary against is the schema the migrations give it."""
    assert schema_digest(expected_signature(WRITTEN_FOR)) == schema_digest(rows_signature(template))


def rows_signature(path: Path) -> frozenset[tuple[object, ...]]:
    from tracker.storage.schema import signature

    conn = sqlite3.connect(path)
    try:
        return signature(conn)
    finally:
        conn.close()


# --- what it costs, and what it still does ---------------------------------------------------


def test_the_first_quick_log_of_a_day_starts_the_days_backup(
    template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "diary.db"
    shutil.copy(template, db)
    with time_machine.travel(dt.datetime.now().astimezone() - dt.timedelta(days=1), tick=False):
        assert store_way(["--db", str(db), "log", "note", "begun"]) == 0  # a diary begun before today
    folder = tmp_path / "copies"
    monkeypatch.setenv("TRACKER_BACKUPS", str(folder))
    assert main_quick(["--db", str(db), "log", "twitch"]) == 0
    deadline = dt.datetime.now() + dt.timedelta(seconds=60)  # the copy is made by a process of its own
    while not (folder.is_dir() and list(folder.iterdir())) and dt.datetime.now() < deadline:
        time.sleep(0.1)
    assert folder.is_dir() and [copy.name for copy in folder.iterdir() if copy.name.startswith("diary")]
    from tracker.paths import backups_dir
    from tracker.storage.backup import list_backups

    deadline = dt.datetime.now() + dt.timedelta(seconds=60)
    while not list_backups(db, backups_dir(db)) and dt.datetime.now() < deadline:
        time.sleep(0.1)
    [copy] = list_backups(db, backups_dir(db))
    held = sqlite3.connect(f"file:{copy}?mode=ro", uri=True)
    try:  # the copy holds the write that started it
        assert held.execute("SELECT count(*) FROM episode").fetchone() == (1,)
    finally:
        held.close()


def test_a_logged_moment_in_a_zone_ahead_reads_as_there(template: Path, tmp_path: Path) -> None:
    db = tmp_path / "diary.db"
    shutil.copy(template, db)
    there = dt.datetime(2026, 11, 24, 23, 30, tzinfo=dt.UTC).astimezone(ZoneInfo("Pacific/Kiritimati"))
    with time_machine.travel(there, tick=False):  # the machine's zone is Kiritimati's
        assert main_quick(["--db", str(db), "log", "twitch"]) == 0
    episode = rows(db)["episode"]
    assert isinstance(episode, list) and episode[0][:3] == ("2026-11-24 23:30:00.000000", 840, "2026-11-25")
