"""Notices entries written to the diary by another program while the app is open: `tracker log
twitch` in another terminal, a cron job, an import.

SQLite's `PRAGMA data_version` on a connection of our own changes only when another
connection has committed, and reading it costs microseconds (no table is read), so a timer
asks it on the UI thread every couple of seconds and the screens reload only when it moved.
The app's own writes go through other connections, so they count too: the day is then read
once more, which is cheap and never wrong.
"""

from __future__ import annotations

from pathlib import Path

from tracker.storage.file_checks import connect_file
from tracker.storage.first_look import database_errors

WATCH_SECONDS = 2.0  # how soon an entry written elsewhere appears


class DiaryWatch:
    """A read-only connection kept open to ask whether anything was committed since last asked."""

    def __init__(self, path: Path) -> None:
        self._connection = connect_file(path, read_only=True)
        # Never wait on the UI thread: a file busy for a moment is asked again at the next tick.
        self._connection.execute("PRAGMA busy_timeout = 0")
        self._version = self._read()

    def _read(self) -> int | None:
        try:
            return int(self._connection.execute("PRAGMA data_version").fetchone()[0])
        except database_errors():  # busy or briefly unreadable: no news, try again later
            return None

    def changed(self) -> bool:
        """True when another connection has committed since the last call (or since opening)."""
        version = self._read()
        if version is None:
            return False
        changed = self._version is not None and version != self._version
        self._version = version
        return changed

    def close(self) -> None:
        self._connection.close()
