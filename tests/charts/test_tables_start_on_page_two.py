"""A short period's day table leaves most of page 2 free: the tables of the factors it has no
width for start there, under it, rather than on a page of their own after a mostly empty one.
Every text stays on its page and apart from the others."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from tests.charts.test_layout import PAGE_MARGIN, _assert_apart, _assert_inside, _drawn_texts
from tests.charts.test_report_complete import BUILT_IN, LONDON, OWN_FACTORS
from tracker.report.outputs import report_content
from tracker.report.pdf import report_pages
from tracker.storage import store
from tracker.storage.engine import open_database, session_scope
from tracker.storage.history import History, load_history
from tracker.storage.models import EpisodeCreate, FactorCreate, FactorEntryCreate

TODAY = dt.date(2026, 11, 30)


@pytest.fixture(scope="module")
def week(tmp_path_factory: pytest.TempPathFactory) -> History:
    """Seven days, every factor logged each day, a twitch on most."""
    with time_machine.travel(dt.datetime(2026, 11, 30, 21, 0, tzinfo=LONDON), tick=False):
        engine = open_database(tmp_path_factory.mktemp("week") / "tracker.db")
        now = dt.datetime.now(LONDON)
        try:
            with session_scope(engine) as session:
                for name, unit in OWN_FACTORS:
                    store.add_factor(session=session, factor_in=FactorCreate(name=name, kind="number", unit=unit))
                for offset in range(7):
                    day = TODAY - dt.timedelta(days=offset)
                    for number, factor in enumerate([*BUILT_IN, *(name for name, _ in OWN_FACTORS)]):
                        entry = FactorEntryCreate(factor=factor, value=float(1 + (offset + number) % 7), date=day)
                        store.add_factor_entry(session=session, entry_in=entry, now=now)
                    if offset % 3:
                        started = dt.datetime.combine(day, dt.time(9), tzinfo=LONDON)
                        episode = EpisodeCreate(started_at=started, location="eyelid", side="left", intensity=2)
                        store.add_episode(session=session, episode_in=episode, now=now)
            with session_scope(engine, write=False) as session:
                return load_history(session=session, as_of=TODAY)
        finally:
            engine.dispose()


def test_the_continued_tables_start_on_page_two_when_they_fit(week) -> None:
    pages = report_pages(**report_content(week, today=TODAY))

    second = [text.get_text() for text, _ in _drawn_texts(pages[1])]
    assert any(", continued:" in text for text in second), second
    for number, page in enumerate(pages, start=1):
        texts = _drawn_texts(page)
        _assert_inside(page, texts, margin=PAGE_MARGIN, where=f"page {number}")
        _assert_apart(texts, where=f"page {number}")
