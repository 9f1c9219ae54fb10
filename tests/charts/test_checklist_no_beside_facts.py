"""Page 1 never prints a red-flag checklist "no" beside a fact of the diary that contradicts it:
a sign logged before the "no" was given, a spread the entries suggest, a new medicine the
medication list shows. The answer and the fact each get their date, on a line of their own, and
the red flag stays in its box: a droop that has passed is still a droop a clinician asks about."""

from __future__ import annotations

from pypdf import PdfReader


def _page_one(cli, tmp_path) -> str:  # type: ignore[no-untyped-def]
    out = tmp_path / "visit.pdf"
    assert cli("report", "-o", str(out)).code == 0
    return " ".join(PdfReader(out).pages[0].extract_text().split())


def test_a_no_after_a_logged_droop_is_shown_with_both_dates(cli, frozen, tmp_path) -> None:  # type: ignore[no-untyped-def]
    cli("log", "twitch", "--location", "eyelid", "--side", "left", "--date", "2026-11-10")
    cli("log", "redflag", "drooping", "--date", "2026-11-18", "--note", "left eyelid")
    assert cli("checklist", "--no", "all", "--date", "2026-11-23").code == 0

    page = _page_one(cli, tmp_path)

    assert "no drooping" not in page
    assert "Drooping of the face, mouth or eyelid: answered no on 23 Nov 2026, but logged on 18 Nov 2026" in page
    assert "Asked 23 Nov 2026: not spreading to other parts of the face; no weakness of the face; no trouble" in page
    assert "Wed 18 Nov 2026: drooping" in page  # still in the red-flag box


def test_a_no_new_medicine_beside_a_derived_new_medicine_is_shown_with_both(cli, frozen, tmp_path) -> None:  # type: ignore[no-untyped-def]
    cli("log", "twitch", "--date", "2026-11-10")
    assert cli("med", "add", "prednisolone", "--dose", "20 mg", "--started", "2026-10-20").code == 0
    assert cli("checklist", "--no", "all", "--date", "2026-11-20").code == 0

    page = _page_one(cli, tmp_path)

    assert "no new medicine" not in page
    assert (
        "A new medicine: answered no on 20 Nov 2026, but prednisolone, started 20 Oct 2026, is a new medicine" in page
    )


def test_a_not_spreading_beside_a_suggested_spread_is_shown_with_both(cli, frozen, tmp_path) -> None:  # type: ignore[no-untyped-def]
    for day in range(10, 24):  # the lower lip every day; the left cheek too from 17 Nov
        cli("log", "twitch", "--location", "lower-lip", "--side", "left", "--date", f"2026-11-{day}", "--at", "09:00")
        if day >= 17:
            cli("log", "twitch", "--location", "cheek", "--side", "left", "--date", f"2026-11-{day}", "--at", "18:00")
    assert cli("checklist", "--no", "all", "--date", "2026-11-24").code == 0

    page = _page_one(cli, tmp_path)

    assert "not spreading" not in page
    assert (
        "Spreading in the face: answered no on 24 Nov 2026, but the entries suggest a spread from 17 Nov 2026" in page
    )


def test_a_no_before_the_sign_was_logged_is_kept_with_both_dates(cli, frozen, tmp_path) -> None:  # type: ignore[no-untyped-def]
    cli("log", "twitch", "--location", "eyelid", "--side", "left", "--date", "2026-11-10")
    assert cli("checklist", "--no", "all", "--date", "2026-11-20").code == 0
    cli("log", "redflag", "drooping", "--date", "2026-11-23", "--note", "left eyelid")

    page = _page_one(cli, tmp_path)

    assert "no drooping" not in page
    assert "Drooping of the face, mouth or eyelid: answered no on 20 Nov 2026; logged on 23 Nov 2026" in page
    # Asked before the droop was logged: the other answers say so, not "no" as of now.
    before = "Asked 20 Nov 2026, before the drooping of the face, mouth or eyelid logged 23 Nov 2026: "
    assert before + "not spreading to other parts of the face; no weakness of the face" in page
    assert "Mon 23 Nov 2026: drooping" in page  # in the red-flag box too
