"""The red-flag checklist's "no" answers are kept with the day they were given, and page 1 reads
them as a clinician wants them: "Asked 20 Nov 2026: no weakness of the face; ...", apart from the signs
never asked about ("Not asked: ..."), which are unknown, never absent."""

from __future__ import annotations

import datetime as dt

from pypdf import PdfReader

from tracker.report.checklist_words import checklist_lines
from tracker.tui.diary import Diary


def _page_one(cli, tmp_path) -> str:  # type: ignore[no-untyped-def]
    out = tmp_path / "visit.pdf"
    assert cli("report", "-o", str(out)).code == 0
    return " ".join(PdfReader(out).pages[0].extract_text().split())


def test_no_answers_are_shown_with_their_day_and_the_rest_as_not_asked(cli, frozen, tmp_path) -> None:  # type: ignore[no-untyped-def]
    cli("log", "twitch", "--date", "2026-11-10")
    assert "Red-flag checklist not asked" in _page_one(cli, tmp_path)

    answered = cli("checklist", "--no", "weakness", "drooping", "--date", "2026-11-20")

    assert answered.code == 0
    assert answered.out == (
        "recorded for 20 Nov 2026, answered no (2): no weakness of the face; no drooping of the face, mouth or eyelid\n"
    )
    page = _page_one(cli, tmp_path)
    assert "Asked 20 Nov 2026: no weakness of the face; no drooping of the face, mouth or eyelid." in page
    assert "Not asked: spreading in the face; trouble speaking; trouble swallowing; eye forced shut;" in page
    assert "Red-flag checklist not asked" not in page


def test_all_answers_no_to_every_sign_not_logged_that_day(cli, frozen, tmp_path) -> None:  # type: ignore[no-untyped-def]
    cli("log", "twitch", "--date", "2026-11-10")
    cli("log", "redflag", "spreading", "--date", "2026-11-22")

    assert cli("checklist", "--no", "all", "--date", "2026-11-22").code == 0

    page = _page_one(cli, tmp_path)
    assert "Asked 22 Nov 2026: no weakness of the face; no drooping of the face, mouth or eyelid; no trouble " in page
    assert "not spreading" not in page  # logged that day: a yes, in the red-flag box
    assert "Not asked" not in page


def test_a_wrong_answer_is_refused_in_one_line_and_nothing_is_kept(cli, frozen, tmp_path) -> None:  # type: ignore[no-untyped-def]
    cli("log", "twitch", "--date", "2026-11-10")
    cli("log", "redflag", "weakness", "--date", "2026-11-21")

    for args in (
        ["--no", "itchy"],
        ["--no", "weakness", "--date", "2026-11-21"],
        ["--no", "all", "--date", "2027-01-01"],
    ):
        refused = cli("checklist", *args)
        assert refused.code == 2, args
        assert len(refused.err.strip().splitlines()) == 1 and "Traceback" not in refused.err

    assert "Asked " not in _page_one(cli, tmp_path)


def test_saving_the_checklist_in_the_tracker_keeps_the_unticked_signs_as_no(db_path, frozen) -> None:  # type: ignore[no-untyped-def]
    diary = Diary(db_path=db_path)
    diary.open()
    day = dt.date(2026, 11, 24)

    logged = diary.add_red_flags(day, ["numbness"])

    assert [flag.kind for flag in logged] == ["numbness"]
    from tracker.storage.diary_facts import checklist_noes
    from tracker.storage.engine import open_database, session_scope

    engine = open_database(db_path)
    try:
        with session_scope(engine, write=False) as session:
            noes = checklist_noes(session=session, end=day)
    finally:
        engine.dispose()
    assert "numbness" not in noes and noes["weakness"] == day and noes["in-sleep"] == day


def test_a_later_logged_flag_outranks_an_earlier_no() -> None:
    class Flag:
        date, kind, note = dt.date(2026, 11, 25), "weakness", ""

    lines = checklist_lines(
        {"weakness": dt.date(2026, 11, 20), "speech": dt.date(2026, 11, 20)}, [Flag()], dt.date(2026, 11, 30)
    )

    # A "no" given before a sign of any kind was logged says so: it was true then.
    assert lines[0] == "Asked 20 Nov 2026, before the weakness of the face logged 25 Nov 2026: no trouble speaking."
