"""The visit report: a real PDF, read back with pypdf, and the wording behind it."""

from __future__ import annotations

import datetime as dt
import stat

import pytest
from pypdf import PdfReader

from tracker.analysis.frame import daily_frame
from tracker.analysis.persistence import persistence
from tracker.core.daily import DailyRow, date_range
from tracker.core.formatting import report_date
from tracker.report import charts
from tracker.report import pdf as visit_report
from tracker.report.course_words import notice_line, spell_line
from tracker.report.history_words import site_lines
from tracker.report.wording import persistence_status_line
from tracker.storage.models import Episode

UNITS = {"caffeine_mg": "mg", "sleep_h": "h", "water_ml": "ml", "stress": "", "magnesium_mg": "mg"}
NAMES = {column: column.split("_")[0] for column in UNITS}


def _write(tmp_path, diary, analysis, **overrides):
    arguments = {
        "frame": diary.frame,
        "analysis": analysis,
        "episodes": diary.episodes,
        "interventions": diary.interventions,
        "red_flags": diary.red_flags,
        "marks": charts.chart_marks(
            episodes=diary.episodes,
            red_flags=overrides.get("red_flags", diary.red_flags),
            interventions=[(item.start_date, item.name) for item in diary.interventions],
            as_of=diary.end,
        ),
        "factors_units": UNITS,
        "factor_names": NAMES,
        "date_from": diary.start,
        "date_to": diary.end,
        "generated_on": diary.end,
    }
    arguments.update(overrides)
    return visit_report.write_report(tmp_path / "report.pdf", **arguments)


def _text(path) -> str:
    reader = PdfReader(path)
    # Lines wrap wherever the layout put them: compare words, not line breaks.
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


@pytest.fixture
def report(tmp_path, chart_diary, analysis):
    return _write(tmp_path, chart_diary, analysis)


def test_report_is_one_or_two_a4_pages_readable_only_by_its_owner(report):
    reader = PdfReader(report)

    assert 1 <= len(reader.pages) <= 2
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(width), round(height)) == (595, 842)  # A4 portrait in points
    assert stat.S_IMODE(report.stat().st_mode) == 0o600
    assert [path.name for path in report.parent.iterdir()] == ["report.pdf"]


def test_report_states_the_key_facts(report, chart_diary):
    text = _text(report)

    assert "four-week warning (28 days in one spell) reached" in " ".join(text.split())
    assert "RED FLAGS LOGGED" in text
    assert f"{report_date(chart_diary.red_flags[0].date, weekday=True)}: drooping" in text
    assert "not a diagnosis" in text
    assert "Caffeine, same day: 1.42× as many twitches a day per 100 mg (95% CI 1.18–1.71), q = 0.004" in " ".join(
        text.split()
    )
    assert "[ample data: 140 days]" in text
    assert "An association, not proof of cause." in text
    assert "stress, the day before" not in text.split("Possible triggers")[1].split("Page 1")[0].lower()
    assert "Current spell: two-week notice (14 days in one spell) reached" in " ".join(text.split())
    assert "magnesium glycinate 300 mg" in text
    assert "not logged" in text  # the table's untracked day


def test_report_without_reliable_associations_says_so(tmp_path, chart_diary, analysis):
    for trigger in analysis["triggers"]:
        trigger["q_value"], trigger["association"] = 0.2, False

    text = _text(_write(tmp_path, chart_diary, analysis))

    assert "No reliable associations yet:" in text and "none stood out." in text
    assert "per 100 mg (95% CI" not in text  # no estimate shown (the page's foot defines the term)


def test_report_with_no_red_flags_and_no_run(tmp_path, chart_diary, analysis):
    analysis["red_flags"] = []
    analysis["persistence"].update(status="none", current_run=None, longest_run=None)

    text = _text(_write(tmp_path, chart_diary, analysis, red_flags=[]))

    assert "No red flags logged." in text
    assert "No current spell (a spell ends after more than 3 days without a twitch" in " ".join(text.split())
    assert "Current spell" not in text and "Status" not in text


def test_report_replaces_an_existing_file(tmp_path, chart_diary, analysis):
    path = tmp_path / "report.pdf"
    path.write_bytes(b"old")
    path.chmod(0o644)

    _write(tmp_path, chart_diary, analysis)

    assert path.read_bytes().startswith(b"%PDF")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_summary_counts_active_days_over_tracked_days(chart_diary, analysis):
    lines = visit_report.summary_lines(chart_diary.frame, analysis, chart_diary.episodes, date_to=chart_diary.end)
    recent = chart_diary.frame.loc[str(chart_diary.end - dt.timedelta(days=27)) :]
    tracked, active = int(recent["tracked"].sum()), int((recent["episodes"] > 0).sum())

    assert f"Last 28 days: twitching on {active} days; twitches answered on {tracked} of 28 days" in "\n".join(lines)
    history = site_lines(chart_diary.episodes, chart_diary.end)
    assert any(line.startswith("Derived: right eyelid began") and "left upper lip went on (spreading)" in line
               for line in history)  # fmt: skip


def test_history_says_nothing_spread_or_moved_when_the_place_stays_the_same():
    start = dt.date(2026, 1, 1)
    episodes = [
        Episode(
            started_at=dt.datetime(day.year, day.month, day.day, 9, tzinfo=dt.UTC),
            utc_offset_min=0,
            local_date=day,
            location="eyelid",
            side="left",
            intensity=2,
        )
        for day in date_range(start, start + dt.timedelta(days=69))
    ]
    rows = [DailyRow(date=e.local_date, tracked=True, episodes=1) for e in episodes]

    lines = site_lines(episodes, rows[-1].date)

    assert lines == ["Left eyelid: 1 Jan 2026 to 11 Mar 2026, 70 twitches on 70 days; no burst timed."]


def test_association_lines_keep_at_most_three_reliable_ones_best_first(analysis):
    base = analysis["triggers"][0]
    analysis["triggers"] = [
        {**base, "factor": column, "name": column.split("_")[0], "q_value": q, "association": q < 0.05}
        for column, q in {
            "water_ml": 0.03,
            "sleep_h": 0.001,
            "stress": 0.2,
            "caffeine_mg": 0.01,
            "magnesium_mg": 0.04,
        }.items()
    ]

    lines = visit_report.association_lines(analysis)

    assert [line.split(",")[0] for line in lines] == ["Sleep", "Caffeine", "Water"]
    assert all("An association, not proof of cause." in line and "Adjusted for" in line for line in lines)


def test_daily_table_shows_untracked_days_and_missing_values_never_as_zero():
    day = dt.date(2026, 11, 20)
    rows = [
        DailyRow(date=day, tracked=False),
        DailyRow(date=day + dt.timedelta(days=1), tracked=True, episodes=0, factors={"caffeine_mg": 95.0}),
        DailyRow(
            date=day + dt.timedelta(days=2),
            tracked=True,
            episodes=2,
            max_intensity=4,
            mean_intensity=3.5,
            factors={"sleep_h": 6.5},
        ),
    ]
    frame = daily_frame(rows, ["caffeine_mg", "sleep_h"])
    flags = [(day + dt.timedelta(days=2), "weakness")]

    header, table = visit_report.daily_table(
        frame, ["caffeine_mg", "sleep_h"], UNITS, flags, names=NAMES, date_to=rows[-1].date, days=4
    )

    assert header == [
        "Date",
        "Twitches",
        "Max\nintensity",
        "Mean\nintensity",
        "Caffeine\n(mg)",
        "Sleep\n(h)",
        "Red flag",
    ]
    assert table == [
        ["Thu 19 Nov", "not logged", "—", "—", "—", "—", ""],  # before the frame starts
        ["Fri 20 Nov", "not logged", "—", "—", "—", "—", ""],
        ["Sat 21 Nov", "0", "", "", "95", "—", ""],
        ["Sun 22 Nov", "2", "4", "3.5", "—", "6.5", "weakness"],
    ]


def test_report_lists_derived_red_flags_from_the_analysis(tmp_path, chart_diary, analysis):
    analysis["red_flags"].append(
        {
            "date": "2026-11-18",
            "kind": "hemifacial-pattern",
            "name": "hemifacial-spasm pattern",
            "source": "suggested by the entries",
            "note": "left eyelid and left cheek within two weeks",
        }
    )

    text = _text(_write(tmp_path, chart_diary, analysis))

    assert "Wed 18 Nov 2026: hemifacial-spasm pattern (suggested by the entries:" in text


def test_a_crowded_first_page_moves_the_chart_to_page_two(tmp_path, chart_diary, analysis):
    analysis["red_flags"] = [
        {"date": f"2026-11-{day:02d}", "kind": "other", "source": "logged", "note": "x " * 130} for day in range(1, 13)
    ]

    path = _write(tmp_path, chart_diary, analysis)

    reader = PdfReader(path)
    # the day table and the chart; then, on a page of their own, the red flags the box left out and the notes
    assert len(reader.pages) == 3
    first, second, third = (" ".join(page.extract_text().split()) for page in reader.pages)
    assert third.startswith("In full: what earlier pages cut short for room Red flags logged")
    assert "Sun 1 Nov 2026: another sign" in third and "Notes, " in third
    assert "Red flag, drooping of the face, mouth or eyelid: left eyelid felt heavy" in third
    assert "Week by week" not in first
    assert "Week by week" in second
    assert "Thu 12 Nov 2026: another sign" in first
    assert "and 6 earlier red flags" in first  # the box stops at eight lines


def test_days_with_twitches_not_answered_read_as_not_logged_never_zero():
    day = dt.date(2026, 11, 20)
    rows = [
        DailyRow(date=day, tracked=True, episodes=None, factors={"caffeine_mg": 95.0}),  # caffeine only
        DailyRow(date=day + dt.timedelta(days=1), tracked=True, episodes=0),
        DailyRow(date=day + dt.timedelta(days=2), tracked=True, episodes=2, max_intensity=3, mean_intensity=2.5),
    ]
    frame = daily_frame(rows, ["caffeine_mg"])

    lines = visit_report.summary_lines(frame, {}, [], date_to=rows[-1].date)
    _, table = visit_report.daily_table(
        frame, ["caffeine_mg"], UNITS, [], names=NAMES, date_to=rows[-1].date, date_from=day
    )

    assert (
        "Since 20 Nov 2026 (3 days): twitching on 1 day; twitches answered on 2 of 3 days; "
        "1 day has only other entries."
    ) in lines
    assert table[0][:4] == ["Fri 20 Nov", "—", "—", "—"]
    assert table[1][:2] == ["Sat 21 Nov", "0"]


@pytest.mark.parametrize(("run_days", "advice"), [(5, ""), (16, ": consider seeing a GP."), (41, ": see a doctor.")])
def test_the_report_words_the_run_as_analyze_and_insights_do(tmp_path, chart_diary, analysis, run_days, advice):
    """A run of 16 days reads "consider seeing a GP" on the page the clinician gets, as in
    `tracker analyze` and Insights, said from the spell's dates rather than as a day count."""
    end = chart_diary.end
    result = persistence([end - dt.timedelta(days=back) for back in range(run_days)], as_of=end).to_json()
    analysis["persistence"] = result

    text = " ".join(_text(_write(tmp_path, chart_diary, analysis)).split())

    assert spell_line(result) in text and "Status" not in text
    notice = notice_line(result)
    assert notice and notice in text and notice.endswith(advice or "if it goes on.")
    said = persistence_status_line(result)
    assert ("see a doctor" in said) == ("see a doctor" in notice) and ("GP" in said) == ("GP" in notice)
