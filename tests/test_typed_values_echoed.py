"""What a person typed is what they read back: `log sleep 24h1` is refused as '24h1' (read as
24.02), not as a 24.02 nobody typed; a value given as hours and minutes or as a preset name is
confirmed as typed, with what it was read as."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.usefixtures("frozen")


def test_a_refused_sleep_names_the_hours_as_typed(cli) -> None:
    result = cli("log", "sleep", "24h1")
    assert result.code == 2 and result.err.count("\n") == 1
    assert "sleep: '24h1' is not allowed" in result.err and "24h1 read as 24.02" in result.err


def test_a_refused_plain_number_is_named_as_before(cli) -> None:
    result = cli("log", "stress", "99")
    assert result.code == 2 and "stress: 99 is not allowed; allowed 0–10" in result.err


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["log", "sleep", "6:10"], "sleep 6:10 (6 h 10 min)"),
        (["log", "water", "glass"], "water glass (250 ml)"),
        (["log", "stress", "4"], "stress 4,"),
        (["log", "stress", "4.0"], "stress 4,"),
    ],
)
def test_a_logged_value_is_confirmed_as_typed(cli, argv: list[str], said: str) -> None:
    result = cli(*argv)
    assert result.code == 0 and said in result.out + result.err, (result.out, result.err)
