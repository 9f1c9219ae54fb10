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
import time
from collections.abc import Callable, Iterator
from typing import TypeVar

T = TypeVar("T")

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


def retry_while_locked(attempt: Callable[[], T], wait_s: float, *, retrying: Callable[[], None] | None = None) -> T:
    """What `attempt()` returns, tried again while SQLite answers "database is locked", until
    `wait_s` seconds have passed (then its error). `retrying` undoes what a failed try left.

    SQLite's busy timeout makes a write wait for another writer's lock, but some steps get
    "locked" at once, without waiting: switching a file's journal mode (to a write-ahead log)
    while another program holds its write lock, or while another tracker switches it. Only a
    step that changed nothing when it failed may be tried again.
    """
    deadline = time.monotonic() + wait_s
    while True:
        try:
            return attempt()
        except Exception as exc:
            if "database is locked" not in str(exc) or time.monotonic() > deadline:
                raise
            if retrying is not None:
                retrying()
            time.sleep(0.02)
