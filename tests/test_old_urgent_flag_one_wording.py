"""A sign that cannot wait (a droop, weakness, slurred speech, trouble swallowing) logged days
ago is said one way by every reader: when it was logged, and to call emergency services if it is
happening now; never "call emergency services today" as if it had been logged today."""

from __future__ import annotations

import json

import pytest
from pypdf import PdfReader

from tracker.tui.screens.insights import red_flags_text

pytestmark = pytest.mark.usefixtures("frozen")  # 2026-11-24 09:30, Europe/London

OLD = "logged 6 days ago: if it is happening now, call emergency services"
TODAY = "call emergency services today"


def test_a_droop_logged_six_days_ago_reads_the_same_in_log_analyze_insights_and_the_report(cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    cli("log", "twitch", "--location", "eyelid", "--side", "left", "--date", "2026-11-18")
    logged = cli("log", "redflag", "drooping", "--date", "2026-11-18", "--note", "left eyelid")
    analyzed = cli("analyze").out
    insights = red_flags_text(json.loads(cli("analyze", "--json").out)["red_flags"], "2026-11-24")
    out = tmp_path / "report.pdf"
    assert cli("report", "-o", str(out)).code == 0
    page = " ".join(PdfReader(out).pages[0].extract_text().split())

    for said in (logged.out, analyzed, insights):
        assert OLD in said
        assert TODAY not in said
    # The clinician's page says what was logged and when, in the person's words, not the advice.
    assert "Wed 18 Nov 2026: drooping of the face, mouth or eyelid (logged: left eyelid)" in page
    assert "emergency" not in page


def test_a_droop_logged_today_is_still_for_today(cli) -> None:  # type: ignore[no-untyped-def]
    cli("log", "twitch", "--location", "eyelid", "--side", "left")
    logged = cli("log", "redflag", "drooping")
    insights = red_flags_text(json.loads(cli("analyze", "--json").out)["red_flags"], "2026-11-24")

    for said in (logged.out, cli("analyze").out, insights):
        assert TODAY in said and "ago" not in said
