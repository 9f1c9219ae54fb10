"""The site chart: a row per site and side logged, across the whole diary, drawn whole inside
its figure, written alone by `tracker chart --sites`, and on page 1 of the report."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
import time_machine
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from tests.helpers.diaries import NOW, TODAY, migrating, one_sided
from tracker.report.outputs import report_content, site_picture_of
from tracker.report.pdf import report_pages
from tracker.report.site_chart import sites_figure


@pytest.fixture(autouse=True)
def _frozen_today() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


def test_one_row_per_site_and_side_logged_in_face_order(tmp_path) -> None:
    picture = site_picture_of(migrating(tmp_path / "tracker.db"))

    assert [row.label for row in picture.rows] == ["left eyelid", "right cheek", "lower lip (center)"]
    lip = picture.rows[2]
    assert (lip.first, lip.last) == (dt.date(2026, 6, 1), dt.date(2026, 11, 23))
    assert picture.period == "week" and picture.starts[0] == dt.date(2026, 6, 1)
    assert picture.starts[-1] == dt.date(2026, 11, 30)  # the whole diary, not the last 12 weeks


def test_the_standalone_chart_draws_each_row_label_inside_the_figure(tmp_path) -> None:
    fig = sites_figure(site_picture_of(one_sided(tmp_path / "tracker.db")))

    texts = _drawn_texts(fig)
    labels = sorted(text.get_text() for text, _ in texts if text.get_gid() == "site-label")
    assert labels == ["left eyelid", "left mouth corner"]
    inset = 0.02 * fig.dpi
    outside = [
        text.get_text()[:40]
        for text, box in texts
        if box.x0 < inset or box.y0 < inset or box.x1 > fig.bbox.width - inset or box.y1 > fig.bbox.height - inset
    ]
    assert not outside
    faces = [ax for ax in fig.axes if ax.patches]
    assert len(faces) == 2  # a face sketch for each row


def test_chart_sites_writes_the_picture_alone(cli, tmp_path) -> None:
    with time_machine.travel(NOW, tick=False):
        cli("log", "twitch", "--date", "2026-11-02", "--location", "eyelid", "--side", "left")
        out = tmp_path / "sites.png"
        assert cli("chart", "--sites", "-o", str(out)).code == 0
        assert out.read_bytes()[:4] == b"\x89PNG"
        refused = cli("chart", "--sites", "--weeks", "8", "-o", str(tmp_path / "other.png"))
    assert refused.code == 2 and "--sites" in refused.err
    assert not (tmp_path / "other.png").exists()


def test_page_one_of_the_report_carries_the_picture(tmp_path) -> None:
    history = one_sided(tmp_path / "tracker.db")

    first = report_pages(**report_content(history, today=TODAY))[0]

    words = [text.get_text() for text, _ in _drawn_texts(first)]
    assert "Where and when, by week" in words
    assert "left eyelid" in words and "left mouth corner" in words


def _drawn_texts(fig: Figure) -> list[tuple[Text, Bbox]]:
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    return [
        (text, text.get_window_extent(renderer))
        for text in fig.findobj(Text)
        if isinstance(text, Text) and text.get_visible() and text.get_text().strip()
    ]


def test_red_flags_in_one_week_make_one_tick_not_a_pile(tmp_path) -> None:
    import dataclasses

    from tracker.report.charts import FlagMark

    picture = site_picture_of(migrating(tmp_path / "tracker.db"))
    week = [
        FlagMark(date=dt.date(2026, 11, 16), name="drooping", suggested=False),
        FlagMark(date=dt.date(2026, 11, 17), name="weakness", suggested=False),
        FlagMark(date=dt.date(2026, 11, 18), name="hemifacial-spasm pattern", suggested=True),
        FlagMark(date=dt.date(2026, 10, 6), name="spreading", suggested=True),
    ]
    picture = dataclasses.replace(picture, flags=week)

    fig = sites_figure(picture)
    ticks = [artist for ax in fig.axes for artist in ax.collections if artist.get_gid() == "site-flag"]

    assert len(ticks) == 2  # the week of 16 Nov once, the week of 5 Oct once
    solid = [tick for tick in ticks if tuple(tick.get_facecolor()[0][:3]) != (1.0, 1.0, 1.0)]
    assert len(solid) == 1  # the week with logged flags: solid, whatever else was suggested in it
