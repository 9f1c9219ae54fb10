"""Every place that counts sites reads every site of a twitch: the derived patterns, the site
chart, the site table and per-site persistence; counts of twitches count a twitch once; and the
red flags and the site history apply one rule for spreading and moving. Diaries built through the
store into a real SQLite file."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine

from tracker.analysis.persistence import collect_red_flags
from tracker.report.history_words import history_lines, site_lines
from tracker.report.outputs import site_picture_of
from tracker.storage import store
from tracker.storage.engine import open_database, session_scope
from tracker.storage.history import History, load_history
from tracker.storage.models import EpisodeCreate

LONDON = ZoneInfo("Europe/London")
TODAY = dt.date(2026, 11, 30)
NOW = dt.datetime(2026, 11, 30, 21, 0, tzinfo=LONDON)
Twitch = tuple[dt.date, str, str, list[tuple[str, str]]]  # day, place, side, further sites


@pytest.fixture(autouse=True)
def _frozen() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


def diary(path: Path, twitches: list[Twitch]) -> History:
    engine = open_database(path)
    try:
        with session_scope(engine) as session:
            for hour, (day, place, side, also) in enumerate(twitches):
                at = dt.datetime.combine(day, dt.time(8 + hour % 12), tzinfo=LONDON)
                twitch = EpisodeCreate(started_at=at, location=place, side=side, duration_s=30, also_sites=also)  # type: ignore[arg-type]
                store.add_episode(session=session, episode_in=twitch, now=NOW)
        with session_scope(engine, write=False) as session:
            return load_history(session=session, as_of=TODAY, today=TODAY)
    finally:
        engine.dispose()


def suggested(history: History) -> dict[str, str]:
    flags = collect_red_flags(logged=[], episodes=history.episodes, as_of=TODAY)
    return {flag.kind: flag.note for flag in flags}


def days(first: dt.date, count: int, step: int = 1) -> list[dt.date]:
    return [first + dt.timedelta(days=n * step) for n in range(count)]


def test_one_twitch_at_the_eyelid_and_mouth_on_one_side_is_the_hemifacial_pattern(tmp_path) -> None:
    history = diary(tmp_path / "t.db", [(dt.date(2026, 11, 27), "eyelid", "left", [("mouth-corner", "left")])])
    flags = suggested(history)
    assert "hemifacial-pattern" in flags
    assert "left eyelid and left cheek or mouth in one twitch, once" in flags["hemifacial-pattern"]


def test_separate_twitches_still_need_the_same_side_on_the_same_days(tmp_path) -> None:
    one_day = [(dt.date(2026, 11, 27), "eyelid", "left", []), (dt.date(2026, 11, 27), "cheek", "left", [])]
    assert "hemifacial-pattern" not in suggested(diary(tmp_path / "a.db", one_day))  # one day could be chance
    other_sides: list[Twitch] = [(dt.date(2026, 11, 27), "eyelid", "left", [("mouth-corner", "right")])]
    assert "hemifacial-pattern" not in suggested(diary(tmp_path / "b.db", other_sides))


def test_both_eyelids_in_one_twitch_are_their_own_pattern(tmp_path) -> None:
    twitches: list[Twitch] = [(day, "eyelid", "left", [("eyelid", "right")]) for day in days(dt.date(2026, 11, 25), 3)]
    flags = suggested(diary(tmp_path / "t.db", twitches))
    assert "both-eyelids-pattern" in flags and "hemifacial-pattern" not in flags


def test_the_site_chart_and_table_have_a_row_for_every_site_of_a_twitch(tmp_path) -> None:
    together = [(day, "eyelid", "left", [("mouth-corner", "left")]) for day in days(dt.date(2026, 11, 2), 10, 2)]
    history = diary(tmp_path / "t.db", together)

    assert [row.label for row in site_picture_of(history).rows] == ["left eyelid", "left mouth corner"]
    lines = site_lines(history.episodes, TODAY)
    assert "Left mouth corner: 2 Nov 2026 to 20 Nov 2026, 10 twitches on 10 days; bursts median 30 s" in " ".join(lines)


def test_a_twitch_at_two_sites_is_one_twitch_in_the_counts(tmp_path) -> None:
    together = [(day, "eyelid", "left", [("mouth-corner", "left")]) for day in days(dt.date(2026, 11, 2), 10, 2)]
    history = diary(tmp_path / "t.db", together)

    assert [row.episodes for row in history.rows if row.date == dt.date(2026, 11, 2)] == [1]
    assert [row.locations for row in history.rows if row.date == dt.date(2026, 11, 2)] == [("eyelid", "mouth-corner")]
    page = " ".join(history_lines(history.rows, history.episodes, TODAY))
    assert "10 twitches involved several sites at once: each counts once in the twitches a day" in page


def test_a_site_that_stopped_while_its_twitch_partner_went_on_is_said_per_site(tmp_path) -> None:
    together = [(day, "eyelid", "left", [("mouth-corner", "left")]) for day in days(dt.date(2026, 11, 2), 10)]
    alone = [(day, "eyelid", "left", []) for day in days(dt.date(2026, 11, 15), 6, 3)]
    history = diary(tmp_path / "t.db", together + alone)

    page = " ".join(history_lines(history.rows, history.episodes, TODAY))
    assert (
        "Derived: left mouth corner twitching ended 11 Nov 2026 (last logged); since then left eyelid on 6 days" in page
    )


def test_a_twitch_that_moved_is_never_called_spreading_by_the_red_flags(tmp_path) -> None:
    lip = [(day, "lower-lip", "center", []) for day in days(dt.date(2026, 11, 18), 3)]
    cheek = [(day, "cheek", "right", []) for day in days(dt.date(2026, 11, 22), 9)]
    history = diary(tmp_path / "t.db", lip + cheek)

    page = " ".join(history_lines(history.rows, history.episodes, TODAY))
    assert "Derived: right cheek began 22 Nov 2026 as lower lip (center) stopped (moved, not spread)." in page
    assert "spreading" not in suggested(history)


def test_a_twitch_that_spread_is_called_spreading_by_both(tmp_path) -> None:
    lip = [(day, "lower-lip", "center", []) for day in days(dt.date(2026, 11, 18), 13)]
    cheek = [(day, "cheek", "right", []) for day in days(dt.date(2026, 11, 22), 9)]
    history = diary(tmp_path / "t.db", lip + cheek)

    page = " ".join(history_lines(history.rows, history.episodes, TODAY))
    assert "Derived: right cheek began 22 Nov 2026 while lower lip (center) went on (spreading)." in page
    assert "while the mouth went on (spreading, not moved)" in suggested(history)["spreading"]
