"""The visit report tells the story of the twitching's sites as the diary holds it: which site came
first is judged on the whole diary up to the period's end, each new site gets one verdict, a lone
twitch elsewhere is never a site the twitching "moved" from, and a note names every site of its
twitch. A diary logged through the command line into a real SQLite file, read back from the PDF."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from zoneinfo import ZoneInfo

import pytest
import time_machine
from pypdf import PdfReader

NOW = dt.datetime(2026, 12, 1, 9, 0, tzinfo=ZoneInfo("Europe/London"))


@pytest.fixture(autouse=True)
def _frozen() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


def lip_then_eyelid(cli) -> None:  # type: ignore[no-untyped-def]
    """The left lower lip from 25 Nov (to 28 Nov), the left eyelid from 27 Nov, one chin twitch
    on 26 Nov, the right upper lip on 30 Nov."""

    def twitch(day: int, hour: str, place: str, side: str) -> None:
        at = f"2026-11-{day}T{hour}"
        assert cli("log", "twitch", "--location", place, "--side", side, "--at", at).code == 0

    for day in (25, 26, 27, 28):
        twitch(day, "08:00", "lower-lip", "left")
    for day in (27, 28, 29, 30):
        twitch(day, "10:00", "eyelid", "left")
    twitch(26, "12:00", "chin", "center")
    twitch(30, "14:00", "upper-lip", "right")


def page_one(cli, tmp_path, *period: str) -> str:  # type: ignore[no-untyped-def]
    path = tmp_path / "visit.pdf"
    assert cli("report", "-o", str(path), *period).code == 0
    return " ".join(PdfReader(path).pages[0].extract_text().split())


def test_a_short_period_tells_which_site_came_first_from_the_whole_diary(cli, tmp_path) -> None:
    lip_then_eyelid(cli)
    short = page_one(cli, tmp_path, "--from", "2026-11-29", "--to", "2026-11-30")
    # Judged on its two days alone, the eye came first and the mouth spread from it.
    assert "the eye, then the mouth" not in short  # the spread began 27 Nov: not one of this period's flags
    whole = page_one(cli, tmp_path, "--to", "2026-11-30")
    assert "spreading (suggested by the entries: twitching in 2 places within two weeks: the mouth, then" in whole


def test_each_new_site_gets_one_verdict_and_a_lone_twitch_is_never_moved_from(cli, tmp_path) -> None:
    lip_then_eyelid(cli)
    text = page_one(cli, tmp_path)  # as of 1 Dec: the chin's one twitch is five days old
    assert "moved, not spread" not in text
    assert text.count("Derived: left eyelid began 27 Nov 2026") == 1
    assert "Derived: left eyelid began 27 Nov 2026 while left lower lip went on (spreading)." in text
    assert text.count("Derived: right upper lip only on 30 Nov 2026 (1 twitch on 1 day)") == 1  # one day: no spread yet
    assert "chin (center) twitching ended" not in text  # one twitch is no site that stopped


def test_a_twitch_that_moved_is_still_called_moved(cli, tmp_path) -> None:
    for place, day in [("lower-lip", 10), ("lower-lip", 11), ("lower-lip", 12), ("eyelid", 20), ("eyelid", 21)]:
        assert cli("log", "twitch", "--location", place, "--side", "left", "--at", f"2026-11-{day}T08:00").code == 0
    text = page_one(cli, tmp_path)
    assert "Derived: left eyelid began 20 Nov 2026 as left lower lip stopped (moved, not spread)." in text


def test_a_twitch_note_names_every_site_of_its_twitch(cli, tmp_path) -> None:
    assert cli(
        "log", "twitch", "--location", "eyelid", "--side", "right", "--site", "eyelid:left",
        "--at", "2026-11-30T09:00", "--note", "both eyes at once",
    ).code == 0  # fmt: skip
    path = tmp_path / "visit.pdf"
    assert cli("report", "-o", str(path)).code == 0
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)
    assert "Twitch 09:00, right eyelid + left eyelid: both eyes at once" in text


def test_moved_only_when_every_earlier_site_had_stopped() -> None:
    from tracker.analysis.sites import SiteEntry, site_starts

    def on(site: tuple[str, str], *days: int) -> list[SiteEntry]:
        return [SiteEntry(dt.date(2026, 11, day), *site, None, n) for n, day in enumerate(days)]

    lip, cheek, eyelid = ("lower-lip", "left"), ("cheek", "left"), ("eyelid", "left")
    # The lip stopped long ago; the cheek went quiet only three days before the end: too soon to tell.
    entries = [*on(lip, 10, 11, 12), *on(cheek, 14, 18), *on(eyelid, 20, 21)]
    (start,) = [start for start in site_starts(entries, dt.date(2026, 11, 21)) if start.site == eyelid]
    assert start.course == "unsettled"
