"""The report's day-by-day table says a yes-no factor as "yes" or "no", not 1 or 0, and "not
tracked" on the days before the factor was added (not "no", not "—")."""

from __future__ import annotations

import re

from pypdf import PdfReader


def _day_table(cli, tmp_path) -> str:  # type: ignore[no-untyped-def]
    out = tmp_path / "visit.pdf"
    assert cli("report", "-o", str(out)).code == 0
    pages = [page.extract_text() for page in PdfReader(out).pages]
    return next(text for text in pages if "Day by day" in text)


def _row(table: str, day: str) -> str:
    return next(line for line in table.splitlines() if line.startswith(day))


def test_a_yes_no_factor_reads_yes_or_no_and_not_tracked_before_it_was_added(cli, frozen, tmp_path) -> None:  # type: ignore[no-untyped-def]
    for day in range(18, 23):
        assert cli("log", "twitch", "--date", f"2026-11-{day}").code == 0
    cli("factor", "add", "eye_strain", "--kind", "yes-no")
    assert cli("log", "eye_strain", "yes", "--date", "2026-11-21").code == 0  # logged for a day before: tracked from it
    assert cli("log", "eye_strain", "no", "--date", "2026-11-22").code == 0

    table = _day_table(cli, tmp_path)

    assert "not tracked" in _row(table, "Fri 20 Nov")
    assert re.search(r"\byes\b", _row(table, "Sat 21 Nov"))
    assert re.search(r"\bno\b", _row(table, "Sun 22 Nov"))
    assert "not tracked" not in _row(table, "Sun 22 Nov")
