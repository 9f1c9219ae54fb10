"""A day answered "no twitches" is never rewritten silently: `log twitch` on it says that the
twitch changes the answer, and one `undo` puts both back."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.usefixtures("frozen")

SAID = "Tue 24 Nov was answered 'no twitches'; logging a twitch changes that"


def test_a_twitch_on_a_no_twitches_day_says_it_changes_the_answer(cli) -> None:
    assert cli("log", "none").code == 0
    logged = cli("log", "twitch", "--at", "08:00")
    assert logged.code == 0
    assert SAID in logged.out
    assert "no twitches" not in cli("list").out
    undone = cli("undo")
    assert "put back the no-twitches answer" in undone.out
    listed = cli("list").out
    assert "no twitches" in listed and "twitch," not in listed


def test_a_twitch_on_an_unanswered_day_says_nothing_about_it(cli) -> None:
    assert cli("log", "caffeine", "95").code == 0
    assert "answered 'no twitches'" not in cli("log", "twitch", "--at", "08:00").out


# An import keeps the answer instead and lists the conflict: tests/test_episodes_onto_no_twitches.py.
