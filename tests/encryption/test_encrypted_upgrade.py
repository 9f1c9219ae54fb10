"""An encrypted diary from an older version is upgraded in place, and the backup taken before
the upgrade is as encrypted as the diary."""

from __future__ import annotations

import sqlite3

from alembic import command
from alembic.config import Config

from tests.encryption.conftest import PASSPHRASE
from tracker.core.files import SQLITE_HEADER
from tracker.storage import engine as db
from tracker.storage.cipher import encrypt_in_place
from tracker.storage.first_look import connect_file
from tracker.storage.keys import is_encrypted

NOTE = "upper-lip-before-the-upgrade"


def test_the_backup_before_an_upgrade_stays_encrypted(tmp_path) -> None:
    path = tmp_path / "old.db"
    config = Config()
    config.set_main_option("script_location", str(db.migrations_dir()))
    config.set_main_option("sqlalchemy.url", f"sqlite:///{path}")
    command.upgrade(config, "0005")
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO episode (started_at, utc_offset_min, local_date, location, side, intensity, context, relief, note,"
        " created_at) "
        "VALUES ('2026-11-20 08:00:00', 0, '2026-11-20', 'eyelid', 'left', 3, '', '', ?, '2026-11-20 08:00:00')",
        (NOTE,),
    )
    conn.commit()
    conn.close()
    encrypt_in_place(path, PASSPHRASE, check=lambda before, after: None)

    db.open_database(path).dispose()  # upgrades it, after a backup

    assert is_encrypted(path)
    [backup] = db.list_backups(path)
    data = backup.read_bytes()
    assert not data.startswith(SQLITE_HEADER)
    assert NOTE.encode() not in data
    for copy, revision in ((backup, "0005"), (path, db.SCHEMA_HEAD)):
        reading = connect_file(copy, read_only=True)
        try:
            assert reading.execute("SELECT version_num FROM alembic_version").fetchone()[0] == revision
            assert reading.execute("SELECT note FROM episode").fetchall() == [(NOTE,)]
        finally:
            reading.close()
