"""The TUI logs twitches (Pilot, in-process) while four CLI processes write to the same file:
every entry from both sides is saved and no write fails with "database is locked".
"""

from __future__ import annotations

import asyncio
import subprocess
import sys

import pytest

from tests.helpers.processes import CLI_LOOP, integrity, rest_of_output, row_counts, select_rows
from tracker.storage.engine import open_database

app_module = pytest.importorskip("tracker.tui.app")
pytestmark = pytest.mark.slow

WRITERS, EACH, FROM_THE_TUI = 4, 25, 10


async def _settle(pilot) -> None:  # type: ignore[no-untyped-def]
    for _ in range(4):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def test_tui_and_cli_writers_at_once(tmp_path) -> None:
    path = tmp_path / "tracker.db"
    engine = open_database(path)
    pipes = {"stdin": subprocess.PIPE, "stdout": subprocess.PIPE, "stderr": subprocess.PIPE, "text": True}
    loop = [sys.executable, str(CLI_LOOP), "twitches", str(path)]
    writers = [subprocess.Popen([*loop, f"w{n}", str(EACH), "--wait"], **pipes) for n in range(WRITERS)]
    for writer in writers:
        assert writer.stdout is not None and writer.stdout.readline() == "ready\n"
    app = app_module.make_app(engine=engine, db_path=path)
    errors: list[str] = []  # what the TUI told the person: "Not saved: ..."
    show = app.notify

    def notify(message: str, *args: object, **kwargs: object) -> None:
        if kwargs.get("severity") == "error":
            errors.append(str(message))
        show(message, *args, **kwargs)  # type: ignore[arg-type]

    app.notify = notify  # type: ignore[method-assign]

    async def scenario() -> None:
        async with app.run_test(size=(100, 30)) as pilot:
            await _settle(pilot)
            for writer in writers:
                assert writer.stdin is not None
                writer.stdin.write("go\n")
                writer.stdin.flush()
            for _ in range(FROM_THE_TUI):  # a twitch in two keystrokes, while the CLI writes
                await pilot.press("t")
                await pilot.pause()
                await pilot.press("enter")
                await _settle(pilot)
            while any(writer.poll() is None for writer in writers):
                await asyncio.sleep(0.05)
            await _settle(pilot)

    try:
        asyncio.run(scenario())
    finally:
        engine.dispose()
    for writer in writers:
        out, err = rest_of_output(writer, timeout=60)
        assert writer.returncode == 0, (out, err)
        assert "locked" not in err.lower() and "Traceback" not in err, err
        assert out.count("ack ") == EACH
    assert not errors, errors
    assert integrity(path) == "ok"
    assert row_counts(path)["episode"] == WRITERS * EACH + FROM_THE_TUI
    # The two sides really overlapped: some TUI twitches were saved while the CLI was writing.
    saved = [
        (created, note.startswith("w")) for created, note in select_rows(path, "SELECT created_at, note FROM episode")
    ]
    cli_times = [created for created, from_cli in saved if from_cli]
    assert any(min(cli_times) < created < max(cli_times) for created, from_cli in saved if not from_cli)
