"""A diary another process is writing is never refused as "restored from a copy".

The log-belongs check reads the write-ahead log and then the file, without a lock. Four CLI
writers logging at once had one of them refused ("the log goes on from write 69, the file is at
write 75") when a checkpoint landed between the two reads: a person would have been told to move
their live log out of the folder.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tracker.storage.wal import foreign_wal

pytestmark = pytest.mark.slow

CHECKS = 1500

# A writer as tracker writes (every transaction advances the header's write marker), checkpointing
# every few pages, so the log is restarted and the file's page 1 rewritten all the time.
WRITER = textwrap.dedent(
    """
    import sqlite3, sys
    from tracker.storage.wal import advance_write_marker
    conn = sqlite3.connect(sys.argv[1], isolation_level=None)
    conn.execute("PRAGMA wal_autocheckpoint=10")
    print("writing", flush=True)
    n = 0
    while True:
        conn.execute("BEGIN IMMEDIATE")
        advance_write_marker(conn)
        conn.execute("INSERT INTO entry VALUES (?)", (n,))
        conn.execute("COMMIT")
        n += 1
    """
)


def test_a_log_being_written_and_checkpointed_is_never_called_foreign(tmp_path: Path) -> None:
    db = tmp_path / "diary.db"
    setup = sqlite3.connect(db, isolation_level=None)
    setup.execute("PRAGMA journal_mode=WAL")
    setup.execute("CREATE TABLE entry (n INTEGER)")
    setup.close()
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(db)], stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout is not None and writer.stdout.readline() == "writing\n"
        verdicts = [foreign_wal(db) for _ in range(CHECKS)]
    finally:
        writer.kill()
        writer.wait()
    assert [verdict for verdict in verdicts if verdict] == []
    assert sqlite3.connect(db).execute("SELECT count(*) FROM entry").fetchone()[0] > 0
