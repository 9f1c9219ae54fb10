"""The one clock every part of tracker reads, on the standard library alone.

Apart from tracker.core.when (its parsers compile a dozen patterns and import zoneinfo and
decimal, ~15 ms) so the TUI can read today's date before its first frame without them.
"""

from __future__ import annotations

import datetime as dt


def local_now() -> dt.datetime:
    """Now, aware, in the machine's local timezone: the one clock the command line, the TUI
    and the store read (each passes what it read on, so one action sees one moment)."""
    return dt.datetime.now().astimezone()
