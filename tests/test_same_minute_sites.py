"""One twitch logged at several sites at the same minute is found on every backend."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import BACKENDS
from tests.helpers.diaries import LONDON, NOW
from tracker.storage import store
from tracker.storage.engine import session_scope
from tracker.storage.models import EpisodeCreate
from tracker.storage.queries import same_minute_sites


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def test_same_minute_sites_counts_moments_and_extra_entries(engine) -> None:  # type: ignore[no-untyped-def]
    day = dt.date(2026, 11, 20)
    at = dt.datetime.combine(day, dt.time(9, 5, 10), tzinfo=LONDON)
    places = [("eyelid", "left", at), ("cheek", "left", at + dt.timedelta(seconds=20)), ("mouth-corner", "left", at)]
    places += [("eyelid", "left", at + dt.timedelta(hours=2)), ("eyelid", "left", at + dt.timedelta(hours=2))]
    with session_scope(engine) as session:
        for location, side, when in places:
            twitch = EpisodeCreate(started_at=when, location=location, side=side)
            store.add_episode(session=session, episode_in=twitch, now=NOW)
    with session_scope(engine, write=False) as session:
        assert same_minute_sites(session=session, start=day, end=day) == (1, 2)
