"""`tracker list` shows every kind of entry a day holds (the checklist's "no" answers, the onset,
medicines and plans begun or ended), never "nothing logged" on a day that holds any; its dates
take the words every other command takes, and a refusal names the option as typed."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.usefixtures("frozen")  # 2026-11-24 09:30, Europe/London


def test_a_day_of_checklist_answers_onset_and_a_medicine_is_listed_not_nothing(cli) -> None:
    assert cli("checklist", "--no", "weakness", "drooping", "--date", "2026-11-20").code == 0
    assert cli("onset", "2026-11-20").code == 0
    assert cli("med", "add", "prednisolone", "--dose", "20 mg", "--started", "2026-11-20", "--stopped", "-1").code == 0
    assert cli("intervention", "start", "no coffee", "--date", "2026-11-20").code == 0

    listed = cli("list", "--date", "20 nov")

    assert listed.code == 0 and "nothing logged" not in listed.out + listed.err
    lines = listed.out.splitlines()
    assert any("checklist answered: no weakness" in line and "no drooping" in line for line in lines)
    assert any("the twitching began" in line for line in lines)
    assert any(line.startswith("m1 ") and "started medication prednisolone 20 mg" in line for line in lines)
    assert any(line.startswith("i1 ") and "started intervention no coffee" in line for line in lines)
    assert "stopped medication prednisolone" in cli("list", "--date", "yesterday").out
    kinds = {item["type"] for item in json.loads(cli("list", "--date", "2026-11-20", "--json").out)}
    assert {"checklist_no", "onset", "medication_started", "intervention_started"} <= kinds
    assert "nothing logged on 2026-11-19" in cli("list", "--date", "19 nov").err


def test_list_takes_date_words_and_names_the_option_it_refuses(cli) -> None:
    cli("log", "twitch", "--at", "2026-11-21T08:00", "--location", "eyelid", "--note", "saturday")

    assert "saturday" in cli("list", "--from", "21 nov", "--to", "-2").out
    assert "saturday" in cli("list", "--from", "-3").out

    for option in ("--from", "--to", "--date"):
        refused = cli("list", option, "last week")
        assert refused.code == 2 and refused.err.startswith(f"tracker: error: {option}: 'last week'"), refused.err
