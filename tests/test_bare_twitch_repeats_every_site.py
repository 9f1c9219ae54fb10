"""`tracker log twitch` with no place and no side repeats the latest twitch's whole set of sites
(an eyelid and a mouth corner together stay together), and says so; a place or a side given
names where it is, and nothing more is repeated."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.usefixtures("frozen")  # 2026-11-24 09:30, Europe/London


def test_a_bare_log_twitch_repeats_every_site(cli) -> None:  # type: ignore[no-untyped-def]
    first = cli("log", "twitch", "--at", "08:00", "--site", "eyelid:left", "--site", "mouth-corner:left")
    assert first.code == 0, first.err

    again = cli("log", "twitch")

    assert again.code == 0, again.err
    assert "left eyelid + left mouth corner" in again.out and "as last time" in again.out
    episodes = cli("export", "csv", "--episodes").out.splitlines()
    header = episodes[0].split(",")
    also = [line.split(",")[header.index("also_sites")] for line in episodes[1:]]
    assert also == ["mouth-corner:left", "mouth-corner:left"]


def test_a_place_given_is_the_only_site(cli) -> None:  # type: ignore[no-untyped-def]
    cli("log", "twitch", "--at", "08:00", "--site", "eyelid:left", "--site", "mouth-corner:left")

    assert cli("log", "twitch", "--location", "cheek").code == 0

    episodes = cli("export", "csv", "--episodes").out.splitlines()
    header = episodes[0].split(",")
    assert episodes[-1].split(",")[header.index("also_sites")] == ""


def test_the_standard_library_path_repeats_every_site_too(cli, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from tracker.quick import main

    db = tmp_path / "diary.db"
    cli("log", "twitch", "--at", "08:00", "--site", "eyelid:left", "--site", "mouth-corner:left", db=db)
    monkeypatch.setattr("sys.argv", ["tracker", "--db", str(db), "log", "twitch"])

    assert main() == 0

    episodes = cli("export", "csv", "--episodes", db=db).out.splitlines()
    header = episodes[0].split(",")
    assert [line.split(",")[header.index("also_sites")] for line in episodes[1:]] == ["mouth-corner:left"] * 2
