"""A copy that could not be written (a full disk) leaves no name in the record of copies tracker
wrote: that record decides what thinning may remove, so it names only copies that exist."""

from __future__ import annotations

import errno

import pytest

from tracker.storage import backup


def test_a_copy_the_disk_refused_is_not_recorded(cli, db_path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert cli("log", "twitch").code == 0
    kept = backup.backup_database(db_path)  # one copy that was written

    def full_disk(*_args: object, **_kwargs: object) -> object:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backup, "private_atomic_file", full_disk)
    for _ in range(3):
        with pytest.raises(OSError):
            backup.backup_database(db_path)

    recorded = (db_path.parent / backup.RECORD_NAME).read_text(encoding="utf-8").split()
    assert recorded == [kept.name]
    assert backup.made_here(backup.list_backups(db_path)) == [kept]
