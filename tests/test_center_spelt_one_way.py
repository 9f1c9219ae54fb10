"""Side "center" is spelt one way wherever a person reads or types it (the app, `log twitch`
and its help, `list`, refusals), as it is stored; the British "centre" is taken when typed."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.usefixtures("frozen")


def test_log_twitch_takes_centre_and_says_center(cli, capsys) -> None:
    logged = cli("log", "twitch", "--side", "centre", "--location", "eyelid")
    assert logged.code == 0, logged.err
    assert "eyelid (center)" in logged.out
    assert cli("log", "twitch", "--side", "center", "--location", "eyelid").code == 0  # the stored word, too
    assert "centre" not in cli("list").out
    assert ",center," in cli("export", "csv", "--episodes").out  # stored values unchanged
    helped = cli("log", "twitch", "--help")  # main() returns help's exit code
    assert helped.code == 0
    shown = helped.out
    assert "center" in shown and "centre" not in shown


def test_a_side_refused_lists_center(cli) -> None:
    refused = cli("log", "twitch", "--side", "middle")
    assert refused.code == 2
    assert "one of: left, right, both, center, unspecified" in refused.err
    assert cli("list").out == ""
