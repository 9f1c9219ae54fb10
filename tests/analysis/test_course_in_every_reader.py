"""How long it has lasted reads alike on the Today screen, in `analyze` and in Insights, in page
1's words: the course first (since the onset given, on how many days), then the current spell
with the rule that ends one. A diary whose twitching began weeks ago and came back after a
pause is never "day 1 of twitching"."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from tracker.storage import store
from tracker.storage.diary_facts import set_onset
from tracker.storage.engine import open_database, session_scope
from tracker.storage.models import EpisodeCreate

ONSET = dt.date(2026, 8, 20)  # as the person remembers it: a week before the first twitch logged
FIRST = dt.date(2026, 8, 28)
AS_OF = dt.date(2026, 11, 24)  # the frozen clock's day
RULE = "a spell ends after more than 3 days without a twitch"


def _came_back_after_a_pause(path) -> None:  # type: ignore[no-untyped-def]
    """Twitches every day for seven weeks from 28 Aug, a week's gap, then one every 5 days."""
    days = [FIRST + dt.timedelta(days=n) for n in range(49)]
    days += [dt.date(2026, 10, 24) + dt.timedelta(days=n) for n in range(0, 31, 5)]  # to 23 Nov
    engine = open_database(path)
    try:
        with session_scope(engine) as session:
            for day in days:
                at = dt.datetime.combine(day, dt.time(9)).astimezone()
                store.add_episode(session=session, episode_in=EpisodeCreate(started_at=at, intensity=2))
            set_onset(session=session, day=ONSET, today=AS_OF, after_first_twitch=True)
    finally:
        engine.dispose()


@pytest.mark.usefixtures("frozen")
def test_a_spell_after_a_pause_reads_as_the_latest_of_the_course_in_every_reader(cli, db_path) -> None:
    from tracker.storage.glance import glance_day
    from tracker.tui.screens.insights import persistence_text
    from tracker.tui.views import status_line

    _came_back_after_a_pause(db_path)

    glance = glance_day(db_path, AS_OF, active_until=AS_OF)  # what the Today screen's first frame reads
    assert glance is not None
    today = status_line(glance.active_dates, AS_OF, glance.onset)
    analyze = cli("analyze").out
    insights = persistence_text(json.loads(cli("analyze", "--json").out)["persistence"])

    assert today == "twitching since 20 Aug (onset given), twitches on 56 days; spell day 1"
    course = "Course to 2026-11-24: twitches logged on 56 days since 2026-08-28; the last on 2026-11-23 (1 day before)."
    spell = (
        f"Current spell ({RULE}): 2026-11-23, 1 day, 1 with twitching; the spell before ended 2026-11-18: "
        "a new spell of the same course."
    )
    for reader in (analyze, insights):
        assert "day 1 of twitching" not in reader
        assert reader.index(course) < reader.index(spell), reader
