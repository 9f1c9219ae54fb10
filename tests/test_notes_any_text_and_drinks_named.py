"""A note may be any text, "--" included, and a factor logged as drinks (`log water 2 glass`)
keeps which drinks it was in its note, shown by `list`."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.usefixtures("frozen")


@pytest.mark.parametrize(
    ("args", "note"),
    [
        (("log", "note", "--"), "--"),
        (("log", "note", "--note", "--"), "--note --"),
        (("log", "note", "-left", "eye"), "-left eye"),
        (("log", "note", "--date", "yesterday", "--"), "--"),
    ],
)
def test_a_day_note_is_the_text_typed(cli, args, note) -> None:
    logged = cli(*args)
    assert logged.code == 0, logged.err
    assert f"{note!r}" in logged.out
    assert f"note: {note}" in cli("list", "--date", "yesterday" if "yesterday" in args else "today").out


def test_a_twitch_note_of_two_dashes_is_kept(cli) -> None:
    logged = cli("log", "twitch", "--note", "--")
    assert logged.code == 0, logged.err
    assert cli("list").out.rstrip().endswith("— --")


def test_water_logged_as_glasses_says_so_in_list(cli) -> None:
    logged = cli("log", "water", "2", "glass", "--note", "after a run")
    assert logged.code == 0, logged.err
    listed = cli("list").out
    assert "water 500 ml — 2 × glass; after a run" in listed
    assert cli("log", "water", "1.5l").code == 0
    assert cli("list").out.rstrip().endswith("water 1500 ml")  # an amount typed needs no note
