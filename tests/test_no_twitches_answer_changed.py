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


def test_importing_twitches_onto_a_no_twitches_day_says_so_and_leaves_one_answer(cli, tmp_path) -> None:
    episodes = tmp_path / "episodes.csv"
    elsewhere = tmp_path / "elsewhere.db"
    assert cli("log", "twitch", "--at", "08:00", db=elsewhere).code == 0
    assert cli("export", "csv", "--episodes", "-o", str(episodes), db=elsewhere).code == 0
    assert cli("log", "none").code == 0

    imported = cli("import", "csv", str(episodes))
    assert imported.code == 0
    assert "Tue 24 Nov was answered 'no twitches'; importing its twitches changes that" in imported.out
    listed = cli("list").out
    assert "twitch," in listed and "no twitches" not in listed  # one answer, not both
    assert cli("undo").code == 0
    assert "no twitches" in cli("list").out
