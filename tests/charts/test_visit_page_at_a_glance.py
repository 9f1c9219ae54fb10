"""Page 1 of the visit report as a GP reads it in ten seconds: it always says where the twitching
is, no word is cut in two, no shell command is named, nothing is said twice, and every sign is in
a person's words."""

from __future__ import annotations

import re

from pypdf import PdfReader

from tracker.core.formatting import red_flag_words
from tracker.core.vocabulary import RedFlagKind

URGENT = ("weakness", "drooping", "speech", "swallowing")


def _pages(cli, tmp_path, *args: str) -> list[str]:  # type: ignore[no-untyped-def]
    out = tmp_path / "report.pdf"
    assert cli("report", "-o", str(out), *args).code == 0
    return [" ".join(page.extract_text().split()) for page in PdfReader(out).pages]


def _crowded(cli) -> None:  # type: ignore[no-untyped-def]
    """The demo diary with four signs that cannot wait logged two days ago, four others with a
    note the day before, and every question of the checklist answered no today: a full red-flag
    box on page 1."""
    assert cli("demo").code == 0
    for kind in URGENT:
        assert cli("log", "redflag", kind, "--date", "-2").code == 0
    for kind in ("eye-closure", "numbness", "body-spread", "wasting"):
        note = "noticed it in the mirror after lunch, lasted a while"
        assert cli("log", "redflag", kind, "--date", "-3", "--note", note).code == 0
    assert cli("checklist", "--no", "all").code == 0


def test_page_one_says_where_the_twitching_is_when_the_red_flags_crowd_it(cli, frozen, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _crowded(cli)

    first = _pages(cli, tmp_path)[0]

    # Every site and side of the demo diary is named on page 1, whatever moved to a later page.
    for site in ("left eyelid", "left cheek", "upper lip (center)", "lower lip (center)"):
        assert site in first, site
    if "Where and when, by week" not in first:  # the chart went on: site and side stand in words
        assert "Where (site and side, days twitching, first to last logged): left eyelid " in first


def test_no_word_on_any_page_is_cut_in_two(cli, frozen, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _crowded(cli)

    pages = _pages(cli, tmp_path)
    text = " ".join(pages)

    # A word ending in "…" is a whole word: the same word stands elsewhere in the report.
    words = set(re.findall(r"\w+(?![\w…])", text))
    cut = [word for word in re.findall(r"(\w+)…", text) if word not in words]
    assert not cut, cut


def test_the_urgent_signs_are_stated_for_the_clinician(cli, frozen, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _crowded(cli)

    first = _pages(cli, tmp_path)[0]

    assert "emergency" not in first  # the person's advice; the page states each sign, dated
    for words in ("weakness of the face", "drooping of the face, mouth or eyelid", "trouble speaking"):
        assert f"{words} (logged)" in first


def test_an_intervention_is_named_and_dated_once(cli, frozen, tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert cli("demo").code == 0

    pages = _pages(cli, tmp_path)
    first, text = pages[0], " ".join(pages)

    assert first.count("Magnesium") == 1, first
    # The period's coverage is said once, at the top of page 1, not again over the day table.
    coverage = first.split("visit summary ", 1)[1].split(". Prepared", 1)[0]
    assert "twitches answered on" in coverage and text.count(coverage) == 1


def test_no_page_names_a_command_or_a_backtick(cli, frozen, tmp_path) -> None:  # type: ignore[no-untyped-def]
    # Too few days for the trigger model, and a twitch note too long for the notes page.
    for day in ("2026-11-20", "2026-11-21", "2026-11-22"):
        assert cli("log", "twitch", "--date", day, "--location", "eyelid", "--side", "left").code == 0
        assert cli("log", "caffeine", "100", "--date", day).code == 0
    long_note = " ".join(f"word{number}" for number in range(400))
    assert cli("log", "twitch", "--date", "2026-11-23", "--location", "eyelid", "--note", long_note).code == 0

    text = " ".join(_pages(cli, tmp_path))

    assert "`" not in text
    commands = ("tracker ", "log none", "export csv", "--episodes", "intervention plan", "factor edit")
    assert not [command for command in commands if command in text]


def test_every_sign_is_named_in_a_persons_words(cli, frozen, tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert cli("demo").code == 0

    first = _pages(cli, tmp_path)[0]

    # Never the stored value ("weakness", "in-sleep"): the phrase a person says.
    for kind in RedFlagKind:
        assert red_flag_words(kind) != str(kind) or " " in str(kind), kind
        assert "-" not in red_flag_words(kind), kind
    assert "Not asked: weakness of the face; drooping of the face, mouth or eyelid;" in first


def test_the_checklist_says_what_it_recorded_and_for_which_day(cli, frozen) -> None:  # type: ignore[no-untyped-def]
    assert cli("log", "redflag", "drooping", "--date", "2026-11-20").code == 0

    answered = cli("checklist", "--no", "all")
    again = cli("checklist", "--no", "all")

    first, earlier = answered.out.splitlines()
    # Recorded: how many, the day, each in words; then the flag logged before, dated.
    assert first.startswith("recorded for 24 Nov 2026, answered no (13): not spreading to other parts of the face;")
    assert "no trouble swallowing" in first and "not seen while asleep" in first
    assert earlier == (
        "logged as red flags before: drooping of the face, mouth or eyelid on 20 Nov 2026 "
        "(the report shows both, each dated)"
    )
    # A second time, nothing is stored twice, and it says what was there already.
    assert again.out.startswith("already recorded for 24 Nov 2026, answered no: not spreading")


def test_a_twitch_logged_while_chewing_stands_dated_beside_a_no_to_chewing(cli, frozen, tmp_path) -> None:  # type: ignore[no-untyped-def]
    for day in ("2026-11-05", "2026-11-12"):
        chewing = ("--location", "cheek", "--side", "left", "--context", "chewing")
        assert cli("log", "twitch", "--date", day, *chewing).code == 0
    assert cli("log", "twitch", "--date", "2026-11-13", "--location", "cheek", "--side", "left").code == 0
    assert cli("checklist", "--no", "all", "--date", "2026-11-20").code == 0

    first = _pages(cli, tmp_path)[0]

    # The "no" is not printed among the others; the answer and the twitches stand together, dated.
    assert "not set off by chewing or other movements" not in first
    assert (
        "Set off by chewing or movement: answered no on 20 Nov 2026, but 2 twitches were logged while chewing, "
        "5 Nov–12 Nov 2026 (derived from the twitches' contexts)." in first
    )


def test_analyze_and_insights_name_a_new_medicine_as_the_report_does(cli, frozen, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import json

    from tracker.tui.screens.insights import medications_text

    for day in ("2026-11-10", "2026-11-12"):
        assert cli("log", "twitch", "--date", day, "--location", "eyelid", "--side", "left").code == 0
    assert cli("med", "add", "prednisolone", "--dose", "20 mg daily", "--started", "2026-11-01").code == 0

    text = cli("analyze").out
    insights = medications_text(json.loads(cli("analyze", "--json").out)["medications"])
    report = " ".join(_pages(cli, tmp_path))

    said = (
        "prednisolone 20 mg daily: from 1 Nov 2026, no stop date given; known to cause twitching in some people "
        "(corticosteroid); new medicine, derived: started 9 days before the twitching began"
    )
    assert said in " ".join(text.split())
    assert said in " ".join(insights.split())
    assert said in report


def test_a_week_is_named_by_its_monday_and_every_row_is_explained(cli, frozen, db_path, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    from tracker.report.site_chart import site_picture, sites_figure
    from tracker.storage.engine import open_database, session_scope
    from tracker.storage.history import load_history

    frozen.move_to(dt.datetime(2026, 12, 1, 9, 30, tzinfo=dt.UTC))
    for day in ("2026-11-02", "2026-11-16", "2026-11-30"):
        assert cli("log", "twitch", "--date", day, "--location", "eyelid", "--side", "left").code == 0
    assert cli("log", "none", "--date", "2026-11-18").code == 0  # a part-answered week: its count under the bar
    with session_scope(open_database(db_path)) as session:
        history = load_history(session=session)

    picture = site_picture(history.episodes, history.rows, [], date_from=history.start, date_to=history.end)
    labels = [label.get_text() for ax in sites_figure(picture).axes for label in ax.get_xticklabels()]
    text = " ".join(_pages(cli, tmp_path))

    # The week of Monday 30 Nov is "30 Nov", never "Dec 2026"; the columns say they are weeks.
    assert "Dec 2026" not in labels and "30 Nov" in labels and "2 Nov 2026" in labels
    assert "A column per week, named by its Monday." in text
    # The weekly chart's row of days answered, and its dates, are explained beside it.
    assert "Answered (the row under the bars): the days of that week whose twitches were answered" in text
    assert "Each bar is a week, Monday to Sunday; a date under the axis is a week's Monday." in text


def test_a_single_twitch_at_a_new_site_is_not_a_spread(cli, frozen, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt
    import json

    day = dt.date(2026, 11, 1)
    while day <= dt.date(2026, 11, 23):
        assert cli("log", "twitch", "--date", day.isoformat(), "--location", "eyelid", "--side", "left").code == 0
        day += dt.timedelta(days=1)
    assert cli("log", "twitch", "--date", "2026-11-10", "--location", "cheek", "--side", "left").code == 0

    flags = json.loads(cli("analyze", "--json").out)["red_flags"]
    text = " ".join(_pages(cli, tmp_path))

    assert not [flag for flag in flags if flag["kind"] == "spreading"]
    assert "(spreading)" not in text
    assert "Derived: left cheek only on 10 Nov 2026 (1 twitch on 1 day) while left eyelid went on: not counted" in text
    assert "Rule: a new site counts as spreading once it has twitched on 2 days or more while an earlier" in text

    # A second day at the cheek makes it a spread, said with the same rule.
    assert cli("log", "twitch", "--date", "2026-11-12", "--location", "cheek", "--side", "left").code == 0
    flags = json.loads(cli("analyze", "--json").out)["red_flags"]
    text = " ".join(_pages(cli, tmp_path))
    assert [flag for flag in flags if flag["kind"] == "spreading"]
    assert "Derived: left cheek began 10 Nov 2026 while left eyelid went on (spreading). Rule:" in text
