"""A long diary's report does each costly part once: the site chart is drawn on the one page it
stays on, and every site of every twitch is listed once for all the history's words, not again
for each of its forms and each layout the report tries."""

from __future__ import annotations

from collections import Counter

from tests.charts.test_visit_page_at_a_glance import _crowded, _pages


def test_a_moved_site_chart_is_drawn_once_and_the_history_worked_out_once(cli, frozen, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from tracker.report import history_words, site_chart

    _crowded(cli)  # a full red-flag box: the site chart goes to a later page
    calls: Counter[str] = Counter()

    def counted(name, work):  # type: ignore[no-untyped-def]
        def run(*args, **kwargs):  # type: ignore[no-untyped-def]
            calls[name] += 1
            return work(*args, **kwargs)

        return run

    monkeypatch.setattr(site_chart, "draw_sites", counted("site chart", site_chart.draw_sites))
    monkeypatch.setattr(history_words, "site_entries", counted("site entries", history_words.site_entries))

    pages = _pages(cli, tmp_path)

    assert "Where and when, by week" not in pages[0]  # the chart went on, as the diary was built for
    assert calls["site chart"] == 1
    # the history's lines, its shorter form and page 1's line of where share one listing
    assert calls["site entries"] == 1
