"""What page 1 of the visit report cuts short for room (a long intervention note, a medication,
red flags beyond the box) is printed whole on a later page, and page 1 names that page: a doctor
holding the PDF cannot run a `tracker` command to read the rest."""

from __future__ import annotations

import re

from pypdf import PdfReader

NOTE = " ".join(["glycinate with dinner, a glass of water after, forgotten on weekends away"] * 10)


def test_text_cut_on_page_one_is_whole_on_the_page_it_names(cli, frozen, tmp_path) -> None:  # type: ignore[no-untyped-def]
    for day in range(1, 24):
        cli("log", "twitch", "--location", "eyelid", "--side", "left", "--date", f"2026-11-{day:02}")
    assert cli("intervention", "start", "magnesium", "--date", "2026-11-10", "--note", NOTE).code == 0
    for day in range(2, 23, 2):
        assert (
            cli("log", "redflag", "numbness", "--date", f"2026-11-{day:02}", "--note", f"day {day}: {NOTE}").code == 0
        )
    out = tmp_path / "visit.pdf"
    assert cli("report", "-o", str(out)).code == 0

    pages = [" ".join(page.extract_text().split()) for page in PdfReader(out).pages]

    assert "`tracker" not in pages[0]
    named = {int(number) for number in re.findall(r"whole on page (\d+)", pages[0])}
    assert len(named) == 1, pages[0]
    later = " ".join(pages[named.pop() - 1 :])
    assert "In full: what earlier pages cut short for room" in later
    assert f"Magnesium: from 10 Nov 2026, no end date given; {NOTE}" in later  # the intervention line, whole
    assert f"Mon 2 Nov 2026: numbness or tingling (logged: day 2: {NOTE})" in later  # an earlier flag the box left out


def test_a_long_red_flag_note_is_whole_under_notes(cli, frozen, tmp_path) -> None:  # type: ignore[no-untyped-def]
    cli("log", "twitch", "--location", "eyelid", "--side", "left", "--date", "2026-11-20")
    long_note = " ".join([NOTE] * 4)  # some 3,000 characters: far past the eight lines a day note gets
    assert cli("log", "redflag", "numbness", "--date", "2026-11-20", "--note", long_note).code == 0
    out = tmp_path / "visit.pdf"
    assert cli("report", "-o", str(out)).code == 0

    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(out).pages)

    assert f"Red flag, numbness or tingling: {long_note}" in text
    assert "`tracker list" not in text
