"""Side "centre" is spelt one way wherever a person reads or types it (the app, `log twitch`
and its help, `list`, refusals); the stored value and the CSV keep "center", unchanged."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.usefixtures("frozen")


def test_log_twitch_takes_centre_and_says_centre(cli, capsys) -> None:
    logged = cli("log", "twitch", "--side", "centre", "--location", "eyelid")
    assert logged.code == 0, logged.err
    assert "eyelid (centre)" in logged.out
    assert cli("log", "twitch", "--side", "center", "--location", "eyelid").code == 0  # the stored word, too
    assert "center" not in cli("list").out
    assert ",center," in cli("export", "csv", "--episodes").out  # stored values unchanged
    helped = cli("log", "twitch", "--help")  # main() returns help's exit code
    assert helped.code == 0
    shown = helped.out
    assert "centre" in shown and "center" not in shown


def test_a_side_refused_lists_centre(cli) -> None:
    refused = cli("log", "twitch", "--side", "middle")
    assert refused.code == 2
    assert "one of: left, right, both, centre, unspecified" in refused.err
    assert cli("list").out == ""
