"""A twitch's intensity and duration obey one rule whichever way they arrive: typed, imported, or
repeated from the twitch before by the quickest `tracker log twitch`. A value outside it is
refused in one line with nothing written, never copied into a new entry."""

from __future__ import annotations

import sqlite3

import pytest

from tests.helpers.processes import select_rows
from tracker.commands.log_quick import main_quick


@pytest.mark.parametrize("stored", [42, 0, 6, -1])
def test_a_hand_edited_intensity_is_never_repeated_into_a_new_twitch(cli, db_path, capsys, stored: int) -> None:
    assert cli("log", "twitch", "--intensity", "3").code == 0
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE episode SET intensity = ?", (stored,))
    conn.commit()
    conn.close()
    capsys.readouterr()

    quick = main_quick(["--db", str(db_path), "log", "twitch"])
    said = capsys.readouterr()

    assert quick in (2, None)  # refused here, or left to the store, which refuses it
    if quick is None:
        assert cli("log", "twitch").code == 2
    else:
        assert said.err.count("\n") == 1 and "intensity" in said.err and "Traceback" not in said.err
    assert select_rows(db_path, "SELECT count(*) FROM episode") == [(1,)]


def test_an_imported_twitch_of_no_duration_is_refused_as_typed_one_is(cli, db_path, tmp_path) -> None:
    assert cli("log", "none", "--date", "2026-11-18").code == 0
    export = tmp_path / "h.csv"
    export.write_text("started_at,location,duration_s\n2026-11-19T09:00:00+00:00,eyelid,0\n", encoding="utf-8")

    done = cli("import", "csv", str(export))

    assert done.code == 2 and done.err.count("\n") == 1 and "duration" in done.err, done.err
    assert select_rows(db_path, "SELECT count(*) FROM episode") == [(0,)]
    assert cli("log", "twitch", "--duration", "0").code == 2


def test_a_daily_file_saying_none_on_a_day_with_one_twitch_says_so_in_the_singular(cli, db_path, tmp_path) -> None:
    assert cli("log", "twitch", "--at", "2026-11-20T09:00").code == 0
    daily = tmp_path / "daily.csv"
    header = cli("export", "csv").out.splitlines()[0]
    daily.write_text(f"{header}\n2026-11-20,1,0,,,,,,,,,,\n", encoding="utf-8")

    done = cli("import", "csv", str(daily))

    assert done.code == 0 and "yours 1 twitch, the file's no twitches" in done.out, done.err
