"""An encrypted diary keeps a person's words out of its file, its log and its backups, opens
without friction on this machine, with the passphrase on another, and never locks them out."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.encryption.conftest import PASSPHRASE, another_machine, no_keyring
from tracker.core.files import SQLITE_HEADER
from tracker.storage.daily_backup import take_daily_backup
from tracker.storage.first_look import connect_file
from tracker.storage.keys import KEYRING_SERVICE, NO_KEYRING, forget_all, key_file

NOTE = "left-eyelid-after-night-shift"
FACTOR = "nightshiftcoffee"


def _files(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` (backups included) and its bytes, the app's lock file aside."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _fill(cli) -> None:  # type: ignore[no-untyped-def]
    assert cli("factor", "add", FACTOR, "--kind", "number").code == 0
    assert cli("log", FACTOR, "2").code == 0
    assert cli("log", "twitch", "--location", "eyelid", "--side", "left", "--note", NOTE).code == 0


def test_the_file_its_log_and_its_backups_hold_no_words_and_no_sqlite_header(cli, db_path, monkeypatch) -> None:
    _fill(cli)
    encrypted = cli("db", "encrypt")
    assert encrypted.code == 0, encrypted.err
    assert cli("db", "backup").code == 0  # by hand, beside the diary
    take_daily_backup(db_path, dt.datetime.now())  # what the first write of a day starts
    reader = connect_file(db_path, read_only=True)  # holds a snapshot: the log is not folded away
    try:
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM episode").fetchone()
        assert cli("log", "twitch", "--note", NOTE + "-again").code == 0
        wal = db_path.with_name(db_path.name + "-wal")
        assert wal.stat().st_size > 0
        files = _files(db_path.parent)
    finally:
        reader.close()
    databases = [name for name in files if name.endswith(".db") or name.endswith("-wal")]
    # The diary, its log, the backup taken before encrypting (encrypted since), by hand, and the daily one.
    assert len([name for name in databases if ".backup" in name]) >= 3, databases
    for name in databases:
        assert not files[name].startswith(SQLITE_HEADER), name
    for name, data in files.items():
        assert NOTE.encode() not in data, name
        assert FACTOR.encode() not in data, name
    listed = cli("list")
    assert NOTE in listed.out and NOTE + "-again" in listed.out  # and the person still reads them


def test_a_wrong_or_missing_passphrase_is_one_line_exit_2_and_writes_nothing(cli, db_path, monkeypatch) -> None:
    _fill(cli)
    assert cli("db", "encrypt").code == 0
    before = _files(db_path.parent)
    another_machine()
    monkeypatch.setenv("TRACKER_PASSPHRASE", "not the passphrase")
    for args in (("log", "twitch", "--note", "x"), ("list",), ("db", "check"), ("db", "backup"), ("db", "decrypt")):
        refused = cli(*args)
        assert refused.code == 2, args
        assert refused.err.strip().splitlines() == [
            "tracker: error: wrong passphrase: it does not open this diary's key; nothing was written"
        ], args
    monkeypatch.delenv("TRACKER_PASSPHRASE")
    locked = cli("log", "twitch")
    assert locked.code == 2
    assert len(locked.err.strip().splitlines()) == 1
    assert "this diary is encrypted: set TRACKER_PASSPHRASE or unlock it with `tracker db unlock`" in locked.err
    assert _files(db_path.parent) == before


def test_encrypt_then_log_then_decrypt_keeps_every_entry(cli, db_path) -> None:
    _fill(cli)
    assert cli("log", "stress", "3").code == 0
    assert cli("db", "encrypt").code == 0
    assert cli("log", "twitch", "--note", "while encrypted").code == 0
    assert cli("log", "stress", "4", "--date", "2026-11-20").code == 0
    while_encrypted = (cli("export", "csv").out, cli("export", "csv", "--episodes").out)
    decrypted = cli("db", "decrypt")
    assert decrypted.code == 0, decrypted.err
    assert db_path.read_bytes().startswith(SQLITE_HEADER)
    assert not key_file(db_path).exists()
    assert (cli("export", "csv").out, cli("export", "csv", "--episodes").out) == while_encrypted
    episodes = cli("export", "csv", "--episodes").out
    assert NOTE in episodes and "while encrypted" in episodes
    assert len(episodes.strip().splitlines()) == 3  # the header and both twitches


def test_another_machine_opens_it_with_the_passphrase_and_then_keeps_the_key(cli, db_path, monkeypatch) -> None:
    _fill(cli)
    assert cli("db", "encrypt").code == 0
    elsewhere = another_machine()
    monkeypatch.delenv("TRACKER_PASSPHRASE")
    assert cli("list").code == 2  # no key here yet, and no passphrase given
    monkeypatch.setenv("TRACKER_PASSPHRASE", PASSPHRASE)
    listed = cli("list")
    assert listed.code == 0 and NOTE in listed.out
    assert [service for service, _ in elsewhere.stored] == [KEYRING_SERVICE]
    monkeypatch.delenv("TRACKER_PASSPHRASE")
    forget_all()  # a new process on that machine: its keyring kept the key
    assert cli("log", "twitch").code == 0  # nothing typed


def test_without_any_keyring_the_passphrase_opens_it_and_that_is_said_once(cli, db_path) -> None:
    _fill(cli)
    no_keyring()
    encrypted = cli("db", "encrypt")
    assert encrypted.code == 0
    assert encrypted.err.count(NO_KEYRING) == 1
    forget_all()  # a new process: the key comes from TRACKER_PASSPHRASE again
    logged = cli("log", "twitch", "--note", "no keyring")
    assert logged.code == 0
    assert NO_KEYRING not in logged.err  # said when the key was set up, not on every entry


def test_a_new_passphrase_opens_it_and_its_backups_and_the_data_is_not_rewritten(cli, db_path, monkeypatch) -> None:
    _fill(cli)
    assert cli("db", "encrypt").code == 0
    data = db_path.read_bytes()
    monkeypatch.setenv("TRACKER_NEW_PASSPHRASE", "a new passphrase")
    assert cli("db", "passphrase").code == 0
    assert db_path.read_bytes() == data
    [backup] = [copy for copy in db_path.parent.glob("*.backup.db")]  # the one taken before encrypting
    another_machine()
    assert cli("list").code == 2  # the old one no longer opens it
    assert cli("db", "check", db=backup).code == 2  # nor the backup
    monkeypatch.setenv("TRACKER_PASSPHRASE", "a new passphrase")
    assert NOTE in cli("list").out
    assert cli("db", "check", db=backup).code == 0


def test_checks_backups_and_restore_work_on_an_encrypted_diary(cli, db_path) -> None:
    _fill(cli)
    assert cli("db", "encrypt").code == 0
    checked = cli("db", "check")
    assert checked.code == 0 and "integrity: ok" in checked.out
    assert cli("log", "twitch", "--note", "after the backups").code == 0
    restored = cli("db", "restore", "--latest")
    assert restored.code == 0, restored.err
    episodes = cli("export", "csv", "--episodes").out
    assert NOTE in episodes and "after the backups" not in episodes
    assert not db_path.read_bytes().startswith(SQLITE_HEADER)


@pytest.mark.usefixtures("frozen")
def test_the_first_screen_reads_an_encrypted_diary(cli, db_path) -> None:
    from tracker.storage.glance import glance_day

    _fill(cli)
    assert cli("db", "encrypt").code == 0
    today = dt.date(2026, 11, 24)
    glance = glance_day(db_path, today, active_until=today)
    assert glance is not None
    assert [episode.note for episode in glance.summary.episodes] == [NOTE]


def test_exports_of_an_encrypted_diary_say_once_that_they_are_plain_text(cli, db_path, tmp_path) -> None:
    _fill(cli)
    plain = cli("export", "csv", "-o", str(tmp_path / "before.csv"))
    assert "not encrypted" not in plain.err  # a plain diary's export is as plain as the diary
    assert cli("db", "encrypt").code == 0
    for args in (("export", "csv", "-o", str(tmp_path / "daily.csv")), ("export", "csv", "--episodes")):
        exported = cli(*args)
        assert exported.code == 0
        assert exported.err.count("is not encrypted (the diary is)") == 1, args
    assert FACTOR in (tmp_path / "daily.csv").read_text()  # plain text indeed


def test_an_encrypted_diary_without_its_key_file_is_refused_in_one_line_naming_it(cli, db_path) -> None:
    _fill(cli)
    assert cli("db", "encrypt").code == 0
    key_file(db_path).rename(db_path.parent / "elsewhere.key")
    before = _files(db_path.parent)
    refused = cli("log", "twitch")
    assert refused.code == 2
    assert len(refused.err.strip().splitlines()) == 1
    assert key_file(db_path).name in refused.err
    assert _files(db_path.parent) == before


def test_a_key_that_does_not_open_the_file_is_one_line_with_no_sqlcipher_noise(cli, tmp_path) -> None:
    # Another process: SQLCipher logs from C, beneath what pytest captures in this one.
    import os

    from tests.helpers.processes import tracker_process

    ours, theirs = tmp_path / "ours" / "diary.db", tmp_path / "theirs" / "diary.db"
    for path in (ours, theirs):
        path.parent.mkdir()
        assert cli("log", "twitch", "--note", NOTE, db=path).code == 0
        assert cli("db", "encrypt", db=path).code == 0
    key_file(theirs).replace(key_file(ours))  # the same passphrase, another diary's key
    before = _files(ours.parent)
    env = dict(os.environ, PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    done = tracker_process("--db", str(ours), "log", "twitch", env=env)
    assert done.returncode == 2
    said = f"tracker: error: the key does not open {ours} (another diary's key file?); left untouched"
    assert done.stderr.splitlines() == [said]
    assert _files(ours.parent) == before


def test_a_plain_diary_never_loads_the_encryption_libraries(tmp_path) -> None:
    from tests.test_import_hygiene import loaded_modules

    db = str(tmp_path / "plain.db")
    code = "from tracker.cli import main\ntry:\n    main(['log', 'twitch'])\nexcept SystemExit:\n    pass"
    loaded = loaded_modules(code, db)
    assert "tracker.storage.keys" in loaded  # the check that tells a plain diary from an encrypted one ran
    assert not {"sqlcipher3", "keyring", "argon2", "cryptography"} & loaded


def test_restoring_a_plain_copy_onto_an_encrypted_diary_keeps_it_encrypted(cli, db_path, tmp_path) -> None:
    _fill(cli)
    copy = tmp_path / "by-hand.db"
    assert cli("db", "backup", str(copy)).code == 0  # plain: taken before encrypting, kept elsewhere
    assert cli("db", "encrypt").code == 0
    assert cli("log", "twitch", "--note", "after-encrypting").code == 0
    restored = cli("db", "restore", str(copy))
    assert restored.code == 0, restored.err
    assert restored.err.count("the restored diary is encrypted all the same") == 1, restored.err
    written = db_path.read_bytes()
    assert not written.startswith(SQLITE_HEADER) and NOTE.encode() not in written and key_file(db_path).exists()
    another_machine()  # the diary's own passphrase opens what was restored
    listed = cli("list")
    assert NOTE in listed.out and "after-encrypting" not in listed.out, listed.out
    assert cli("db", "check").out.count("integrity: ok") == 1
    plain_now = [f for f in db_path.parent.rglob("*.db") if f != copy and f.read_bytes().startswith(SQLITE_HEADER)]
    assert plain_now == []  # no new plain copy: the kept diary is encrypted too


def test_restoring_an_encrypted_copy_onto_a_plain_diary_says_it_is_encrypted_now(cli, db_path, tmp_path) -> None:
    _fill(cli)
    assert cli("db", "encrypt").code == 0
    copy = tmp_path / "encrypted copy.db"
    assert cli("db", "backup", str(copy)).code == 0
    assert cli("db", "decrypt").code == 0
    restored = cli("db", "restore", str(copy))
    assert restored.code == 0, restored.err
    assert "the diary is now encrypted: it opens with the passphrase the copy was made with" in restored.err
    assert key_file(db_path).name in restored.err


def test_a_new_passphrase_reaches_every_backup_folder_and_says_what_copies_elsewhere_keep(
    cli, db_path, tmp_path, monkeypatch
) -> None:
    _fill(cli)
    assert cli("db", "encrypt").code == 0
    beside = db_path.parent / "backups"
    beside.mkdir(exist_ok=True)
    assert cli("db", "backup", str(beside)).code == 0  # `backups/` beside it, before the setting below
    elsewhere = tmp_path / "usb stick"
    elsewhere.mkdir()
    assert cli("db", "backup", str(elsewhere / "diary copy.db")).code == 0
    monkeypatch.setenv("TRACKER_BACKUPS", str(tmp_path / "other disk"))
    monkeypatch.setenv("TRACKER_NEW_PASSPHRASE", "a new passphrase")
    changed = cli("db", "passphrase")
    assert changed.code == 0, changed.err
    assert "copies written elsewhere keep the passphrase they were made with" in changed.out
    [in_backups] = list(beside.glob("*.backup.db"))
    another_machine()
    assert cli("db", "check", db=in_backups).code == 2  # the old passphrase no longer opens it
    assert cli("db", "check", db=elsewhere / "diary copy.db").code == 0  # as the line said
    monkeypatch.setenv("TRACKER_PASSPHRASE", "a new passphrase")
    another_machine()
    assert cli("db", "check", db=in_backups).code == 0


def test_a_restore_keeps_the_passphrase_the_diary_opens_with(cli, db_path) -> None:
    """A passphrase change stopped part-way can leave a backup's key file on the new passphrase
    while the diary still opens with the old one. Restoring that copy, given the old one, must
    not leave a diary that only the passphrase the person never saw take effect opens."""
    from tracker.storage.keys import read_wrapped, unwrap, wrap, write_wrapped

    _fill(cli)
    assert cli("db", "encrypt").code == 0
    [backup] = [copy for copy in db_path.parent.glob("*.backup.db")]
    old = read_wrapped(backup)
    write_wrapped(backup, wrap(unwrap(old, PASSPHRASE), "a new passphrase", old.key_id))
    restored = cli("db", "restore", str(backup))
    assert restored.code == 0, restored.err
    another_machine()  # no key in the keyring: the passphrase alone must open it
    assert NOTE in cli("list").out


_STOPPED_CHANGE = """
import os, signal, sys
from tracker.storage import cipher
from tracker.cli import main
real, written = cipher.write_wrapped, []
def write_wrapped(path, wrapped):
    real(path, wrapped)
    written.append(path)
    if len(written) == 2:
        os.kill(os.getpid(), signal.SIGKILL)
cipher.write_wrapped = write_wrapped
sys.exit(main(["--db", sys.argv[1], "db", "passphrase"]))
"""


def test_after_a_stopped_passphrase_change_unlock_brings_every_backup_to_the_diarys_passphrase(
    cli, db_path, monkeypatch
) -> None:
    import os
    import signal
    import subprocess
    import sys

    from tracker.storage.keys import WrongPassphrase, read_wrapped, unwrap

    assert cli("log", "note", "begun", "--date", "2026-11-23").code == 0
    assert cli("db", "encrypt").code == 0
    for _ in range(3):
        assert cli("db", "backup").code == 0
    env = {**os.environ, "TRACKER_NEW_PASSPHRASE": "a new passphrase",
           "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}  # fmt: skip
    killed = subprocess.run([sys.executable, "-c", _STOPPED_CHANGE, str(db_path)], env=env, capture_output=True)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    copies = sorted(p for p in db_path.parent.iterdir() if p.name.endswith(".backup.db"))

    def opens(path: Path, passphrase: str) -> bool:
        try:
            unwrap(read_wrapped(path), passphrase)
        except WrongPassphrase:
            return False
        return True

    diarys = next(p for p in (PASSPHRASE, "a new passphrase") if opens(db_path, p))
    assert not all(opens(copy, diarys) for copy in copies)  # mixed: the change was stopped part-way
    monkeypatch.setenv("TRACKER_PASSPHRASE", diarys)
    unlocked = cli("db", "unlock")
    assert unlocked.code == 0, unlocked.err
    assert "stopped part-way" in unlocked.out, unlocked.out
    assert all(opens(copy, diarys) for copy in copies)
    for copy in copies:
        assert cli("db", "check", db=copy).code == 0


def test_a_new_passphrase_reaches_a_backup_folder_a_setting_named_before(cli, db_path, tmp_path, monkeypatch) -> None:
    _fill(cli)
    assert cli("db", "encrypt").code == 0
    other = tmp_path / "other disk"
    monkeypatch.setenv("TRACKER_BACKUPS", str(other))
    written = take_daily_backup(db_path, dt.datetime.now() + dt.timedelta(days=1))  # a later day's first write
    assert written is not None and other in written.parents
    monkeypatch.setenv("TRACKER_BACKUPS", "off")  # the setting gone again
    listed = cli("db", "backups")
    assert str(written) in listed.out, listed.out
    monkeypatch.setenv("TRACKER_NEW_PASSPHRASE", "a new passphrase")
    changed = cli("db", "passphrase")
    assert changed.code == 0, changed.err
    every_copy = set(db_path.parent.rglob("*.backup*.db"))  # the other folder's copy among them
    assert written in every_copy and f"of its {len(every_copy)} encrypted backups" in changed.out, changed.out
    another_machine()  # the old passphrase no longer opens the copy in the other folder
    assert cli("db", "check", db=written).code == 2
    monkeypatch.setenv("TRACKER_PASSPHRASE", "a new passphrase")
    another_machine()
    assert cli("db", "check", db=written).code == 0
    other.rename(tmp_path / "unplugged")
    monkeypatch.setenv("TRACKER_NEW_PASSPHRASE", "a third passphrase")
    again = cli("db", "passphrase")
    assert f"{written.parent} was not found (a disk not mounted now?)" in again.out, again.out
