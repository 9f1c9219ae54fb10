"""Nothing in the report or the chart is cut, runs off the page, or lies on another label.

The diaries are built through the store with the clock frozen, and made hard to lay out: long
factor names, many factors, a red flag of every kind (several on one day, with long notes),
the hemifacial-spasm pattern the entries suggest, a long intervention. Every figure is drawn
with matplotlib and every text it drew is measured (`get_window_extent`).
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterator
from zoneinfo import ZoneInfo

import pytest
import time_machine
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from tracker.report.outputs import chart_figure_of, report_content
from tracker.report.pdf import report_pages
from tracker.storage import store
from tracker.storage.engine import open_database, session_scope
from tracker.storage.history import History, load_history
from tracker.storage.models import EpisodeCreate, FactorCreate, FactorEntryCreate, RedFlagCreate, RedFlagKind

TODAY = dt.date(2026, 11, 30)  # a Monday: the current week has one day
LONDON = ZoneInfo("Europe/London")
LONG_FACTORS = [
    ("screen_time_before_sleeping", "minutes", "number"),
    ("hours_spent_outdoors_in_daylight", "h", "number"),
    ("anxiety_level_self_rated", "", "scale"),
    ("jaw_clenching_noticed", "", "yes-no"),
    ("alcohol", "units", "number"),
]
LONG_NOTE = "noticed while reading, lasted a while and came back twice in the evening; " * 4
PAGE_MARGIN = 0.25  # inches: text on a page stays this far inside the paper's edge


@pytest.fixture(scope="module")
def diaries(tmp_path_factory: pytest.TempPathFactory) -> dict[str, History]:
    """A 10-day and a 500-day diary ending today, as the commands load them."""
    moment = dt.datetime(2026, 11, 30, 21, 0, tzinfo=LONDON)
    with time_machine.travel(moment, tick=False):
        return {days: _diary(tmp_path_factory.mktemp(f"d{days}") / "tracker.db", days) for days in (10, 500)}


def _diary(path, days: int) -> History:  # type: ignore[no-untyped-def]
    engine = open_database(path)
    now = dt.datetime.now(LONDON)
    first = TODAY - dt.timedelta(days=days - 1)
    try:
        with session_scope(engine) as session:
            for name, unit, kind in LONG_FACTORS:
                bounds = {"min_value": 1, "max_value": 5} if kind == "scale" else {}
                store.add_factor(session=session, factor_in=FactorCreate(name=name, kind=kind, unit=unit, **bounds))
            for offset in range(days):
                day = first + dt.timedelta(days=offset)
                if offset % 9 == 4:
                    continue  # a forgotten day now and then
                for column, value in [("caffeine", 95.0 * (1 + offset % 4)), ("sleep", 6 + offset % 3)]:
                    entry = FactorEntryCreate(factor=column, value=value, date=day)
                    store.add_factor_entry(session=session, entry_in=entry, now=now)
                for name, _, kind in LONG_FACTORS:
                    value = {"scale": 1 + offset % 5, "yes-no": offset % 2}.get(kind, 10.0 + offset % 50)
                    entry = FactorEntryCreate(factor=name, value=float(value), date=day)
                    store.add_factor_entry(session=session, entry_in=entry, now=now)
                twitches = offset % 5
                if twitches == 0:
                    store.check_in(session=session, day=day, today=TODAY)
                for number in range(twitches):
                    recent = (TODAY - day).days < 12
                    location = ("eyelid" if number % 2 else "cheek") if recent else "upper-lip"
                    store.add_episode(
                        session=session,
                        episode_in=EpisodeCreate(
                            started_at=dt.datetime.combine(day, dt.time(9 + number), tzinfo=LONDON),
                            location=location,
                            side="left",
                            intensity=1 + (offset + number) % 5,
                            duration_s=30 if number % 2 else None,
                            note=LONG_NOTE,
                        ),
                        now=now,
                    )
                if offset % 7 == 3:
                    store.set_day_note(session=session, day=day, note=LONG_NOTE, today=TODAY)
            # A red flag of every kind, most of them on one day, and more on the days around it.
            crowded = TODAY - dt.timedelta(days=min(6, days - 1))
            for number, kind in enumerate(RedFlagKind):
                for day in (crowded, crowded - dt.timedelta(days=number % 3), TODAY - dt.timedelta(days=number % 2)):
                    if day >= first:
                        flag = RedFlagCreate(date=day, kind=kind, note=LONG_NOTE)
                        store.add_red_flag(session=session, red_flag_in=flag, today=TODAY)
            store.start_intervention(
                session=session,
                name="magnesium glycinate in the evening with warm milk before bed, every night",
                start=max(first, TODAY - dt.timedelta(days=40)),
                note=LONG_NOTE,
                today=TODAY,
            )
        with session_scope(engine, write=False) as session:
            return load_history(session=session, as_of=TODAY)
    finally:
        engine.dispose()


# --- what a person would notice ------------------------------------------------------------


@pytest.mark.parametrize("days", [10, 500])
def test_report_pages_keep_every_text_on_the_page_and_apart(diaries, days) -> None:
    history = diaries[days]
    pages = report_pages(**report_content(history, today=TODAY))

    assert len(pages) >= 2  # the day tables go on when the factors do not fit one; the notes follow
    for number, page in enumerate(pages, start=1):
        texts = _drawn_texts(page)
        assert texts, f"page {number} drew nothing"
        _assert_inside(page, texts, margin=PAGE_MARGIN, where=f"page {number}")
        _assert_apart(texts, where=f"page {number}")


def test_a_crowded_page_one_says_where_the_history_went_and_page_two_has_it(diaries) -> None:
    pages = report_pages(**report_content(diaries[10], today=TODAY))

    first, second = (
        " ".join(" ".join(text.get_text() for text, _ in _drawn_texts(page)).split()) for page in pages[:2]
    )
    assert "History, by site and over time" in first
    assert "top of page 2." in first
    assert "History, by site and over time (continued from page 1)" in second
    assert "Derived: left eyelid began 23 Nov 2026 while left cheek went on (spreading)." in first + second


def test_report_keeps_the_red_flag_column_whole(diaries) -> None:
    pages = report_pages(**report_content(diaries[500], today=TODAY))

    table = " ".join(text.get_text() for text, _ in _drawn_texts(pages[1]))
    assert "hemifacial-spasm pattern" in " ".join(table.split()).replace("- ", "-")
    assert "Red flag" in table


def test_report_says_what_it_shortens_and_where_to_read_it_whole(diaries) -> None:
    # Red flags with long notes, hundreds of twitch notes: what does not fit is never cut without a word.
    pages = report_pages(**report_content(diaries[500], today=TODAY))

    words = " ".join(" ".join(text.get_text() for text, _ in _drawn_texts(page)) for page in pages)
    assert re.search(r"“…”: cut short here for room; each is whole on page \d+\.", words)
    assert "… and 31 earlier red flags." in words
    assert "“+N”: N more red flags that day, each named in daily.csv." in words
    # The intervention's long note: cut with the page it is whole on, or at the page's foot with where the rest is.
    assert re.search(r"\((whole on page \d+|not enough room on this page: the rest is on page \d+)\)", words)
    assert "In full: what earlier pages cut short for room" in words
    assert "are left out for length: the diary holds every one (daily.csv and episodes.csv of a visit packet)." in words
    flag = f"Red flag, trouble swallowing: {' '.join(LONG_NOTE.split())}"  # a red flag's note, whole under Notes
    assert flag in " ".join(words.split())


@pytest.mark.parametrize(("days", "weeks"), [(10, 12), (500, 12), (500, 52), (500, 520)])
def test_chart_keeps_every_text_on_the_figure_and_apart(diaries, days, weeks) -> None:
    history = diaries[days]
    factors = ["caffeine_mg", "screen_time_before_sleeping_minutes", "anxiety_level_self_rated"]

    fig = chart_figure_of(history, weeks=weeks, factors=factors)

    texts = _drawn_texts(fig)
    _assert_inside(fig, texts, margin=0.02, where=f"{weeks}-week chart")
    _assert_apart(texts, where=f"{weeks}-week chart")
    _assert_clear_of_lines(fig, texts)


@pytest.mark.parametrize(("days", "weeks"), [(10, 12), (500, 12), (500, 520)])
def test_chart_labels_every_marker_or_names_it_in_the_caption(diaries, days, weeks) -> None:
    history = diaries[days]

    fig = chart_figure_of(history, weeks=weeks, factors=["caffeine_mg"])

    words = " ".join(text.get_text() for text, _ in _drawn_texts(fig))
    assert "hemifacial-spasm pattern" in words  # the flag the entries suggest, on the standalone chart too
    assert "weakness of the face" in words  # a logged sign in words; a name too long for a label is counted "+N"
    assert "magnesium glycinate" in words


def test_the_chart_and_the_report_mark_the_same_days(diaries) -> None:
    history = diaries[500]
    whole_diary = (history.end - history.start).days // 7 + 2  # the report charts every week the diary touches

    chart = _marks([chart_figure_of(history, weeks=whole_diary, factors=["caffeine_mg"])])
    report = _marks(report_pages(**report_content(history, today=TODAY)))

    assert chart == report
    kinds = {kind for kind, _ in chart}
    assert kinds == {"intervention", "red-flag", "red-flag-suggested", "persistent-run"}


def _marks(figures: list[Figure]) -> set[tuple[str, float]]:
    """(kind, date number) of every marker line and shaded run drawn."""
    kinds = {"intervention", "red-flag", "red-flag-suggested", "persistent-run"}
    found = set()
    for fig in figures:
        for ax in fig.axes:
            for line in ax.get_lines():
                if line.get_gid() in kinds:
                    found.add((line.get_gid(), float(line.get_xdata()[0])))
            for patch in ax.patches:
                if patch.get_gid() in kinds:
                    found.add((patch.get_gid(), float(patch.get_x())))
    return found


# --- measuring -----------------------------------------------------------------------------


def _drawn_texts(fig: Figure) -> list[tuple[Text, Bbox]]:
    """Every non-empty text matplotlib actually drew, with its box in pixels."""
    drawn: dict[int, Text] = {}
    original = Text.draw

    def spy(self: Text, renderer) -> None:  # type: ignore[no-untyped-def]
        original(self, renderer)
        if self.get_visible() and self.get_text().strip():
            drawn[id(self)] = self

    canvas = FigureCanvasAgg(fig)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Text, "draw", spy)
        canvas.draw()
    renderer = canvas.get_renderer()
    return [(text, text.get_window_extent(renderer)) for text in drawn.values()]


def _assert_inside(fig: Figure, texts: list[tuple[Text, Bbox]], *, margin: float, where: str) -> None:
    inset = margin * fig.dpi
    page = Bbox.from_extents(inset, inset, fig.bbox.width - inset, fig.bbox.height - inset)
    outside = [
        f"{text.get_text()[:40]!r} at {box.bounds}"
        for text, box in texts
        if box.x0 < page.x0 - 0.5 or box.y0 < page.y0 - 0.5 or box.x1 > page.x1 + 0.5 or box.y1 > page.y1 + 0.5
    ]
    assert not outside, f"{where}: text past the edge: {outside}"


def _assert_apart(texts: list[tuple[Text, Bbox]], *, where: str) -> None:
    overlaps = [
        f"{a.get_text()[:30]!r} and {b.get_text()[:30]!r}"
        for (a, box_a), (b, box_b) in itertools.combinations(texts, 2)
        if _overlap(box_a, box_b) > 1.0
    ]
    assert not overlaps, f"{where}: texts on top of each other: {overlaps}"


def _assert_clear_of_lines(fig: Figure, texts: list[tuple[Text, Bbox]]) -> None:
    """The days-logged numbers and the zero labels never lie on a line: the mean intensity,
    an intervention or a red flag."""
    small = [(text, box) for text, box in texts if text.get_gid() in ("days-logged", "zero")]
    lines = [line for ax in fig.axes for line in ax.get_lines() if isinstance(line, Line2D)]
    crossed = [
        f"{text.get_text()!r} and the {line.get_gid() or 'line'}"
        for text, box in small
        for line in lines
        if line.get_transform().transform_path(line.get_path().cleaned(remove_nans=True)).intersects_bbox(box, False)
    ]
    assert not crossed, f"labels on a line: {crossed}"


def _overlap(a: Bbox, b: Bbox) -> float:
    """The area two boxes share, in square pixels."""
    width = min(a.x1, b.x1) - max(a.x0, b.x0)
    height = min(a.y1, b.y1) - max(a.y0, b.y0)
    return max(0.0, width) * max(0.0, height)


@pytest.fixture(autouse=True)
def _frozen_today() -> Iterator[None]:
    with time_machine.travel(dt.datetime(2026, 11, 30, 21, 0, tzinfo=LONDON), tick=False):
        yield


@pytest.mark.parametrize("weeks", [12, 52])
def test_every_factor_point_is_drawn_whole_inside_its_panel(diaries, weeks: int) -> None:
    # The highest weekly mean sat on the panel's top edge and its marker was cut in half.
    figure = chart_figure_of(diaries[500], weeks=weeks, factors=["caffeine_mg", "sleep_h"])
    renderer = FigureCanvasAgg(figure).get_renderer()
    for ax in figure.axes:
        box = ax.get_window_extent(renderer)
        for line in ax.get_lines():
            if line.get_marker() in (None, "None", "") or not len(line.get_xdata()):
                continue
            radius = line.get_markersize() / 2 * figure.dpi / 72
            for x, y in line.get_xydata():
                if y != y:  # NaN: a week not logged, nothing drawn
                    continue
                top = ax.transData.transform((x, y))[1] + radius
                assert top <= box.y1 + 0.5, (ax.get_title(), y, ax.get_ylim())
