"""An id a person was shown never names a different entry later, even after going back to an
older copy of the diary: the entries logged after the restore get ids never given before."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.backups.test_restore import TUE, at
from tracker.storage.daily_backup import take_daily_backup


@pytest.fixture(autouse=True)
def _copies_taken_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRACKER_BACKUPS", "off")


def test_entries_logged_after_restoring_an_older_copy_get_ids_never_shown_before(cli, db_path) -> None:
    with at(TUE):
        assert "logged f1:" in cli("log", "caffeine", "95").out
        assert "logged e1:" in cli("log", "twitch").out
        assert take_daily_backup(db_path, dt.datetime.now()) is not None
        assert "logged f2:" in cli("log", "caffeine", "63").out  # seen, then lost with the restore
        assert "logged f3:" in cli("log", "stress", "6").out
        assert "logged e2:" in cli("log", "twitch").out
    with at(TUE, hour=10):
        assert cli("db", "restore", "--latest").code == 0
        assert "logged f4:" in cli("log", "water", "250").out  # not f2, which named 63 mg of caffeine
        assert "logged e3:" in cli("log", "twitch").out
        assert "f2" in cli("delete", "f2").err  # the old id names nothing, and says so
