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


def test_a_twitch_note_names_every_site_of_its_twitch(cli, tmp_path) -> None:
    assert cli(
        "log", "twitch", "--location", "eyelid", "--side", "right", "--site", "eyelid:left",
        "--at", "2026-11-30T09:00", "--note", "both eyes at once",
    ).code == 0  # fmt: skip
    path = tmp_path / "visit.pdf"
    assert cli("report", "-o", str(path)).code == 0
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)
    assert "Twitch 09:00, right eyelid + left eyelid: both eyes at once" in text
