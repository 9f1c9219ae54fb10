"""The trend chart averages a factor logged only when taken (caffeine: absent means none) as
the analysis reads it: a day answered for twitches without a coffee had none, so it counts as
0, and the panel title says so. A measured factor (sleep) stays the mean of the days logged."""

from __future__ import annotations

import datetime as dt

import pytest
from matplotlib.text import Text

from tracker.report.outputs import chart_figure_of
from tracker.storage.engine import open_database, session_scope
from tracker.storage.history import load_history

TODAY = dt.date(2026, 11, 24)  # a Tuesday: this week is Mon 23 and Tue 24
MONDAY = "2026-11-23"

pytestmark = pytest.mark.usefixtures("frozen")


def panel(fig, title_start: str):  # type: ignore[no-untyped-def]
    [ax] = [ax for ax in fig.axes if ax.get_title(loc="left").startswith(title_start)]
    return ax


def test_caffeine_counts_an_answered_day_without_coffee_as_none(cli, db_path) -> None:
    assert cli("log", "caffeine", "200", "--date", MONDAY).code == 0
    assert cli("log", "none", "--date", MONDAY).code == 0
    assert cli("log", "sleep", "8", "--date", MONDAY).code == 0
    assert cli("log", "none").code == 0  # Tuesday: answered, no coffee, sleep not logged
    engine = open_database(db_path)
    with session_scope(engine, write=False) as session:
        history = load_history(session=session, as_of=TODAY)
    engine.dispose()
    fig = chart_figure_of(history, weeks=4, factors=["caffeine_mg", "sleep_h"])
    caffeine, sleep = panel(fig, "Caffeine"), panel(fig, "Sleep")
    assert list(caffeine.lines[0].get_ydata())[-1] == 100.0  # (200 + none) / 2 days answered
    assert "none logged = 0" in caffeine.get_title(loc="left")
    assert list(sleep.lines[0].get_ydata())[-1] == 8.0  # measured: unlogged stays unknown
    assert "days logged" in sleep.get_title(loc="left")


def test_the_day_table_shows_that_none_as_the_chart_draws_it_and_its_key_says_so(cli, db_path) -> None:
    from tracker.report.outputs import report_content
    from tracker.report.pdf import report_pages

    assert cli("log", "caffeine", "200", "--date", MONDAY).code == 0
    assert cli("log", "none", "--date", MONDAY).code == 0
    assert cli("log", "none").code == 0  # Tuesday: answered, no coffee, sleep not logged
    engine = open_database(db_path)
    with session_scope(engine, write=False) as session:
        history = load_history(session=session, as_of=TODAY, today=TODAY)
    engine.dispose()

    figures = report_pages(**report_content(history, today=TODAY))
    texts = [text.get_text() for figure in figures for text in figure.findobj(Text)]
    page = "\n".join(texts)

    [tuesday] = [line for text in texts for line in text.splitlines() if line.startswith("Tue 24 Nov")]
    # Date, twitches, the two intensities left blank on a day without twitches, then the
    # factors: caffeine (none logged: 0, as the chart counts it), sleep (not logged: "—").
    cells = tuesday.split()
    assert cells[3:5] == ["0", "0"] and "—" in cells[5:], tuesday
    assert "caffeine, magnesium: none logged = 0 on a day with twitches answered" in " ".join(page.split())
    titles = [ax.get_title(loc="left") for figure in figures for ax in figure.axes]
    assert "Caffeine (mg): mean of days answered, none logged = 0, per week" in titles
