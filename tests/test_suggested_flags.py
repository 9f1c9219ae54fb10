"""A red flag the tool derives from the entries reads "suggested by the entries" wherever a
person can see it (analyze as text and JSON, the PDF, the chart, the TUI's Insights), and
only the flags the person logged are ever shown as logged."""

from __future__ import annotations

import datetime as dt
import json

import matplotlib.text
import pytest
from pypdf import PdfReader

from tracker.report.outputs import chart_figure_of, chart_marks
from tracker.storage.engine import open_database, session_scope
from tracker.storage.history import load_history

pytestmark = pytest.mark.usefixtures("frozen")
TODAY = dt.date(2026, 11, 24)
SUGGESTED = "suggested by the entries"


def two_places(cli) -> None:
    """An eyelid twitch, then the cheek on two days within two weeks: the analysis suggests
    spreading (a new site on a single day would not be one yet)."""
    cli("log", "twitch", "--location", "eyelid", "--side", "right", "--intensity", "3", "--at", "2026-11-20T08:00")
    cli("log", "twitch", "--location", "cheek", "--side", "left", "--intensity", "2", "--at", "2026-11-23T08:00")
    cli("log", "twitch", "--location", "cheek", "--side", "left", "--intensity", "2", "--at", "2026-11-24T08:00")


def page_one(path) -> str:
    return " ".join(PdfReader(path).pages[0].extract_text().split())


def test_analyze_labels_a_derived_flag_as_suggested_in_text_and_json(cli) -> None:
    two_places(cli)
    cli("log", "redflag", "drooping", "--date", "2026-11-22")
    flags = json.loads(cli("analyze", "--json").out)["red_flags"]
    assert [(flag["kind"], flag["source"]) for flag in flags] == [("drooping", "logged"), ("spreading", SUGGESTED)]
    text = cli("analyze").out
    assert "2026-11-22  drooping of the face, mouth or eyelid (you logged it)" in text
    assert f"2026-11-23  spreading ({SUGGESTED}): twitching in 2 places" in text


def test_the_report_never_lists_a_derived_flag_under_logged(cli, tmp_path) -> None:
    two_places(cli)
    path = tmp_path / "visit.pdf"
    assert cli("report", "-o", str(path)).code == 0
    text = page_one(path)
    assert "RED FLAGS LOGGED" not in text and "No red flags logged." in text
    assert f"RED FLAGS {SUGGESTED.upper()} (NOT LOGGED)" in text
    assert f"Mon 23 Nov 2026: spreading ({SUGGESTED}:" in text
    chart = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages[:2])
    assert "spreading (suggested)" in chart  # the weekly chart's marker, apart from a logged one's "!"

    cli("log", "redflag", "weakness", "--date", "2026-11-24")
    assert cli("report", "-o", str(path)).code == 0
    text = page_one(path)
    logged_box = text.split("RED FLAGS LOGGED")[1].split(f"RED FLAGS {SUGGESTED.upper()}")[0]
    assert "weakness of the face (logged)" in logged_box and "spreading" not in logged_box
    table = " ".join(PdfReader(path).pages[1].extract_text().split())
    assert "spreading*" in table and f"“*” = red flag {SUGGESTED}, not logged" in table


def test_the_chart_keeps_suggested_flags_apart_in_its_legend(cli, db_path) -> None:
    from tracker.report.charts import FlagMark

    two_places(cli)
    engine = open_database(db_path)
    with session_scope(engine, write=False) as session:
        history = load_history(session=session, as_of=TODAY)
    engine.dispose()
    marks = chart_marks(history)  # what `tracker chart` and the report draw
    assert marks.red_flags == [FlagMark(dt.date(2026, 11, 23), "spreading", suggested=True)]
    figure = chart_figure_of(history, weeks=12, factors=[])
    texts = [text.get_text() for text in figure.findobj(matplotlib.text.Text)]
    assert f"red flag {SUGGESTED}" in texts and "red flag logged" not in texts
    assert any("spreading (suggested)" in text for text in texts)
    assert not any(text.startswith("! spreading") for text in texts)


def test_spreading_says_only_what_was_true_on_its_date(cli) -> None:
    # Dated the day the second place began, it listed places that only came days later.
    # Each new place twitches on two days: one day at a new place is not a spread yet.
    days = (("lower-lip", "2026-11-20"), ("eyelid", "2026-11-21"), ("eyelid", "2026-11-22"), ("cheek", "2026-11-23"))
    for place, day in (*days, ("cheek", "2026-11-24")):
        cli("log", "twitch", "--location", place, "--side", "left", "--intensity", "2", "--at", f"{day}T08:00")
    text = cli("analyze").out
    assert (
        f"2026-11-21  spreading ({SUGGESTED}): twitching in 2 places within two weeks: the mouth, then the eye "
        "from 21 Nov 2026; the mouth last twitched 20 Nov 2026, too soon to tell spreading from moving; "
        "later also the cheek (23 Nov 2026)"
    ) in text
