"""Relievers on page 1: each relief tag logged, how many twitches it was tried on and how many
of those have a recorded end, and the plain statement that whether it worked is not recorded."""

from __future__ import annotations

from pypdf import PdfReader


def _page_one(cli, tmp_path) -> str:  # type: ignore[no-untyped-def]
    out = tmp_path / "visit.pdf"
    assert cli("report", "-o", str(out)).code == 0
    return " ".join(PdfReader(out).pages[0].extract_text().split())


def test_relief_tags_are_counted_with_the_bursts_recorded(cli, frozen, tmp_path) -> None:  # type: ignore[no-untyped-def]
    for day in ("2026-11-18", "2026-11-19", "2026-11-20"):
        cli("log", "twitch", "--date", day, "--duration", "40s", "--relief", "pressed")
    cli("log", "twitch", "--date", "2026-11-21", "--relief", "pressed", "--relief", "cold-compress")
    cli("log", "twitch", "--date", "2026-11-22", "--duration", "2m")

    page = _page_one(cli, tmp_path)

    assert (
        "Relief tried, as logged: pressed on 4 twitches, 3 with a recorded end (median burst 40 s); "
        "cold compress on 1 twitch, none with a recorded end." in page
    )
    assert "Timed twitches with no relief logged: median burst 2 min (1)." in page
    assert "Whether a relief stopped the twitch is not recorded" in page


def test_no_relief_logged_says_so_and_how_to_record_it(cli, frozen, tmp_path) -> None:  # type: ignore[no-untyped-def]
    cli("log", "twitch", "--date", "2026-11-20")

    assert "Relief: none logged with any twitch" in _page_one(cli, tmp_path)
