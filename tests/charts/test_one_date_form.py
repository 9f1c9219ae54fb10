"""Every date a clinician reads in the visit report is written one way, "3 Mar 2026" (with the
weekday in the day table and the notes), never "03 Mar", "2026-03-03" or "Mar 3"."""

from __future__ import annotations

import re

from pypdf import PdfReader

ISO = re.compile(r"\d{4}-\d{2}-\d{2}")
PADDED = re.compile(r"\b0\d [A-Z][a-z]{2}\b")
# "Nov 3", not the "Nov 16" of a row of chart ticks ("9 Nov 16 Nov")
MONTH_FIRST = re.compile(r"(?<!\d )\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{1,2}\b(?! [A-Z][a-z]{2})")


def test_the_report_writes_every_date_one_way(cli, frozen, tmp_path) -> None:  # type: ignore[no-untyped-def]
    for day in ("2026-11-02", "2026-11-03", "2026-11-05", "2026-11-09", "2026-11-16", "2026-11-20"):
        cli("log", "twitch", "--date", day, "--location", "eyelid", "--side", "left", "--note", "after a long day")
    cli("log", "twitch", "--date", "2026-11-21", "--location", "cheek", "--side", "left")
    cli("log", "redflag", "drooping", "--date", "2026-11-21", "--note", "left eyelid")
    cli("intervention", "start", "magnesium", "--date", "2026-11-04")
    cli("log", "note", "slept badly", "--date", "2026-11-06")
    cli("checklist", "--no", "weakness", "--date", "2026-11-07")
    cli("onset", "2026-10-03")
    out = tmp_path / "visit.pdf"
    assert cli("report", "-o", str(out)).code == 0

    text = "\n".join(page.extract_text() for page in PdfReader(out).pages)
    # A command to type keeps the form the command line reads: `tracker list --date 2026-11-21`.
    readable = re.sub(r"--date \d{4}-\d{2}-\d{2}", "", text)

    assert ISO.findall(readable) == []
    assert PADDED.findall(readable) == []
    assert MONTH_FIRST.findall(readable) == []
    assert "3 Oct 2026" in text and "Sat 21 Nov 2026" in text and "2 Nov" in text
