"""Many trackers logging at once into a diary that does not exist yet (a script, a shell loop
in the background): the file is created once, every write waits its turn, none is lost."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

WRITERS = 40


@pytest.mark.slow
def test_concurrent_first_writes_all_land(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    env = {**os.environ, "TRACKER_BACKUPS": "off"}
    command = [sys.executable, "-m", "tracker", "--db", str(db), "log", "caffeine"]
    writers = [  # separate commands, started together as a background loop starts them
        subprocess.Popen(
            [*command, str(number), "--note", f"w{number}"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for number in range(1, WRITERS + 1)
    ]
    said = [writer.communicate()[1] for writer in writers]
    assert [writer.returncode for writer in writers] == [0] * WRITERS, [line for line in said if line]
    conn = sqlite3.connect(db)
    try:
        notes = sorted(row[0] for row in conn.execute("SELECT note FROM factor_entry"))
    finally:
        conn.close()
    assert notes == sorted(f"w{number}" for number in range(1, WRITERS + 1))
