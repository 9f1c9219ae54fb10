"""Shared by the reliability, undo and import tests: run the CLI as a separate process, read a database raw."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

CLI_LOOP = Path(__file__).parent.parent / "reliability" / "cli_loop.py"  # the CLI driver the crash tests kill
DATA_TABLES = ("episode", "factor_entry", "day", "red_flag", "intervention", "factor", "preset")


def tracker_process(
    *args: str, env: dict[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """`python -m tracker ARGS...` in a child process, as a person would run it."""
    return subprocess.run(
        [sys.executable, "-m", "tracker", *args], capture_output=True, text=True, timeout=timeout,
        env=env if env is not None else dict(os.environ), check=False,
    )  # fmt: skip


def rest_of_output(process: subprocess.Popen[str], timeout: float) -> tuple[str, str]:
    """What a child still writes to stdout and stderr until it ends, read through the same file
    objects a test already read lines from. (`communicate` reads the raw descriptors and misses
    whatever an earlier `readline` had buffered: under load, several acknowledgements at once.)"""
    texts = {"out": "", "err": ""}
    if process.stdin is not None and not process.stdin.closed:
        process.stdin.close()  # as communicate() does: a child reading its input sees the end

    def drain(name: str, stream: object) -> None:
        texts[name] = stream.read() if stream is not None else ""  # type: ignore[attr-defined]

    readers = [threading.Thread(target=drain, args=(name, stream), daemon=True)
               for name, stream in (("out", process.stdout), ("err", process.stderr))]  # fmt: skip
    for reader in readers:
        reader.start()
    process.wait(timeout=timeout)
    for reader in readers:
        reader.join(timeout=timeout)
    return texts["out"], texts["err"]


def row_counts(path: Path) -> dict[str, int]:
    """Rows per data table, read without going through tracker (read-only)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        present = [name for name in DATA_TABLES if name in tables]
        return {name: conn.execute(f"SELECT count(*) FROM {name}").fetchone()[0] for name in present}
    finally:
        conn.close()


def select_rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    """The rows of one query, read-only."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def table_rows(path: Path, table: str) -> list[tuple[object, ...]]:
    return select_rows(path, f"SELECT * FROM {table} ORDER BY 1")


def integrity(path: Path) -> str:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return "; ".join(row[0] for row in conn.execute("PRAGMA integrity_check"))
    finally:
        conn.close()
