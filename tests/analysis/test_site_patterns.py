"""The patterns the entries suggest keep to what a clinician means by them: eye and mouth on one
side on the same days (not one week and the next), both eyelids as a pattern of its own, and
"recurrent" only for months with more than one twitch. Built through the CLI into a real file."""

from __future__ import annotations

import json

import pytest

from tests.helpers.diaries import TODAY, one_sided

pytestmark = pytest.mark.usefixtures("frozen")


def _twitch(cli, day: str, location: str, side: str) -> None:  # type: ignore[no-untyped-def]
    assert cli("log", "twitch", "--date", day, "--at", "10:00", "--location", location, "--side", side).code == 0


def _suggested(cli) -> dict[str, str]:  # type: ignore[no-untyped-def]
    result = json.loads(cli("analyze", "--json").out)
    return {flag["name"]: flag["note"] for flag in result["red_flags"] if flag["source"] != "logged"}


def test_eyelid_one_week_and_cheek_the_next_is_no_hemifacial_pattern(cli) -> None:
    for day in ("2026-11-10", "2026-11-11", "2026-11-12"):
        _twitch(cli, day, "eyelid", "left")
    for day in ("2026-11-18", "2026-11-19", "2026-11-20"):
        _twitch(cli, day, "cheek", "left")

    suggested = _suggested(cli)

    assert "hemifacial-spasm pattern" not in suggested
    # The eyelid had stopped a week before the cheek began: it moved, and the site history says
    # "moved, not spread" by the same rule, so no spreading is suggested either.
    assert "spreading" not in suggested


def test_eye_and_mouth_on_one_side_on_the_same_days_is_the_hemifacial_pattern(cli) -> None:
    for day in ("2026-11-17", "2026-11-18"):
        _twitch(cli, day, "eyelid", "right")
        _twitch(cli, day, "mouth-corner", "right")

    note = _suggested(cli)["hemifacial-spasm pattern"]

    assert "right eyelid and right cheek or mouth twitching on the same day, on 2 days" in note


def test_both_eyelids_together_is_named_as_its_own_pattern(cli) -> None:
    for day in ("2026-11-16", "2026-11-17", "2026-11-18"):
        _twitch(cli, day, "eyelid", "left")
        _twitch(cli, day, "eyelid", "right")

    suggested = _suggested(cli)

    assert "both eyelids twitching on the same day, on 3 days" in suggested["both-eyelids pattern"]
    assert "hemifacial-spasm pattern" not in suggested


def test_one_twitch_a_month_is_not_recurrent_and_the_rule_is_said(cli) -> None:
    for day in ("2026-08-05", "2026-09-05", "2026-10-05", "2026-11-05"):
        _twitch(cli, day, "eyelid", "left")
    assert json.loads(cli("analyze", "--json").out)["persistence"]["recurrent"] is False

    for day in ("2026-08-06", "2026-09-06", "2026-10-06"):
        _twitch(cli, day, "eyelid", "left")
    text = cli("analyze").out

    assert (
        "Twitching came back month after month: "
        "3 calendar months in a row or more, each with 2 twitches or more (the rule for \u201crecurrent\u201d)." in text
    )


def test_the_one_sided_diary_reads_as_hemifacial_in_the_report(tmp_path) -> None:
    from tracker.report.outputs import analysis_of

    history = one_sided(tmp_path / "tracker.db")

    names = {flag["name"] for flag in analysis_of(history, TODAY)["red_flags"]}

    assert "hemifacial-spasm pattern" in names and "both-eyelids pattern" not in names
