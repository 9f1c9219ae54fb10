"""Interventions come back from the analysis as typed, frozen results, and one wording module
says them: the sentence `analyze` prints, the `summary` of `analyze --json`, Insights and the
visit report are the same one."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from types import SimpleNamespace

import pytest

from tracker.analysis.interventions import InterventionEffect, intervention_effects
from tracker.core.daily import DailyRow
from tracker.report.wording import format_text, intervention_line

START = dt.date(2026, 3, 2)


def rows(before: list[int], after: list[int]) -> list[DailyRow]:
    first = START - dt.timedelta(days=len(before))
    counts = before + after
    return [DailyRow(date=first + dt.timedelta(days=i), tracked=True, episodes=c) for i, c in enumerate(counts)]


def test_an_intervention_effect_is_a_frozen_result_with_its_json() -> None:
    item = SimpleNamespace(name="magnesium", start_date=START, end_date=None, note="200 mg")
    [effect] = intervention_effects(rows([5, 4, 6, 5] * 14, [3, 2, 3, 2] * 7), [item], as_of=START + dt.timedelta(27))
    assert isinstance(effect, InterventionEffect) and effect.status == "ok"
    with pytest.raises(dataclasses.FrozenInstanceError):
        effect.status = "too-early"  # type: ignore[misc]  # the point: a result cannot be changed
    data = effect.to_json()
    assert data["start"] == "2026-03-02" and data["design"] == "before-after"
    assert "on_days" not in data and data["before_days"] == 56  # only its own design's counts
    assert intervention_line(data).startswith("magnesium (since 2 Mar 2026): 2.5 twitches a day")


def test_analyze_prints_the_wording_modules_sentence(run_analysis, make_diary) -> None:
    result = run_analysis(make_diary(days=150, seed=6, with_intervention=True))
    [effect] = result["interventions"]
    assert "summary" not in effect  # the analysis has no words of its own
    assert f"   {intervention_line(effect)}" in format_text(result).splitlines()


@pytest.mark.usefixtures("frozen")
def test_persistence_reads_the_same_in_analyze_and_insights(cli) -> None:
    """One run of twitching, still going: its current run is said once, in the same lines
    Insights shows; `analyze` used to repeat it as the longest run as well."""
    from tracker.tui.screens.insights import persistence_text

    for day in range(10, 25):
        assert cli("log", "twitch", "--at", f"2026-11-{day:02d}T08:00").code == 0
    text = cli("analyze").out
    section = text.split("1. How long it has lasted", 1)[1].split("2. Red flags", 1)[0]
    said = [line.strip() for line in section.splitlines() if line.strip()]
    assert said == [
        "Course to 2026-11-24: twitches logged on 15 days since 2026-11-10; the last on 2026-11-24 (the same day).",
        "Current spell (a spell ends after more than 3 days without a twitch): 2026-11-10 to 2026-11-24, 15 days, "
        "15 with twitching.",
        "Current spell: two-week notice (14 days in one spell) reached 23 Nov; "
        "four-week warning (28 days in one spell) on 7 Dec "
        "if it goes on: consider seeing a GP.",
    ]
    persistence = json.loads(cli("analyze", "--json").out)["persistence"]
    assert persistence_text(persistence).splitlines()[1:3] == said[:2]


@pytest.mark.usefixtures("frozen")
def test_a_red_flag_reads_the_same_in_analyze_and_insights(cli) -> None:
    """`analyze` said "(logged)" and the kind in words; Insights said "(you logged it)" and the
    kind as stored ("eye-closure")."""
    from tracker.tui.screens.insights import red_flags_text

    assert cli("log", "redflag", "eye-closure", "--date", "2026-11-22").code == 0
    line = "2026-11-22  eye forced shut (you logged it)"
    assert line in cli("analyze").out
    result = json.loads(cli("analyze", "--json").out)
    flags = result["red_flags"]
    logged = {"date": "2026-11-22", "kind": "eye-closure", "name": "eye-closure", "source": "logged", "note": ""}
    assert flags == [logged]
    assert line.replace("eye forced shut", "[b]eye forced shut[/b]") in red_flags_text(flags, result["as_of"])
