"""Four CLI writers and a reader at the same moment: every entry saved, nobody told "locked".

Each writer is a separate process running tracker's own CLI entry point 25 times in a row
(cli_loop.py); all of them wait at a starting line, so their transactions really overlap.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.helpers.processes import CLI_LOOP, integrity, tracker_process

pytestmark = pytest.mark.slow

WRITERS = 4
EACH = 25


def _start(*args: str) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        [sys.executable, str(CLI_LOOP), *args, "--wait"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert process.stdout is not None and process.stdout.readline() == "ready\n"
    return process


@pytest.mark.parametrize("database", ["existing", "new"])
def test_four_writers_and_a_reader_at_once(tmp_path, database: str) -> None:
    db = tmp_path / "tracker.db"
    if database == "existing":
        assert tracker_process("--db", str(db), "log", "caffeine", "95").returncode == 0
    # "new": the writers race to create and migrate the database themselves.
    writers = [_start("twitches", str(db), f"w{n}", str(EACH)) for n in range(WRITERS)]
    reader = _start("read", str(db)) if database == "existing" else None
    everyone = writers + ([reader] if reader else [])
    for process in everyone:
        assert process.stdin is not None
        process.stdin.write("go\n")
        process.stdin.flush()
    results = [writer.communicate(timeout=180) for writer in writers]
    if reader is not None:
        reader_out, reader_err = reader.communicate(input="", timeout=60)  # closing stdin stops it
        results.append((reader_out, reader_err))
    for process, (out, err) in zip(everyone, results, strict=True):
        assert process.returncode == 0, (out, err)
        assert "locked" not in err.lower() and "Traceback" not in err, err
        assert "failed" not in out, out
    acks = {
        line.removeprefix("ack ")
        for out, _ in results[:WRITERS]
        for line in out.splitlines()
        if line.startswith("ack ")
    }
    assert len(acks) == WRITERS * EACH

    assert integrity(db) == "ok"
    listed = tracker_process("--db", str(db), "list", "--from", "2000-01-01", "--json")
    twitches = [item for item in json.loads(listed.stdout) if item["type"] == "twitch"]
    assert sorted(item["note"] for item in twitches) == sorted(acks)
    if database == "new":
        # Only one writer migrated: the built-in factors and presets exist once each.
        listing = tracker_process("--db", str(db), "factor", "list").stdout.splitlines()
        table = listing[1 : listing.index(next(line for line in listing if line.startswith("not logged:")))]
        assert [line.split()[0] for line in table] == ["caffeine", "sleep", "water", "stress", "magnesium"]
    else:
        passes = [line.split() for line in results[-1][0].splitlines() if line.startswith("read ")]
        assert passes, "the reader never finished a pass"
        # What the reader saw only ever grew: no pass saw a half-written or vanished entry.
        listed_counts = [int(words[3]) for words in passes]
        exported_counts = [int(words[5]) for words in passes]
        assert listed_counts == sorted(listed_counts) and exported_counts == sorted(exported_counts)
        assert max(listed_counts) <= WRITERS * EACH
        print(f"reader made {len(passes)} passes, saw {listed_counts[0]}..{listed_counts[-1]} twitches")
