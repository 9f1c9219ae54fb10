"""A "no" to "it began after starting a new medicine" is set beside the medication list's dates in
every reader: on page 1 of the report and in `tracker analyze`, for a medicine begun in the weeks
before the twitching and for one begun since it began."""

from __future__ import annotations

from pypdf import PdfReader


def _page_one(cli, tmp_path) -> str:  # type: ignore[no-untyped-def]
    out = tmp_path / "visit.pdf"
    assert cli("report", "-o", str(out)).code == 0
    return " ".join(PdfReader(out).pages[0].extract_text().split())


def test_analyze_sets_the_no_beside_a_medicine_begun_before_the_twitching(cli, frozen) -> None:  # type: ignore[no-untyped-def]
    cli("log", "twitch", "--date", "2026-11-20")
    assert cli("onset", "2026-11-04").code == 0
    assert cli("med", "add", "Sertraline", "--dose", "50 mg daily", "--started", "2026-11-01").code == 0
    assert cli("checklist", "--no", "all", "--date", "2026-11-22").code == 0

    said = " ".join(cli("analyze").out.split())

    assert "A new medicine: answered no on 22 Nov 2026, but Sertraline, started 1 Nov 2026, is a new medicine" in said


def test_a_medicine_begun_since_the_twitching_began_is_set_beside_the_no(cli, frozen, tmp_path) -> None:  # type: ignore[no-untyped-def]
    cli("log", "twitch", "--date", "2026-11-05")
    assert cli("onset", "2026-11-04").code == 0
    assert cli("med", "add", "Sertraline", "--dose", "50 mg daily", "--started", "2026-11-10").code == 0
    assert cli("checklist", "--no", "all", "--date", "2026-11-22").code == 0

    page = _page_one(cli, tmp_path)
    said = " ".join(cli("analyze").out.split())

    line = (
        "A new medicine: answered no on 22 Nov 2026, but Sertraline was started 10 Nov 2026, after the twitching "
        "began (from the medication list)."
    )
    assert "no new medicine" not in page
    assert line in page
    assert line in said


def test_no_line_when_the_list_holds_no_new_medicine(cli, frozen) -> None:  # type: ignore[no-untyped-def]
    cli("log", "twitch", "--date", "2026-11-20")
    assert cli("med", "add", "omeprazole", "--started", "2025-01-01").code == 0
    assert cli("checklist", "--no", "all", "--date", "2026-11-22").code == 0

    assert "answered no" not in cli("analyze").out
