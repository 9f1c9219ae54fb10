"""The command line's words say what it does: --at with --date, the report's help, where files go."""

from __future__ import annotations

from tracker.tui.screens.help import HELP


def test_at_a_clock_time_with_a_date_is_that_time_on_that_day(cli, frozen) -> None:
    logged = cli("log", "twitch", "--at", "10:00", "--date", "2026-11-20", "--location", "eyelid")
    assert logged.code == 0, logged.err
    shown = cli("list", "--date", "2026-11-20").out
    assert "10:00" in shown


def test_at_a_full_moment_with_a_date_says_in_one_line_what_is_allowed(cli, frozen) -> None:
    for what in ("caffeine", "twitch"):
        args = ["log", what, "95"] if what == "caffeine" else ["log", what]
        refused = cli(*args, "--at", "2026-11-20 10:00", "--date", "2026-11-20")
        assert refused.code == 2 and refused.err.count("\n") == 1
        assert '--at HH:MM with --date YYYY-MM-DD, or --at "YYYY-MM-DD HH:MM"' in refused.err
    assert cli("list", "--date", "2026-11-20").out.count("twitch") == 0


def test_report_help_promises_no_page_count(db_path) -> None:
    import subprocess
    import sys

    for args in (["--help"], ["report", "--help"]):
        helped = subprocess.run(
            [sys.executable, "-m", "tracker", "--db", str(db_path), *args], capture_output=True, text=True
        )
        assert "one-page" not in helped.stdout and "as many pages" in helped.stdout


def test_the_help_screen_says_where_files_go() -> None:
    assert "beside your data" not in HELP and "exports/ in your data folder" in HELP
