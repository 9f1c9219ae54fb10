"""The visit report leaves nothing out without a word: every factor of the diary has its column,
and every day note and twitch note of the period is printed, whole or with a pointer to the CSV.

A five-week diary built through the store with the clock frozen: the five built-in factors and
twelve of the person's own with long names (and a unit a spreadsheet would run as a formula),
short and very long notes. The PDF is written and read back with pypdf; the tables' columns are
read off the drawn text as a person reads them, top to bottom.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from zoneinfo import ZoneInfo

import pytest
import time_machine
from matplotlib.figure import Figure
from pypdf import PdfReader

from tests.charts.test_layout import PAGE_MARGIN, _assert_apart, _assert_inside, _drawn_texts
from tracker.core.formatting import report_date
from tracker.report.chart_text import MONO
from tracker.report.outputs import report_content, write_visit_report
from tracker.report.pdf import report_pages
from tracker.storage import store
from tracker.storage.engine import open_database, session_scope
from tracker.storage.history import History, load_history
from tracker.storage.models import EpisodeCreate, FactorCreate, FactorEntryCreate

TODAY = dt.date(2026, 11, 30)
LONDON = ZoneInfo("Europe/London")
OWN_FACTORS = [
    ("minutes_of_screen_time_after_dark", "=1+1"),
    ("hours_spent_outdoors_in_daylight", "h"),
    ("glasses_of_red_wine_with_dinner", "glasses"),
    ("minutes_of_vigorous_exercise", "min"),
    ("cups_of_decaffeinated_herbal_tea", "cups"),
    ("hours_at_the_computer_without_a_break", "h"),
    ("number_of_cigarettes_smoked", "=1+1"),
    ("grams_of_dark_chocolate_eaten", "g"),
    ("minutes_spent_reading_small_print", "min"),
    ("potassium_supplement_taken", "mg"),
    ("hours_of_driving_at_night", "h"),
    ("painkiller_tablets_taken_for_headache", "tablets"),
]
BUILT_IN = ["caffeine", "sleep", "water", "stress", "magnesium"]
SHORT_NOTE = "slept badly, long call in the afternoon"
LONG_NOTE = (
    "Twitching started during the morning meeting and kept coming back every few minutes until lunch; "
    "it felt stronger when looking at the screen and eased a little after a walk outside, then returned "
    "in the evening while reading, which is the first time it has lasted this long in one day."
)
VERY_LONG_NOTE = " ".join(f"sentence {number} of a very long account of the day." for number in range(60))
TWITCH_NOTE = "right after the third espresso, while reading the small print on a contract"


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> History:
    with time_machine.travel(dt.datetime(2026, 11, 30, 21, 0, tzinfo=LONDON), tick=False):
        engine = open_database(tmp_path_factory.mktemp("many") / "tracker.db")
        now = dt.datetime.now(LONDON)
        try:
            with session_scope(engine) as session:
                for name, unit in OWN_FACTORS:
                    store.add_factor(session=session, factor_in=FactorCreate(name=name, kind="number", unit=unit))
                for offset in range(35):
                    day = TODAY - dt.timedelta(days=offset)
                    for number, factor in enumerate([*BUILT_IN, *(name for name, _ in OWN_FACTORS)]):
                        value = float(1 + (offset + number) % 7)
                        store.add_factor_entry(
                            session=session, entry_in=FactorEntryCreate(factor=factor, value=value, date=day), now=now
                        )
                    for hour in range(offset % 3):
                        episode = EpisodeCreate(
                            started_at=dt.datetime.combine(day, dt.time(9 + hour), tzinfo=LONDON),
                            location="eyelid",
                            side="left",
                            intensity=2,
                            note=TWITCH_NOTE if offset % 4 == 1 else "",
                        )
                        store.add_episode(session=session, episode_in=episode, now=now)
                for offset, note in [(2, SHORT_NOTE), (9, LONG_NOTE), (16, VERY_LONG_NOTE), (33, SHORT_NOTE + "!")]:
                    store.set_day_note(session=session, day=TODAY - dt.timedelta(days=offset), note=note, today=TODAY)
            with session_scope(engine, write=False) as session:
                return load_history(session=session, as_of=TODAY)
        finally:
            engine.dispose()


def test_every_factor_has_a_column_in_the_day_tables(history) -> None:
    pages = report_pages(**report_content(history, today=TODAY))

    titles = [title for page in pages for title in _column_titles(page)]
    for factor in history.factors:
        unit = f" ({factor.unit})" if factor.unit else ""
        assert f"{factor.name.replace('_', ' ')}{unit}".lower() in titles, (factor.name, titles)
    # Every table repeats the date, so each column can be read against its day.
    tables = [ax for page in pages for ax in page.axes if _mono_lines(ax)]
    assert len(tables) >= 2
    assert all(_header(ax).split()[0] == "Date" for ax in tables)


def test_every_note_of_the_period_is_printed_dated_and_whole_or_pointed_to(history, tmp_path) -> None:
    with time_machine.travel(dt.datetime(2026, 11, 30, 21, 0, tzinfo=LONDON), tick=False):
        path = write_visit_report(history, tmp_path / "report.pdf", today=TODAY)

    text = _pdf_text(path)
    for note in (SHORT_NOTE, SHORT_NOTE + "!", LONG_NOTE, TWITCH_NOTE):
        assert note in text
    assert VERY_LONG_NOTE[:400] in text
    # On its own the report has no daily.csv beside it: it says where the whole note is kept, naming no command.
    assert "… (the whole note is in the diary's day notes)" in text and "daily.csv)" not in text
    assert f"{report_date(TODAY - dt.timedelta(days=9), weekday=True)} Day note: {LONG_NOTE}" in text
    assert "Twitch 09:00, left eyelid: " + TWITCH_NOTE in text


def test_the_added_pages_keep_every_text_on_the_page_and_apart(history) -> None:
    pages = report_pages(**report_content(history, today=TODAY))

    assert len(pages) > 2
    for number, page in enumerate(pages, start=1):
        texts = _drawn_texts(page)
        _assert_inside(page, texts, margin=PAGE_MARGIN, where=f"page {number}")
        _assert_apart(texts, where=f"page {number}")
        assert any(f"Page {number} of {len(pages)}" in text.get_text() for text, _ in texts)


# --- reading the PDF and the tables --------------------------------------------------------


def _pdf_text(path) -> str:
    reader = PdfReader(path)
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def _mono_lines(ax) -> list[tuple[float, str]]:  # type: ignore[no-untyped-def]
    """A table's monospaced lines, top first, with their heights on the axes."""
    lines = [(text.get_position()[1], text.get_text()) for text in ax.texts if MONO in text.get_fontfamily()]
    return sorted(lines, reverse=True)


def _header(ax) -> str:  # type: ignore[no-untyped-def]
    rule = min(line.get_ydata()[0] for line in ax.get_lines())  # the line under the header
    return " ".join(text for y, text in _mono_lines(ax) if y > rule)


def _column_titles(page: Figure) -> list[str]:
    """Each table column's title as read down its header lines: "screen time (min)". Columns
    are where every line of the table, header and days alike, leaves two spaces or more."""
    titles = []
    for ax in page.axes:
        lines = _mono_lines(ax)
        if not lines:
            continue
        rule = min(line.get_ydata()[0] for line in ax.get_lines())
        width = max(len(text) for _, text in lines)
        padded = [text.ljust(width) for _, text in lines]
        blank = "".join(" " if all(line[at] == " " for line in padded) else "x" for at in range(width))
        header = [line for (y, _), line in zip(lines, padded, strict=True) if y > rule]
        for column in re.finditer(r"x+(?: x+)*", blank):
            parts = [line[column.start() : column.end()].strip() for line in header]
            titles.append(" ".join(part for part in parts if part).lower())
    return titles


@pytest.fixture(autouse=True)
def _frozen_today() -> Iterator[None]:
    with time_machine.travel(dt.datetime(2026, 11, 30, 21, 0, tzinfo=LONDON), tick=False):
        yield


def test_a_report_in_the_visit_packet_points_to_the_csv_beside_it(history, tmp_path) -> None:
    with time_machine.travel(dt.datetime(2026, 11, 30, 21, 0, tzinfo=LONDON), tick=False):
        path = write_visit_report(history, tmp_path / "report.pdf", today=TODAY, in_packet=True)

    assert "… (the whole note is in daily.csv)" in _pdf_text(path)
