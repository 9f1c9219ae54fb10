"""What a write does while another writer holds the database: how long it waits, and when it
tells the person what it is waiting for.

A large import holds the write lock for several seconds (its last step), so a `log` typed
meanwhile must wait rather than fail; and a lock that is never let go must not look like a
hang. SQLite's busy timeout blocks inside the library, so the notice comes from a timer thread
that the wait cancels as soon as the lock is taken.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator

# How long a command-line write waits for another writer before it gives up, and after how
# long it says it is waiting: well beyond an import's write step (seconds), told at once.
WRITE_WAIT_S = 30
NOTICE_AFTER_S = 1.0
# What the person reads, on stderr from a command and as a notice in the app.
# Whoever holds the lock cannot be asked: it may be tracker, the sqlite3 shell or a sync tool.
WAITING = f"waiting: another program holds the diary's write lock (up to {WRITE_WAIT_S} s)…"


@contextlib.contextmanager
def notice_if_slow(notice: Callable[[], None] | None, *, after: float = NOTICE_AFTER_S) -> Iterator[None]:
    """Run the block; if it is still running `after` seconds on, call `notice` (once, from another thread)."""
    if notice is None:
        yield
        return
    timer = threading.Timer(after, notice)
    timer.daemon = True  # never keeps a finished command alive
    timer.start()
    try:
        yield
    finally:
        timer.cancel()
