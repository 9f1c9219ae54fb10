"""A report for a period that ended in the past speaks of that period, not of the day it is read."""

from __future__ import annotations

from pypdf import PdfReader


def test_a_past_period_has_no_ago_and_no_not_yet(cli, frozen, tmp_path) -> None:
    # Twitches in early November; magnesium started after the period the report covers.
    for day in ("2026-11-02", "2026-11-03", "2026-11-05"):
        assert cli("log", "twitch", "--date", day, "--location", "eyelid", "--side", "left").code == 0
    assert cli("intervention", "start", "magnesium", "--date", "2026-11-20").code == 0
    pdf = tmp_path / "report.pdf"
    assert cli("report", "-o", str(pdf), "--from", "2026-11-01", "--to", "2026-11-10").code == 0
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(pdf).pages).split())
    assert "ago" not in text and "not started yet" not in text
    assert "first logged on 2 Nov 2026, 8 days before 10 Nov 2026" in text
    # the start said once: the line says when it began, then that it began after the period
    assert "Magnesium: from 20 Nov 2026, no end date given. Began after the period analysed (to 10 Nov 2026)" in text
    assert text.count("20 Nov 2026") == 1, text


def test_the_notes_heading_says_its_dates_are_the_days_with_a_note(cli, frozen, tmp_path) -> None:
    for day in ("2026-11-20", "2026-11-21", "2026-11-23"):
        assert cli("log", "twitch", "--date", day).code == 0
    assert cli("log", "note", "slept badly", "--date", "2026-11-21").code == 0
    assert cli("log", "note", "long drive", "--date", "2026-11-23").code == 0
    pdf = tmp_path / "report.pdf"
    assert cli("report", "-o", str(pdf), "--from", "2026-11-20").code == 0
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(pdf).pages).split())

    assert "Notes, 2 days with a note: 21 Nov 2026 to 23 Nov 2026" in text, text
