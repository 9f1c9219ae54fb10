"""A factor added today did not exist on the days before: those days are "not tracked" for it,
never "no" (a yes-no factor), zero or "not logged yet", in the chart's reading of the days and in
the day's "not logged yet" line; a factor logged for an earlier day is tracked from that day."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from tracker.report.outputs import chart_reading
from tracker.storage.engine import session_scope
from tracker.storage.history import load_history

pytestmark = pytest.mark.usefixtures("frozen")  # 2026-11-24 09:30, Europe/London
TODAY = dt.date(2026, 11, 24)


def _eye_strain_by_day(engine) -> dict[dt.date, float]:  # type: ignore[no-untyped-def]
    with session_scope(engine, write=False) as session:
        history = load_history(session=session, date_from=dt.date(2026, 11, 16), as_of=TODAY, today=TODAY)
    frame, _ = chart_reading(history.rows, history)
    return {stamp.date(): value for stamp, value in frame["eye_strain"].items()}


def test_a_yes_no_factor_added_today_is_not_no_on_the_days_before(cli, engine) -> None:  # type: ignore[no-untyped-def]
    for day in range(16, 24):  # a week of answered days before the factor existed
        assert cli("log", "none", "--date", f"2026-11-{day}").code == 0
    assert cli("factor", "add", "eye_strain", "--kind", "yes-no").code == 0
    assert cli("log", "eye_strain", "yes").code == 0
    assert cli("log", "twitch").code == 0

    read = _eye_strain_by_day(engine)

    assert all(math.isnan(read[dt.date(2026, 11, day)]) for day in range(16, 24))  # not tracked, not "no"
    assert read[TODAY] == 1.0


def test_an_earlier_day_logged_for_it_is_tracked_from_that_day(cli, engine) -> None:  # type: ignore[no-untyped-def]
    for day in range(16, 24):
        cli("log", "none", "--date", f"2026-11-{day}")
    cli("factor", "add", "eye_strain", "--kind", "yes-no")
    assert cli("log", "eye_strain", "yes", "--date", "2026-11-20").code == 0

    read = _eye_strain_by_day(engine)

    assert math.isnan(read[dt.date(2026, 11, 19)])
    assert read[dt.date(2026, 11, 20)] == 1.0
    assert read[dt.date(2026, 11, 21)] == 0.0  # answered, nothing logged: "no", as the factor's rule says
