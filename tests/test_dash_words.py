"""Free text that starts with a dash is taken as text, not as an unknown option."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.usefixtures("frozen")


@pytest.mark.parametrize(
    ("argv", "note"),
    [
        (["log", "twitch", "--note", "-left"], "-left"),
        (["log", "twitch", "--note", "-left", "--location", "eyelid"], "-left"),
        (["log", "stress", "3", "--note", "-x"], "-x"),
        (["log", "redflag", "drooping", "--note", "-left side"], "-left side"),
        (["log", "note", "-left"], "-left"),
        (["log", "note", "-left", "eyelid", "--date", "2026-11-23"], "-left eyelid"),
    ],
    ids=" ".join,
)
def test_a_note_that_starts_with_a_dash_is_kept(cli, argv: list[str], note: str) -> None:
    result = cli(*argv)
    assert result.code == 0, result.err
    items = json.loads(cli("list", "--from", "2026-11-23", "--json").out)
    assert [item["note"] for item in items if item.get("note")] == [note]


def test_an_intervention_note_that_starts_with_a_dash_is_kept(cli) -> None:
    assert cli("intervention", "start", "magnesium", "--note", "-300mg").code == 0
    assert "-300mg" in cli("intervention", "list").out


def test_an_option_after_an_option_still_means_an_option(cli) -> None:
    assert cli("log", "stress", "2").code == 0
    result = cli("log", "twitch", "--note", "--at", "08:00")
    assert result.code == 2 and result.err.count("\n") == 1, result.err
    assert [item["type"] for item in json.loads(cli("list", "--json").out)] == ["factor"]
