"""The visit report as a GP reads it cold: a short period is never taken for the whole history,
page 1 keeps the whole site history, the onset given stands beside the days logged, the red-flag
answers read as sentences, and an old import does not stretch the report over years."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from pypdf import PdfReader

from tests.charts.test_layout import _assert_inside, _drawn_texts
from tests.samples.conftest import SAMPLES
from tracker.report.outputs import chart_figure_of, report_content, site_picture_of
from tracker.report.pdf import report_pages
from tracker.storage.engine import open_database, session_scope
from tracker.storage.history import load_history

TODAY = dt.date(2026, 11, 24)  # the `frozen` clock's day


def _diary(cli) -> None:  # type: ignore[no-untyped-def]
    """The upper lip from 1 to 10 Oct, then the left eyelid every day from 20 Oct to 23 Nov;
    speech logged on 18 Nov; the checklist answered "no" on 10 Nov; magnesium from 1 Nov,
    started and its doses logged."""
    day = dt.date(2026, 10, 1)
    while day <= dt.date(2026, 11, 23):
        place = "upper-lip" if day <= dt.date(2026, 10, 10) else "eyelid" if day >= dt.date(2026, 10, 20) else None
        if place:
            assert cli("log", "twitch", "--date", day.isoformat(), "--location", place, "--side", "left").code == 0
        if day >= dt.date(2026, 11, 1):
            assert cli("log", "magnesium", "200", "--date", day.isoformat()).code == 0
        day += dt.timedelta(days=1)
    assert cli("checklist", "--no", "all", "--date", "2026-11-10").code == 0
    assert cli("log", "redflag", "speech", "--date", "2026-11-18").code == 0
    assert cli("intervention", "start", "magnesium", "--date", "2026-11-01").code == 0


def _report(cli, tmp_path, *period: str) -> str:  # type: ignore[no-untyped-def]
    out = tmp_path / "report.pdf"
    assert cli("report", "-o", str(out), *period).code == 0
    return " ".join(" ".join(page.extract_text() for page in PdfReader(out).pages).split())


def test_a_short_period_is_not_taken_for_the_whole_history(cli, frozen, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _diary(cli)

    text = _report(cli, tmp_path, "--from", "2026-11-22", "--to", "2026-11-23")

    # Flags logged before the period are named, not "No red flags logged".
    assert "No red flags logged." not in text
    assert "No red flags logged in this period; 1 logged earlier: trouble speaking (18 Nov 2026)." in text
    # The first entry is the diary's, not the period's last day.
    assert "first logged on 1 Oct 2026" in text and "the period's last day" not in text
    # The days before the period were answered: none is called unanswered.
    assert "were not answered" not in text
    assert "the 7 before, 7 twitches on 7 days" in text
    # The history says what it covers, and covers it: October is in it.
    assert "History, by site and over time: the whole diary, 1 Oct 2026 to 23 Nov 2026" in text
    # (page 1 is full here: the history goes on as its one-line-per-site form on page 2)
    assert "left upper lip 1 Oct–10 Oct 2026 (10 on 10 days)" in text
    # What saw only the period's days says so.
    assert "Possible triggers, judged on this period only (22 Nov 2026 to 23 Nov 2026)" in text


def test_page_one_keeps_the_whole_site_history_inside_the_page(cli, frozen, tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert cli("demo").code == 0
    out = tmp_path / "report.pdf"
    assert cli("report", "-o", str(out)).code == 0
    pages = [" ".join(page.extract_text().split()) for page in PdfReader(out).pages]

    assert not any("no room here" in page for page in pages)
    history = " ".join(pages[:2])
    for site in ("upper lip (center)", "lower lip (center)", "left eyelid", "left cheek"):
        assert f"{site} " in history.split("History, by site and over time", 1)[1], site
    assert "Twitching days by month" in history and "median burst" in history


def test_the_pages_of_a_crowded_report_keep_their_text_inside(cli, frozen, db_path) -> None:  # type: ignore[no-untyped-def]
    assert cli("demo").code == 0
    assert cli("checklist", "--no", "all").code == 0
    engine = open_database(db_path)
    try:
        with session_scope(engine, write=False) as session:
            history = load_history(session=session, as_of=TODAY, today=TODAY)
    finally:
        engine.dispose()
    for number, page in enumerate(report_pages(**report_content(history, today=TODAY)), start=1):
        _assert_inside(page, _drawn_texts(page), margin=0.25, where=f"page {number}")


def test_the_onset_stands_beside_the_days_logged_in_every_reader(cli, frozen, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _diary(cli)
    before = json.loads(cli("analyze", "--json").out)["persistence"]

    assert cli("onset", "2026-09-22").code == 0
    after = json.loads(cli("analyze", "--json").out)["persistence"]
    text = cli("analyze").out

    # The remembered start is said, labelled; the run and the status count only days logged.
    assert (after["status"], after["current_run"]) == (before["status"], before["current_run"])
    assert (
        "Onset as given: 2026-09-22, 9 weeks before 2026-11-24; as logged: twitching on 27 of the last 28 days, "
        "the first on 2026-10-01." in text
    )
    assert "Twitching began 22 Sep 2026, as the person recalls it; first logged on 1 Oct 2026" in _report(cli, tmp_path)

    # An onset after the first twitch logged: both, and the entry is earlier.
    assert cli("onset", "2026-10-05", "--force").code == 0  # later than the first twitch: only when insisted on
    assert "the first twitch logged, 2026-10-01, is earlier." in cli("analyze").out
    assert "Twitching began 5 Oct 2026, as the person recalls it; the first twitch logged is earlier: 1 Oct" in (
        _report(cli, tmp_path)
    )


def test_page_one_reads_as_sentences_and_says_each_thing_once(cli, frozen, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _diary(cli)

    text = _report(cli, tmp_path)

    assert "no in sleep" not in text and "no speech" not in text and "no bells palsy" not in text
    assert (
        "Asked 10 Nov 2026, before the trouble speaking logged 18 Nov 2026: not spreading to other parts of the face;"
        in text
    )
    assert "not seen while asleep" in text
    # The clinician's page states the sign; the person's emergency advice is not its headline.
    assert "emergency" not in text
    assert "Wed 18 Nov 2026: trouble speaking (logged)" in text
    assert "[today: call emergency services if sudden]" not in text
    # Magnesium started and its doses logged: one line, not an intervention and a supplement.
    assert "Magnesium logged on" not in text
    assert "Magnesium: from 1 Nov 2026, no end date given" in text and "Doses logged on 23 days of this period" in text
    answered = cli("checklist", "--no", "in-sleep").out
    assert answered == "recorded for 24 Nov 2026, answered no (1): not seen while asleep\n"


@pytest.mark.skipif(not (SAMPLES / "daylio").is_dir(), reason=f"no shared samples at {SAMPLES}")
def test_an_old_import_is_one_line_not_years_of_empty_report(cli, frozen, db_path, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _diary(cli)
    assert cli("import", "daylio", str(SAMPLES / "daylio" / "staticf0x_test_data.csv")).code == 0

    text = _report(cli, tmp_path)

    assert "Facial twitching: visit summary 1 Oct 2026 to 24 Nov 2026:" in text
    assert "Earlier entries, not in this report: 5 days logged from 25 May 2020 to 30 May 2020" in text
    assert "2020" not in text.replace("25 May 2020 to 30 May 2020", "").replace("--from 2020-05-25", "")
    engine = open_database(db_path)
    try:
        with session_scope(engine, write=False) as session:
            history = load_history(session=session, as_of=TODAY, today=TODAY, from_tracking_start=True)
    finally:
        engine.dispose()
    picture = site_picture_of(history)
    assert picture.starts[0] >= dt.date(2026, 9, 28) and len(picture.starts) <= 9  # weeks, not 2,000 days
    # Asked for, the earlier days are there.
    assert "25 May 2020 to 24 Nov 2026" in _report(cli, tmp_path, "--from", "2020-05-25")


def test_one_weekly_caffeine_mean_in_the_packet(cli, frozen, db_path, tmp_path) -> None:  # type: ignore[no-untyped-def]
    # Twitches answered every day of two weeks, coffee logged on some: a coffee-free day is none.
    for offset in range(14):
        day = (TODAY - dt.timedelta(days=offset)).isoformat()
        assert cli("log", "twitch", "--date", day, "--location", "eyelid", "--side", "left").code == 0
        if offset % 2:
            assert cli("log", "caffeine", "200", "--date", day).code == 0
    engine = open_database(db_path)
    try:
        with session_scope(engine, write=False) as session:
            history = load_history(session=session, as_of=TODAY, today=TODAY)
    finally:
        engine.dispose()

    png = chart_figure_of(history, weeks=12, factors=["caffeine_mg", "sleep_h"])
    pdf = report_pages(**report_content(history, today=TODAY))

    def caffeine(figures) -> tuple[str, list[float]]:  # type: ignore[no-untyped-def]
        for figure in figures:
            for ax in figure.axes:
                if ax.get_title(loc="left").startswith("Caffeine"):
                    values = [float(y) for line in ax.get_lines() for y in line.get_ydata() if y == y]
                    return ax.get_title(loc="left"), values
        raise AssertionError("no caffeine panel")

    title, values = caffeine([png])
    assert caffeine(pdf) == (title, values)
    assert title == "Caffeine (mg): mean of days answered, none logged = 0, per week"
    # 200 mg on 3 of the 7 days answered (16-22 Nov), then on 1 of 2: never 200, the mean of the days logged.
    assert values[-2:] == pytest.approx([600 / 7, 100.0])
